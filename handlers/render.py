"""Small pieces of text every answer uses: the data date line, phone numbers, menus."""

from __future__ import annotations

from datetime import date

from locales.formatting import format_date
from locales.i18n import _


def data_date_line(day: date | None) -> str:
    if day is None:
        return _("No figures from the bank yet.")
    return _("Figures as of {date}.").format(date=format_date(day))


def format_phone(phone: str | None) -> str:
    """`0912345678` → `0912 345 678`."""
    if not phone:
        return "—"
    if len(phone) == 10:
        return f"{phone[:4]} {phone[4:7]} {phone[7:]}"
    return phone


# What people type to abandon whatever they are in the middle of (folded).
CANCEL_WORDS = frozenset({"huy", "thoi", "dung", "cancel", "stop"})
