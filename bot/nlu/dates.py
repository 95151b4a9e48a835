"""Dates in what people type, relative to an injected `today`.

`15/12/2026`, `15-12-2026`, `15/12` (the next such date), `ngày 15 tháng 12 năm 2026`,
`mùng 5 tháng 1`, `ngày 15`, `hôm nay`, `ngày mai`, `ngày mốt`, `hôm qua`, `tuần sau`,
`tháng sau` (the 1st of next month), weekdays (`thứ Bảy`, `T7`, `chủ nhật`, `chủ nhựt`,
`chúa nhật`, `CN`: the next such day, today included). Lunar dates (`mùng 10 âm`) are not converted.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from bot.nlu.normalize import fold_for_numbers

WEEKDAYS = {  # Monday = 0; the weekday words after "thứ" (or "t"), folded
    "hai": 0,
    "2": 0,
    "ba": 1,
    "3": 1,
    "tu": 2,
    "4": 2,
    "nam": 3,
    "5": 3,
    "sau": 4,
    "6": 4,
    "bay": 5,
    "7": 5,
}
# English weekday names: the next such day, as "thứ Bảy" is.
EN_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
# Behind a look-ahead for the first letters any date can start with, so the regex engine skips
# to them (half the time of the pattern alone).
_PATTERNS = re.compile(
    r"(?=[\dnmhtcwfs])(?:"
    r"(?P<full>\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>\d{4}|\d{2}))?\b)"
    r"|(?P<words>\b(?:ngay|mung|mong)\s+(?P<wd>\d{1,2})(?![/.-]\d)(?:\s+thang\s+(?P<wm>\d{1,2})"
    r"(?:\s+nam\s+(?P<wy>\d{4}))?)?(?P<lunar>\s+(?:am|al|am lich))?\b)"
    r"|(?P<rel>\bhom nay\b|\bhnay\b|\bngay mai\b|\bmai\b|\bngay mot\b|\bhom qua\b"
    r"|\btuan (?:sau|toi)\b|\bthang (?:sau|toi)\b)"
    r"|(?P<weekday>\b(?:thu\s+(?P<wk>hai|ba|tu|nam|sau|bay|[2-7]))\b|\bt(?P<tk>[2-7])\b"
    r"|\bchua? nh[au]t\b|\bcn\b)"
    r"|(?P<en>\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow)\b)"
    r")"
)


# Every date above has a digit or one of these words.
_MAYBE = re.compile(r"\d|\b(?:hom|hnay|mai|mot|tuan|thang|thu|chua?|cn|today|tomorrow|\w+day)\b")
_DIGIT = re.compile(r"\d")  # one of _MAYBE's alternatives, alone
DATE_PATTERN = _PATTERNS  # for readers that need where each date is written


def _next_month(today: date) -> date:
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_day_and_month(today: date, day: int, month: int) -> date | None:
    """The next date with this day and month, today included."""
    for year in (today.year, today.year + 1, today.year + 2, today.year + 3, today.year + 4):
        found = _valid(year, month, day)
        if found and found >= today:
            return found
    return None


def _next_day_of_month(today: date, day: int) -> date | None:
    """`ngày 15`: this month's 15th if still ahead, else next month's (a short month's last)."""
    if not 1 <= day <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(2):
        last = calendar.monthrange(year, month)[1]
        found = date(year, month, min(day, last))
        if found >= today:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def extract_dates(text: str, today: date) -> list[date]:
    """Every date in `text`, in the order written, as calendar dates."""
    folded = fold_for_numbers(text)
    found: list[date] = []
    if not (_DIGIT.search(folded) or _MAYBE.search(folded)):  # a digit: found at once
        return found
    for m in _PATTERNS.finditer(folded):
        result: date | None = None
        if m.group("full"):
            day, month = int(m.group("d")), int(m.group("m"))
            if m.group("y"):
                year = int(m.group("y"))
                result = _valid(year + 2000 if year < 100 else year, month, day)
            else:
                result = _next_day_and_month(today, day, month)
        elif m.group("words"):
            if m.group("lunar"):
                continue
            day = int(m.group("wd"))
            if m.group("wy") and m.group("wm"):
                result = _valid(int(m.group("wy")), int(m.group("wm")), day)
            elif m.group("wm"):
                result = _next_day_and_month(today, day, int(m.group("wm")))
            else:
                result = _next_day_of_month(today, day)
        elif m.group("rel"):
            rel = m.group("rel")
            result = {
                "hom nay": today,
                "hnay": today,
                "ngay mai": today + timedelta(days=1),
                "mai": today + timedelta(days=1),
                "ngay mot": today + timedelta(days=2),
                "hom qua": today - timedelta(days=1),
            }.get(rel)
            if rel.startswith("tuan"):
                result = today + timedelta(days=7)
            elif rel.startswith("thang"):
                result = _next_month(today)
        elif m.group("en"):
            word = m.group("en")
            if word in EN_WEEKDAYS:
                result = today + timedelta(days=(EN_WEEKDAYS[word] - today.weekday()) % 7)
            else:
                result = today + timedelta(days=1 if word == "tomorrow" else 0)
        else:
            key = m.group("wk") or m.group("tk")
            weekday = 6 if key is None else WEEKDAYS[key]
            result = today + timedelta(days=(weekday - today.weekday()) % 7)
        if result is not None:
            found.append(result)
    return found
