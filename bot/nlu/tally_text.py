"""Reading what a group leader types about the tally: one member's payment ("lãi 200k, gửi
100k", "175k lãi, 25k tk", "vắng", "chưa có tiền", "đủ", "0") or the group's totals ("thu
lãi 4tr25, tiết kiệm 1tr8").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu.amounts import Amount, fold_for_amounts, names_something, read_amounts
from bot.nlu.normalize import fold_for_numbers

# A single member's payment above this is a typing slip, not money a leader carries home.
ABSURD_AMOUNT = 100_000_000


@dataclass(frozen=True)
class Answer:
    """What the leader said about one member; None fields are left as they were.

    `doubtful` when an amount was read from words, slang or a bare number taken as thousands
    ("trăm hai", "2 lít", "lãi 275"): the bot should echo it back before using it."""

    interest: int | None = None
    savings: int | None = None
    principal_from_savings: int | None = None
    absent: bool = False
    in_full: bool = False
    doubtful: bool = False


class NotUnderstood(ValueError):
    """The answer names no amount or state the tally can use."""


class OverCap(NotUnderstood):
    """An amount was read, and it is over what one member can pay (`cap`)."""

    def __init__(self, text: str, amount: int, cap: int = ABSURD_AMOUNT) -> None:
        super().__init__(text)
        self.amount = amount
        self.cap = cap


# Nothing paid: absent, excused ("khất"), no money yet, not collected, in English too.
_ABSENT = re.compile(
    r"\b(?:vang|nghi|khat|absent|unpaid|nothing"
    r"|(?:khong|chua)\s+(?:co\s+tien|(?:dong|nop|dua|tra|thu)(?:\s+duoc)?)"
    r"|(?:did|has|have|had|does|do)(?:n['’ ]?t|\s+not)\s+(?:pay|paid)"
    r"|not\s+(?:pay|paid)|no\s+(?:payment|money)|(?:paid|pay)\s+nothing|nothing\s+paid"
    r")\b"
)
_IN_FULL = ("du", "nop du", "dong du", "day du", "da nop du", "da dong du")
_KEYWORDS = (
    ("principal", ("tra goc", "thu goc", "goc")),
    ("interest", ("tien lai", "lai")),
    ("savings", ("tiet kiem", "tien gui", "gui", "tk")),
)
_FIELD_WORDS = {word: field for field, words in _KEYWORDS for word in words}
# "ko gửi", "hông đóng lãi", "chưa gửi tiết kiệm": that field is 0.
_NOTHING_FOR = re.compile(
    r"\b(?:khong|chua)\s+(?:co\s+)?(?:(?:dong|nop|dua|tra)\s+)?"
    r"(tra goc|thu goc|goc|tien lai|lai|tiet kiem|tien gui|gui|tk)\b"
)
_NOT = re.compile(r"(?<![\d.,])(?<![\d.,] )\b(?:ko|k|kh|hk|hok|hong|khg|kg|hem|hum)\b(?=\s+[a-z])")
_ZERO = re.compile(
    r"(?:(?:dong|nop|gui|tra|paid)\s+)?(?:0|khong|zero|nothing|none)(?:\s*(?:d|dong|vnd|k))?"
    r"(?:\s+(?:0|khong)(?:\s*(?:d|dong|vnd|k))?)*"
)
# "kdong", "kgui": không glued to the verb (not after digits: "500kdong" is 500k đồng).
_JOINED_NOT = re.compile(
    r"(?<![\d.,])(?<![\d.,] )\b(?:k|ko|kh|hk|khg|kg)(dong|nop|gui|tra|co|dua)\b"
)
# A negative amount: a minus touching the digits, or after a field's word ("gửi - 50k"); a
# dash between a name and the amount ("Hưng - 300k") is not one.
_NEGATIVE = re.compile(
    r"(?:^|\s)-\d|(?:^|\b(?:lai|gui|tk|tiet kiem|goc|nop|dong|tra))\s*:?\s*-\s*\d"
)
# "0", "0đ", "nộp 0 đồng" among other words ("Sơn Thị Ly nộp 0đ").
_ZERO_WORD = re.compile(r"(?<![\d.,])\b0+(?:\s*(?:d|dong|vnd|k))?\b(?![.,]\d)")
_NOT_ALONE = {"ko", "k", "kh", "hk", "hok", "hong", "khg", "kg", "hem", "hum"}
_BARE = re.compile(r"\d{1,3}")
# A member named, then a bare number ("bà Đào 95"): thousands, to be echoed.
_NAMED_BARE = re.compile(r"(?=[^\d]*[a-z·])[^\d]{1,60}\s(\d{2,3})")


def _folded(text: str) -> str:
    """Folded, with the ways of writing "không" before a word made one."""
    folded = fold_for_amounts(text)
    if "k" in folded:
        folded = _JOINED_NOT.sub(r"khong \1", folded)
    return _NOT.sub("khong", folded)


def _segments(folded: str) -> list[tuple[str | None, int, str]]:
    """Split "lai 200k, gui 100k" into [(None, 0, ""), ("interest", 3, " 200k, "),
    ("savings", 12, " 100k")]: what comes before the first field's word, then each field."""
    marks: list[tuple[int, int, str]] = []
    for field, words in _KEYWORDS:
        for word in words:
            for m in re.finditer(rf"\b{word}\b", folded):
                if not any(s <= m.start() < e for s, e, _f in marks):
                    marks.append((m.start(), m.end(), field))
    marks.sort()
    segments: list[tuple[str | None, int, str]] = [
        (None, 0, folded[: marks[0][0]] if marks else folded)
    ]
    for index, (_start, end, field) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else len(folded)
        segments.append((field, end, folded[end:stop]))
    return segments


