"""Linking attempts and lockouts: five wrong CCCD answers (or link codes) within 24 hours
lock the chat and the customers concerned for 24 hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import link_attempts, lockouts
from storage.utc import aware

MAX_FAILURES = 5
LOCKOUT = timedelta(hours=24)


async def locked_until(
    conn: AsyncConnection, channel: str, chat_id: str, customer_ids: list[int], now: datetime
) -> datetime | None:
    """The end of a lockout on this chat or on any of these customers, if one is running."""
    conditions = [and_(lockouts.c.channel == channel, lockouts.c.chat_id == chat_id)]
    if customer_ids:
        conditions.append(lockouts.c.customer_id.in_(customer_ids))
    until = (
        await conn.execute(
            select(func.max(lockouts.c.until)).where(or_(*conditions), lockouts.c.until > now)
        )
    ).scalar()
    return aware(until) if until is not None else None


async def _failures(
    conn: AsyncConnection, channel: str, chat_id: str, customer_ids: list[int], now: datetime
) -> int:
    """Wrong answers in the last 24 hours from this chat or about any of these customers."""
    conditions = [and_(link_attempts.c.channel == channel, link_attempts.c.chat_id == chat_id)]
    if customer_ids:
        conditions.append(link_attempts.c.customer_id.in_(customer_ids))
    count = (
        await conn.execute(
            select(func.count()).where(
                or_(*conditions),
                link_attempts.c.success.is_(False),
                link_attempts.c.at > now - LOCKOUT,
            )
        )
    ).scalar_one()
    return int(count)


@dataclass(frozen=True)
class Failure:
    locked_until: datetime | None  # set when this wrong answer was the fifth
    tries_left: int


async def record_failure(
    conn: AsyncConnection, channel: str, chat_id: str, customer_ids: list[int], now: datetime
) -> Failure:
    """Count a wrong answer; at the fifth within 24 hours lock the chat and the customers.

    One row per wrong answer (attributed to the first candidate customer), so an answer is
    never counted twice when a phone number belongs to several customers.
    """
    await conn.execute(
        link_attempts.insert().values(
            channel=channel,
            chat_id=chat_id,
            customer_id=customer_ids[0] if customer_ids else None,
            at=now,
            success=False,
        )
    )
    failures = await _failures(conn, channel, chat_id, customer_ids, now)
    if failures < MAX_FAILURES:
        return Failure(None, MAX_FAILURES - failures)
    until = now + LOCKOUT
    await conn.execute(
        lockouts.insert(),
        [{"channel": channel, "chat_id": chat_id, "customer_id": None, "until": until}]
        + [
            {"channel": None, "chat_id": None, "customer_id": c, "until": until}
            for c in customer_ids
        ],
    )
    return Failure(until, 0)


async def record_success(
    conn: AsyncConnection, channel: str, chat_id: str, customer_id: int, now: datetime
) -> None:
    await conn.execute(
        link_attempts.insert().values(
            channel=channel, chat_id=chat_id, customer_id=customer_id, at=now, success=True
        )
    )
