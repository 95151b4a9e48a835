"""A commune named in an officer's free text, read against the communes the bank has: the
longest known name at that place, and the rest of the line (`handlers.rules.place_names`)."""

from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncConnection

from handlers.rules.place_names import NameSplit, name_keys, split_at_known, split_guessed
from storage import audiences


async def commune_in_text(conn: AsyncConnection, typed: str) -> tuple[NameSplit, bool]:
    """The commune's name and the rest of the line; whether the name is a known commune
    (when not, the name is a guess: its first two words)."""
    found = split_at_known(typed, await audiences.known_communes(conn, name_keys(typed)))
    return (found, True) if found is not None else (split_guessed(typed), False)


async def commune_anywhere(conn: AsyncConnection, typed: str) -> str | None:
    """A known commune named anywhere in the text without "xã" before it ("quá hạn ở Thạnh
    Phú"), as typed: the first place where a known name of two words or more starts."""
    starts = [m.start() for m in re.finditer(r"\S+", typed)]
    keys = {key for at in starts for key in name_keys(typed[at:]) if " " in key}
    known = await audiences.known_communes(conn, sorted(keys))
    for at in starts:
        found = split_at_known(typed[at:], known)
        if found is not None and " " in found.name.strip():
            return found.name
    return None
