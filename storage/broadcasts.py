"""Officers' broadcasts: the row that records one, its recipients fixed in the outbox at the
moment of confirmation, and what the progress report needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage import outbox
from storage.audiences import Audience, Recipient
from storage.db import inserted_id
from storage.schema import audit_log, broadcasts, chat_links, officers
from storage.schema import outbox as outbox_table


@dataclass(frozen=True)
class StatusChat:
    channel: str
    chat_id: str


async def create(
    conn: AsyncConnection,
    *,
    officer_id: int | None,
    audience: Audience,
    audience_text: str,
    text: str,
    recipients: list[Recipient],
    status_chat: StatusChat | None,
    status_text: Callable[[int], str],
    now: datetime,
    not_before: datetime,
    header: Callable[[str], str] | None = None,
) -> int:
    """Record the broadcast, queue its status message (first, so it is sent first) and one
    message per recipient; write the audit line. Returns the broadcast's id. `header` gives,
    for a recipient's language, the line that opens their copy (who sends it)."""
    result = await conn.execute(
        broadcasts.insert().values(
            officer_id=officer_id,
            audience=f"{audience.encode()} {audience_text}".strip()[:200],
            text=text,
            recipients=len(recipients),
            status_channel=status_chat.channel if status_chat else None,
            status_chat_id=status_chat.chat_id if status_chat else None,
            created_at=now,
        )
    )
    broadcast_id = inserted_id(result)
    if status_chat is not None:
        status_id = await outbox.enqueue_one(
            conn,
            outbox.Message(
                status_chat.channel,
                status_chat.chat_id,
                status_text(broadcast_id),
                "broadcast_status",
                f"broadcast:{broadcast_id}:status",
                not_before,
                broadcast_id=broadcast_id,
            ),
            now,
        )
        await conn.execute(
            update(broadcasts)
            .where(broadcasts.c.id == broadcast_id)
            .values(status_outbox_id=status_id)
        )
    await outbox.enqueue(
        conn,
        [
            outbox.Message(
                r.channel,
                r.chat_id,
                f"{header(r.locale)}\n{text}" if header is not None else text,
                "broadcast",
                f"broadcast:{broadcast_id}:c{r.customer_id}",  # once per person
                not_before,
                broadcast_id=broadcast_id,
            )
            for r in recipients
        ],
        now,
    )
    await conn.execute(
        audit_log.insert().values(
            at=now,
            channel=status_chat.channel if status_chat else "cli",
            chat_id=status_chat.chat_id if status_chat else None,
            actor_role="officer" if officer_id is not None else "admin",
            actor_officer_id=officer_id,
            action="broadcast",
            subject=f"broadcast:{broadcast_id}",
            detail=f"{audience.encode()} {audience_text} recipients={len(recipients)}"[:300],
        )
    )
    return broadcast_id


@dataclass(frozen=True)
class Running:
    id: int
    recipients: int
    channel: str
    chat_id: str
    message_id: str
    locale: str
    last_progress: str | None


async def running(conn: AsyncConnection, channel: str) -> list[Running]:
    """Broadcasts not finished whose status message (on this channel) has been sent."""
    rows = await conn.execute(
        select(
            broadcasts.c.id,
            broadcasts.c.recipients,
            broadcasts.c.status_channel,
            broadcasts.c.status_chat_id,
            broadcasts.c.last_progress,
            outbox_table.c.sent_message_id,
            chat_links.c.locale,
        )
        .join(outbox_table, outbox_table.c.id == broadcasts.c.status_outbox_id)
        .outerjoin(
            chat_links,
            (chat_links.c.channel == broadcasts.c.status_channel)
            & (chat_links.c.chat_id == broadcasts.c.status_chat_id),
        )
        .where(
            broadcasts.c.finished_at.is_(None),
            broadcasts.c.status_channel == channel,
            outbox_table.c.sent_message_id.is_not(None),
        )
    )
    return [
        Running(
            r.id,
            r.recipients,
            r.status_channel,
            r.status_chat_id,
            r.sent_message_id,
            r.locale or "vi",
            r.last_progress,
        )
        for r in rows
    ]


