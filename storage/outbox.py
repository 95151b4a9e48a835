"""The outbox: every message to a person who did not just write (reminders, broadcasts,
notices) is a row here first, with a unique dedupe key, and one sender drains it.

Row life: pending → claimed (by one sender, with a lease) → sent | blocked | failed |
expired | cancelled. A 429 puts a row back to pending without counting an attempt; a
time-out counts one and retries later with backoff. A claimed row whose sender died goes
back to pending once its lease has run out, so delivery is at-least-once: a message the
platform accepted just before the sender died, and not yet marked sent, goes out again. Only
messages in flight at that moment can be sent twice.

A message goes only to a chat that still wants it: linked, consenting and, for a reminder
(kind `reminder:*`), with reminders on. Unlinking cancels every waiting row to the chat and
switching reminders off its waiting reminders (`cancel_waiting`); the claim checks again, so
a row queued from a stale read is cancelled rather than sent. A cancelled row's text and
buttons are blanked at once; the text of rows that ended otherwise is blanked by the daily
housekeeping (`blank_ended`). Status and counts stay for the broadcast reports.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, exists, func, not_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import chat_links, outbox

MAX_ATTEMPTS = 6
FIRST_BACKOFF = timedelta(seconds=5)
DONE = ("sent", "blocked", "failed", "expired", "cancelled")
STOPPED = "stopped by the officer"  # why a broadcast's copies not sent yet were cancelled
WAITING = ("pending", "claimed")
REMINDER_KINDS = "reminder:%"
# Rows to a group chat (kind `group:*`) are addressed to no one person: not checked.
GROUP_KINDS = "group:%"
# What a cancelled row keeps: no text, no buttons, why.
_CANCELLED = {"status": "cancelled", "text": "", "buttons": None}


# Buttons under a message as (label, data) pairs, rows of them; the message contract's
# `Button` is such a pair, so handlers pass theirs as they are.
Choices = Sequence[Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class Message:
    """One message to queue."""

    channel: str
    chat_id: str
    text: str
    kind: str
    dedupe_key: str
    not_before: datetime
    buttons: Choices | None = None
    not_after: datetime | None = None
    broadcast_id: int | None = None


@dataclass(frozen=True)
class Claimed:
    id: int
    channel: str
    chat_id: str
    text: str
    buttons: list[list[tuple[str, str]]]
    kind: str
    attempts: int
    broadcast_id: int | None
    not_after: datetime | None


def encode_buttons(buttons: Choices | None) -> str | None:
    if not buttons:
        return None
    return json.dumps(
        [[[label, data] for label, data in row] for row in buttons], ensure_ascii=False
    )


def decode_buttons(raw: str | None) -> list[list[tuple[str, str]]]:
    if not raw:
        return []
    return [[(label, data) for label, data in row] for row in json.loads(raw)]


def _insert(conn: AsyncConnection) -> Any:
    dialect = conn.dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(outbox).on_conflict_do_nothing(index_elements=["dedupe_key"])


def _still_wanted() -> ColumnElement[bool]:
    """The row's chat is linked and consenting, and wants reminders if the row is one."""
    return or_(
        outbox.c.kind.like(GROUP_KINDS),
        exists().where(
            chat_links.c.channel == outbox.c.channel,
            chat_links.c.chat_id == outbox.c.chat_id,
            or_(chat_links.c.customer_id.is_not(None), chat_links.c.officer_id.is_not(None)),
            chat_links.c.consent_at.is_not(None),
            or_(
                not_(outbox.c.kind.like(REMINDER_KINDS)),
                chat_links.c.reminders_enabled.is_(True),
            ),
        ),
    )


async def enqueue(
    conn: AsyncConnection, messages: Sequence[Message], now: datetime, chunk: int = 2000
) -> int:
    """Queue messages; a dedupe key already queued (ever) is skipped. Returns how many were new."""
    added = 0
    statement = _insert(conn)
    for start in range(0, len(messages), chunk):
        rows = [
            {
                "channel": m.channel,
                "chat_id": m.chat_id,
                "text": m.text,
                "buttons": encode_buttons(m.buttons),
                "kind": m.kind,
                "dedupe_key": m.dedupe_key,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": m.not_before,
                "not_after": m.not_after,
                "broadcast_id": m.broadcast_id,
                "created_at": now,
            }
            for m in messages[start : start + chunk]
        ]
        # RETURNING counts what was really added on every database (a dedupe key seen
        # before returns nothing); rowcount of a batch insert is not reliable everywhere.
        result = await conn.execute(statement.returning(outbox.c.id), rows)
        added += len(result.all())
    return added


async def enqueue_one(conn: AsyncConnection, message: Message, now: datetime) -> int | None:
    """Queue one message; its row id, or None when its dedupe key was queued before."""
    if not await enqueue(conn, [message], now):
        return None
    row_id = await conn.scalar(select(outbox.c.id).where(outbox.c.dedupe_key == message.dedupe_key))
    return int(row_id) if row_id is not None else None


