"""Picking the handler for one message: an open dialog step first, then a pressed button, then
a command, then the understood intent of free text. One database transaction per message.
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.nlu import understand
from handlers import borrower, common, leader, linking, meetings, officer, tally
from handlers.context import Context
from handlers.messages import Inbound, Kind, Reply, Role
from handlers.render import CANCEL_WORDS, menu_intents
from locales.i18n import _, use_locale
from locales.textfold import fold
from storage import dialogs, links, outbox, updates

log = logging.getLogger(__name__)

MAX_TEXT = 1000
RATE_LIMIT = 20  # messages per chat per minute
_LINK_CODE = re.compile(r"^\s*(?:lienket|lien ket)\s+([a-z0-9]{4,16})\s*$")
_UNLINK_PHRASES = {"huy lien ket", "xoa lien ket", "bo lien ket"}

Handler = Callable[[Context], Awaitable[list[Reply]]]


def _figures(action: str, handler: borrower.Handler) -> Handler:
    async def run(ctx: Context) -> list[Reply]:
        return await borrower.with_household(ctx, action, handler)

    return run


INTENT_HANDLERS: dict[str, Handler] = {
    "balance": _figures("balance", borrower.balance),
    "due_date": _figures("due_date", borrower.due_date),
    "interest": _figures("interest", borrower.interest),
    "savings": _figures("savings", borrower.savings),
    "transaction_day": _figures("transaction_day", borrower.transaction_day),
    "contact_officer": _figures("contact_officer", borrower.contact_officer),
    "program_info": common.program_info,
    "tally_submit": tally.start,
    "group_status": leader.group_status,
    "broadcast": officer.start_broadcast,
    "meeting_schedule": meetings.on_intent,
    "link_account": lambda ctx: linking.start(ctx, ""),
    "reminders_off": lambda ctx: common.reminders(ctx, False),
    "reminders_on": lambda ctx: common.reminders(ctx, True),
    "language": common.language,
    "help": common.help_,
    "thanks": common.thanks,
    "unknown": common.unknown,
}


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


def _guarded(job: Later, locale: str) -> Later:
    async def run() -> list[Reply]:
        with use_locale(locale):
            try:
                return await job()
            except Exception:
                log.exception("follow-up work of a message failed")
                return [Reply(_("Sorry, the system is busy. Please try again in a few minutes."))]

    return run


@dataclass
class ChatRateLimiter:
    """At most `limit` messages a minute per chat; one polite warning, then silence.

    Kept in memory on purpose: it protects this process from a flood and means nothing after
    a minute, so there is nothing to keep across a restart.
    """

    limit: int = RATE_LIMIT
    window: float = 60.0
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _warned: dict[str, float] = field(default_factory=dict)

    def check(self, key: str, now: float) -> str:
        """ "ok", "warn" (first message over the limit) or "drop"."""
        times = self._seen.setdefault(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._warned.pop(key, None)
            return "ok"
        if key in self._warned and now - self._warned[key] < self.window:
            return "drop"
        self._warned[key] = now
        return "warn"


class Router:
    def __init__(
        self,
        engine: AsyncEngine,
        timezone: ZoneInfo,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        limiter: ChatRateLimiter | None = None,
        import_engine: AsyncEngine | None = None,
        quiet_hours: tuple[int, int] | None = (20, 7),
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
                with use_locale(person.locale):
                    ctx = Context(
                        inbound,
                        person,
                        conn,
                        now,
                        self.timezone,
                        import_engine=self.import_engine,
                        quiet_hours=self.quiet_hours,
                    )
                    if verdict == "warn":
                        replies = await common.slow_down(ctx)
                    else:
                        replies = await self._dispatch(ctx)
                    later = [_guarded(job, person.locale) for job in ctx.later]
                    if not ctx.identity_changed:
                        return Outcome(replies, person.role, person.locale, later=later)
                    # Linked, unlinked, language changed: read it back for menus and commands.
                    after = await links.load_person(
                        conn, inbound.channel, inbound.chat_id, inbound.user_id, now
                    )
                    return Outcome(
                        replies, after.role, after.locale, after.role != person.role, later
                    )
        except Exception:
            log.exception("handling a %s message failed", inbound.kind.value)
            with use_locale("vi"):
                return Outcome(
                    [Reply(_("Sorry, the system is busy. Please try again in a few minutes."))]
                )

    async def set_reachable(self, channel: str, chat_id: str, reachable: bool) -> None:
        """The platform said the person blocked the bot, or unblocked it."""
        async with self.engine.begin() as conn:
            await outbox.set_reachable(conn, channel, chat_id, reachable, self.clock())

    async def _dispatch(self, ctx: Context) -> list[Reply]:
        inbound = ctx.inbound
        if inbound.kind is Kind.CONTACT:
            return await linking.on_contact(ctx)
        if inbound.kind is Kind.FILE:
            return await officer.receive_file(ctx)
        if inbound.kind is Kind.MEDIA:
            return await common.media(ctx)
        if inbound.kind is Kind.BUTTON:
            return await self._button(ctx, inbound.button or "")
        text = inbound.text.strip()
        if not text:
            return await common.unknown(ctx)
        if len(text) > MAX_TEXT:
            return await common.too_long(ctx)
        folded = fold(text)
        dialog = ctx.person.dialog
        if dialog is not None and dialog.flow == linking.LINK_FLOW:
            if folded in CANCEL_WORDS:
                await dialogs.clear_dialog(ctx.conn, inbound.channel, inbound.chat_id)
                return [Reply(_("Stopped. Type /start when you want to link again."))]
            if inbound.command is None and any(ch.isdigit() for ch in text):
                return await linking.on_cccd_digits(ctx, list(dialog.data["candidates"]))
        if dialog is not None and dialog.flow == tally.TALLY_FLOW and inbound.command is None:
            answer = await tally.on_text(ctx, dialog.data, dialog.step)
            if answer is not None:
                return answer
        if dialog is not None and dialog.flow == meetings.MEETING_FLOW and inbound.command is None:
            answer = await meetings.on_text(ctx, dialog.data, dialog.step)
            if answer is not None:
                return answer
        if dialog is not None and dialog.flow == officer.BROADCAST_FLOW:
            if folded in CANCEL_WORDS:
                return await officer.on_button(ctx, "cancel")
            if inbound.command is None:
                return await officer.on_text(ctx, dialog)
        command = inbound.command
        if command is not None:
            return await self._command(ctx, *command)
        code = _LINK_CODE.match(folded)
        if code:
            return await linking.redeem_code(ctx, code.group(1))
        if folded in _UNLINK_PHRASES:
            return await linking.unlink(ctx)
        if not ctx.person.linked and linking.looks_like_a_phone(text):
            return await linking.typed_phone(ctx)
        menu = {fold(label): intent for label, intent in menu_intents().items()}
        if folded in menu:
            intent = menu[folded]
        else:
            ctx.understanding = understand(text, ctx.today)
            intent = ctx.understanding.intent
        replies = await INTENT_HANDLERS[intent](ctx)
        if dialog is not None and dialog.flow == tally.TALLY_FLOW and intent != "tally_submit":
            replies.append(Reply(_('Your tally is still open: type "tiep tuc bang ke" to go on.')))
        return replies

    async def _button(self, ctx: Context, data: str) -> list[Reply]:
        kind, _sep, value = data.partition(":")
        if kind == "consent":
            return await linking.on_consent(ctx, value == "yes")
        if kind == "lang":
            return await common.set_language(ctx, value)
        if kind == "mt":
            return await meetings.on_button(ctx, value)
        if kind == "tally":
            return await tally.on_button(ctx, value)
        if kind == "bc":
            return await officer.on_button(ctx, value)
        if kind == "group" and value.isdigit():
            return await leader.group_status(ctx, int(value))
        if kind == "ask" and value in INTENT_HANDLERS:
            return await INTENT_HANDLERS[value](ctx)
        return await common.unknown(ctx)

    async def _command(self, ctx: Context, name: str, argument: str) -> list[Reply]:
        if name == "start":
            return await linking.start(ctx, argument)
        if name in ("huy", "unlink"):
            return await linking.unlink(ctx)
        if name in ("ngonngu", "language"):
            return await common.language(ctx)
        if name == "nhacnho":
            return await common.toggle_reminders(ctx)
        if name in ("thongbao", "broadcast"):
            return await officer.start_broadcast(ctx)
        if name in ("help", "trogiup", "menu"):
            return await common.help_(ctx)
        return await common.unknown(ctx)
