"""Broadcast benchmark: a notice to 3,000 linked chats through the real outbox sender (its own
process, the real python-telegram-bot stack) against a loopback fake Bot API that answers 429
to anything above 30 messages in any one second, like Telegram.

    python bench/broadcast_bench.py [--chats 3000] [--rate 28] [--rounds 3] [--only-audience]

Each round runs twice on a fresh copy of the database:
  * clean: the sender drains the outbox; sustained rate (messages delivered per second from
    the first to the last), 429s received, lost and duplicated messages;
  * crash: the sender is killed with SIGKILL half-way and started again; lost and duplicated
    messages, and how many rows were in flight (claimed) at the kill.
It also plans the reminders of one day over the province (150,000 households, every one
linked) and prints how long that takes, and how long the chat loop stalls during the
scheduler's tick when it plans on that loop (the baseline) and in its own thread (as
`run` and `serve` do).

It also times choosing each person's chat for news (one per person, among Telegram and Zalo
chats: storage/news_chat.py) over the province, a third of the households with a second,
Zalo chat: the audience of a broadcast to everyone and the reminder planner's reachable
households, ranked in SQL (as the bot does) against the baseline of ranking every chat's row
in Python (as it did before), medians of 7 run in turn, with their ratio (`--only-audience`:
only this).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncConnection  # noqa: E402

from bench.e2e_bench import link_borrowers  # noqa: E402
from bench.import_bench import generate  # noqa: E402
from bot.outbound.reminders import plan_day  # noqa: E402
from bot.outbound.scheduler import Scheduler  # noqa: E402
from storage import news_chat  # noqa: E402
from storage.audiences import (  # noqa: E402
    Audience,
    AudienceKind,
    Recipient,
    candidates,
    recipients,
)
from storage.broadcasts import create  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.importer import import_file  # noqa: E402
from storage.outbox import enqueue  # noqa: E402
from storage.reminder_data import (  # noqa: E402
    Reachable,
    reachable_candidates,
    reachable_people,
)
from storage.schema import chat_links, communes, customers, schedules  # noqa: E402
from storage.schema import outbox as outbox_table  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402

OUT = ROOT / "bench" / "out"
FIRST_CHAT = 700_000
TELEGRAM_LIMIT = 30


async def linked_database(loans: int, chats: int | None) -> Path:
    """Households imported by the real importer, the first `chats` linked (None: all)."""
    path = OUT / f"broadcast_{loans}_{chats or 'all'}.sqlite3"
    if path.exists():
        return path
    _xlsx, csv_path = generate(loans)
    engine = await open_database(f"sqlite:///{path}", inline=True)
    try:
        report = await import_file(engine, csv_path)
        assert report.error is None, report.error
        now = datetime.now(UTC)
        async with engine.begin() as conn:
            query = select(customers.c.id).order_by(customers.c.id)
            if chats is not None:
                query = query.limit(chats)
            ids = [r.id for r in await conn.execute(query)]
            # Every commune holds its session on the 15th: the eve is the busiest day.
            commune_ids = [r.id for r in await conn.execute(select(communes.c.id))]
            await conn.execute(
                insert(schedules),
                [
                    {"commune_id": c, "day_of_month": 15, "start_time": "07:30", "place": "UBND xã"}
                    for c in commune_ids
                ],
            )
            await link_borrowers(conn, ids, FIRST_CHAT, now)
    finally:
        await engine.dispose()
    return path


async def queue_notice(db_url: str) -> int:
    engine = await open_database(db_url, inline=True)
    now = datetime.now(UTC)
    try:
        async with engine.begin() as conn:
            audience = Audience(AudienceKind.EVERYONE)
            found = await recipients(conn, audience, None)
            await create(
                conn,
                officer_id=None,
                audience=audience,
                audience_text="bench",
                text="Thông báo: phiên giao dịch tháng 12 dời sang ngày 18/12, 7 giờ sáng.",
                recipients=found,
                status_chat=None,
                status_text=str,
                now=now,
                not_before=now,
            )
    finally:
        await engine.dispose()
    return len(found)


async def claimed_rows(db_url: str) -> int:
    engine = await open_database(db_url, migrate=False)
    try:
        async with engine.begin() as conn:
            return int(
                (
                    await conn.execute(
                        select(func.count()).where(outbox_table.c.status == "claimed")
                    )
                ).scalar_one()
            )
    finally:
        await engine.dispose()


async def one_run(database: Path, rate: float, crash: bool) -> dict[str, float]:
    fake = FakeTelegram(flood_limit=TELEGRAM_LIMIT)
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bot.sqlite3"
        shutil.copy(database, copy)
        db_url = f"sqlite:///{copy}"
        total = await queue_notice(db_url)
        env = dict(
            os.environ,
            DATABASE_URL=db_url,
            TELEGRAM_API_URL=fake.api_url,
            BOT_TOKEN="123456:BENCH",
            SEND_RATE=str(rate),
        )
        command = [sys.executable, str(ROOT / "tests" / "sender_process.py"), "--lease", "2"]
        in_flight = 0
        try:
            process = await asyncio.create_subprocess_exec(
                *command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL
            )
            if crash:
                while len(fake.sent_messages()) < total // 2:  # noqa: ASYNC110
                    await asyncio.sleep(0.01)
                process.send_signal(signal.SIGKILL)
                await process.wait()
                in_flight = await claimed_rows(db_url)
                process = await asyncio.create_subprocess_exec(
                    *command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL
                )
            assert await process.wait() == 0
        finally:
            await fake.stop()
    delivered = fake.sent_messages()
    received = Counter(str(c.params["chat_id"]) for c in delivered)
    times = sorted(c.at for c in delivered)
    expected = {str(FIRST_CHAT + i) for i in range(total)}
    return {
        "total": total,
        "rate": (len(times) - 1) / (times[-1] - times[0]),
        "floods": fake.floods,
        "lost": len(expected - set(received)),
        "duplicated": sum(n - 1 for n in received.values() if n > 1),
        "in_flight": in_flight,
        "violations": len(fake.violations),
    }


async def reminders_for_a_day(loans: int) -> tuple[int, float]:
    database = await linked_database(loans, None)
    engine = await open_database(f"sqlite:///{database}", inline=True)
    try:
        async with engine.connect() as conn:  # never committed: the cached database stays
            linked = int(
                (await conn.execute(select(func.count()).select_from(chat_links))).scalar_one()
            )
            # The eve of every commune's session, and a Monday (overdue notices): the busiest
            # day of the month.
            start = time.perf_counter()
            day = date(2026, 12, 14)
            planned = await plan_day(conn, day)
            seconds = time.perf_counter() - start
            start = time.perf_counter()
            tz = ZoneInfo("Asia/Ho_Chi_Minh")
            await enqueue(conn, [p.message(day, tz) for p in planned], datetime.now(UTC))
            queueing = time.perf_counter() - start
            await conn.rollback()
    finally:
        await engine.dispose()
    print(
        f"  reminders for Mon 14/12/2026 over {linked:,} linked households: "
        f"{len(planned):,} planned in {seconds:.2f} s, queued in {queueing:.2f} s more"
    )
    return len(planned), seconds


async def loop_lag_during_tick(loans: int, in_thread: bool) -> tuple[float, float, float]:
    """The scheduler's first tick of the busiest day on a copy of the province database,
    with a 10 ms ticker on the same loop standing in for the chats: (tick seconds, max and
    p99 lag of the ticker in ms)."""
    database = await linked_database(loans, None)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bot.sqlite3"
        shutil.copy(database, copy)
        engine = await open_database(f"sqlite:///{copy}", inline=True)
        lags: list[float] = []
        done = asyncio.Event()

        async def ticker() -> None:
            while not done.is_set():
                start = time.perf_counter()
                await asyncio.sleep(0.01)
                lags.append(time.perf_counter() - start - 0.01)

        running = asyncio.create_task(ticker())
        monday_morning = datetime(2026, 12, 14, 1, 0, tzinfo=UTC)  # 08:00 local
        scheduler = Scheduler(
            engine, ZoneInfo("Asia/Ho_Chi_Minh"), clock=lambda: monday_morning, in_thread=in_thread
        )
        start = time.perf_counter()
        await scheduler.tick()
        took = time.perf_counter() - start
        done.set()
        await running
        await engine.dispose()
    lags.sort()
    return took, lags[-1] * 1000, lags[int(len(lags) * 0.99)] * 1000


async def add_zalo_chats(conn: AsyncConnection) -> int:
    """A Zalo chat for every third household: half used after their Telegram chat, a few
    chosen for news."""
    ids = [r.id for r in await conn.execute(select(customers.c.id).order_by(customers.c.id))]
    now = datetime.now(UTC)
    rows = [
        {
            "channel": "zalo",
            "chat_id": f"z{customer_id:019d}",
            "customer_id": customer_id,
            "role": "borrower",
            "locale": "vi",
            "created_at": now,
            "linked_at": now,
            "consent_at": now,
            "reminders_enabled": n % 7 != 0,
            "last_seen_at": now + timedelta(minutes=1) if n % 2 else None,
            "news_chosen_at": now if n % 11 == 0 else None,
        }
        for n, customer_id in enumerate(ids[::3])
    ]
    for start in range(0, len(rows), 5000):
        await conn.execute(insert(chat_links), rows[start : start + 5000])
    return len(rows)


async def paired_medians(
    baseline: Callable[[], Awaitable[object]],
    candidate: Callable[[], Awaitable[object]],
    rounds: int = 7,
) -> tuple[float, float]:
    """Median seconds of each, run in turn (baseline, candidate, baseline, ...), so a busy
    machine slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _round in range(rounds):
        for job, kept in ((baseline, times[0]), (candidate, times[1])):
            start = time.perf_counter()
            await job()
            kept.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