async def claim(
    conn: AsyncConnection,
    channel: str,
    worker: str,
    now: datetime,
    limit: int,
    chat_id: str | None = None,
) -> list[Claimed]:
    """Take up to `limit` due pending rows of a channel for this worker, oldest first.
    On PostgreSQL concurrent senders skip each other's rows (FOR UPDATE SKIP LOCKED).
    `chat_id` narrows it to one chat (the console serves only its own). A due row whose chat
    no longer wants it (unlinked, consent withdrawn, reminders off) is cancelled instead."""
    candidates = select(outbox.c.id, _still_wanted().label("wanted")).where(
        outbox.c.status == "pending",
        outbox.c.channel == channel,
        outbox.c.next_attempt_at <= now,
    )
    if chat_id is not None:
        candidates = candidates.where(outbox.c.chat_id == chat_id)
    due = list(
        await conn.execute(
            candidates.order_by(outbox.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=outbox)
        )
    )
    unwanted = [r.id for r in due if not r.wanted]
    if unwanted:
        await conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(unwanted), outbox.c.status == "pending")
            .values(**_CANCELLED, error="the chat no longer wants it")
        )
    wanted = [r.id for r in due if r.wanted]
    if not wanted:
        return []
    result = await conn.execute(
        update(outbox)
        .where(outbox.c.id.in_(wanted), outbox.c.status == "pending")
        .values(status="claimed", claimed_by=worker, claimed_at=now)
        .returning(
            outbox.c.id,
            outbox.c.channel,
            outbox.c.chat_id,
            outbox.c.text,
            outbox.c.buttons,
            outbox.c.kind,
            outbox.c.attempts,
            outbox.c.broadcast_id,
            outbox.c.not_after,
        )
    )
    rows = sorted(result, key=lambda r: r.id)
    return [
        Claimed(
            r.id,
            r.channel,
            r.chat_id,
            r.text,
            decode_buttons(r.buttons),
            r.kind,
            r.attempts,
            r.broadcast_id,
            _aware(r.not_after),
        )
        for r in rows
    ]


_STILL_TO_SEND = select(
    outbox.c.status, outbox.c.claimed_by, _still_wanted().label("wanted")
).where(outbox.c.id == bindparam("row_id"))
_NO_LONGER_WANTED = (
    update(outbox)
    .where(outbox.c.id == bindparam("row_id"), outbox.c.status == "claimed")
    .values(**_CANCELLED, error="the chat no longer wants it")
)


async def still_to_send(conn: AsyncConnection, row_id: int, worker: str) -> bool:
    """Just before sending: whether the row is still this worker's claim and its chat still
    wants it. A row whose chat was unlinked or switched reminders off since it was claimed is
    cancelled here; one cancelled meanwhile (or taken by another sender) is left alone."""
    row = (await conn.execute(_STILL_TO_SEND, {"row_id": row_id})).first()
    if row is None or row.status != "claimed" or row.claimed_by != worker:
        return False
    if row.wanted:
        return True
    await conn.execute(_NO_LONGER_WANTED, {"row_id": row_id})
    return False


async def cancel_waiting(
    conn: AsyncConnection, channel: str, chat_id: str, *, reminders_only: bool = False
) -> int:
    """The chat was unlinked (or, `reminders_only`, switched reminders off): its waiting rows
    (pending, or claimed and not yet sent) are cancelled and their text and buttons blanked.
    How many."""
    where = [
        outbox.c.channel == channel,
        outbox.c.chat_id == chat_id,
        outbox.c.status.in_(WAITING),
    ]
    if reminders_only:
        where.append(outbox.c.kind.like(REMINDER_KINDS))
    result = await conn.execute(
        update(outbox)
        .where(and_(*where))
        .values(**_CANCELLED, claimed_by=None, claimed_at=None, error="cancelled by the person")
    )
    return int(result.rowcount or 0)


async def withdraw_waiting(conn: AsyncConnection, kind: str, key_like: str, why: str) -> int:
    """Rows of `kind` whose dedupe key is like `key_like` and that have not left yet
    (pending, or claimed and not yet sent: the sender checks again just before sending) are
    cancelled, their text and buttons blanked. How many."""
    result = await conn.execute(
        update(outbox)
        .where(
            outbox.c.kind == kind,
            outbox.c.dedupe_key.like(key_like),
            outbox.c.status.in_(WAITING),
        )
        .values(**_CANCELLED, claimed_by=None, claimed_at=None, error=why)
    )
    return int(result.rowcount or 0)


async def blank_chat(conn: AsyncConnection, channel: str, chat_id: str) -> None:
    """No row to this chat keeps its text or buttons (the chat was unlinked)."""
    await conn.execute(
        update(outbox)
        .where(outbox.c.channel == channel, outbox.c.chat_id == chat_id)
        .values(text="", buttons=None)
    )


