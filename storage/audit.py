"""The audit log: who looked at or changed what, and when; never the figures themselves."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.links import Person
from storage.schema import audit_log

_AUDIT = audit_log.insert()


async def audit(
    conn: AsyncConnection, person: Person, action: str, now: datetime, subject: str | None = None
) -> None:
    """Who looked at what, and when; never the figures themselves."""
    await conn.execute(
        _AUDIT,
        {
            "at": now,
            "channel": person.channel,
            "chat_id": person.chat_id,
            "actor_role": person.role.value,
            "actor_customer_id": person.customer_id,
            "actor_officer_id": person.officer_id,
            "action": action,
            "subject": subject,
        },
    )


async def last_action(
    conn: AsyncConnection, channel: str, chat_id: str, since: datetime
) -> str | None:
    """The last action audited for this chat since `since` (what it last looked at)."""
    row = (
        await conn.execute(
            select(audit_log.c.action)
            .where(
                audit_log.c.channel == channel,
                audit_log.c.chat_id == chat_id,
                audit_log.c.at >= since,
            )
            .order_by(audit_log.c.id.desc())
            .limit(1)
        )
    ).first()
    return str(row.action) if row is not None else None
