"""The options a chat was last shown, as (label, data) pairs numbered from 1: what a person who
types instead of pressing ("1", "xác nhận", "đồng ý") means, on every channel. One row per
chat (table `chat_options`), so a restart or a second worker reads the same options.

Two writers, one row: the router keeps the buttons under the last reply of each answer (in
the message's transaction), and a channel without buttons (Zalo, the console's Zalo mode)
then keeps all the options it showed in that answer, which is what its person sees, with
the number each was shown with (0: listed unnumbered, answered by its words, where the
text itself reads bare numbers: a member's number, an amount). Stored as JSON
[[label, data], ...] or [[label, data, number], ...]; without numbers, they count from 1. A
row older than KEPT is not read: a bare "1" a week later is ordinary text again. Unlinking a
chat removes its row (storage/links.py, storage/importer/identity.py). At most MAX_OPTIONS
options of MAX_LABEL characters are kept.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import chat_options
from storage.utc import aware

KEPT = timedelta(days=7)
MAX_OPTIONS = 60
MAX_LABEL = 200

Pairs = tuple[tuple[str, str], ...]
Numbered = tuple[tuple[int, str, str], ...]  # (number shown, label, data)

_READ = select(chat_options.c.options, chat_options.c.at).where(
    chat_options.c.channel == bindparam("channel"), chat_options.c.chat_id == bindparam("chat_id")
)


def _upsert(conn: AsyncConnection) -> Any:
    insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = insert(chat_options)
    return statement.on_conflict_do_update(
        index_elements=["channel", "chat_id"],
        set_={"options": statement.excluded.options, "at": statement.excluded.at},
    )


async def remember(
    conn: AsyncConnection,
    channel: str,
    chat_id: str,
    options: Sequence[tuple[str, str]],
    now: datetime,
) -> None:
    """The chat's options are now these (label, data) pairs; none clears them."""
    if not options:
        await forget(conn, channel, chat_id)
        return
    kept = [[label[:MAX_LABEL], data] for label, data in options[:MAX_OPTIONS]]
    await _store(conn, channel, chat_id, kept, now)


async def remember_numbered(
    conn: AsyncConnection,
    channel: str,
    chat_id: str,
    options: Sequence[tuple[int, str, str]],
    now: datetime,
) -> None:
    """The chat's options are now these (number shown, label, data); none clears them."""
    if not options:
        await forget(conn, channel, chat_id)
        return
    kept = [[label[:MAX_LABEL], data, number] for number, label, data in options[:MAX_OPTIONS]]
    await _store(conn, channel, chat_id, kept, now)


async def _store(
    conn: AsyncConnection, channel: str, chat_id: str, kept: list[list[Any]], now: datetime
) -> None:
    await conn.execute(
        _upsert(conn),
        {
            "channel": channel,
            "chat_id": chat_id,
            "options": json.dumps(kept, ensure_ascii=False),
            "at": now,
        },
    )


def decoded(raw: str | None, at: datetime | None, now: datetime) -> Pairs:
    """Stored options as pairs; none when there are none or they are older than KEPT."""
    return tuple((label, data) for _number, label, data in decoded_numbered(raw, at, now))


def decoded_numbered(raw: str | None, at: datetime | None, now: datetime) -> Numbered:
    """Stored options with the number each was shown with (by position when not stored)."""
    if raw is None or at is None or aware(at) < now - KEPT:
        return ()
    found = []
    for position, entry in enumerate(json.loads(raw), start=1):
        number = entry[2] if len(entry) > 2 and isinstance(entry[2], int) else position
        found.append((number, str(entry[0]), str(entry[1])))
    return tuple(found)


async def recall(conn: AsyncConnection, channel: str, chat_id: str, now: datetime) -> Pairs:
    """The chat's current options (none when there are none or they are too old)."""
    row = (await conn.execute(_READ, {"channel": channel, "chat_id": chat_id})).first()
    return () if row is None else decoded(row.options, row.at, now)


async def recall_numbered(
    conn: AsyncConnection, channel: str, chat_id: str, now: datetime
) -> Numbered:
    """The chat's current options with the numbers they were shown with."""
    row = (await conn.execute(_READ, {"channel": channel, "chat_id": chat_id})).first()
    return () if row is None else decoded_numbered(row.options, row.at, now)


async def forget(conn: AsyncConnection, channel: str, chat_id: str) -> None:
    await forget_chats(conn, channel, [chat_id])


async def forget_chats(conn: AsyncConnection, channel: str, chat_ids: Sequence[str]) -> None:
    """These chats of the channel have no options any more (they were unlinked)."""
    if chat_ids:
        await conn.execute(
            delete(chat_options).where(
                chat_options.c.channel == channel, chat_options.c.chat_id.in_(list(chat_ids))
            )
        )
