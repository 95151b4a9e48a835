"""The Telegram channel on python-telegram-bot 22: updates become `Inbound`, `Reply` objects
become Bot API calls. Different chats are processed concurrently, one chat's updates in
order; an `update_id` is processed once even when Telegram delivers it again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

# Opt in to python-telegram-bot's coming behaviour (durations as timedelta, e.g. RetryAfter),
# which also silences its deprecation warning on every 429.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, MessageLimit
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    BaseUpdateProcessor,
    ContextTypes,
    Defaults,
    TypeHandler,
)

from bot.channels.telegram.keyboards import reply_markup
from bot.config import Settings
from bot.inbound.router import Router
from handlers import registry
from handlers.common import leaving_group
from handlers.messages import Inbound, InboundFile, Kind, Reply, Role
from locales.i18n import use_locale

log = logging.getLogger(__name__)
CHANNEL = "telegram"
NO_DELAY = ((socket.IPPROTO_TCP, socket.TCP_NODELAY, 1),)
REPLY_RETRIES = 3
# Chats processed at once, and as many pooled HTTP connections. httpcore checks every idle
# connection of its pool on each request (a few syscalls each), so a larger pool costs CPU
# on every reply: measured with bench/e2e_bench.py, 16 gave ~20% fewer replies a second than
# 8. Eight is still 80 replies a second at a 100 ms round trip to Telegram, far above what a
# province's borrowers send, and the database serialises writes anyway.
CONCURRENT_CHATS = 8
# Updates of one chat waiting for their turn; beyond it a flood's excess is dropped (the
# flood limit answers 20 in half a minute at most anyway).
MAX_QUEUED_PER_CHAT = 50
# PTB's semaphore is taken before ours; this wide it never makes an update wait.
UNBOUNDED_WAITING = 1 << 30
MEDIA_FIELDS = (
    "photo",
    "sticker",
    "voice",
    "video",
    "audio",
    "animation",
    "video_note",
    "location",
    "poll",
    "dice",
    "venue",
)


class PerChatProcessor(BaseUpdateProcessor):
    """Updates of different chats run concurrently; one chat's updates strictly in order.

    An update first waits for its chat's turn, and only then for one of the `max_concurrent`
    working slots. PTB's own semaphore (taken before `do_process_update`) is made wide
    enough never to be the one that waits: otherwise a chat whose replies Telegram keeps
    refusing with 429 fills every slot with its own queued messages, and the other chats
    wait for it (measured: 16 s for a "cảm ơn" behind one such chat, now ~0.01 s).
    A chat with more than `max_queued` updates waiting (a flood) has the excess dropped.
    """

    def __init__(
        self, max_concurrent_updates: int = CONCURRENT_CHATS, max_queued: int = MAX_QUEUED_PER_CHAT
    ) -> None:
        super().__init__(UNBOUNDED_WAITING)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._max_queued = max_queued
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            async with self._slots:
                await coroutine
            return
        key = chat.id
        if self._waiting.get(key, 0) >= self._max_queued:
            log.warning("a chat has %d updates waiting; one more is dropped", self._max_queued)
            _close(coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._slots:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # no one queued: forget the chat
                self._waiting.pop(key, None)
                self._locks.pop(key, None)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _close(coroutine: Awaitable[Any]) -> None:
    """A dropped update's coroutine is closed, so Python does not warn it was never awaited."""
    close = getattr(coroutine, "close", None)
    if close is not None:
        close()


