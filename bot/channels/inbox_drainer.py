"""The webhook's other half, for every channel: updates stored in the inbox (storage/inbox.py)
are claimed, handed to the channel's `handle`, and marked done once handled and answered.

At most `in_flight` chats are worked on at once, one update of a chat at a time (the inbox
hands out a chat's oldest row only), so a chat that is slow to answer holds one place. The
lease of the rows in hand is renewed while they are worked on; if this process dies, their
lease runs out and another worker (or this one restarted) takes them. Rows left pending by
a crash are simply the oldest in the table, so a restart drains them first. On a normal stop
the rows in hand get a few seconds to finish; the rest go back to pending at once.

Each channel has its own drainer (Telegram's hands rows to python-telegram-bot, Zalo's to
its adapter); `handle` must answer the person before it returns and may raise (the row is
then logged and marked done, as a row whose handler failed would fail again).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from storage import inbox

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=10)
RENEW_EVERY = 3.0  # seconds; well inside the lease
IN_FLIGHT = 64  # chats worked on at once (each holds one row)
IDLE_POLL = 1.0  # seconds between looks when nothing woke the drainer (other workers' rows)
STOP_GRACE = 5.0  # seconds the rows in hand get to finish on a normal stop

Handle = Callable[[inbox.Claimed], Awaitable[None]]


def _worker_name() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class InboxDrainer:
    def __init__(
        self,
        engine: AsyncEngine,
        channel: str,
        handle: Handle,
        *,
        lease: timedelta = LEASE,
        in_flight: int = IN_FLIGHT,
        idle_poll: float = IDLE_POLL,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.channel = channel
        self.handle = handle
        self.lease = lease
        self.in_flight = in_flight
        self.idle_poll = idle_poll
        self.clock = clock
        self.worker = _worker_name()
        self._wake = asyncio.Event()
        self._tasks: dict[int, asyncio.Task[None]] = {}

    def wake(self) -> None:
        """Something was stored (or finished): look at the inbox now."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        renewing = asyncio.create_task(self._renew(stop))
        try:
            while not stop.is_set():
                self._wake.clear()
                started = await self._claim_and_start()
                if not started:
                    await self._sleep(stop)
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
            await self._finish()

    async def _claim_and_start(self) -> int:
        room = self.in_flight - len(self._tasks)
        if room <= 0:
            return 0
        try:
            async with self.engine.begin() as conn:
                rows = await inbox.claim(
                    conn, self.channel, self.worker, self.clock(), room, self.lease
                )
        except Exception:
            log.exception("could not claim %s inbox rows", self.channel)
            return 0
        started = 0
        for row in rows:
            if row.id in self._tasks:  # still in hand (its lease was not renewed in time)
                continue
            self._tasks[row.id] = asyncio.create_task(self._process(row))
            started += 1
        return started

    async def _sleep(self, stop: asyncio.Event) -> None:
        waits = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
        try:
            await asyncio.wait(waits, timeout=self.idle_poll, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()

    async def _process(self, row: inbox.Claimed) -> None:
        try:
            if row.attempts > inbox.MAX_ATTEMPTS:
                log.error("inbox row %s was claimed %s times; given up", row.id, row.attempts)
            else:
                await self.handle(row)
        except asyncio.CancelledError:  # stopping: the row goes back to pending
            self._tasks.pop(row.id, None)
            raise
        except Exception:
            log.exception("processing inbox row %s failed", row.id)
        await self._done(row.id)
        self._tasks.pop(row.id, None)
        self._wake.set()  # the chat's next update may be claimed now

    async def _done(self, row_id: int) -> None:
        try:
            async with self.engine.begin() as conn:
                await inbox.mark_done(conn, row_id, self.clock())
        except Exception:  # the lease runs out and the kept answer is sent again
            log.exception("could not mark inbox row %s done", row_id)

    async def _renew(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(RENEW_EVERY)
            if not self._tasks:
                continue
            try:
                async with self.engine.begin() as conn:
                    await inbox.renew(
                        conn, list(self._tasks), self.worker, self.clock(), self.lease
                    )
            except Exception:
                log.exception("could not renew the inbox lease")

    async def _finish(self) -> None:
        """On stop: the rows in hand get STOP_GRACE seconds, the rest go back to pending."""
        if self._tasks:
            await asyncio.wait(list(self._tasks.values()), timeout=STOP_GRACE)
        left = list(self._tasks)
        for task in self._tasks.values():
            task.cancel()
        for task in list(self._tasks.values()):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if left:
            try:
                async with self.engine.begin() as conn:
                    await inbox.release(conn, left, self.worker)
            except Exception:
                log.exception("could not release inbox rows; their lease will run out")


@asynccontextmanager
async def draining(
    engine: AsyncEngine, channel: str, handle: Handle
) -> AsyncIterator[InboxDrainer]:
    """The channel's drainer running until the block ends."""
    drainer = InboxDrainer(engine, channel, handle)
    stop = asyncio.Event()
    task = asyncio.create_task(drainer.run(stop))
    try:
        yield drainer
    finally:
        stop.set()
        await task
