"""A commune named in an officer's free text, read against the communes the bank has: the
longest known name at that place, and the rest of the line (`handlers.rules.place_names`)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from handlers.rules.place_names import NameSplit, name_keys, split_at_known, split_guessed
from storage import audiences


async def commune_in_text(conn: AsyncConnection, typed: str) -> tuple[NameSplit, bool]:
    """The commune's name and the rest of the line; whether the name is a known commune
    (when not, the name is a guess: its first two words)."""
    found = split_at_known(typed, await audiences.known_communes(conn, name_keys(typed)))
    return (found, True) if found is not None else (split_guessed(typed), False)
