"""Platform updates already processed, so a re-delivered update is handled once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import processed_updates

# Built once per dialect: INSERT ... ON CONFLICT DO NOTHING into processed_updates.
_FIRST_TIME: dict[str, Any] = {
    name: insert(processed_updates)
    .values(channel=bindparam("channel"), update_id=bindparam("update_id"), at=bindparam("at"))
    .on_conflict_do_nothing(index_elements=["channel", "update_id"])
    for name, insert in (("sqlite", sqlite_insert), ("postgresql", postgresql_insert))
}


async def first_time_update(
    conn: AsyncConnection, channel: str, update_id: int, now: datetime
) -> bool:
    """True the first time a platform update is seen; a re-delivery returns False.

    One `INSERT … ON CONFLICT DO NOTHING` (SQLite and PostgreSQL both have it): the row
    count says whether this update is new, with no savepoint and no race between workers.
    """
    statement = _FIRST_TIME.get(conn.dialect.name)
    if statement is None:
        raise NotImplementedError(f"processed updates on {conn.dialect.name}")
    result = await conn.execute(statement, {"channel": channel, "update_id": update_id, "at": now})
    return bool(result.rowcount == 1)
