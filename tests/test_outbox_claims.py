"""The outbox as several senders see it: each takes at most what it asked for, no row goes to
two senders, and rows come out oldest first. Runs on PostgreSQL too (TEST_DATABASE_URL), where
the senders skip each other's locked rows."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from storage import outbox
from tests.bot_fixtures import NOW


async def _queue(engine: AsyncEngine, count: int) -> None:
    async with engine.begin() as conn:
        await outbox.enqueue(
            conn,
            [
                # A group notice is addressed to no one person: wanted whoever is linked.
                outbox.Message("telegram", f"-{n}", f"notice {n}", "group:test", f"k{n}", NOW)
                for n in range(count)
            ],
            NOW,
        )


async def _claim(engine: AsyncEngine, worker: str, limit: int) -> list[int]:
    async with engine.begin() as conn:
        return [row.id for row in await outbox.claim(conn, "telegram", worker, NOW, limit)]


async def test_a_sender_takes_no_more_than_it_asked_for_oldest_first(engine: AsyncEngine) -> None:
    await _queue(engine, 12)
    first = await _claim(engine, "a", 5)
    assert len(first) == 5 and first == sorted(first)
    rest = await _claim(engine, "b", 50)
    assert len(rest) == 7 and min(rest) > max(first)


async def test_concurrent_senders_share_nothing_and_keep_their_limit(engine: AsyncEngine) -> None:
    await _queue(engine, 40)
    claims = await asyncio.gather(*(_claim(engine, f"w{n}", 8) for n in range(4)))
    assert all(len(claim) <= 8 for claim in claims)
    taken = [row for claim in claims for row in claim]
    assert len(taken) == len(set(taken))
    if engine.dialect.name == "postgresql":  # each skips the rows the others locked
        assert len(taken) == 32
    # On SQLite one writer at a time: a sender whose rows were taken first gets fewer.