async def blank_ended(conn: AsyncConnection) -> int:
    """Rows that ended keep their status, counts and times but not their text or buttons (a
    reminder's text holds the household's figures). How many were blanked."""
    result = await conn.execute(
        update(outbox)
        .where(
            outbox.c.status.in_(DONE),
            or_(outbox.c.text != "", outbox.c.buttons.is_not(None)),
        )
        .values(text="", buttons=None)
    )
    return int(result.rowcount or 0)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


async def reclaim_expired(conn: AsyncConnection, now: datetime, lease: timedelta) -> int:
    """Rows claimed longer ago than the lease (their sender died) go back to pending."""
    result = await conn.execute(
        update(outbox)
        .where(outbox.c.status == "claimed", outbox.c.claimed_at < now - lease)
        .values(status="pending", claimed_by=None, claimed_at=None)
    )
    return int(result.rowcount or 0)


_MARK_SENT = (
    update(outbox)
    .where(outbox.c.id == bindparam("row_id"))
    .values(
        status="sent",
        sent_at=bindparam("now"),
        sent_message_id=bindparam("message_id"),
        attempts=outbox.c.attempts + 1,
    )
)


async def mark_sent(
    conn: AsyncConnection, row_id: int, now: datetime, message_id: str | None
) -> None:
    await conn.execute(_MARK_SENT, {"row_id": row_id, "now": now, "message_id": message_id})


async def mark_blocked(conn: AsyncConnection, row: Claimed, now: datetime, error: str) -> None:
    """The person blocked the bot: this row ends as blocked, the chat is marked unreachable
    (future audiences leave it out) and its other waiting rows end too."""
    await conn.execute(
        update(outbox)
        .where(outbox.c.id == row.id)
        .values(status="blocked", error=error[:300], attempts=outbox.c.attempts + 1)
    )
    await conn.execute(
        update(outbox)
        .where(
            outbox.c.channel == row.channel,
            outbox.c.chat_id == row.chat_id,
            outbox.c.status == "pending",
        )
        .values(status="blocked", error="chat unreachable")
    )
    await set_reachable(conn, row.channel, row.chat_id, False, now)


async def set_reachable(
    conn: AsyncConnection, channel: str, chat_id: str, reachable: bool, now: datetime
) -> None:
    await conn.execute(
        update(chat_links)
        .where(chat_links.c.channel == channel, chat_links.c.chat_id == chat_id)
        .values(unreachable_at=None if reachable else now)
    )


async def mark_failed(
    conn: AsyncConnection, row_id: int, error: str, status: str = "failed"
) -> None:
    await conn.execute(
        update(outbox)
        .where(outbox.c.id == row_id)
        .values(status=status, error=error[:300], attempts=outbox.c.attempts + 1)
    )


async def release(conn: AsyncConnection, row_id: int, next_attempt_at: datetime) -> None:
    """Back to pending without counting an attempt (the platform asked us to wait)."""
    await conn.execute(
        update(outbox)
        .where(outbox.c.id == row_id)
        .values(status="pending", claimed_by=None, claimed_at=None, next_attempt_at=next_attempt_at)
    )


async def retry_later(conn: AsyncConnection, row: Claimed, now: datetime, error: str) -> bool:
    """Count a failed attempt and try again later with exponential backoff; after
    MAX_ATTEMPTS the row fails. True when it will be retried."""
    attempts = row.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        await mark_failed(conn, row.id, error)
        return False
    await conn.execute(
        update(outbox)
        .where(outbox.c.id == row.id)
        .values(
            status="pending",
            attempts=attempts,
            claimed_by=None,
            claimed_at=None,
            error=error[:300],
            next_attempt_at=now + FIRST_BACKOFF * (2 ** (attempts - 1)),
        )
    )
    return True


async def status_counts(conn: AsyncConnection, broadcast_id: int) -> dict[str, int]:
    """How many rows of a broadcast are in each state (pending includes claimed; "stopped",
    only when some are, the copies its officer stopped)."""
    result = await conn.execute(
        select(outbox.c.status, outbox.c.error, func.count())
        .where(outbox.c.broadcast_id == broadcast_id, outbox.c.kind == "broadcast")
        .group_by(outbox.c.status, outbox.c.error)
    )
    counts = {"sent": 0, "blocked": 0, "failed": 0, "pending": 0}
    for status, error, count in result:
        key = "pending" if status in ("pending", "claimed") else status
        if key == "cancelled" and error == STOPPED:  # the officer stopped them: "stopped"
            key = "stopped"
        key = "failed" if key in ("expired", "cancelled") else key
        counts[key] = counts.get(key, 0) + int(count)
    return counts


async def waiting(conn: AsyncConnection, channel: str | None = None) -> int:
    """Rows not yet done (pending or claimed)."""
    query = (
        select(func.count()).select_from(outbox).where(outbox.c.status.in_(("pending", "claimed")))
    )
    if channel is not None:
        query = query.where(outbox.c.channel == channel)
    return int((await conn.execute(query)).scalar_one())
