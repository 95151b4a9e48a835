"""Reading what a group leader types about the tally: one member's payment ("lãi 200k, gửi
100k", "vắng", "đủ", "0") or the group's totals ("thu lãi 4tr25, tiết kiệm 1tr8").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu.amounts import extract_amounts
from locales.textfold import fold

# A single member's payment above this is a typing slip, not money a leader carries home.
ABSURD_AMOUNT = 100_000_000


@dataclass(frozen=True)
class Answer:
    """What the leader said about one member; None fields are left as they were."""

    interest: int | None = None
    savings: int | None = None
    principal_from_savings: int | None = None
    absent: bool = False
    in_full: bool = False


class NotUnderstood(ValueError):
    """The answer names no amount or state the tally can use."""


_ABSENT = ("vang", "khong nop", "chua nop", "khong dong", "chua dong", "khong co tien")
_IN_FULL = ("du", "nop du", "dong du", "day du", "da nop du", "da dong du")
_KEYWORDS = (
    ("principal", ("tra goc", "thu goc", "goc")),
    ("interest", ("tien lai", "lai")),
    ("savings", ("tiet kiem", "tien gui", "gui", "tk")),
)


def _segments(folded: str) -> list[tuple[str, str]]:
    """Split "lai 200k, gui 100k" into [("interest", " 200k, "), ("savings", " 100k")]."""
    marks: list[tuple[int, int, str]] = []
    for field, words in _KEYWORDS:
        for word in words:
            for m in re.finditer(rf"\b{word}\b", folded):
                if not any(s <= m.start() < e for s, e, _f in marks):
                    marks.append((m.start(), m.end(), field))
    marks.sort()
    segments = []
    for index, (_start, end, field) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else len(folded)
        segments.append((field, folded[end:stop]))
    return segments


def parse_answer(text: str) -> Answer:
    """ "lãi 200k, gửi 100k", "vắng", "0", "đủ", "lai 150 nghin", "gui 50k tra goc 1tr"."""
    folded = fold(text).strip()
    if not folded or re.search(r"(?:^|\s)-\s*\d", folded):  # empty, or a negative amount
        raise NotUnderstood(text)
    if any(re.search(rf"\b{word}\b", folded) for word in _ABSENT):
        return Answer(absent=True)
    if folded in ("0", "khong", "0 0", "0d"):
        return Answer(interest=0, savings=0)
    if folded in _IN_FULL:
        return Answer(in_full=True)
    values: dict[str, int] = {}
    for field, segment in _segments(folded):
        amounts = extract_amounts(segment)
        if not amounts and re.search(r"\b0\b|\bkhong\b", segment):
            amounts = [0]
        if amounts:
            values[field] = amounts[0]
    if not values:
        amounts = extract_amounts(folded)
        if len(amounts) == 1:
            values["interest"] = amounts[0]  # a bare amount is the interest paid
        elif len(amounts) == 2:
            values["interest"], values["savings"] = amounts
        else:
            raise NotUnderstood(text)
    for amount in values.values():
        if amount < 0 or amount > ABSURD_AMOUNT:
            raise NotUnderstood(text)
    return Answer(
        interest=values.get("interest"),
        savings=values.get("savings"),
        principal_from_savings=values.get("principal"),
    )


@dataclass(frozen=True)
class TypedTotals:
    """Group totals the leader typed in one message ("thu lãi 4tr25, tiết kiệm 1tr8")."""

    interest: int | None
    savings: int | None


def parse_totals(text: str) -> TypedTotals | None:
    """Group totals, when the message is about the whole group's collection."""
    folded = fold(text)
    if not re.search(r"\b(tong|ca to|thu lai|thu duoc|tong cong)\b", folded):
        return None
    try:
        answer = parse_answer(text)
    except NotUnderstood:
        return None
    if answer.interest is None and answer.savings is None:
        return None
    return TypedTotals(answer.interest, answer.savings)