async def save_progress(
    conn: AsyncConnection, broadcast_id: int, progress: str, finished_at: datetime | None
) -> None:
    await conn.execute(
        update(broadcasts)
        .where(broadcasts.c.id == broadcast_id)
        .values(last_progress=progress, finished_at=finished_at)
    )


@dataclass(frozen=True)
class Sent:
    id: int
    recipients: int
    created_at: datetime
    text: str


async def recent(conn: AsyncConnection, officer_id: int, limit: int = 3) -> list[Sent]:
    """The officer's latest broadcasts, newest first."""
    rows = await conn.execute(
        select(broadcasts.c.id, broadcasts.c.recipients, broadcasts.c.created_at, broadcasts.c.text)
        .where(broadcasts.c.officer_id == officer_id)
        .order_by(broadcasts.c.id.desc())
        .limit(limit)
    )
    return [Sent(r.id, r.recipients, r.created_at, r.text) for r in rows]


async def officer_name(conn: AsyncConnection, officer_id: int) -> str | None:
    name = await conn.scalar(select(officers.c.full_name).where(officers.c.id == officer_id))
    return str(name) if name else None


@dataclass(frozen=True)
class Received:
    """A notice that reached a person: when it was sent, who sent it, what it said."""

    sent_at: datetime
    officer: str | None
    text: str


async def received(
    conn: AsyncConnection, customer_id: int, since: datetime, limit: int = 3
) -> list[Received]:
    """The notices sent to the customer (any of their chats) since `since`, newest first;
    the text is the broadcast's own (an ended outbox row's copy is blanked)."""
    rows = await conn.execute(
        select(outbox_table.c.sent_at, officers.c.full_name, broadcasts.c.text)
        .join(broadcasts, broadcasts.c.id == outbox_table.c.broadcast_id)
        .outerjoin(officers, officers.c.id == broadcasts.c.officer_id)
        .where(
            outbox_table.c.kind == "broadcast",
            outbox_table.c.status == "sent",
            outbox_table.c.dedupe_key.like(f"broadcast:%:c{customer_id}"),
            outbox_table.c.sent_at >= since,
        )
        .order_by(outbox_table.c.sent_at.desc(), outbox_table.c.id.desc())
        .limit(limit)
    )
    return [Received(r.sent_at, r.full_name, r.text) for r in rows]


async def owned(conn: AsyncConnection, officer_id: int, broadcast_id: int) -> Sent | None:
    """The officer's broadcast of that number, or None (none, or another officer's)."""
    row = (
        await conn.execute(
            select(
                broadcasts.c.id, broadcasts.c.recipients, broadcasts.c.created_at, broadcasts.c.text
            ).where(broadcasts.c.id == broadcast_id, broadcasts.c.officer_id == officer_id)
        )
    ).first()
    return Sent(row.id, row.recipients, row.created_at, row.text) if row else None


async def waiting_copies(conn: AsyncConnection, broadcast_id: int) -> int:
    """How many copies of the broadcast have not left yet (pending, or claimed not sent)."""
    count = await conn.scalar(
        select(func.count())
        .select_from(outbox_table)
        .where(
            outbox_table.c.broadcast_id == broadcast_id,
            outbox_table.c.kind == "broadcast",
            outbox_table.c.status.in_(outbox.WAITING),
        )
    )
    return int(count or 0)


async def stop_waiting(conn: AsyncConnection, broadcast_id: int) -> int:
    """The copies of the broadcast not sent yet are cancelled (those sent stay sent): how
    many."""
    return await outbox.withdraw_waiting(
        conn, "broadcast", f"broadcast:{broadcast_id}:c%", outbox.STOPPED
    )
