"""How an officer's latest notices are going ("tiến độ gửi thông báo sao rồi"), and the line
that opens every copy of a notice, naming who sends it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.broadcast_words import asks_progress
from handlers.officer.progress_text import progress_text
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


def or_progress(handler: Handler) -> Handler:
    """An officer's question about their notices' progress, whatever intent it was read as;
    anything else goes to `handler`."""

    async def run(ctx: Context) -> list[Reply]:
        if asks_progress(ctx.inbound.text):
            return await progress(ctx)
        return await handler(ctx)

    return run
