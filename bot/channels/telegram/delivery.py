"""The outbox sender's Telegram side: one send or edit, with Telegram's errors translated to
the sender's (429 → Throttled, 403 → Unreachable, "chat not found" → ChatGone, other bad
requests → Rejected, time-outs and network errors → Transient).

It has its own `Bot` and connection pool, so a wave of reminders never waits for the pool
that answers people who are writing right now (and the other way round).
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from bot.channels.telegram.keyboards import inline_keyboard
from bot.config import Settings
from bot.outbound.sender import ChatGone, Rejected, Throttled, Transient, Unreachable
from handlers.messages import Button

CHANNEL = "telegram"
POOL = 8
NO_DELAY = ((socket.IPPROTO_TCP, socket.TCP_NODELAY, 1),)


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _translate(error: TelegramError) -> Exception:
    if isinstance(error, RetryAfter):
        return Throttled(_seconds(error.retry_after))
    if isinstance(error, Forbidden):
        return Unreachable(error.message)
    if isinstance(error, BadRequest):  # a NetworkError subclass in PTB: test it first
        if "chat not found" in error.message.lower():
            return ChatGone(error.message)
        return Rejected(error.message)
    if isinstance(error, NetworkError):
        return Transient(error.message)
    return Rejected(error.message)


class TelegramDelivery:
    channel = CHANNEL

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: str, text: str, buttons: list[list[Button]]) -> str | None:
        markup = inline_keyboard(buttons) if buttons else None
        try:
            message = await self.bot.send_message(
                chat_id=int(chat_id), text=text, reply_markup=markup
            )
        except TelegramError as error:
            raise _translate(error) from error
        return str(message.message_id)

    async def edit(self, chat_id: str, message_id: str, text: str) -> None:
        try:
            await self.bot.edit_message_text(
                chat_id=int(chat_id), message_id=int(message_id), text=text
            )
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return
            raise _translate(error) from error
        except TelegramError as error:
            raise _translate(error) from error


@asynccontextmanager
async def telegram_delivery(settings: Settings) -> AsyncIterator[TelegramDelivery]:
    if not settings.bot_token:
        raise ValueError("BOT_TOKEN is not set")
    bot = Bot(
        settings.bot_token,
        base_url=settings.telegram_api_url,
        request=HTTPXRequest(connection_pool_size=POOL, socket_options=NO_DELAY),
    )
    async with bot:
        yield TelegramDelivery(bot)
