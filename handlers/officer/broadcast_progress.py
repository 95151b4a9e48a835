"""How an officer's latest notices are going ("tiến độ gửi thông báo sao rồi"), and the line
that opens every copy of a notice, naming who sends it. "tiến độ" alone is the notice while
one is being sent or was sent in the last days (`handlers.rules.notices`), otherwise this
period's tally status; never a line about households the officer does not have."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer import tally_status
from handlers.officer.broadcast_words import progress_of
from handlers.officer.progress_text import progress_text
from handlers.rules.notices import notice_is_current
from locales.formatting import format_date
from locales.i18n import _, use_locale
from storage import broadcasts, outbox

Handler = Callable[[Context], Awaitable[list[Reply]]]
SHOWN = 3


def sender_header(officer: str | None) -> Callable[[str], str]:
    """For a recipient's language, the notice's first line: who sends it."""

    def line(locale: str) -> str:
        with use_locale(locale):
            if officer:
                return _("📩 Notice from VBSP – officer {name}:").format(name=officer)
            return _("📩 Notice from the Vietnam Bank for Social Policies (VBSP):")

    return line


async def progress(ctx: Context) -> list[Reply]:
    """The officer's latest notices, each with sent / blocked / failed / waiting."""
    officer_id = ctx.person.officer_id
    sent = await broadcasts.recent(ctx.conn, officer_id, SHOWN) if officer_id else []
    if not sent:
        return [Reply(_('You have not sent a notice yet. Type "gửi thông báo" to send one.'))]
    lines = [_("Your latest notices:")]
    for item in sent:
        counts = await outbox.status_counts(ctx.conn, item.id)
        created = item.created_at
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        day = format_date(created.astimezone(ctx.timezone).date())
        preview = item.text if len(item.text) <= 40 else item.text[:40] + "…"
        lines.append(f"• {day} “{preview}”: {progress_text(item.id, item.recipients, counts)}")
    return [Reply("\n".join(lines))]


async def latest_or_tally(ctx: Context) -> list[Reply]:
    """ "tiến độ" alone: the notices while the latest is current, else the tally status."""
    officer_id = ctx.person.officer_id
    latest = await broadcasts.recent(ctx.conn, officer_id, 1) if officer_id else []
    if latest:
        counts = await outbox.status_counts(ctx.conn, latest[0].id)
        if notice_is_current(latest[0].created_at, pending=counts["pending"], now=ctx.now):
            return await progress(ctx)
    return await tally_status.tally_status(ctx)


def or_progress(handler: Handler) -> Handler:
    """An officer's question about progress (of their notices, of the tallies, or "tiến độ"
    alone), whatever intent it was read as; anything else goes to `handler`."""

    async def run(ctx: Context) -> list[Reply]:
        asked = progress_of(ctx.inbound.text)
        if asked == "notice":
            return await progress(ctx)
        if asked == "tally":
            return await tally_status.tally_status(ctx)
        if asked == "any":
            return await latest_or_tally(ctx)
        return await handler(ctx)

    return run
