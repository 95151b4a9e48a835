"""Showing money, rates, dates and relative days the way the person's locale writes them.

Vietnamese: `1.250.000 đ`, `0,55%/tháng`, `15/12/2026`, `Thứ Hai, 15/12/2026`.
English: `1,250,000 VND`, `0.55%/month`, `15/12/2026`, `Monday, 15/12/2026`.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from locales.i18n import _, current_locale, ngettext

_BABEL_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def _babel_locale() -> str:
    return _BABEL_LOCALES.get(current_locale(), "vi_VN")


def format_money(amount: int) -> str:
    """Integer đồng as the person reads money: `1.250.000 đ` (vi), `1,250,000 VND` (en)."""
    number = format_decimal(amount, locale=_babel_locale())
    return _("{amount} đ").format(amount=number)


def format_rate(ppm: int) -> str:
    """A monthly rate in parts per million: 5500 → `0,55%/tháng`."""
    number = format_decimal(ppm / 10_000, format="#,##0.####", locale=_babel_locale())
    return _("{rate}%/month").format(rate=number)


def format_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def format_weekday_date(day: date) -> str:
    """`Thứ Hai, 15/12/2026`."""
    weekday = babel_format_date(day, "EEEE", locale=_babel_locale())
    return f"{weekday}, {format_date(day)}"


def format_relative_day(day: date, today: date) -> str:
    """`hôm nay`, `ngày mai`, `hôm qua`, `còn 5 ngày`, `đã qua 3 ngày`."""
    delta = (day - today).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("tomorrow")
    if delta == -1:
        return _("yesterday")
    if delta > 0:
        return ngettext("in {n} day", "in {n} days", delta).format(n=delta)
    return ngettext("{n} day ago", "{n} days ago", -delta).format(n=-delta)
