"""Money amounts in what people type, in order, as integer đồng.

`1.250.000đ`, `1,250,000`, `1tr2`, `4tr25`, `275k`, `275 nghìn`, `1,5 triệu`, `2 triệu rưỡi`,
`nửa triệu`, `12 triệu 500 nghìn`, `1 tỷ 2`, `hai trăm nghìn`, `2 lít`, `1 củ`. Not amounts:
percentages, phone and ID numbers, dates and times, and numbers that name something
(`tổ 12`, `ấp 3`, `ngày 15`, `dòng 5`, `tháng 12`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.nlu.normalize import fold_for_numbers

_NUMBER = r"\d+(?:[.,]\d+)*"
# Spans that look like numbers but are not money; removed before amounts are read.
_NOT_MONEY = re.compile(
    r"(?<![\d.,])\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?!\d|[.,]\d)"  # dates
    r"|\d{1,2}\s*(?:h|g|gio)\s*\d{0,2}(?:p|phut)?\b"  # times: 7h30, 14 gio
    r"|" + _NUMBER + r"\s*(?:%|phan tram)"  # percentages
    r"|\+?84\d{9,10}\b|\b0\d{9,10}\b|\b\d{12}\b"  # phones and CCCD numbers
    r"|\b(?:to|ap|soc|khom|thon|ngay|mung|thang|nam|dong|thu|lan|so|ky|tuan|xa|nhom|stt"
    r"|muc|cau|tiet|trang|phong|tang|lop|khoan|mon|ho|nguoi|hop dong|ma)\s*\d+\b"
    r"(?![.,]\d|\s*(?:k|nghin|ngan|ng|trieu|tr|cu|ty|ti|lit|d|vnd|dong)\b)",
)
_UNITS = {
    "k": 1_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "ng": 1_000,
    "trieu": 1_000_000,
    "tr": 1_000_000,
    "cu": 1_000_000,
    "ty": 1_000_000_000,
    "ti": 1_000_000_000,
    "lit": 100_000,
    "xi": 1_000,
}
_UNIT = r"(?:k|nghin|ngan|ng|trieu|tr|cu|ty|ti|lit)"
# 4tr25, 1tr250, 1 ty 2, 12 trieu 500 nghin, 2 trieu ruoi, 1,5 trieu, 275k
_COMPOUND = re.compile(
    r"(?P<num>" + _NUMBER + r")\s*(?P<unit>" + _UNIT + r")(?![a-z])"
    r"(?:\s*(?P<tail>\d{1,3})(?!\s*(?:[.,]\d|" + _UNIT + r"(?![a-z])|\d)))?"
    r"(?:\s+(?P<ruoi>ruoi))?"
    r"(?:\s*(?P<sub>" + _NUMBER + r")\s*(?P<subunit>k|nghin|ngan|ng)(?![a-z]))?"
)
_GROUPED = re.compile(r"\b\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?![.,]?\d)\s*(?:d|vnd|dong)?\b")
_PLAIN = re.compile(r"\b\d{4,}\b\s*(?:d|vnd|dong)?")
_SMALL_AFTER_MONEY_WORD = re.compile(
    r"\b(?:lai|gui|nop|thu|dong|tiet kiem|tk)\s+(\d{1,3})\b(?!\s*(?:[.,/%]|\d|" + _UNIT + r"))"
)
_HALF = re.compile(r"\bnua\s+(trieu|tr|ty|cu)\b")

_DIGITS = {
    "khong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "mươi": 10,
}
_WORD_NUMBER = re.compile(
    r"\b(?:(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|khong|tram|linh|le|ruoi|nghin"
    r"|ngan|trieu|ty)\s*)+"
)


def _decimal(text: str) -> float:
    """`1,5` and `1.5` are one and a half; `1.250` with three digits after is 1250."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def _compound_value(m: re.Match[str]) -> int:
    unit = _UNITS[m.group("unit")]
    value = _decimal(m.group("num")) * unit
    tail = m.group("tail")
    if tail and unit >= 1_000_000:  # 4tr25 → 4.250.000; 1 ty 2 → 1.200.000.000
        value += int(tail) * unit / (10 ** len(tail))
    if m.group("ruoi"):
        value += unit / 2
    if m.group("sub"):
        value += _decimal(m.group("sub")) * _UNITS[m.group("subunit")]
    return round(value)


def _words_value(phrase: str) -> int | None:
    """`hai tram nghin` → 200000, `mot tram ruoi` → 150000; None unless it names money."""
    words = phrase.split()
    if not any(w in ("nghin", "ngan", "trieu", "ty", "tram") for w in words):
        return None
    total, current, last_unit = 0, 0, 1
    seen_number = False
    for word in words:
        if word in _DIGITS and word != "muoi":
            current += _DIGITS[word]
            seen_number = True
        elif word == "muoi":
            current = (current or 1) * 10
            seen_number = True
        elif word == "tram":
            current = (current or 1) * 100
            last_unit = 100
        elif word in ("linh", "le"):
            continue
        elif word == "ruoi":
            current += last_unit // 2 if last_unit > 1 else 5
        elif word in ("nghin", "ngan", "trieu", "ty"):
            unit = _UNITS[word]
            total += (current or 1) * unit
            current, last_unit = 0, unit
    if not seen_number:
        return None
    if current:
        # "mot tram ruoi" alone is 150 nghìn (domain.md §6); a trailing number after a unit
        # is its fraction ("hai trieu tu" is rare; keep it literal).
        total += current * (1_000 if total == 0 else 1)
    return total or None


def extract_amounts(text: str) -> list[int]:
    """Every money amount in `text`, in the order written."""
    folded = fold_for_numbers(text)
    found: list[tuple[int, int]] = []
    masked = _NOT_MONEY.sub(lambda m: " " * len(m.group(0)), folded)

    def take(pattern: re.Pattern[str], value: Callable[[re.Match[str]], int | None]) -> None:
        nonlocal masked
        for m in pattern.finditer(masked):
            amount = value(m)
            if amount:
                found.append((m.start(), amount))
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]

    take(_HALF, lambda m: _UNITS[m.group(1)] // 2)
    take(_COMPOUND, _compound_value)
    take(_GROUPED, lambda m: int(re.sub(r"\D", "", m.group(0).split()[0])))
    take(_PLAIN, lambda m: int(re.sub(r"\D", "", m.group(0))))
    take(_SMALL_AFTER_MONEY_WORD, lambda m: int(m.group(1)) * 1_000)
    take(_WORD_NUMBER, lambda m: _words_value(m.group(0)))
    return [amount for _start, amount in sorted(found)]
