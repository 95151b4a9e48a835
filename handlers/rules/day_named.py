"""Whether a question names one day ("mai đi giao dịch ở đâu", "hôm nay có giao dịch không",
"ngày 5 có phiên ko", "thứ Năm"), so that a session answer can say first that there is none
that day when the session is on another. Months and weeks ("tháng sau", "tuần sau") name no
single day."""

from __future__ import annotations

import re

from locales.textfold import fold

_DAY = re.compile(
    r"\b(?:mai|ngay mai|hom nay|bua nay|ngay\s*\d{1,2}|\d{1,2}\s*/\s*\d{1,2}"
    r"|thu\s*(?:[2-7]|hai|ba|tu|nam|sau|bay)|chu nhat|cn|today|tomorrow"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)


def names_a_day(text: str) -> bool:
    return _DAY.search(fold(text).lower()) is not None
