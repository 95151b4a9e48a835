"""The collection tally (Bảng kê 13/TD) as plain rules: a member's line, what a leader's
answer about a member means, the group's totals and the warnings before submitting.

A line starts as "paid what was due": the interest due (this month's plus carried over) and
the group's minimum savings. The leader only describes exceptions. Principal is never
collected by the leader (domain.md §0.1); the only principal on the form is the part repaid
from the member's savings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.nlu.amounts import extract_amounts
from locales.textfold import fold

# A single member's payment above this is a typing slip, not money a leader carries home.
ABSURD_AMOUNT = 100_000_000


@dataclass(frozen=True)
class Line:
    customer_id: int
    name: str
    code: str
    contracts: str
    loan_id: int | None
    outstanding: int
    interest_due: int
    min_savings: int
    interest_collected: int
    savings_deposited: int
    principal_from_savings: int = 0
    absent: bool = False

    @property
    def interest_unpaid(self) -> int:
        return max(self.interest_due - self.interest_collected, 0)

    @property
    def changed(self) -> bool:
        return (
            self.absent
            or self.interest_collected != self.interest_due
            or self.savings_deposited != self.min_savings
            or self.principal_from_savings != 0
        )

    def as_paid_in_full(self) -> Line:
        return replace(
            self,
            interest_collected=self.interest_due,
            savings_deposited=self.min_savings,
            principal_from_savings=0,
            absent=False,
        )


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


def apply(line: Line, answer: Answer) -> Line:
    if answer.absent:
        return replace(
            line, interest_collected=0, savings_deposited=0, principal_from_savings=0, absent=True
        )
    if answer.in_full:
        return line.as_paid_in_full()
    return replace(
        line,
        interest_collected=line.interest_collected if answer.interest is None else answer.interest,
        savings_deposited=line.savings_deposited if answer.savings is None else answer.savings,
        principal_from_savings=(
            line.principal_from_savings
            if answer.principal_from_savings is None
            else answer.principal_from_savings
        ),
        absent=False,
    )


@dataclass(frozen=True)
class Totals:
    interest_due: int
    interest_collected: int
    interest_unpaid: int
    savings_collected: int
    principal_from_savings: int

    @property
    def cash_to_hand_over(self) -> int:
        """What the leader carries to the transaction point: interest and savings collected.
        (Principal repaid from savings moves inside the member's account, not in cash.)"""
        return self.interest_collected + self.savings_collected


def totals(lines: list[Line]) -> Totals:
    return Totals(
        sum(x.interest_due for x in lines),
        sum(x.interest_collected for x in lines),
        sum(x.interest_unpaid for x in lines),
        sum(x.savings_deposited for x in lines),
        sum(x.principal_from_savings for x in lines),
    )


@dataclass(frozen=True)
class Warnings:
    over_collected: list[Line]  # interest collected above what was due
    below_minimum: list[Line]  # savings under the group's minimum (absent members excluded)
    unpaid: list[Line]  # still owing interest (absent members included)


def warnings(lines: list[Line]) -> Warnings:
    return Warnings(
        [x for x in lines if x.interest_collected > x.interest_due],
        [x for x in lines if not x.absent and x.savings_deposited < x.min_savings],
        [x for x in lines if x.interest_unpaid > 0],
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


def differences(lines: list[Line], typed: TypedTotals) -> tuple[int, int]:
    """(interest, savings): typed total minus what the lines add up to; 0 when not typed."""
    now = totals(lines)
    interest = 0 if typed.interest is None else typed.interest - now.interest_collected
    savings = 0 if typed.savings is None else typed.savings - now.savings_collected
    return interest, savings
