"""The numbered options of the last message with options sent to a chat on a channel that has
no buttons (Zalo, the console's Zalo mode): what "1" or "xác nhận" typed back stands for.

One row per chat, so a restart or a second worker reads the same options. Options older than
MAX_AGE are not read any more: a bare "1" a week later is ordinary text again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import chat_links
from storage.schema import zalo_options as chat_options
from storage.utc import aware

MAX_AGE = timedelta(days=7)
MAX_OPTIONS = 60
MAX_LABEL = 200


def _upsert(conn: AsyncConnection) -> Any:
    insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = insert(chat_options)
    return statement.on_conflict_do_update(
        index_elements=["channel", "chat_id"],
        set_={"options": statement.excluded.options, "updated_at": statement.excluded.updated_at},
    )


async def save(
    conn: AsyncConnection,
    channel: str,
    chat_id: str,
    options: Sequence[tuple[str, str]],
    now: datetime,
) -> None:
    """The chat's options are now these (label, data) pairs, numbered from 1; none clears."""
    if not options:
        await clear(conn, channel, chat_id)
        return
    kept = [[label[:MAX_LABEL], data] for label, data in options[:MAX_OPTIONS]]
    await conn.execute(
        _upsert(conn),
        {
            "channel": channel,
            "chat_id": chat_id,
            "options": json.dumps(kept, ensure_ascii=False),
            "updated_at": now,
        },
    )


async def clear(conn: AsyncConnection, channel: str, chat_id: str) -> None:
    await conn.execute(
        delete(chat_options).where(
            chat_options.c.channel == channel, chat_options.c.chat_id == chat_id
        )
    )


async def load(
    conn: AsyncConnection, channel: str, chat_id: str, now: datetime
) -> list[tuple[str, str]]:
    """The (label, data) pairs of the chat's last options, or [] when none are current."""
    row = (
        await conn.execute(
            select(chat_options.c.options, chat_options.c.updated_at).where(
                chat_options.c.channel == channel, chat_options.c.chat_id == chat_id
            )
        )
    ).first()
    if row is None or aware(row.updated_at) < now - MAX_AGE:
        return []
    return [(str(label), str(data)) for label, data in json.loads(row.options)]


async def locale_of(conn: AsyncConnection, channel: str, chat_id: str) -> str:
    """The chat's language ("vi" for a chat the bot has not met)."""
    locale = await conn.scalar(
        select(chat_links.c.locale).where(
            chat_links.c.channel == channel, chat_links.c.chat_id == chat_id
        )
    )
    return str(locale or "vi")
