"""A calendar month named in a question about what to pay: a business rule.

"tháng 1 bà phải trả bao nhiêu", "lãi tháng 1 bao nhiêu", "tháng giêng trả bao nhiêu",
"tháng 01/2027 đóng bao nhiêu", "how much in January": the month named, and where it lies
from today (this month, next month, a month gone, one further ahead), so the answer is what
to pay in that month. Tháng giêng is the first month, tháng chạp the twelfth (lunar names
people use for January and December).

The year, when not said ("tháng 1/2027", "tháng 1 năm sau", "năm ngoái"), is the one that
puts the month nearest to today, ahead on a tie: in December "tháng 1" and "tháng 2" are
next year's, "tháng 11" is the one just gone.

A month named alone ("tháng giêng", "còn tháng 1 thì sao") asks what to pay in it; "t1" is
"tháng 1" written short, and "tháng 1 dong bn" asks what to pay ("đóng"), not "1 đồng".

Not a month: a number of months or an amount each month ("3 tháng 1 lần", "mỗi tháng 1
triệu", "tháng 1 đồng" typed with its marks), and a question whether a month's interest was
paid ("lãi tháng 5 tôi đã đóng chưa"), which asks about a payment, not what to pay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.nlu.normalize import raw_tokens, tokens

_NAMED = {"gieng": 1, "chap": 12, "muoi": 10, "muoi mot": 11, "muoi hai": 12}
_ENGLISH = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# After "tháng 1", words that make the number a count or an amount, not the month's. "đồng"
# only as typed with its marks: "tháng 1 dong bn" is "đóng" (pay), asked of the month.
_NOT_A_MONTH_AFTER = frozenset({"lan", "trieu", "tr", "ngan", "nghin", "k"})
_CURRENCY = re.compile(r"\b(?:th(?:á|a)ng|thg)\s*\d{1,2}\s*(?:đồng|đ|vnđ|vnd)(?:\s|$)", re.I)
# "t1", "th1", "thg1", "t.1": "tháng 1" written short.
_SHORT = re.compile(r"^(?:t|th|thg)\.?(\d{1,2})$")
# A month named alone, with only the words around a question ("tháng giêng", "còn tháng 1
# thì sao", "tháng giêng nha con"): what to pay in it.
_AROUND_A_MONTH = frozenset(
    {"con", "ba", "ong", "bac", "co", "chu", "thi", "sao", "nha", "nhe", "ha", "vay", "a"}
    | {"ne", "the", "nao", "roi", "oi", "dc", "duoc", "khong", "ko", "hong", "hok", "luon"}
)
_NUMBER = re.compile(r"^(\d{1,2})(?:[/.-](\d{4}|\d{2}))?$")
# Words that ask what is to be paid or owed.
_ASKS_AMOUNT = frozenset(
    {"bao", "bn", "nhieu", "nhiu", "tra", "dong", "nop", "lai", "goc", "pay", "owe", "due"}
    | {"much", "interest", "total", "tong"}
)


@dataclass(frozen=True)
class MonthNamed:
    month: date  # its first day
    where: str  # "this", "next", "past" or "ahead" (two months or more from today)


def _year_said(words: list[str], today: date) -> int | None:
    said = " ".join(words)
    if re.search(r"\b(?:nam sau|nam toi|next year)\b", said):
        return today.year + 1
    if re.search(r"\b(?:nam ngoai|nam truoc|nam roi|last year)\b", said):
        return today.year - 1
    if re.search(r"\b(?:nam nay|this year)\b", said):
        return today.year
    found = re.search(r"\b(?:nam|year) (20\d\d)\b", said)
    return int(found.group(1)) if found else None


def _month_number(words: list[str]) -> tuple[int, int | None] | None:
    """The month (and the year written with it, "01/2027") a Vietnamese "tháng …" names."""
    for index, word in enumerate(words[:-1]):
        if word not in ("thang", "thg"):
            continue
        if index and words[index - 1].isdigit():
            continue  # "3 tháng 1 lần": a number of months
        following = words[index + 1]
        after = words[index + 2] if index + 2 < len(words) else ""
        two = f"{following} {after}"
        if two in _NAMED:
            return _NAMED[two], None
        if following in _NAMED and following != "muoi":
            return _NAMED[following], None
        if following == "muoi" and after not in ("tr", "trieu", "ngan", "nghin", "k"):
            return 10, None
        number = _NUMBER.match(following)
        if number is None or after in _NOT_A_MONTH_AFTER or after == "d":
            continue
        month = int(number.group(1))
        year = number.group(2)
        if 1 <= month <= 12:
            return month, (int(year) + 2000 if len(year) == 2 else int(year)) if year else None
    return None


def _spelled_out(words: list[str]) -> list[str]:
    """ "t1 đóng bn" read as "tháng 1 đóng bn"."""
    out: list[str] = []
    for word in words:
        short = _SHORT.match(word)
        out += ["thang", short.group(1)] if short else [word]
    return out


def _only_a_month(words: list[str]) -> bool:
    """The message is a month named and nothing else but the words around a question."""
    rest = [w for w in words if w not in ("thang", "thg") and w not in _NAMED and not w.isdigit()]
    return all(word in _AROUND_A_MONTH for word in rest)


def _english_month(words: list[str]) -> int | None:
    for index, word in enumerate(words):
        if word in _ENGLISH:
            previous = words[index - 1] if index else ""
            if word == "may" and previous not in ("in", "for", "of", "during"):
                continue  # "may I ask": not May
            return _ENGLISH.index(word) + 1
    return None


def _placed(month: int, year: int | None, today: date) -> date:
    if year is not None:
        return date(year, month, 1)
    ahead = (month - today.month) % 12
    if ahead <= 12 - ahead:
        return date(today.year + (today.month + ahead > 12), month, 1)
    return date(today.year - (month > today.month), month, 1)


def _months_from(today: date, month: date) -> int:
    return (month.year - today.year) * 12 + month.month - today.month


def month_named(text: str, today: date) -> MonthNamed | None:
    """The month a question about what to pay names, placed from `today`; None when it names
    none or does not ask an amount."""
    words = _spelled_out(tokens(text))
    typed = raw_tokens(text)  # English is read as typed ("how much" is not "ho much")
    if _CURRENCY.search(text):
        return None  # "mỗi tháng 1 đồng": an amount
    asks = _ASKS_AMOUNT.intersection(words) or _ASKS_AMOUNT.intersection(typed)
    if "chua" in words and ({"da", "roi"} & set(words)):
        return None  # "lãi tháng 5 tôi đã đóng chưa": was it paid
    found = _month_number(words)
    if not asks and not (found is not None and _only_a_month(words)):
        return None
    if found is None:
        english = _english_month(typed)
        if english is None:
            return None
        found = english, None
    month, year = found
    first = _placed(month, year if year is not None else _year_said(words, today), today)
    distance = _months_from(today, first)
    where = {0: "this", 1: "next"}.get(distance, "past" if distance < 0 else "ahead")
    return MonthNamed(first, where)
