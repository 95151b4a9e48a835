"""Whether an officer asks for a month's summary ("tổng kết tháng 11 xã ĐT", "báo cáo bảng kê
tháng trước", "summary for November"), and which month: (year, month), the latest one of that
number not after today. Pure text reading."""

from __future__ import annotations

import re
from datetime import date

from locales.textfold import fold

_SUMMARY = re.compile(r"\b(?:tong ket|bao cao|tong hop|ket qua|summary|report|recap|overview)\b")
_MONTH = re.compile(r"\b(?:thang|th|month)\s*(\d{1,2})\b|\b(\d{1,2})/(\d{4})\b")
_THIS = re.compile(r"\b(?:thang nay|this month)\b")
_LAST = re.compile(r"\b(?:thang truoc|thang roi|last month|previous month)\b")
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def _month_named(folded: str, today: date) -> tuple[int, int] | None:
    if _THIS.search(folded):
        return today.year, today.month
    if _LAST.search(folded):
        return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    found = _MONTH.search(folded)
    if found is not None and found.group(2):
        month, year = int(found.group(2)), int(found.group(3))
        return (year, month) if 1 <= month <= 12 else None
    number = int(found.group(1)) if found is not None else None
    if number is None:
        words = set(folded.split())
        number = next((n for name, n in _MONTH_NAMES.items() if name in words), None)
    if number is None or not 1 <= number <= 12:
        return None
    return (today.year, number) if number <= today.month else (today.year - 1, number)


def month_summary_asked(text: str, today: date) -> tuple[int, int] | None:
    """The (year, month) a summary question asks about, or None: no such question."""
    folded = " ".join(fold(text).replace("?", " ").replace(",", " ").split())
    if not _SUMMARY.search(folded):
        return None
    return _month_named(folded, today)
