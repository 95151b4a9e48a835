"""What runs beside the chat in `run` and `serve`: the outbox sender and the reminder
scheduler, until the stop event is set."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.outbound.progress import report_progress
from bot.outbound.scheduler import Scheduler
from bot.outbound.sender import Delivery, Sender


async def run_background(
    engine: AsyncEngine, delivery: Delivery, settings: Settings, stop: asyncio.Event
) -> None:
    sender = Sender(
        engine,
        delivery,
        settings.timezone,
        rate=settings.send_rate,
        quiet_hours=settings.quiet_hours,
        on_progress=report_progress,
    )
    scheduler = Scheduler(engine, settings.timezone, on_queued=sender.wake, in_thread=True)
    await asyncio.gather(sender.run(stop), scheduler.run(stop))
