"""The inbox: every update a platform delivered to the webhook is a row here before the
platform is told 200, so a crash never loses one.

Row life: pending → claimed (by one worker, with a lease it renews while it works) → done.
A re-delivery of the same update (same channel and key) is stored once. Rows are handed out
one chat at a time: only the oldest not-done row of a chat (its "head") can be claimed, so a
chat's updates are processed in order, one after another, even with several workers, and a
chat that is slow to answer holds one row, never the others' turn. A row whose worker died
is claimed again when its lease runs out; `attempts` counts the claims, and a row claimed
too often (it kills its worker) is given up.

The reply to a claimed row is written into it (`replies`) in the same transaction as what
the update changed: if the worker dies after that commit but before the reply left, the
next claim sends the kept reply instead of acting twice. A done row keeps only its key (so
a late re-delivery is still recognised) and is deleted after a week by the housekeeping;
its payload (which may hold a phone number or CCCD digits) is cleared when it is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import inbox

MAX_ATTEMPTS = 5
DONE_DAYS = 7

_ACCEPT: dict[str, Any] = {
    name: insert(inbox)
    .values(
        channel=bindparam("channel"),
        update_key=bindparam("update_key"),
        chat_key=bindparam("chat_key"),
        payload=bindparam("payload"),
        received_at=bindparam("now"),
        attempts=0,
    )
    .on_conflict_do_nothing(index_elements=["channel", "update_key"])
    for name, insert in (("sqlite", sqlite_insert), ("postgresql", postgresql_insert))
}


@dataclass(frozen=True)
class Claimed:
    id: int
    channel: str
    update_key: str
    payload: str
    attempts: int  # including this claim


async def accept(
    conn: AsyncConnection,
    channel: str,
    update_key: str,
    chat_key: str | None,
    payload: str,
    now: datetime,
) -> bool:
    """Store a delivered update; False when it was stored before (a re-delivery).

    `chat_key` names the chat the update belongs to (updates without a chat each form
    their own queue)."""
    statement = _ACCEPT.get(conn.dialect.name)
    if statement is None:
        raise NotImplementedError(f"inbox on {conn.dialect.name}")
    result = await conn.execute(
        statement,
        {
            "channel": channel,
            "update_key": update_key,
            "chat_key": chat_key if chat_key is not None else f"update:{update_key}",
            "payload": payload,
            "now": now,
        },
    )
    return bool(result.rowcount == 1)


async def claim(
    conn: AsyncConnection,
    channel: str,
    worker: str,
    now: datetime,
    limit: int,
    lease: timedelta,
) -> list[Claimed]:
    """Take up to `limit` rows for this worker, oldest first, at most one per chat: the
    oldest not-done row of each chat, if no live lease holds it. On PostgreSQL concurrent
    workers skip each other's rows (FOR UPDATE SKIP LOCKED)."""
    heads = (
        select(func.min(inbox.c.id))
        .where(inbox.c.channel == channel, inbox.c.done_at.is_(None))
        .group_by(inbox.c.chat_key)
    )
    free = select(inbox.c.id).where(
        inbox.c.id.in_(heads.scalar_subquery()),
        or_(inbox.c.lease_until.is_(None), inbox.c.lease_until <= now),
    )
    due = free.order_by(inbox.c.id).limit(limit).with_for_update(skip_locked=True)
    if conn.dialect.name == "postgresql":
        # Materialised once: as a plain `IN (subquery)` PostgreSQL may run the locking
        # subquery again for each row it updates, each time taking rows the previous runs
        # already updated (measured: 40 rows claimed with a limit of 8).
        chosen: Any = select(due.cte("due").prefix_with("MATERIALIZED").c.id)
    else:
        chosen = due.scalar_subquery()
    result = await conn.execute(
        update(inbox)
        .where(inbox.c.id.in_(chosen), inbox.c.done_at.is_(None))
        .values(claimed_by=worker, lease_until=now + lease, attempts=inbox.c.attempts + 1)
        .returning(
            inbox.c.id, inbox.c.channel, inbox.c.update_key, inbox.c.payload, inbox.c.attempts
        )
    )
    return sorted(
        (Claimed(r.id, r.channel, r.update_key, r.payload, r.attempts) for r in result),
        key=lambda row: row.id,
    )


async def renew(
    conn: AsyncConnection, ids: list[int], worker: str, now: datetime, lease: timedelta
) -> None:
    """This worker is still at these rows: their lease runs on."""
    if ids:
        await conn.execute(
            update(inbox)
            .where(inbox.c.id.in_(ids), inbox.c.claimed_by == worker, inbox.c.done_at.is_(None))
            .values(lease_until=now + lease)
        )


async def release(conn: AsyncConnection, ids: list[int], worker: str) -> None:
    """Back to pending at once (this worker stops without finishing them)."""
    if ids:
        await conn.execute(
            update(inbox)
            .where(inbox.c.id.in_(ids), inbox.c.claimed_by == worker, inbox.c.done_at.is_(None))
            .values(claimed_by=None, lease_until=None)
        )


async def mark_done(conn: AsyncConnection, row_id: int, now: datetime) -> None:
    """Processed and answered: only the key is kept, for recognising re-deliveries."""
    await conn.execute(
        update(inbox)
        .where(inbox.c.id == row_id)
        .values(done_at=now, payload="", replies=None, claimed_by=None, lease_until=None)
    )


async def keep_replies(conn: AsyncConnection, channel: str, update_key: str, replies: str) -> None:
    """The answer to a pending update, written with what the update changed."""
    await conn.execute(
        update(inbox)
        .where(
            inbox.c.channel == channel,
            inbox.c.update_key == update_key,
            inbox.c.done_at.is_(None),
        )
        .values(replies=replies)
    )


async def kept_replies(conn: AsyncConnection, channel: str, update_key: str) -> str | None:
    """The answer kept for an update that was processed but not marked done (its worker
    died before the answer surely left)."""
    found = await conn.scalar(
        select(inbox.c.replies).where(
            inbox.c.channel == channel,
            inbox.c.update_key == update_key,
            inbox.c.done_at.is_(None),
        )
    )
    return None if found is None else str(found)


async def pending(conn: AsyncConnection, channel: str | None = None) -> int:
    """Rows not yet done."""
    query = select(func.count()).select_from(inbox).where(inbox.c.done_at.is_(None))
    if channel is not None:
        query = query.where(inbox.c.channel == channel)
    return int((await conn.execute(query)).scalar_one())


async def prune(conn: AsyncConnection, now: datetime) -> int:
    """Done rows older than DONE_DAYS are deleted (the platform re-delivers within a day)."""
    result = await conn.execute(
        delete(inbox).where(
            inbox.c.done_at.is_not(None), inbox.c.done_at < now - timedelta(days=DONE_DAYS)
        )
    )
    return int(result.rowcount or 0)
