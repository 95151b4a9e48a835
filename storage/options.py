"""The options under the last message a chat was sent: (label, data) pairs kept a day, so a
person who types instead of pressing is understood after a restart or on another worker."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import chat_options
from storage.utc import aware

KEPT = timedelta(hours=24)
_READ = select(chat_options.c.options, chat_options.c.at).where(
    chat_options.c.channel == bindparam("channel"), chat_options.c.chat_id == bindparam("chat_id")
)


async def remember(
    conn: AsyncConnection,
    channel: str,
    chat_id: str,
    options: Sequence[tuple[str, str]],
    now: datetime,
) -> None:
    values = {"options": json.dumps([list(o) for o in options], ensure_ascii=False), "at": now}
    result = await conn.execute(
        update(chat_options)
        .where(chat_options.c.channel == channel, chat_options.c.chat_id == chat_id)
        .values(**values)
    )
    if result.rowcount == 0:
        await conn.execute(chat_options.insert().values(channel=channel, chat_id=chat_id, **values))


def decoded(raw: str | None, at: datetime | None, now: datetime) -> tuple[tuple[str, str], ...]:
    """Stored options as pairs; none when there are none or they are older than a day."""
    if raw is None or at is None or aware(at) < now - KEPT:
        return ()
    return tuple((str(label), str(data)) for label, data in json.loads(raw))


async def recall(
    conn: AsyncConnection, channel: str, chat_id: str, now: datetime
) -> tuple[tuple[str, str], ...]:
    row = (await conn.execute(_READ, {"channel": channel, "chat_id": chat_id})).first()
    return () if row is None else decoded(row.options, row.at, now)


async def forget(conn: AsyncConnection, channel: str, chat_id: str) -> None:
    await conn.execute(
        delete(chat_options).where(
            chat_options.c.channel == channel, chat_options.c.chat_id == chat_id
        )
    )
