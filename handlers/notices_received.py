"""A borrower's or a leader's "có thông báo gì mới không": the latest notices from the
credit officer that reached them in the last RECENT_DAYS days (when, from whom, what they
said), or plainly that none came."""

from __future__ import annotations

from datetime import timedelta

from handlers.context import Context
from handlers.messages import Reply
from locales.formatting import format_date
from locales.i18n import _, ngettext
from storage import broadcasts
from storage.utc import aware

RECENT_DAYS = 30
SHOWN = 3


async def latest(ctx: Context) -> list[Reply]:
    """See the module."""
    customer = ctx.person.customer_id
    since = ctx.now - timedelta(days=RECENT_DAYS)
    found = (
        await broadcasts.received(ctx.conn, customer, since, SHOWN) if customer is not None else []
    )
    if not found:
        return [
            Reply(
                _(
                    "No notice has come to you in the last {days} days. When the credit officer "
                    "sends one, it comes to this chat."
                ).format(days=RECENT_DAYS)
            )
        ]
    lines = [
        ngettext("The latest notice to you:", "The latest {n} notices to you:", len(found)).format(
            n=len(found)
        )
    ]
    for notice in found:
        sent = aware(notice.sent_at).astimezone(ctx.timezone)
        lines += [
            "",
            _("• {date} at {time}, from {officer}:").format(
                date=format_date(sent.date()),
                time=sent.strftime("%H:%M"),
                officer=notice.officer or _("the bank"),
            ),
            notice.text,
        ]
    return [Reply("\n".join(lines))]