def to_inbound(update: Update, bot: Any = None) -> Inbound | None:
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        return None
    user_id = str(user.id) if user else None

    def make(**fields: Any) -> Inbound:
        return Inbound(
            CHANNEL,
            str(chat.id),
            user_id,
            update_id=update.update_id,
            private=chat.type == ChatType.PRIVATE,
            **fields,
        )

    if update.callback_query is not None:
        return make(kind=Kind.BUTTON, button=update.callback_query.data or "")
    if update.edited_message is not None:
        return make(kind=Kind.EDITED)
    message = update.message
    if message is None:
        return None
    if message.contact is not None:
        contact = message.contact
        return make(
            kind=Kind.CONTACT,
            contact_phone=contact.phone_number,
            contact_user_id=str(contact.user_id) if contact.user_id else None,
        )
    if message.document is not None:
        document = message.document

        async def fetch() -> bytes:
            file = await bot.get_file(document.file_id)
            return bytes(await file.download_as_bytearray())

        return make(
            kind=Kind.FILE,
            text=message.caption or "",
            file=InboundFile(
                document.file_name or "file", document.file_size or 0, document.file_id
            ),
            fetch_file=fetch if bot is not None else None,
        )
    if message.text is not None:
        if for_another_bot(message.text, _username(bot)):
            return None
        return make(kind=Kind.TEXT, text=message.text)
    if any(getattr(message, name, None) for name in MEDIA_FIELDS):
        return make(kind=Kind.MEDIA)
    return None


def for_another_bot(text: str, username: str | None) -> bool:
    """`/start@another_bot`: a command addressed to a different bot (in a group both may
    read it). Telegram compares bot usernames without letter case."""
    if not text.startswith("/"):
        return False
    head = text.split(maxsplit=1)[0] if text.strip() else text
    _command, at, target = head.partition("@")
    if not at or not target:
        return False
    return username is None or target.casefold() != username.casefold()


def _username(bot: Any) -> str | None:
    """This bot's username, known once the application is initialised (getMe)."""
    try:
        return str(bot.username) if bot is not None else None
    except RuntimeError:  # not initialised: no command can be proven ours
        return None


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Long answers go out in several messages, cut at line breaks where possible."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    parts.append(text)
    return [p for p in parts if p.strip()] or ["…"]


def commands_for(role: Role) -> list[BotCommand]:
    """The role's command menu, from the registry, in the current language."""
    return [BotCommand(name, description) for name, description in registry.command_menu(role)]


async def _patiently(call: Callable[..., Awaitable[Any]], **params: Any) -> Any:
    """A reply goes straight out; if Telegram answers 429, wait as long as it says, retry.

    Replies are not paced in advance: pacing is for messages to people who did not just
    write, which the outbox sender owns.
    """
    for attempt in range(REPLY_RETRIES + 1):
        try:
            return await call(**params)
        except RetryAfter as error:
            if attempt == REPLY_RETRIES:
                raise
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            await asyncio.sleep(seconds + 0.1)
    return None


