"""What runs beside the chat in `run` and `serve`: one outbox sender per channel (each with
its own delivery and pace: SEND_RATE for Telegram, ZALO_SEND_RATE for Zalo) and the reminder
scheduler, until the stop event is set."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.outbound.progress import report_progress
from bot.outbound.scheduler import Scheduler
from bot.outbound.sender import Delivery, Sender


def send_rate(settings: Settings, channel: str) -> float:
    """Messages a second this channel's sender may send."""
    return settings.zalo_send_rate if channel == "zalo" else settings.send_rate


async def run_background(
    engine: AsyncEngine,
    deliveries: Delivery | Sequence[Delivery],
    settings: Settings,
    stop: asyncio.Event,
) -> None:
    senders = [
        Sender(
            engine,
            delivery,
            settings.timezone,
            rate=send_rate(settings, delivery.channel),
            quiet_hours=settings.quiet_hours,
            on_progress=report_progress,
        )
        for delivery in (deliveries if isinstance(deliveries, Sequence) else [deliveries])
    ]

    def wake_all() -> None:
        for sender in senders:
            sender.wake()

    scheduler = Scheduler(engine, settings.timezone, on_queued=wake_all, in_thread=True)
    await asyncio.gather(*(sender.run(stop) for sender in senders), scheduler.run(stop))
