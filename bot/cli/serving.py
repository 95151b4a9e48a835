"""`run` (long polling) and `serve` (webhook): the bot with its scheduler and sender, until a
signal stops it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import signal
import sys
from collections.abc import Iterator
from typing import Any

from bot.config import Settings
from locales.i18n import _


def _freeze_startup_objects() -> None:
    """Move everything built at start-up out of the cyclic collector's way: a long-running
    bot otherwise rescans hundreds of thousands of library objects at every full GC."""
    gc.collect()
    gc.freeze()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signame in ("SIGINT", "SIGTERM"):
        with contextlib.suppress(NotImplementedError, AttributeError):
            loop.add_signal_handler(getattr(signal, signame), stop.set)
    return stop


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.telegram.delivery import telegram_delivery
    from bot.channels.telegram.updates import polling
    from bot.inbound.router import Router
    from bot.logs import configure_logging
    from bot.outbound.background import run_background
    from storage.db import open_database

    if not settings.bot_token:
        print(
            _("Configuration error: {reason}").format(reason=_("BOT_TOKEN is not set")),
            file=sys.stderr,
        )
        return 2
    configure_logging(settings.log_level, [settings.bot_token, settings.webhook_secret])
    engine = await open_database(settings.database_url, inline=True)
    import_engine = await open_database(settings.database_url, migrate=False)
    stop = _stop_on_signals()
    router = Router(
        engine, settings.timezone, import_engine=import_engine, quiet_hours=settings.quiet_hours
    )
    try:
        async with polling(settings, router), telegram_delivery(settings) as delivery:
            background = asyncio.create_task(run_background(engine, delivery, settings, stop))
            _freeze_startup_objects()
            print(_("The bot is running (long polling). Press Ctrl+C to stop."), flush=True)
            await stop.wait()
            await background
    finally:
        await engine.dispose()
        await import_engine.dispose()
    return 0


def _quiet_server_class() -> Any:
    import uvicorn

    class QuietServer(uvicorn.Server):
        """uvicorn re-raises SIGTERM after shutting down; `serve` owns the signals instead."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield

    return QuietServer


async def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn
    from telegram import Update

    from bot.channels.telegram.delivery import telegram_delivery
    from bot.channels.telegram.drainer import draining
    from bot.channels.telegram.updates import build_application, set_default_commands
    from bot.channels.telegram.webhook import webhook_app
    from bot.inbound.router import Router
    from bot.logs import configure_logging
    from bot.outbound.background import run_background
    from storage.db import open_database

    _QuietServer = _quiet_server_class()
    missing = [
        name
        for name, value in (
            ("BOT_TOKEN", settings.bot_token),
            ("WEBHOOK_URL", settings.webhook_url),
            ("WEBHOOK_SECRET", settings.webhook_secret),
        )
        if not value
    ]
    if missing or not settings.webhook_url or not settings.webhook_secret:
        reason = _("{names} must be set for serve").format(names=", ".join(missing))
        print(_("Configuration error: {reason}").format(reason=reason), file=sys.stderr)
        return 2
    webhook_url, webhook_secret = settings.webhook_url, settings.webhook_secret
    configure_logging(settings.log_level, [settings.bot_token, settings.webhook_secret])
    engine = await open_database(settings.database_url, inline=True)
    import_engine = await open_database(settings.database_url, migrate=False)
    router = Router(
        engine,
        settings.timezone,
        import_engine=import_engine,
        quiet_hours=settings.quiet_hours,
        keep_replies=True,
    )
    application = build_application(settings, router, polling=False)
    try:
        async with application, telegram_delivery(settings) as delivery:
            await set_default_commands(application)
            await application.bot.set_webhook(
                url=webhook_url.rstrip("/") + "/telegram",
                secret_token=webhook_secret,
                allowed_updates=Update.ALL_TYPES,
            )
            await application.start()
            # Updates left in the inbox by a crash are the oldest rows: drained first.
            async with draining(engine, application) as drainer:
                server = _QuietServer(
                    uvicorn.Config(
                        webhook_app(application, webhook_secret, engine, drainer.wake),
                        host="0.0.0.0",
                        port=settings.port,
                        log_level="warning",
                        lifespan="off",
                    )
                )
                stop = _stop_on_signals()
                serving = asyncio.create_task(server.serve())
                background = asyncio.create_task(run_background(engine, delivery, settings, stop))
                await stop.wait()
                server.should_exit = True
                await serving
            await background
            await application.stop()
    finally:
        await engine.dispose()
        await import_engine.dispose()
    return 0
