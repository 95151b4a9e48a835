"""`run` (long polling) and `serve` (webhook): the bot with its scheduler and sender, until a
signal stops it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import signal
import sys
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.nlu import warm_up
from locales.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from bot.inbound.router import Router

log = logging.getLogger(__name__)


def _freeze_startup_objects() -> None:
    """Move everything built at start-up out of the cyclic collector's way: a long-running
    bot otherwise rescans hundreds of thousands of library objects at every full GC."""
    gc.collect()
    gc.freeze()


@contextlib.asynccontextmanager
async def _interrupted_imports_finished(import_engine: Any) -> AsyncIterator[None]:
    """Beside the chats: finish a loans file a crash left half applied (it takes as long as
    applying the rest; chats are answered meanwhile); stopped with the bot, it goes on at
    the next start from where it was."""
    from storage.importer import finish_interrupted_imports

    async def finish() -> None:
        for report in await finish_interrupted_imports(import_engine, wait=False):
            log.warning("finished the interrupted import of %s", report.file)

    task = asyncio.create_task(finish())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signame in ("SIGINT", "SIGTERM"):
        with contextlib.suppress(NotImplementedError, AttributeError):
            loop.add_signal_handler(getattr(signal, signame), stop.set)
    return stop


@contextlib.asynccontextmanager
async def _the_bot(
    settings: Settings, *, keep_replies: bool
) -> AsyncIterator[tuple[AsyncEngine, Router]]:
    """What `run` and `serve` share: logging, the intent model warmed before anyone writes,
    the chats' database and the importer's, the router, and an import a crash interrupted
    finished beside the chats. Yields (engine, router); the engines are closed after."""
    from bot.inbound.router import Router
    from bot.logs import configure_logging
    from storage.db import open_database

    configure_logging(settings.log_level, settings.secrets)
    await asyncio.to_thread(warm_up)
    engine = await open_database(settings.database_url, inline=True)
    import_engine = await open_database(settings.database_url, migrate=False)
    router = Router(
        engine,
        settings.timezone,
        import_engine=import_engine,
        quiet_hours=settings.quiet_hours,
        keep_replies=keep_replies,
    )
    try:
        async with _interrupted_imports_finished(import_engine):
            yield engine, router
    finally:
        await engine.dispose()
        await import_engine.dispose()


def _refused(problem: str | None) -> bool:
    """A configuration problem is said on stderr; True when there was one."""
    if problem is not None:
        print(_("Configuration error: {reason}").format(reason=problem), file=sys.stderr)
    return problem is not None


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.zalo.client import ZaloApiError
    from bot.cli import channels
    from bot.outbound.background import run_background

    if _refused(channels.run_problem(settings) or await channels.zalo_problem(settings)):
        return 2
    stop = _stop_on_signals()
    try:
        async with (
            _the_bot(settings, keep_replies=False) as (engine, router),
            channels.polled(settings, router) as deliveries,
        ):
            background = asyncio.create_task(run_background(engine, deliveries, settings, stop))
            _freeze_startup_objects()
            print(_("The bot is running (long polling). Press Ctrl+C to stop."), flush=True)
            await stop.wait()
            await background
    except ZaloApiError as error:  # the token refused, Zalo unreachable at start
        print(_("Zalo: {reason}").format(reason=error), file=sys.stderr)
        return 2
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

    from bot.channels.zalo.client import ZaloApiError
    from bot.cli import channels
    from bot.outbound.background import run_background

    _QuietServer = _quiet_server_class()
    if _refused(channels.serve_problem(settings) or await channels.zalo_problem(settings)):
        return 2
    try:
        async with (
            _the_bot(settings, keep_replies=True) as (engine, router),
            channels.served(settings, router, engine) as (deliveries, app),
        ):
            server = _QuietServer(
                uvicorn.Config(
                    app, host="0.0.0.0", port=settings.port, log_level="warning", lifespan="off"
                )
            )
            stop = _stop_on_signals()
            serving = asyncio.create_task(server.serve())
            background = asyncio.create_task(run_background(engine, deliveries, settings, stop))
            await stop.wait()
            server.should_exit = True
            await serving
            await background
    except ZaloApiError as error:  # the token or the webhook refused at start
        print(_("Zalo: {reason}").format(reason=error), file=sys.stderr)
        return 2
    return 0