def _fields(folded: str) -> tuple[dict[str, tuple[int, Amount]], list[Amount]]:
    """Each field's amount with where it is, and every amount read (where it starts).

    A field's word takes the amount after it ("lãi 200k"); when nothing follows it, the amount
    just before it ("200k lãi, gửi 50k"). When the message starts with an amount and its last
    word has none after it, every amount comes before its word ("175k lãi, 25k tk")."""
    values: dict[str, tuple[int, Amount]] = {}
    for m in _NOTHING_FOR.finditer(folded):
        values.setdefault(_FIELD_WORDS[m.group(1)], (m.start(), Amount(0, m.start())))
    read: list[tuple[str | None, list[Amount]]] = []
    for field, offset, segment in _segments(folded):
        amounts = [Amount(a.value, offset + a.start, a.spoken) for a in read_amounts(segment)]
        if field and not amounts and re.search(r"\b0\b|\bkhong\b", segment):
            amounts = [Amount(0, offset)]
        read.append((field, amounts))
    every = [a for _f, amounts in read for a in amounts]
    labelled = read[1:]
    before_words = bool(read[0][1]) and bool(labelled) and not labelled[-1][1]
    taken: set[int] = set()
    for index, (field, amounts) in enumerate(labelled):
        assert field is not None
        if field in values:
            continue
        earlier = [a for a in read[index][1] if a.start not in taken]
        if before_words and earlier:
            pick = earlier[-1]
        elif amounts:
            pick = amounts[0]
        elif earlier:
            pick = earlier[-1]
        else:
            continue
        taken.add(pick.start)
        values[field] = (pick.start, pick)
    return values, every


def _read(text: str) -> tuple[Answer, int | None]:
    """The answer, and the first amount as written (0 when nothing was paid)."""
    folded = _folded(text).strip()
    if folded in _NOT_ALONE:  # "ko": nothing paid
        folded = "khong"
    if not folded or _NEGATIVE.search(folded):  # empty, or a negative amount
        raise NotUnderstood(text)
    if re.search(r"\bvang\b", folded):
        return Answer(absent=True), 0
    if _ZERO.fullmatch(folded):
        return Answer(interest=0, savings=0), 0
    if folded in _IN_FULL:
        return Answer(in_full=True), None
    values, every = _fields(folded)
    if not values:
        if _ABSENT.search(folded):
            return Answer(absent=True), 0
        amounts = read_amounts(folded)
        if not amounts and _BARE.fullmatch(folded):  # "200" alone: 200 nghìn, to be echoed
            amounts = [Amount(int(folded) * 1_000, 0, spoken=True)]
        named = None if amounts or names_something(folded) else _NAMED_BARE.fullmatch(folded)
        if named:  # "bà Đào 95" (but not "tổ 12", "ấp 3")
            amounts = [Amount(int(named.group(1)) * 1_000, named.start(1), spoken=True)]
        if not amounts and _ZERO_WORD.search(folded):  # "Sơn Thị Ly nộp 0đ"
            return Answer(interest=0, savings=0), 0
        if len(amounts) == 1:
            values["interest"] = (amounts[0].start, amounts[0])  # a bare amount: the interest
        elif len(amounts) == 2:
            values["interest"] = (amounts[0].start, amounts[0])
            values["savings"] = (amounts[1].start, amounts[1])
        else:
            raise NotUnderstood(text)
        every = amounts
    for _start, amount in values.values():
        if amount.value < 0:
            raise NotUnderstood(text)
        if amount.value > ABSURD_AMOUNT:
            raise OverCap(text, amount.value)
    answer = Answer(
        interest=values["interest"][1].value if "interest" in values else None,
        savings=values["savings"][1].value if "savings" in values else None,
        principal_from_savings=values["principal"][1].value if "principal" in values else None,
        doubtful=any(amount.spoken for _s, amount in values.values()),
    )
    # The first amount written, whether or not a field took it ("đóng 400k, trong đó lãi
    # 300k, tiết kiệm 100k" starts with 400.000).
    first_start, first = min(values.values(), key=lambda v: v[0])
    earliest = min(every, key=lambda a: a.start, default=first)
    return answer, earliest.value if earliest.start < first_start else first.value


def parse_answer(text: str) -> Answer:
    """ "lãi 200k, gửi 100k", "vắng", "0", "đủ", "lai 150 nghin", "gui 50k tra goc 1tr",
    "ko gửi" (savings 0), "lãi 1 trăm 2" (120.000, doubtful).

    Raises NotUnderstood, or its OverCap when an amount was read but is over the cap."""
    return _read(text)[0]


def first_amount(text: str) -> int | None:
    """The first amount the leader typed, 0 when they said the member paid nothing; None when
    the answer is not understood or names no amount ("đủ")."""
    try:
        return _read(text)[1]
    except NotUnderstood:
        return None


@dataclass(frozen=True)
class TypedTotals:
    """Group totals the leader typed in one message ("thu lãi 4tr25, tiết kiệm 1tr8")."""

    interest: int | None
    savings: int | None


def parse_totals(text: str) -> TypedTotals | None:
    """Group totals, when the message is about the whole group's collection."""
    folded = fold_for_numbers(text)
    if not re.search(r"\b(tong|ca to|thu lai|thu duoc|tong cong)\b", folded):
        return None
    try:
        answer = parse_answer(text)
    except NotUnderstood:
        return None
    if answer.interest is None and answer.savings is None:
        return None
    return TypedTotals(answer.interest, answer.savings)
