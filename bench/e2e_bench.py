"""End-to-end benchmark: the real bot and a bare python-telegram-bot echo bot, each as its own
process, against the same loopback fake Bot API (the test suite's, with every call checked
against the published API description).

    python bench/e2e_bench.py [--questions 2000] [--steady-rate 100] [--steady-seconds 10]
                              [--rounds 3]

The database has a province's data (200,000 loans, 150,000 households, imported through the
real importer; cached in bench/out/) and `--questions` linked borrowers. For each bot it
prints:
  * throughput: all questions pushed at once (one per borrower), replies per second until
    the last reply arrives;
  * latency at a steady rate: questions pushed at `--steady-rate` a second; for each, the
    time from the question reaching the fake to the reply reaching it (median and p95).
and the ratio of the real bot's throughput to the echo bot's. The two bots take turns for
`--rounds` rounds (the machine is shared and noisy); the medians and each round's ratio are
printed.
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
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncConnection  # noqa: E402

from bench.import_bench import generate  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.importer import import_file  # noqa: E402
from storage.schema import chat_links, customers  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402

OUT = ROOT / "bench" / "out"
FIRST_CHAT = 500_000
QUESTION = "dư nợ còn bao nhiêu"


async def prepare_database(questions: int) -> Path:
    """A province-sized database with `questions` linked, consenting borrowers (cached)."""
    path = OUT / f"e2e_{questions}.sqlite3"
    if path.exists():
        return path
    _xlsx, csv_path = generate(200_000)
    engine = await open_database(f"sqlite:///{path}")
    try:
        report = await import_file(engine, csv_path)
        assert report.error is None, report.error
        now = datetime.now(UTC)
        async with engine.begin() as conn:
            ids = [
                r.id
                for r in await conn.execute(
                    select(customers.c.id).order_by(customers.c.id).limit(questions)
                )
            ]
            await link_borrowers(conn, ids, FIRST_CHAT, now)
    finally:
        await engine.dispose()
    return path


async def link_borrowers(
    conn: AsyncConnection, customer_ids: list[int], first_chat: int, now: datetime
) -> None:
    """Linked, consenting Telegram chats first_chat, first_chat+1, … for the customers."""
    for start in range(0, len(customer_ids), 5000):
        await conn.execute(
            insert(chat_links),
            [
                {
                    "channel": "telegram",
                    "chat_id": str(first_chat + start + i),
                    "user_id": str(first_chat + start + i),
                    "customer_id": customer_id,
                    "role": "borrower",
                    "locale": "vi",
                    "created_at": now,
                    "linked_at": now,
                    "consent_at": now,
                    "reminders_enabled": True,
                }
                for i, customer_id in enumerate(customer_ids[start : start + 5000])
            ],
        )


def first_reply_after(fake: FakeTelegram, chat: int, since: float) -> float | None:
    for call in fake.sent(chat):
        if call.at >= since:
            return call.at
    return None


async def wait_for_replies(
    fake: FakeTelegram, chats: list[int], since: float, limit: float = 300
) -> None:
    waiting = set(chats)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        waiting = {c for c in waiting if first_reply_after(fake, c, since) is None}
        if not waiting:
            return
        await asyncio.sleep(0.05)
    raise SystemExit(f"timed out: {len(waiting)} questions unanswered")


async def measure(
    name: str, command: list[str], env: dict[str, str], questions: int, rate: float, seconds: float
) -> dict[str, float]:
    fake = FakeTelegram()
    await fake.start()
    env = dict(env, BOT_TOKEN="123456:BENCH", TELEGRAM_API_URL=fake.api_url)
    with tempfile.TemporaryFile() as log:
        proc = await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log
        )
        try:
            while not any(c.method == "getUpdates" for c in fake.calls):
                if proc.returncode is not None:
                    log.seek(0)
                    raise SystemExit(f"{name} exited: {log.read().decode()[-2000:]}")
                await asyncio.sleep(0.05)
            return await drive(fake, questions, rate, seconds)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except TimeoutError:
                proc.kill()
            await fake.stop()


async def drive(
    fake: FakeTelegram, questions: int, rate: float, seconds: float
) -> dict[str, float]:
    # Warm-up: a few questions so imports, caches and connections are ready.
    start = time.monotonic()
    for i in range(20):
        fake.user_says(FIRST_CHAT + i, QUESTION)
    await wait_for_replies(fake, [FIRST_CHAT + i for i in range(20)], start)

    chats = [FIRST_CHAT + i for i in range(questions)]
    start = time.monotonic()
    for chat in chats:
        fake.user_says(chat, QUESTION)
    await wait_for_replies(fake, chats, start)
    last = max(first_reply_after(fake, chat, start) or start for chat in chats)
    throughput = questions / (last - start)

    steady = int(rate * seconds)
    pushed: list[tuple[int, float]] = []
    begin = time.monotonic()
    for n in range(steady):
        await asyncio.sleep(max(begin + n / rate - time.monotonic(), 0))
        chat = chats[n % len(chats)]
        pushed.append((chat, time.monotonic()))
        fake.user_says(chat, QUESTION)
    await wait_for_replies(fake, [c for c, _t in pushed], begin)
    latencies = sorted(
        ((first_reply_after(fake, chat, at) or at) - at) * 1000 for chat, at in pushed
    )
    assert not fake.violations, fake.violations[:5]
    return {
        "throughput": throughput,
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
    }


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--steady-rate", type=float, default=100)
    parser.add_argument("--steady-seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    database = await prepare_database(args.questions)
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "TELEGRAM_API_URL"}}
    rounds: dict[str, list[dict[str, float]]] = {"echo bot": [], "real bot": []}
    for _round in range(args.rounds):
        for name, command in (
            ("echo bot", [sys.executable, str(ROOT / "bench" / "echo_bot.py")]),
            ("real bot", [sys.executable, "-m", "bot", "run"]),
        ):
            # A fresh copy each time: the fake numbers updates from 1 again, and the bot
            # rightly ignores update ids it has already processed.
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / "bot.sqlite3"
                shutil.copy(database, copy)
                env["DATABASE_URL"] = f"sqlite:///{copy}"
                rounds[name].append(
                    await measure(
                        name, command, env, args.questions, args.steady_rate, args.steady_seconds
                    )
                )
    print(
        f"\n{args.questions} balance questions from linked borrowers, 150,000 households "
        f"(medians of {args.rounds} rounds):"
    )
    for name, runs in rounds.items():
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"  {name:<9} {median['throughput']:7.0f} replies/s   at {args.steady_rate:.0f}/s: "
            f"p50 {median['p50']:5.1f} ms  p95 {median['p95']:5.1f} ms"
        )
    ratios = [
        real["throughput"] / echo["throughput"]
        for echo, real in zip(rounds["echo bot"], rounds["real bot"], strict=True)
    ]
    print(
        f"  real bot / echo bot throughput: {statistics.median(ratios):.0%} "
        f"(rounds: {', '.join(f'{r:.0%}' for r in ratios)})"
    )


if __name__ == "__main__":
    asyncio.run(main())
