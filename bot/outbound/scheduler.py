"""The reminder scheduler: one tick a minute queues what is due today (local time), and
once a day deletes rows that have done their job and blanks the text of messages that
ended (storage.housekeeping).

The plan is computed from the data, queued with dedupe keys (storage.outbox), and planned
again only when the day or the data changes. Two ticks, a restart or a second worker queue
nothing twice; a tick after downtime catches up the same day, until 20:00.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.outbound.reminders import SEND_FROM, SEND_UNTIL, plan_day
from handlers.meetings.notices import materialise_imported
from storage import housekeeping, outbox, reminder_data
from storage.db import open_database

log = logging.getLogger(__name__)
TICK_SECONDS = 60.0
QUEUE_CHUNK = 5000


async def plan_and_queue(engine: AsyncEngine, day: date, timezone: ZoneInfo, now: datetime) -> int:
    """Plan the day's reminders and queue them (dedupe keys skip what was queued before)."""
    async with engine.connect() as conn:
        planned = await plan_day(conn, day, timezone)
    messages = [p.message(day, timezone) for p in planned]
    added = 0
    for start in range(0, len(messages), QUEUE_CHUNK):  # short write transactions: chats
        async with engine.begin() as conn:  # write between them
            added += await outbox.enqueue(conn, messages[start : start + QUEUE_CHUNK], now)
    return added


@dataclass
class Scheduler:
    engine: AsyncEngine
    timezone: ZoneInfo
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    on_queued: Callable[[], None] | None = None
    # A province's plan takes seconds of Python work; in a thread of its own (with its own
    # connection) the chats on the main loop keep being answered meanwhile.
    in_thread: bool = False
    _planned: dict[date, tuple[object, ...]] = field(default_factory=dict)
    _pruned_on: date | None = None

    async def tick(self) -> int:
        """Queue today's reminders if the day's window is open; how many were new."""
        now = self.clock()
        local = now.astimezone(self.timezone)
        if not SEND_FROM <= local.time() < SEND_UNTIL:
            return 0
        day = local.date()
        if self._pruned_on != day:
            async with self.engine.begin() as conn:
                pruned = await housekeeping.prune(conn, now)
                blanked = await housekeeping.blank_ended(conn)
            self._pruned_on = day
            log.info("housekeeping: %s; texts of %d ended messages blanked", pruned, blanked)
        async with self.engine.begin() as conn:
            await materialise_imported(conn, day, self.timezone, now)
            version = await reminder_data.data_version(conn)
        if self._planned.get(day) == version:
            return 0
        if self.in_thread:
            added = await asyncio.to_thread(self._plan_in_own_loop, day, now)
        else:
            added = await plan_and_queue(self.engine, day, self.timezone, now)
        self._planned = {day: version}
        if added:
            log.info("queued %d reminders for %s", added, day.isoformat())
            if self.on_queued is not None:
                self.on_queued()
        return added

    def _plan_in_own_loop(self, day: date, now: datetime) -> int:
        async def work() -> int:
            url = self.engine.url.render_as_string(hide_password=False)
            engine = await open_database(url, migrate=False)
            try:
                return await plan_and_queue(engine, day, self.timezone, now)
            finally:
                await engine.dispose()

        return asyncio.run(work())

    async def run(self, stop: asyncio.Event, interval: float = TICK_SECONDS) -> None:
        while not stop.is_set():
            try:
                await self.tick()
            except Exception:
                log.exception("the reminder tick failed; trying again next minute")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)
