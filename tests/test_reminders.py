"""Reminders for chosen days (injected clock): the right people and text, nothing twice across
ticks and a restart, nothing at night, nothing to people who opted out or blocked the bot;
`python -m bot reminders --date` lists them."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.channels.telegram.delivery import telegram_delivery
from bot.outbound.reminders import plan_day
from bot.outbound.scheduler import Scheduler
from bot.outbound.sender import Sender
from storage.schema import chat_links, customers, outbox
from tests.bot_fixtures import NOW, TZ, Harness

CHATS = {"KH001": 101, "KH002": 102, "KH003": 103}


async def link_all(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        ids = {r.code: r.id for r in await conn.execute(select(customers.c.id, customers.c.code))}
        for code, chat in CHATS.items():
            await conn.execute(
                insert(chat_links).values(
                    channel="telegram",
                    chat_id=str(chat),
                    customer_id=ids[code],
                    role="borrower",
                    locale="vi",
                    created_at=NOW,
                    linked_at=NOW,
                    consent_at=NOW,
                    reminders_enabled=True,
                )
            )


async def plan(engine: AsyncEngine, day: date) -> dict[tuple[int, str], str]:
    async with engine.begin() as conn:
        planned = await plan_day(conn, day)
    found = {(int(p.recipient.chat_id), p.kind): p.text for p in planned}
    assert len(found) == len(planned), "one reminder of a kind per person a day"
    return found


async def test_the_eve_of_the_session_reminds_members_and_leaders(harness: Harness) -> None:
    await link_all(harness.engine)
    found = await plan(harness.engine, date(2026, 12, 16))
    assert set(found) == {
        (101, "session_eve"),
        (102, "session_eve"),
        (101, "leader_session_eve"),
    }
    sari = found[(101, "session_eve")]
    assert "ngày mai, Thứ Năm, 17/12/2026" in sari
    assert "Đại Tâm" in sari and "Trụ sở UBND xã Đại Tâm" in sari
    assert "575.000 đ" in sari  # 275.000 + 150.000 this month, 150.000 carried over
    assert "132.000 đ" in found[(102, "session_eve")]  # 66.000 this month + 66.000 unpaid
    leader = found[(101, "leader_session_eve")]
    assert "Tổ ấp 3" in leader and "707.000 đ" in leader and "100.000 đ" in leader


async def test_a_moved_session_is_the_one_reminded(harness: Harness) -> None:
    await link_all(harness.engine)
    moved_eve = await plan(harness.engine, date(2026, 12, 17))
    assert (103, "session_eve") in moved_eve
    assert "18/12/2026" in moved_eve[(103, "session_eve")]
    regular_eve = await plan(harness.engine, date(2026, 12, 19))
    assert (103, "session_eve") not in regular_eve  # the 20th was replaced by the 18th


async def test_installments_seven_days_and_one_day_before(harness: Harness) -> None:
    await link_all(harness.engine)
    week = await plan(harness.engine, date(2026, 12, 8))
    assert "5.000.000 đ" in week[(101, "installment_7d")]
    assert "15/12/2026" in week[(101, "installment_7d")]
    assert "không nộp qua tổ trưởng" in week[(101, "installment_7d")]
    day_before = await plan(harness.engine, date(2026, 12, 14))
    assert "ngày mai" in day_before[(101, "installment_1d")]
    assert (101, "installment_7d") not in day_before


async def test_overdue_notice_on_mondays_only(harness: Harness) -> None:
    await link_all(harness.engine)
    monday = await plan(harness.engine, date(2026, 12, 7))
    assert "2.000.000 đ" in monday[(102, "overdue_weekly")]
    tuesday = await plan(harness.engine, date(2026, 12, 8))
    assert (102, "overdue_weekly") not in tuesday


async def test_session_morning_without_a_tally_reminds_the_leader(harness: Harness) -> None:
    await link_all(harness.engine)
    found = await plan(harness.engine, date(2026, 12, 17))
    assert "chưa nộp bảng kê" in found[(101, "leader_no_tally")]


async def test_opted_out_blocked_and_unconsented_people_get_nothing(harness: Harness) -> None:
    await link_all(harness.engine)
    async with harness.engine.begin() as conn:
        await conn.execute(
            update(chat_links).where(chat_links.c.chat_id == "101").values(reminders_enabled=False)
        )
        await conn.execute(
            update(chat_links).where(chat_links.c.chat_id == "102").values(unreachable_at=NOW)
        )
        await conn.execute(
            update(chat_links).where(chat_links.c.chat_id == "103").values(consent_at=None)
        )
    for day in (date(2026, 12, 7), date(2026, 12, 16), date(2026, 12, 17)):
        assert await plan(harness.engine, day) == {}


async def test_ticks_and_a_restart_queue_nothing_twice_and_nothing_at_night(
    harness: Harness,
) -> None:
    await link_all(harness.engine)
    night = Scheduler(harness.engine, TZ, clock=lambda: datetime(2026, 12, 15, 22, 0, tzinfo=UTC))
    assert await night.tick() == 0  # 05:00 on the 16th in Sóc Trăng
    morning = datetime(2026, 12, 16, 0, 30, tzinfo=UTC)  # 07:30
    first = Scheduler(harness.engine, TZ, clock=lambda: morning)
    assert await first.tick() == 3
    assert await first.tick() == 0
    restarted = Scheduler(harness.engine, TZ, clock=lambda: morning, in_thread=True)
    assert await restarted.tick() == 0  # as `run` plans: in a thread, its own connection
    async with harness.engine.begin() as conn:
        kinds = Counter(r.kind for r in await conn.execute(select(outbox.c.kind)))
    assert kinds == Counter({"reminder:session_eve": 2, "reminder:leader_session_eve": 1})
    # Sent through the real stack: each person once, the leader's with the tally button.
    async with telegram_delivery(harness.settings) as delivery:
        await Sender(harness.engine, delivery, TZ, clock=lambda: morning).drain()
        await Sender(harness.engine, delivery, TZ, clock=lambda: morning).drain()
    fake = harness.fake
    assert len(fake.sent(101)) == 2 and len(fake.sent(102)) == 1 and fake.sent(103) == []
    leader = next(c for c in fake.sent(101) if "Tổ ấp 3" in c.params["text"])
    assert "tally_submit" in str(leader.params["reply_markup"])


async def test_a_missed_morning_is_caught_up_the_same_day_but_not_the_next(
    harness: Harness,
) -> None:
    await link_all(harness.engine)
    late = datetime(2026, 12, 16, 12, 0, tzinfo=UTC)  # 19:00: the bot was down all day
    assert await Scheduler(harness.engine, TZ, clock=lambda: late, in_thread=True).tick() == 3
    next_day = datetime(2026, 12, 17, 1, 0, tzinfo=UTC)
    async with telegram_delivery(harness.settings) as delivery:
        await Sender(harness.engine, delivery, TZ, clock=lambda: next_day).drain()
    async with harness.engine.begin() as conn:
        statuses = Counter(r.status for r in await conn.execute(select(outbox.c.status)))
    assert statuses == Counter(expired=3)  # "tomorrow" is no use the day after
    assert harness.fake.calls_to("sendMessage") == []


async def test_reminders_command_dry_run_and_queue(harness: Harness) -> None:
    await link_all(harness.engine)
    env = {"DATABASE_URL": harness.settings.database_url, "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "bot", "reminders", "--date", "2026-12-16"]
    dry = await asyncio.to_thread(
        subprocess.run, [*command, "--dry-run"], env=env, capture_output=True, text=True
    )
    assert dry.returncode == 0, dry.stderr
    lines = [json.loads(line) for line in dry.stdout.splitlines()]
    assert sorted((x["recipient"], x["kind"]) for x in lines) == [
        ("telegram:101", "leader_session_eve"),
        ("telegram:101", "session_eve"),
        ("telegram:102", "session_eve"),
    ]
    assert all(x["text"] for x in lines)
    async with harness.engine.begin() as conn:
        assert (await conn.execute(select(outbox.c.id))).first() is None
    for expected_new in (3, 0):
        queued = await asyncio.to_thread(
            subprocess.run, command, env=env, capture_output=True, text=True
        )
        assert queued.returncode == 0, queued.stderr
        assert re.findall(r"\d+", queued.stderr.splitlines()[-1])[-1] == str(expected_new)
    async with harness.engine.begin() as conn:
        rows = list(await conn.execute(select(outbox.c.next_attempt_at, outbox.c.not_after)))
    assert len(rows) == 3
    assert all(
        r.next_attempt_at.replace(tzinfo=UTC) == datetime(2026, 12, 16, 0, 0, tzinfo=UTC)
        for r in rows
    )


async def test_housekeeping_deletes_only_what_has_done_its_job(harness: Harness) -> None:
    from datetime import timedelta

    from storage import dialogs, housekeeping, updates
    from storage import outbox as queue

    old, recent = NOW - timedelta(days=40), NOW - timedelta(days=2)
    async with harness.engine.begin() as conn:
        await queue.enqueue(
            conn,
            [
                queue.Message("telegram", "1", "x", "reminder:a", "old-sent", old),
                queue.Message("telegram", "1", "x", "reminder:a", "old-pending", old),
                queue.Message("telegram", "1", "x", "reminder:a", "recent-sent", recent),
            ],
            old,
        )
        await conn.execute(
            update(outbox).where(outbox.c.dedupe_key != "old-pending").values(status="sent")
        )
        await conn.execute(
            update(outbox).where(outbox.c.dedupe_key == "recent-sent").values(created_at=recent)
        )
        assert await updates.first_time_update(conn, "telegram", 1, old)
        assert await updates.first_time_update(conn, "telegram", 2, recent)
        await dialogs.set_dialog(conn, "telegram", "1", "tally", "lines", {}, old)
        pruned = await housekeeping.prune(conn, NOW)
        keys = {r.dedupe_key for r in await conn.execute(select(outbox.c.dedupe_key))}
    assert pruned == housekeeping.Pruned(outbox=1, updates=1, dialogs=1)
    assert keys == {"old-pending", "recent-sent"}  # a message still to send is never lost