class TelegramChannel:
    """Glue between the PTB application and the channel-neutral router."""

    def __init__(self, router: Router) -> None:
        self.router = router
        self.private_link: str | None = None

    def _know_the_bot(self, bot: Any) -> None:
        """Once the application is initialised the bot's username is known: the router can
        then point groups to https://t.me/<username>."""
        if self.private_link is None:
            username = _username(bot)
            if username:
                self.private_link = f"https://t.me/{username}"
                self.router.set_private_link(CHANNEL, self.private_link)

    async def on_update(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(update, Update):
            return
        self._know_the_bot(context.bot)
        if update.callback_query is not None:
            try:
                await update.callback_query.answer()
            except TelegramError:
                log.warning("could not answer a callback query")
        if update.my_chat_member is not None:
            await self.on_membership(update, context.bot)
            return
        bot = context.bot
        inbound = to_inbound(update, bot)
        if inbound is None:
            return
        outcome = await self.router.handle(inbound)
        for reply in outcome.replies:
            await self.send(bot, int(inbound.chat_id), reply)
        for job in outcome.later:
            for reply in await job():
                await self.send(bot, int(inbound.chat_id), reply)
        if outcome.role_changed and outcome.role is not None:
            with use_locale(outcome.locale):
                try:
                    await bot.set_my_commands(
                        commands_for(outcome.role), scope=BotCommandScopeChat(int(inbound.chat_id))
                    )
                except TelegramError:
                    log.warning("could not set the command menu of a chat")

    async def on_membership(self, update: Update, bot: Any) -> None:
        """A person blocked the bot (kicked) or came back (member): future notices skip or
        include them. Added to a group, the bot says one line and leaves: it talks with each
        person only in private."""
        change = update.my_chat_member
        if change is None:
            return
        status = change.new_chat_member.status
        if change.chat.type != ChatType.PRIVATE:
            if status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR):
                await self.leave_group(bot, change.chat.id, change.chat.type)
            return
        reachable = status not in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
        await self.router.set_reachable(CHANNEL, str(change.chat.id), reachable)

    async def leave_group(self, bot: Any, chat_id: int, chat_type: str) -> None:
        if chat_type in (ChatType.GROUP, ChatType.SUPERGROUP):
            with use_locale("vi"):
                line = leaving_group(self.private_link)
            try:
                await bot.send_message(chat_id=chat_id, text=line.text)
            except TelegramError:
                log.info("could not say goodbye to a group")
        try:
            await bot.leave_chat(chat_id=chat_id)
        except TelegramError:
            log.warning("could not leave a group")

    async def send(self, bot: Any, chat_id: int, reply: Reply) -> None:
        parts = split_text(reply.text)
        for index, part in enumerate(parts):
            markup = reply_markup(reply) if index == len(parts) - 1 else None
            try:
                await _patiently(bot.send_message, chat_id=chat_id, text=part, reply_markup=markup)
            except Forbidden:
                log.info("a chat blocked the bot; reply dropped")
                return
        if reply.document is not None:
            await _patiently(
                bot.send_document,
                chat_id=chat_id,
                document=reply.document.content,
                filename=reply.document.name,
            )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        log.error(
            "error while handling an update: %s",
            type(error).__name__,
            exc_info=(type(error), error, error.__traceback__) if error else None,
        )


def build_application(
    settings: Settings, router: Router, *, polling: bool = True
) -> Application[Any, Any, Any, Any, Any, Any]:
    if not settings.bot_token:
        raise ValueError("BOT_TOKEN is not set")
    builder = (
        Application.builder()
        .token(settings.bot_token)
        .base_url(settings.telegram_api_url)
        .base_file_url(settings.telegram_api_url.replace("/bot", "/file/bot"))
        .defaults(Defaults(tzinfo=settings.timezone))
        .concurrent_updates(PerChatProcessor(CONCURRENT_CHATS))
        .connection_pool_size(CONCURRENT_CHATS)
        # Small requests without Nagle's delay: a reply leaves at once (no ~40 ms stall
        # between a write and the peer's delayed acknowledgement).
        .socket_options(NO_DELAY)
        .get_updates_socket_options(NO_DELAY)
    )
    if not polling:
        builder = builder.updater(None)
    application = builder.build()
    channel = TelegramChannel(router)
    application.add_handler(TypeHandler(Update, channel.on_update))
    application.add_error_handler(channel.on_error)
    return application


async def set_default_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    with use_locale("vi"):
        await application.bot.set_my_commands(
            commands_for(Role.GUEST), scope=BotCommandScopeDefault()
        )


@asynccontextmanager
async def polling(
    settings: Settings, router: Router, *, poll_timeout: float = 10.0
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """The bot running by long polling until the block ends."""
    application = build_application(settings, router)
    async with application:
        await set_default_commands(application)
        await application.start()
        updater = application.updater
        if updater is None:
            raise RuntimeError("the application was built without an updater")
        await updater.start_polling(
            poll_interval=0.0,
            timeout=timedelta(seconds=poll_timeout),
            allowed_updates=Update.ALL_TYPES,
        )
        try:
            yield application
        finally:
            await updater.stop()
            await application.stop()
