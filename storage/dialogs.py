"""Dialog state: the open step of a conversation (the tally draft, a broadcast being written,
the CCCD question), one row per chat with an expiry, so a restart or a second worker loses
nothing.

A dialog opened while another is open does not throw the other away: the one it interrupts
is parked under it (in the row's data, with its own expiry) and comes back when the new one
closes, so moving a meeting in the middle of the tally leaves the tally's draft as it was.
The open dialog's own expiry is kept beside it; the row lives as long as the longest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import dialog_states
from storage.utc import aware

DIALOG_TTL = timedelta(hours=24)
MAX_PARKED = 3  # dialogs kept under the open one; the oldest goes first
_PARKED, _UNTIL = "_parked", "_until"  # reserved keys in the row's data

_DIALOG = select(dialog_states).where(
    dialog_states.c.channel == bindparam("channel"), dialog_states.c.chat_id == bindparam("chat_id")
)


@dataclass(frozen=True)
class Dialog:
    flow: str
    step: str
    data: dict[str, Any]
    version: int
    # The dialogs this one interrupted, the most recent last; each comes back when the one
    # above it closes.
    parked: tuple[Dialog, ...] = ()
    expires_at: datetime | None = None


def from_row(
    flow: str | None, step: str, data: str, version: int, expires_at: datetime, now: datetime
) -> Dialog | None:
    """The open dialog of a stored row, or None: when the open one expired, the newest
    parked one still valid is the open one."""
    if flow is None or aware(expires_at) <= now:
        return None
    values = json.loads(data)
    until = values.pop(_UNTIL, None)
    parked = tuple(
        Dialog(p["flow"], p["step"], p["data"], version, (), datetime.fromisoformat(p["until"]))
        for p in values.pop(_PARKED, [])
        if datetime.fromisoformat(p["until"]) > now
    )
    own = datetime.fromisoformat(until) if until is not None else aware(expires_at)
    if own > now:
        return Dialog(flow, step, values, version, parked, own)
    if not parked:
        return None
    top = parked[-1]
    return Dialog(top.flow, top.step, top.data, version, parked[:-1], top.expires_at)


async def get_dialog(
    conn: AsyncConnection, channel: str, chat_id: str, now: datetime
) -> Dialog | None:
    row = (await conn.execute(_DIALOG, {"channel": channel, "chat_id": chat_id})).first()
    if row is None:
        return None
    return from_row(row.flow, row.step, row.data, row.version, row.expires_at, now)


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
    """Open (or move on) this chat's dialog of `flow`; another flow's open dialog is parked
    under it, and an older one of the same flow parked before is replaced by this one."""
    current = await get_dialog(conn, channel, chat_id, now)
    parked: list[Dialog] = []
    if current is not None:
        parked = [p for p in current.parked if p.flow != flow]
        if current.flow != flow:
            parked.append(current)
    await _write(conn, channel, chat_id, Dialog(flow, step, data, 0, tuple(parked), now + ttl), now)


async def _write(
    conn: AsyncConnection, channel: str, chat_id: str, dialog: Dialog, now: datetime
) -> None:
    parked = dialog.parked[-MAX_PARKED:]
    until = dialog.expires_at or now + DIALOG_TTL
    stored = dict(dialog.data)
    if parked:
        stored[_UNTIL] = until.isoformat()
        stored[_PARKED] = [
            {
                "flow": p.flow,
                "step": p.step,
                "data": p.data,
                "until": (p.expires_at or until).isoformat(),
            }
            for p in parked
        ]
    values = {
        "flow": dialog.flow,
        "step": dialog.step,
        "data": json.dumps(stored, ensure_ascii=False),
        "updated_at": now,
        "expires_at": max([until, *(p.expires_at or until for p in parked)]),
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


async def close_dialog(
    conn: AsyncConnection, channel: str, chat_id: str, now: datetime
) -> Dialog | None:
    """The open dialog is over (done, cancelled): the one it interrupted, if any, is open
    again and returned."""
    current = await get_dialog(conn, channel, chat_id, now)
    if current is None or not current.parked:
        await clear_dialog(conn, channel, chat_id)
        return None
    back = current.parked[-1]
    await _write(conn, channel, chat_id, replace(back, parked=current.parked[:-1]), now)
    return back


async def clear_dialog(conn: AsyncConnection, channel: str, chat_id: str) -> None:
    """Every dialog of the chat, open or parked, is gone (unlinking, linking again)."""
    await conn.execute(
        delete(dialog_states).where(
            dialog_states.c.channel == channel, dialog_states.c.chat_id == chat_id
        )
    )
