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
    if counts.get("stopped"):
        return _(
            "Notice #{id} is done: {sent} of {total} people received it; {stopped} were not "
            "sent (you stopped them); {blocked} have blocked the bot; {failed} could not be "
            "reached."
        ).format(id=broadcast_id, total=total, **counts)
    return _(
        "Notice #{id} is done: {sent} of {total} people received it; {blocked} have blocked "
        "the bot; {failed} could not be reached."
    ).format(id=broadcast_id, total=total, **counts)


def queued_text(broadcast_id: int, total: int, starts_at: int | None = None) -> str:
    """Just queued; at night (`starts_at`: the hour quiet hours end) it says when it starts."""
    if starts_at is not None:
        return _("Notice #{id}: {total} people to reach. Sending starts at {hour:02d}:00.").format(
            id=broadcast_id, total=total, hour=starts_at
        )
    return _("Notice #{id}: {total} people to reach. Sending…").format(id=broadcast_id, total=total)