async def choosing_chats(loans: int) -> None:
    """The audience and the reachable households: in SQL, against ranking in Python."""
    database = await linked_database(loans, None)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bot.sqlite3"
        shutil.copy(database, copy)
        engine = await open_database(f"sqlite:///{copy}", inline=True)
        try:
            async with engine.begin() as conn:
                second = await add_zalo_chats(conn)
            async with engine.connect() as conn:
                everyone = Audience(AudienceKind.EVERYONE)

                async def audience_in_python() -> list[tuple[str, str]]:
                    # storage.audiences.recipients as it was: every row, ranked in Python.
                    rows = await conn.execute(candidates(everyone))
                    kept = [
                        Recipient(r.channel, r.chat_id, r.locale, r.customer_id)
                        for r in news_chat.one_per_person(
                            rows, lambda r: r.customer_id, news_chat.row_rank
                        )
                    ]
                    return [(r.channel, r.chat_id) for r in kept]

                async def audience_in_sql() -> list[tuple[str, str]]:
                    return [(r.channel, r.chat_id) for r in await recipients(conn, everyone, None)]

                async def reachable_in_python() -> list[int]:
                    # storage.reminder_data.reachable_people as it was.
                    rows = list(await conn.execute(reachable_candidates()))
                    kept = [
                        Reachable(
                            r.link_id,
                            r.channel,
                            r.chat_id,
                            r.locale,
                            r.customer_id,
                            r.group_id,
                            r.commune_id,
                        )
                        for r in news_chat.one_per_person(
                            rows, lambda r: r.customer_id, news_chat.row_rank
                        )
                        if r.reminders_enabled
                    ]
                    return sorted(r.link_id for r in kept)

                async def reachable_in_sql() -> list[int]:
                    return sorted(r.link_id for r in await reachable_people(conn))

                assert sorted(await audience_in_python()) == sorted(await audience_in_sql())
                assert await reachable_in_python() == await reachable_in_sql()
                people = len(await audience_in_sql())
                print(
                    f"  one chat per person: {people:,} households, {second:,} of them with a "
                    "second (Zalo) chat; medians of 7, run in turn:"
                )
                for name, python_job, sql_job in (
                    ("broadcast audience (everyone)", audience_in_python, audience_in_sql),
                    ("reminder planner's households", reachable_in_python, reachable_in_sql),
                ):
                    baseline, in_sql = await paired_medians(python_job, sql_job)
                    print(
                        f"    {name}: ranked in Python (baseline) {baseline:.2f} s, in SQL "
                        f"{in_sql:.2f} s ({baseline / in_sql:.1f}x)"
                    )
        finally:
            await engine.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--chats", type=int, default=3000)
    parser.add_argument("--rate", type=float, default=28.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-reminders", action="store_true")
    parser.add_argument("--only-audience", action="store_true")
    args = parser.parse_args()
    if args.only_audience:
        await choosing_chats(200_000)
        return
    database = await linked_database(10_000, args.chats)
    results: dict[str, list[dict[str, float]]] = {"clean": [], "crash": []}
    for _round in range(args.rounds):
        for name in results:
            result = await one_run(database, args.rate, crash=name == "crash")
            results[name].append(result)
            print(
                f"  {name:<5} {result['rate']:5.1f} msg/s  429s {result['floods']:.0f}  "
                f"lost {result['lost']:.0f}  duplicated {result['duplicated']:.0f}  "
                f"in flight at kill {result['in_flight']:.0f}"
            )
    clean = results["clean"]
    print(
        f"\n{clean[0]['total']:.0f} chats, SEND_RATE {args.rate:g}, fake refuses above "
        f"{TELEGRAM_LIMIT}/s (medians of {args.rounds} rounds):"
    )
    print(
        f"  sustained {statistics.median(r['rate'] for r in clean):.1f} msg/s "
        f"({statistics.median(r['rate'] for r in clean) / TELEGRAM_LIMIT:.0%} of the limit), "
        f"429s {sum(r['floods'] for r in clean):.0f}, "
        f"lost {sum(r['lost'] for r in clean):.0f}, "
        f"duplicated {sum(r['duplicated'] for r in clean):.0f}"
    )
    crash = results["crash"]
    print(
        f"  with SIGKILL half-way and a restart: lost {sum(r['lost'] for r in crash):.0f}, "
        f"duplicated {sum(r['duplicated'] for r in crash):.0f} "
        f"(in flight at the kills: {sum(r['in_flight'] for r in crash):.0f})"
    )
    if not args.skip_reminders:
        await choosing_chats(200_000)
        await reminders_for_a_day(200_000)
        for in_thread in (False, True):
            took, worst, p99 = await loop_lag_during_tick(200_000, in_thread)
            where = "in its own thread" if in_thread else "on the chat loop (baseline)"
            print(
                f"  scheduler tick {where}: {took:.1f} s; chat loop lag max {worst:.0f} ms, "
                f"p99 {p99:.0f} ms"
            )


if __name__ == "__main__":
    asyncio.run(main())
