"""Telegram's side of the webhook inbox: a stored update is handed to the python-telegram-bot
application through its update processor, as PTB would, and awaited, so the row is marked
done only once it was handled and answered. The claiming, leases and restarts are the
shared drainer's (bot/channels/inbox_drainer.py).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import Application

from bot.channels.inbox_drainer import Handle, InboxDrainer
from bot.channels.inbox_drainer import draining as draining_inbox
from bot.channels.telegram.updates import CHANNEL
from storage import inbox

PTBApplication = Application[Any, Any, Any, Any, Any, Any]


def hand_over(application: PTBApplication) -> Handle:
    async def handle(row: inbox.Claimed) -> None:
        update = Update.de_json(json.loads(row.payload), application.bot)
        if update is None:
            return
        # What PTB does for an update from its queue, awaited here so the row is marked
        # done only once it was handled (PTB's handler errors go to its error handler).
        await application.update_processor.process_update(
            update, application.process_update(update)
        )

    return handle


@asynccontextmanager
async def draining(engine: AsyncEngine, application: PTBApplication) -> AsyncIterator[InboxDrainer]:
    """Telegram's drainer running until the block ends."""
    async with draining_inbox(engine, CHANNEL, hand_over(application)) as drainer:
        yield drainer
