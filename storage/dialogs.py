"""Dialog state: the open step of a conversation (the tally draft, a broadcast being written,
the CCCD question), one row per chat with an expiry, so a restart or a second worker loses
nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import dialog_states
from storage.utc import aware

DIALOG_TTL = timedelta(hours=24)

_DIALOG = select(dialog_states).where(
    dialog_states.c.channel == bindparam("channel"), dialog_states.c.chat_id == bindparam("chat_id")
)


@dataclass(frozen=True)
class Dialog:
    flow: str
    step: str
    data: dict[str, Any]
    version: int


async def get_dialog(
    conn: AsyncConnection, channel: str, chat_id: str, now: datetime
) -> Dialog | None:
    row = (await conn.execute(_DIALOG, {"channel": channel, "chat_id": chat_id})).first()
    if row is None or aware(row.expires_at) <= now:
        return None
    return Dialog(row.flow, row.step, json.loads(row.data), row.version)


async def set_dialog(
    conn: AsyncConnection,
    channel: str,
    chat_id: str,
    flow: str,
    step: str,
    data: dict[str, Any],
    now: datetime,
    ttl: timedelta = DIALOG_TTL,
) -> None:
    values = {
        "flow": flow,
        "step": step,
        "data": json.dumps(data, ensure_ascii=False),
        "updated_at": now,
        "expires_at": now + ttl,
    }
    result = await conn.execute(
        update(dialog_states)
        .where(dialog_states.c.channel == channel, dialog_states.c.chat_id == chat_id)
        .values(version=dialog_states.c.version + 1, **values)
    )
    if result.rowcount == 0:
        await conn.execute(
            dialog_states.insert().values(channel=channel, chat_id=chat_id, version=1, **values)
        )


async def clear_dialog(conn: AsyncConnection, channel: str, chat_id: str) -> None:
    await conn.execute(
        delete(dialog_states).where(
            dialog_states.c.channel == channel, dialog_states.c.chat_id == chat_id
        )
    )
