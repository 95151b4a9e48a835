"""Reading bank-file cells: money, rates, dates, phones, codes; bad input raises ValueError."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

_EXCEL_EPOCH = date(1899, 12, 30)
_CURRENCY = re.compile(r"(vnđ|vnd|đồng|dong|đ|d)\s*$", re.IGNORECASE)
_DOT_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")
_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DATE_DMY_TIME = re.compile(r"^(\d{1,2}/\d{1,2}/\d{2,4})\s+\d{1,2}:\d{2}(?::\d{2})?$")
_NON_DIGITS = re.compile(r"\D")
_MAX_MONEY = 1e15  # a thousand billion đồng: above any loan, below float's exact integers
_MONEY_TEXT_CHARS = 40  # `1.000.000.000.000.000 VNĐ` is 25
_PHONE_SPLIT = re.compile(r"[,;/]|\s{2,}| - ")
_TIME = re.compile(r"^(\d{1,2})\s*(?:h|g|giờ|gio|:)\s*(\d{1,2})?\s*(?:phút|phut|p)?$", re.I)


def is_blank(value: object) -> bool:
    return value is None or (value.__class__ is str and not value.strip())


def parse_decimal_text(text: str) -> float:
    """`1.250.000` and `1,250,000` are thousands; `0,55` and `1.250.000,50` have a decimal part."""
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        raise ValueError("empty")
    negative = s.startswith("-") or (s.startswith("(") and s.endswith(")"))
    s = s.strip("-()")
    if _GROUPED.match(s):
        number = float(s.replace(".", "").replace(",", ""))
    elif "." in s and "," in s:
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        number = float(s.replace(thousands, "").replace(decimal_sep, "."))
    elif s.count(",") == 1:
        number = float(s.replace(",", "."))
    elif s.count(".") <= 1:
        number = float(s)
    else:
        raise ValueError(f"not a number: {text!r}")
    return -number if negative else number


def round_half_up(value: Decimal | float | int, step: int = 1) -> int:
    """Money rounded to a multiple of `step` đồng, halves up (112.500 → 113.000 to the
    thousand, as people round; Python's `round` goes half to even: 112.000 but 38.000)."""
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    units = (exact / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(units) * step


class AmountTooLarge(ValueError):
    """A number, but more đồng than any bank figure (1e15, `1e309`, twenty digits)."""


def parse_money(value: object) -> int:
    """Integer đồng from an int, an Excel float or text like `1.250.000đ`; never negative, and
    below a thousand billion (`AmountTooLarge`)."""
    if value.__class__ is float and 0 <= value < _MAX_MONEY:  # what Excel cells hold
        return round_half_up(value)
    if value.__class__ is int:
        amount = value
    elif isinstance(value, bool):
        raise ValueError(f"not an amount: {value!r}")
    elif isinstance(value, int):
        amount = value
    elif isinstance(value, float):
        amount = _whole_dong(value, value)
    elif isinstance(value, str):
        amount = _money_text(value)
    else:
        raise ValueError(f"not an amount: {value!r}")
    if amount < 0:
        raise ValueError(f"negative amount: {value!r}")
    if amount >= _MAX_MONEY:
        raise AmountTooLarge(f"amount too large: {value!r}")
    return amount


def _money_text(value: str) -> int:
    text = value.strip()
    if len(text) > _MONEY_TEXT_CHARS:  # int() of thousands of digits is slow, and absurd here
        raise AmountTooLarge(f"amount too large: {value[:20]!r}…")
    # Fast paths for what bank exports mostly hold: "1250000" and "1.250.000".
    if text.isdigit():
        return int(text)
    if _DOT_GROUPED.match(text):
        return int(text.replace(".", ""))
    text = _CURRENCY.sub("", text).strip()
    try:
        number = parse_decimal_text(text)
    except ValueError:
        raise ValueError(f"not an amount: {value!r}") from None
    return _whole_dong(number, value)


def _whole_dong(number: float, value: object) -> int:
    """Rounded to the đồng; NaN is not an amount, infinity too large (`round` would raise)."""
    if math.isnan(number):
        raise ValueError(f"not an amount: {value!r}")
    if math.isinf(number):
        if number < 0:
            raise ValueError(f"negative amount: {value!r}")
        raise AmountTooLarge(f"amount too large: {value!r}")
    return round_half_up(number)


def parse_rate_ppm(value: object) -> int:
    """Monthly rate in % (`0,55`, `0.55%`, 0.55) as parts per million (5500)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        pct = float(value)
    elif isinstance(value, str):
        pct = parse_decimal_text(value.strip().rstrip("%").strip())
    else:
        raise ValueError(f"not a rate: {value!r}")
    if not 0 <= pct <= 5:
        raise ValueError(f"rate {value!r} is not a monthly % between 0 and 5")
    return round(pct * 10_000)


def parse_date(value: object) -> date:
    """Excel dates and serials, `dd/mm/yyyy`, `d/m/yy`, `dd-mm-yyyy`, `yyyy-mm-dd`."""
    if value.__class__ is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10 and text[2] == "/" and text[5] == "/":  # dd/mm/yyyy, the common case
            try:
                return date(int(text[6:]), int(text[3:5]), int(text[:2]))
            except ValueError:
                pass
        m_time = _DATE_DMY_TIME.match(text)
        if m_time:
            text = m_time.group(1)
        m = _DATE_DMY.match(text)
        try:
            if m:
                day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
                if year < 100:
                    year += 2000 if year < 70 else 1900
                return date(year, month, day)
            m = _DATE_YMD.match(text)
            if m:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise ValueError(f"no such date: {value!r}") from None
    raise ValueError(f"not a date: {value!r}")


def normalise_phone(raw: str) -> str:
    """One Vietnamese number → `0912345678`; raises ValueError when it cannot be one."""
    digits = _NON_DIGITS.sub("", raw)
    if raw.strip().startswith("+") and not digits.startswith("84"):
        raise ValueError(f"not a Vietnamese phone: {raw!r}")
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    elif not digits.startswith("0") and len(digits) in (9, 10):
        digits = "0" + digits
    if not (digits.startswith("0") and len(digits) in (10, 11)):
        raise ValueError(f"not a phone number: {raw!r}")
    return digits


def parse_phones(value: object) -> list[str]:
    """A cell with one or several numbers (`0912 345 678; +84 987 654 321`), in order, unique."""
    if is_blank(value):
        return []
    if isinstance(value, float):
        value = str(int(value)) if value.is_integer() else str(value)
    text = str(value)
    phones: list[str] = []
    for part in _PHONE_SPLIT.split(text):
        if part.strip():
            phone = normalise_phone(part)
            if phone not in phones:
                phones.append(phone)
    return phones


def parse_code(value: object) -> str:
    """A code cell (`Mã KH`, `Số khế ước`, `Mã tổ`): Excel floats lose their `.0`."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return "" if value is None else str(value).strip()


def parse_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def parse_time(value: object) -> str:
    """`7h30`, `07:30`, `7 giờ 30`, an Excel time → `07:30`."""
    if hasattr(value, "hour") and hasattr(value, "minute"):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    m = _TIME.match(parse_text(value))
    if not m:
        raise ValueError(f"not a time: {value!r}")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"not a time: {value!r}")
    return f"{hour:02d}:{minute:02d}"
