"""The webhook inbox as several workers see it: stored once, one chat at a time in order,
never one row to two workers, a dead worker's rows taken back after the lease, done rows
emptied and pruned after a week. Runs on PostgreSQL too (TEST_DATABASE_URL)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.inbound import journal
from handlers.messages import Button, OutFile, Reply
from storage import housekeeping, inbox
from storage.schema import inbox as inbox_table
from tests.bot_fixtures import NOW

LEASE = timedelta(seconds=10)


async def _accept(engine: AsyncEngine, key: int, chat: str | None) -> bool:
    async with engine.begin() as conn:
        return await inbox.accept(conn, "telegram", str(key), chat, f'{{"update_id":{key}}}', NOW)


async def _claim(
    engine: AsyncEngine, worker: str, limit: int = 10, at: datetime = NOW
) -> list[int]:
    async with engine.begin() as conn:
        return [row.id for row in await inbox.claim(conn, "telegram", worker, at, limit, LEASE)]


async def _keys(engine: AsyncEngine, ids: list[int]) -> list[str]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(inbox_table.c.update_key).where(inbox_table.c.id.in_(ids)).order_by("id")
        )
        return [r[0] for r in rows]


async def test_a_redelivery_is_stored_once(engine: AsyncEngine) -> None:
    assert await _accept(engine, 1, "10")
    assert not await _accept(engine, 1, "10")
    async with engine.connect() as conn:
        assert await inbox.pending(conn) == 1


async def test_one_chat_at_a_time_in_order_and_never_to_two_workers(engine: AsyncEngine) -> None:
    for key, chat in ((1, "10"), (2, "10"), (3, "20"), (4, None), (5, "20")):
        await _accept(engine, key, chat)
    first = await _claim(engine, "a")
    assert await _keys(engine, first) == ["1", "3", "4"]  # each chat's oldest; no chat: alone
    assert await _claim(engine, "b") == []  # the chats' next rows wait for their turn
    async with engine.begin() as conn:
        await inbox.mark_done(conn, first[0], NOW)
    assert await _keys(engine, await _claim(engine, "b")) == ["2"]


async def test_concurrent_claims_share_nothing(engine: AsyncEngine) -> None:
    for key in range(40):
        await _accept(engine, key, f"chat{key}")
    claims = await asyncio.gather(*(_claim(engine, f"w{n}", limit=8) for n in range(4)))
    taken = [row for claim in claims for row in claim]
    assert len(taken) == len(set(taken)) == 32


async def test_a_dead_workers_rows_come_back_after_the_lease(engine: AsyncEngine) -> None:
    await _accept(engine, 1, "10")
    [row] = await _claim(engine, "dead")
    assert await _claim(engine, "alive", at=NOW + LEASE / 2) == []
    assert await _claim(engine, "alive", at=NOW + LEASE + timedelta(seconds=1)) == [row]


async def test_done_rows_keep_only_their_key_and_go_after_a_week(engine: AsyncEngine) -> None:
    for key in (1, 2, 3):
        await _accept(engine, key, str(key))
    ids = await _claim(engine, "a")
    async with engine.begin() as conn:
        await inbox.keep_replies(conn, "telegram", "1", journal.encode([Reply("ok")]))
        await inbox.mark_done(conn, ids[0], NOW - timedelta(days=8))
        await inbox.mark_done(conn, ids[1], NOW - timedelta(days=1))
        row = (await conn.execute(select(inbox_table).where(inbox_table.c.id == ids[0]))).one()
        assert row.payload == "" and row.replies is None
        pruned = await housekeeping.prune(conn, NOW)
        assert pruned.inbox == 1
    assert await _keys(engine, ids) == ["2", "3"]


def test_a_kept_answer_reads_back_as_it_was() -> None:
    replies = [
        Reply("Xin chào", buttons=[[Button("Xác nhận", "consent:yes")]], request_phone="📱"),
        Reply("Bảng kê", document=OutFile("bk.xlsx", b"\x00\xffPK"), menu=[["Dư nợ"]]),
        Reply("Đã hủy", remove_menu=True, show_menu=True),
    ]
    assert journal.decode(journal.encode(replies)) == replies
