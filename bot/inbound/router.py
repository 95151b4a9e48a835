"""Picking the handler for one message, from the registry: an open dialog step first, then a
pressed button, then a command, then the understood intent of free text. One database
transaction per message; the person's main menu is filled in under the replies that ask
for it, in the language and for the role the person has after the message.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.inbound.ratelimit import ChatRateLimiter
from bot.nlu import understand
from handlers import common, linking, registry
from handlers.context import Context
from handlers.messages import Inbound, Kind, Reply, Role
from handlers.rules.quiet_hours import NIGHT, QuietHours
from locales.i18n import _, use_locale
from locales.textfold import fold
from storage import links, outbox, updates

log = logging.getLogger(__name__)

MAX_TEXT = 1000
_LINK_CODE = re.compile(r"^\s*(?:lienket|lien ket)\s+([a-z0-9]{4,16})\s*$")
_UNLINK_PHRASES = {"huy lien ket", "xoa lien ket", "bo lien ket"}

Later = Callable[[], Awaitable[list[Reply]]]


@dataclass
class Outcome:
    replies: list[Reply]
    role: Role | None = None
    locale: str = "vi"
    role_changed: bool = False
    # Work the adapter awaits after sending `replies` (the transaction is committed by
    # then); each gives more replies. Errors inside become the "busy" apology.
    later: list[Later] = field(default_factory=list)


def _busy() -> list[Reply]:
    return [Reply(_("Sorry, the system is busy. Please try again in a few minutes."))]


def _guarded(job: Later, locale: str) -> Later:
    async def run() -> list[Reply]:
        with use_locale(locale):
            try:
                return await job()
            except Exception:
                log.exception("follow-up work of a message failed")
                return _busy()

    return run


def _with_menus(replies: list[Reply], role: Role) -> list[Reply]:
    for reply in replies:
        if reply.show_menu and reply.menu is None:
            reply.menu = registry.menu_for(role)
    return replies


class Router:
    def __init__(
        self,
        engine: AsyncEngine,
        timezone: ZoneInfo,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        limiter: ChatRateLimiter | None = None,
        import_engine: AsyncEngine | None = None,
        quiet_hours: QuietHours = NIGHT,
    ) -> None:
        self.quiet_hours = quiet_hours
        self.engine = engine
        # Imports sent in the chat run on their own engine, after the message's transaction.
        self.import_engine = import_engine or engine
        self.timezone = timezone
        self.clock = clock
        self.limiter = limiter or ChatRateLimiter()

    async def handle(self, inbound: Inbound) -> Outcome:
        verdict = self.limiter.check(f"{inbound.channel}:{inbound.chat_id}", time.monotonic())
        if verdict == "drop":
            return Outcome([])
        now = self.clock()
        try:
            async with self.engine.begin() as conn:
                if inbound.update_id is not None and not await updates.first_time_update(
                    conn, inbound.channel, inbound.update_id, now
                ):
                    log.info("update %s was already processed", inbound.update_id)
                    return Outcome([])
                person = await links.load_person(
                    conn, inbound.channel, inbound.chat_id, inbound.user_id, now
                )
                ctx = Context(
                    inbound,
                    person,
                    conn,
                    now,
                    self.timezone,
                    import_engine=self.import_engine,
                    quiet_hours=self.quiet_hours,
                )
                with use_locale(person.locale):
                    if verdict == "warn":
                        replies = await common.slow_down(ctx)
                    else:
                        replies = await dispatch(ctx)
                    later = [_guarded(job, person.locale) for job in ctx.later]
                if ctx.identity_changed:
                    # Linked, unlinked, language changed: read it back for menus and commands.
                    after = await links.load_person(
                        conn, inbound.channel, inbound.chat_id, inbound.user_id, now
                    )
                else:
                    after = person
                with use_locale(after.locale):
                    _with_menus(replies, after.role)
                return Outcome(replies, after.role, after.locale, after.role != person.role, later)
        except Exception:
            log.exception("handling a %s message failed", inbound.kind.value)
            with use_locale("vi"):
                return Outcome(_busy())

    async def set_reachable(self, channel: str, chat_id: str, reachable: bool) -> None:
        """The platform said the person blocked the bot, or unblocked it."""
        async with self.engine.begin() as conn:
            await outbox.set_reachable(conn, channel, chat_id, reachable, self.clock())


async def dispatch(ctx: Context) -> list[Reply]:
    """What kind of message this is decides where it goes; free text goes last."""
    inbound = ctx.inbound
    if inbound.kind is Kind.CONTACT:
        return await linking.on_contact(ctx)
    if inbound.kind is Kind.FILE:
        return await registry.FILE(ctx)
    if inbound.kind is Kind.MEDIA:
        return await common.media(ctx)
    if inbound.kind is Kind.BUTTON:
        return await registry.press(ctx, inbound.button or "")
    text = inbound.text.strip()
    if not text:
        return await common.unknown(ctx)
    if len(text) > MAX_TEXT:
        return await common.too_long(ctx)
    return await _text(ctx, text)


async def _text(ctx: Context, text: str) -> list[Reply]:
    inbound = ctx.inbound
    dialog = ctx.person.dialog
    flow = registry.FLOWS.get(dialog.flow) if dialog is not None else None
    in_flow = dialog is not None and flow is not None and ctx.person.role in flow.roles
    if dialog is not None and flow is not None and in_flow and inbound.command is None:
        answer = await flow.on_text(ctx, dialog)
        if answer is not None:
            return answer
    command = inbound.command
    if command is not None:
        name, argument = command
        found = registry.command(name)
        return await (found.run(ctx, argument) if found is not None else common.unknown(ctx))
    folded = fold(text)
    code = _LINK_CODE.match(folded)
    if code:
        return await linking.redeem_code(ctx, code.group(1))
    if not ctx.person.linked and linking.looks_like_a_code(text):  # the code alone (a slip's)
        return await linking.redeem_code(ctx, text.strip())
    if folded in _UNLINK_PHRASES:
        return await registry.INTENTS["unlink"](ctx)
    if not ctx.person.linked and linking.looks_like_a_phone(text):
        return await linking.typed_phone(ctx)
    intent = registry.menu_intent(folded)
    if intent is None:
        ctx.understanding = understand(text, ctx.today)
        intent = ctx.understanding.intent
    route = registry.INTENTS.get(intent, registry.INTENTS["unknown"])
    replies = await route(ctx)
    if flow is not None and flow.reminder is not None and intent != "tally_submit":
        replies.append(Reply(flow.reminder()))
    return replies
