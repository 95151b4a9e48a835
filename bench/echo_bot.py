"""A bare python-telegram-bot echo bot: the baseline for bench/e2e_bench.py.

Same library, same HTTP stack, updates processed concurrently like the real bot; it only
echoes the text back, with no database, no language understanding, no formatting.
"""

from __future__ import annotations

import os
import socket

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

NO_DELAY = ((socket.IPPROTO_TCP, socket.TCP_NODELAY, 1),)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.message and update.message.text:
        await update.message.reply_text(update.message.text)


def main() -> None:
    application = (
        Application.builder()
        .token(os.environ["BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_URL"])
        .concurrent_updates(64)
        .socket_options(NO_DELAY)  # same transport settings as the real bot
        .get_updates_socket_options(NO_DELAY)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
