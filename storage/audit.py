"""The audit log: who looked at or changed what, and when; never the figures themselves."""

from __future__ import annotations

from datetime import datetime

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
