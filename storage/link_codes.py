"""One-time link codes an officer hands out: 8 characters without look-alike letters,
stored only as a hash, spent on first use."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import link_codes

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_TTL = timedelta(days=7)


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


async def create_link_code(
    conn: AsyncConnection,
    now: datetime,
    *,
    customer_id: int | None = None,
    officer_id: int | None = None,
    ttl: timedelta = CODE_TTL,
) -> str:
    """A one-time code (8 characters, no look-alike letters), stored only as a hash, valid
    for `ttl`."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    await conn.execute(
        link_codes.insert().values(
            code_hash=_hash_code(code),
            customer_id=customer_id,
            officer_id=officer_id,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    return code


async def redeem_link_code(
    conn: AsyncConnection, code: str, now: datetime
) -> tuple[int | None, int | None] | None:
    """(customer_id, officer_id) of a valid unused code, which is then spent; else None."""
    result = await conn.execute(
        update(link_codes)
        .where(
            link_codes.c.code_hash == _hash_code(code),
            link_codes.c.used_at.is_(None),
            link_codes.c.expires_at > now,
        )
        .values(used_at=now)
    )
    if result.rowcount != 1:
        return None
    row = (
        await conn.execute(select(link_codes).where(link_codes.c.code_hash == _hash_code(code)))
    ).one()
    return row.customer_id, row.officer_id


async def retire_unused_codes(conn: AsyncConnection, customer_id: int, now: datetime) -> int:
    """The household's codes not yet used stop working now (a new slip replaces the old);
    how many there were."""
    result = await conn.execute(
        update(link_codes)
        .where(
            link_codes.c.customer_id == customer_id,
            link_codes.c.used_at.is_(None),
            link_codes.c.expires_at > now,
        )
        .values(expires_at=now)
    )
    return int(result.rowcount or 0)
