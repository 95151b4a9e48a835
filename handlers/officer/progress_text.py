"""What the officer reads about a broadcast they sent: queued, then sent/blocked/failed/waiting,
then done."""

from __future__ import annotations

from locales.i18n import _


def progress_text(broadcast_id: int, total: int, counts: dict[str, int]) -> str:
    if counts["pending"]:
        return _(
            "Notice #{id}: sent {sent} of {total}; blocked the bot {blocked}; failed {failed}; "
            "waiting {pending}."
        ).format(id=broadcast_id, total=total, **counts)
    return _(
        "Notice #{id} is done: {sent} of {total} people received it; {blocked} have blocked "
        "the bot; {failed} could not be reached."
    ).format(id=broadcast_id, total=total, **counts)


def queued_text(broadcast_id: int, total: int) -> str:
    return _("Notice #{id}: {total} people to reach. Sending…").format(id=broadcast_id, total=total)
