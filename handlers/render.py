"""Small pieces of text every answer uses: the data date line, phone numbers, menus, the list
of overdue households (a leader's group, an officer's communes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from handlers.rules.overdue import first_shown
from locales.formatting import format_date, format_money
from locales.i18n import _, ngettext
from storage.borrowers import OverdueLine


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


def type_this(channel: str, words: str, command: str) -> str:
    """How to ask for something: the words the bot understands, quoted (“bật nhắc nhở”),
    for people who do not type commands; on Telegram, whose app lists the commands, the
    command after them ("/nhacnho")."""
    quoted = f"“{words}”"
    return f"{quoted} (/{command})" if channel == "telegram" else quoted


# What people type to abandon whatever they are in the middle of (folded).
CANCEL_WORDS = frozenset({"huy", "thoi", "dung", "cancel", "stop"})


def overdue_text(
    place: str, lines: Sequence[OverdueLine], as_of: date | None, *, by_group: bool
) -> str:
    """ "Đại Tâm: 3 hộ có nợ quá hạn, tổng …", then (`by_group`: under each group's code and
    name) the first households with their overdue principal, how many more, the data date."""
    if not lines:
        text = [_("{place}: no household has overdue principal.").format(place=place)]
        return "\n".join([*text, data_date_line(as_of)] if as_of else text)
    shown = first_shown(lines)
    out = [
        ngettext(
            "{place}: {count} household with overdue principal, {amount} in all.",
            "{place}: {count} households with overdue principal, {amount} in all.",
            shown.total,
        ).format(place=place, count=shown.total, amount=format_money(shown.amount))
    ]
    communes = len({line.commune for line in lines}) > 1
    for group in shown.groups:
        if by_group:
            title = f"{group.code} {group.name}" + (f" – {group.commune}" if communes else "")
            out.append(f"{title} ({group.count}):")
        out += [f"• {line.name}: {format_money(line.overdue)}" for line in group.lines]
    if shown.rest:
        out.append(
            ngettext(
                "… and {count} more household.", "… and {count} more households.", shown.rest
            ).format(count=shown.rest)
        )
    out.append(data_date_line(as_of))
    return "\n".join(out)
