"""Small pieces of text every answer uses: the data date line, phone numbers, menus."""

from __future__ import annotations

from datetime import date

from handlers.messages import Role
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


def main_menu(role: Role) -> list[list[str]]:
    """The persistent keyboard of ready-made questions; each label is understood as typed."""
    if role in (Role.BORROWER, Role.LEADER):
        rows = [
            [_("Balance"), _("Due dates")],
            [_("This month's interest"), _("Savings")],
            [_("Transaction day"), _("Contacts")],
        ]
        if role is Role.LEADER:
            rows.append([_("Group status"), _("Submit tally")])
        return rows
    if role is Role.OFFICER:
        return [[_("Tally status"), _("Send a notice")], [_("Help")]]
    return [[_("Help")]]


def menu_intents() -> dict[str, str]:
    """Menu label (as the current locale writes it, folded later) → intent."""
    return {
        _("Balance"): "balance",
        _("Due dates"): "due_date",
        _("This month's interest"): "interest",
        _("Savings"): "savings",
        _("Transaction day"): "transaction_day",
        _("Contacts"): "contact_officer",
        _("Group status"): "group_status",
        _("Submit tally"): "tally_submit",
        _("Tally status"): "group_status",
        _("Send a notice"): "broadcast",
        _("Help"): "help",
    }
