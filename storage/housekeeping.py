"""Daily housekeeping: rows that have done their job are deleted, so tables that grow with
every message stay the size of their purpose.

- outbox rows that ended (sent, blocked, failed, expired, cancelled) more than OUTBOX_DAYS
  ago: their dedupe keys all name a day or an event long past, so nothing can be queued
  twice; until then an ended row keeps its status and times (what a broadcast's report
  counts) but not its text or buttons, which may hold a household's figures (`blank_ended`);
- processed update ids older than UPDATE_DAYS (Telegram re-delivers within a day), and
  webhook inbox rows done as long ago (storage/inbox.py);
- dialog steps that expired (an abandoned link attempt, a tally draft after its session).
The audit log and the tallies are records and are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection

from storage import inbox
from storage import outbox as outbox_rows
from storage.schema import dialog_states, outbox, processed_updates

OUTBOX_DAYS = 30
UPDATE_DAYS = 7


@dataclass(frozen=True)
class Pruned:
    outbox: int
    updates: int
    dialogs: int
    inbox: int = 0


async def prune(conn: AsyncConnection, now: datetime) -> Pruned:
    ended = await conn.execute(
        delete(outbox).where(
            outbox.c.status.in_(outbox_rows.DONE),
            outbox.c.created_at < now - timedelta(days=OUTBOX_DAYS),
        )
    )
    updates = await conn.execute(
        delete(processed_updates).where(processed_updates.c.at < now - timedelta(days=UPDATE_DAYS))
    )
    dialogs = await conn.execute(delete(dialog_states).where(dialog_states.c.expires_at < now))
    return Pruned(
        int(ended.rowcount or 0),
        int(updates.rowcount or 0),
        int(dialogs.rowcount or 0),
        await inbox.prune(conn, now),
    )


async def blank_ended(conn: AsyncConnection) -> int:
    """The text and buttons of every outbox row that ended are blanked; how many."""
    return await outbox_rows.blank_ended(conn)
