"""Which chat gets a person's news (reminders, notices, meeting calls) when they have linked
more than one, on Telegram and on Zalo: `/kenh` says which and offers the others; `/kenh
zalo`, a press, or the words "nhận tin qua Zalo" / "nhận tin qua Telegram" (the intent
`channel`) choose at once. The choice is kept in storage (storage/news_chat.py) and holds
until the person chooses again; without one, news goes to the chat they used last.
"""

from __future__ import annotations

from handlers.buttons import NewsChannel
from handlers.context import Context
from handlers.messages import Button, Reply
from locales.i18n import _
from locales.textfold import fold
from storage import audit, news_chat
from storage.news_chat import PersonChat

NAMES = {"telegram": "Telegram", "zalo": "Zalo"}
_WORDS = {"zalo": "zalo", "telegram": "telegram", "tele": "telegram"}
# Said as they are (folded), before language understanding knows the intent `channel`.
PHRASES = tuple(
    f"{verb} qua {name}"
    for verb in ("nhan tin", "nhan thong bao", "nhan nhac nho")
    for name in ("zalo", "telegram")
)


def _name(channel: str) -> str:
    return NAMES.get(channel, channel)


def named_channel(text: str) -> str | None:
    """The channel a text names ("qua Zalo" → "zalo"), if exactly one."""
    found = {_WORDS[word] for word in fold(text).split() if word in _WORDS}
    return found.pop() if len(found) == 1 else None


async def _chats(ctx: Context) -> list[PersonChat]:
    person = ctx.person
    if person.officer_id is not None:
        return await news_chat.chats_of(ctx.conn, officer_id=person.officer_id)
    return await news_chat.chats_of(ctx.conn, customer_id=person.customer_id)


async def command(ctx: Context, argument: str) -> list[Reply]:
    """`/kenh` (which chat, and the choice), `/kenh zalo` or `/kenh telegram`."""
    wanted = named_channel(argument) if argument else None
    return await choose(ctx, wanted) if wanted is not None else await show(ctx)


async def from_words(ctx: Context) -> list[Reply]:
    """ "nhận tin qua Zalo": that channel; words that name none: the choice."""
    wanted = named_channel(ctx.inbound.text)
    return await choose(ctx, wanted) if wanted is not None else await show(ctx)


async def on_button(ctx: Context, data: NewsChannel) -> list[Reply]:
    return await choose(ctx, data.channel)


async def show(ctx: Context) -> list[Reply]:
    chats = await _chats(ctx)
    current = next((c for c in chats if c.gets_news), None)
    if current is None:
        return [Reply(_("No chat of yours can receive reminders and notices at the moment."))]
    text = _("Reminders and notices come to your {channel} chat.").format(
        channel=_name(current.channel)
    )
    others = sorted({c.channel for c in chats if c.usable and c.channel != current.channel})
    if not others:
        text += " " + _(
            "To receive them on another app (Telegram or Zalo), link your chat there too "
            "with a link code from your credit officer."
        )
        return [Reply(text)]
    buttons = [
        [Button(_("Receive them via {channel}").format(channel=_name(c)), NewsChannel(c).pack())]
        for c in [current.channel, *others]
    ]
    return [Reply(text + " " + _("Where should they come?"), buttons=buttons)]


async def choose(ctx: Context, channel: str) -> list[Reply]:
    chats = [c for c in await _chats(ctx) if c.channel == channel and c.usable]
    if not chats:
        return [
            Reply(
                _(
                    "You have not linked a {channel} chat yet. Link it with a link code from "
                    "your credit officer, then choose again."
                ).format(channel=_name(channel))
            )
        ]
    # This very chat if it is on that channel, else that channel's newest link.
    here = next((c for c in chats if c.chat_id == ctx.person.chat_id), None)
    target = here or max(chats, key=lambda c: c.link_id)
    await news_chat.choose(ctx.conn, target.link_id, ctx.now)
    await audit.audit(ctx.conn, ctx.person, "news_channel", ctx.now, subject=channel)
    return [
        Reply(
            _("From now on, reminders and notices come to your {channel} chat.").format(
                channel=_name(channel)
            )
        )
    ]
