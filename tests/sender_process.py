"""The real outbox sender as its own process, for the crash test (and bench/broadcast_bench.py):
`python tests/sender_process.py --lease SECONDS` drains the outbox of DATABASE_URL through
TELEGRAM_API_URL at SEND_RATE, with no quiet hours, and exits when nothing is left.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.channels.telegram.delivery import telegram_delivery
from bot.config import load_settings
from bot.outbound.sender import Sender
from storage import outbox
from storage.db import open_database


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lease", type=float, default=30.0)
    args = parser.parse_args()
    settings = load_settings()
    engine = await open_database(settings.database_url, inline=True)
    stop = asyncio.Event()
    try:
        async with telegram_delivery(settings) as delivery:
            sender = Sender(
                engine,
                delivery,
                settings.timezone,
                rate=settings.send_rate,
                lease=timedelta(seconds=args.lease),
                quiet_hours=None,
                idle_poll=0.05,
            )
            running = asyncio.create_task(sender.run(stop))
            print("sending", flush=True)
            while True:
                await asyncio.sleep(0.2)
                async with engine.begin() as conn:
                    if not await outbox.waiting(conn):
                        break
            stop.set()
            await running
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
