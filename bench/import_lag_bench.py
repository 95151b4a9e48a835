"""How long a chat waits to write while a large loans file is imported.

    python bench/import_lag_bench.py [--loans 600000] [--runs 3] [--before DIR] [--in-chat]

The `.csv` of bench/import_bench.py (cached in bench/out/; 600,000 loans is the most under
the importer's 20 million cells). Each run imports it with `python -m bot import` into a
fresh SQLite database while this process, beside it, makes a small write transaction every
100 ms the way the bot does:

- "chat": the bot's own connection (`open_database(inline=True)`: no busy timeout, retries
  a locked statement with `asyncio.sleep`, gives up after 30 s), an audit row;
- "sender": the background connection (aiosqlite, busy_timeout 10 s), an audit row.

With `--in-chat`, the import runs as an officer's file sent in the chat does: in the bot's
own process (its import engine, aiosqlite) beside the chat's writes, so the event loop's lag
counts too: a write's wait is from when it was due.

Prints, per code (now, and `--before DIR`: an earlier commit, e.g.
`git archive REV | tar -x -C DIR`, taking turns in the same run), the medians over the runs
of: the import's wall time, the longest wait of each writer, its 99th percentile, and how
many of its writes failed; then the ratio of the import's time now to before.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.import_bench import generate_csv
from storage.db import open_database
from storage.schema import audit_log

ROOT = Path(__file__).resolve().parent.parent
EVERY_SECONDS = 0.1


@dataclass
class Run:
    seconds: float = 0.0
    waits: dict[str, list[float]] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)


async def _writer(url: str, inline: bool, name: str, run: Run, done: asyncio.Event) -> None:
    engine = await open_database(url, migrate=False, inline=inline)
    waits = run.waits.setdefault(name, [])
    run.failed.setdefault(name, 0)
    try:
        while not done.is_set():
            start = time.perf_counter()
            try:
                async with engine.begin() as conn:
                    await conn.execute(
                        audit_log.insert().values(
                            at=datetime.now(UTC),
                            actor_role="bench",
                            action="bench_write",
                            subject=name,
                        )
                    )
            except Exception:
                run.failed[name] += 1
            waits.append(time.perf_counter() - start)
            await asyncio.sleep(max(0.0, EVERY_SECONDS - (time.perf_counter() - start)))
    finally:
        await engine.dispose()


def _has_schema(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        with sqlite3.connect(db) as conn:
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE name='audit_log'").fetchone()
            return found is not None
    except sqlite3.Error:
        return False


async def _migrated(db: Path, proc: asyncio.subprocess.Process) -> None:
    """Until the import has created the schema (its own code's migrations)."""
    while proc.returncode is None:
        if await asyncio.to_thread(_has_schema, db):
            return
        await asyncio.sleep(0.05)


async def one_run(csv_path: Path, code: Path, db: Path) -> Run:
    run = Run()
    url = f"sqlite:///{db}"
    env = dict(os.environ, DATABASE_URL=url)
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "import",
        str(csv_path),
        cwd=code,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    await _migrated(db, proc)
    done = asyncio.Event()
    writers = [
        asyncio.create_task(_writer(url, True, "chat", run, done)),
        asyncio.create_task(_writer(url, False, "sender", run, done)),
    ]
    output, _ = await proc.communicate()
    run.seconds = time.perf_counter() - start
    done.set()
    await asyncio.gather(*writers)
    if proc.returncode != 0:
        raise SystemExit(f"the import in {code} failed:\n{output.decode()}")
    return run


IN_CHAT = """
import asyncio, json, sys, time
from datetime import UTC, datetime
from pathlib import Path
from storage.db import open_database
from storage.importer import import_file
from storage.schema import audit_log

async def main():
    url, path = sys.argv[1], Path(sys.argv[2])
    importing = await open_database(url)  # as `serve` imports a file sent in the chat
    chat = await open_database(url, migrate=False, inline=True)
    waits, failed = [], 0
    start = due = time.perf_counter()
    task = asyncio.create_task(import_file(importing, path))
    while not task.done():
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        try:
            async with chat.begin() as conn:
                await conn.execute(
                    audit_log.insert().values(at=datetime.now(UTC), action="bench_write")
                )
        except Exception:
            failed += 1
        waits.append(time.perf_counter() - due)
        due = time.perf_counter() + 0.1
    report = await task
    seconds = time.perf_counter() - start
    await chat.dispose()
    await importing.dispose()
    print(json.dumps({"seconds": seconds, "waits": waits, "failed": failed, "error": report.error}))

asyncio.run(main())
"""


def in_chat_run(csv_path: Path, code: Path, db: Path) -> Run:
    result = subprocess.run(
        [sys.executable, "-c", IN_CHAT, f"sqlite:///{db}", str(csv_path)],
        cwd=code,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"the import in {code} failed:\n{result.stderr[-3000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    if data["error"]:
        raise SystemExit(f"the import in {code} was refused: {data['error']}")
    return Run(data["seconds"], {"chat": data["waits"]}, {"chat": data["failed"]})


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--loans", type=int, default=600_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="a checkout of earlier code to compare")
    parser.add_argument("--in-chat", action="store_true", help="import in the chat's process")
    args = parser.parse_args()
    csv_path = generate_csv(args.loans)
    print(f"file: {csv_path.name} {csv_path.stat().st_size / 1e6:.0f} MB")
    codes = [("now", ROOT)] + ([("before", args.before)] if args.before else [])
    results: dict[str, list[Run]] = {name: [] for name, _ in codes}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            for name, code in codes:
                db = Path(tmp) / f"{name}{n}.sqlite3"
                if args.in_chat:
                    run = in_chat_run(csv_path, code, db)
                else:
                    run = asyncio.run(one_run(csv_path, code, db))
                results[name].append(run)
                print(
                    f"  run {n + 1} {name:<6} import {run.seconds:6.1f} s, longest wait: "
                    + ", ".join(f"{w} {max(run.waits[w]):.2f} s" for w in run.waits),
                    flush=True,
                )
    where = "in the chat's process" if args.in_chat else "on the command line"
    print(
        f"\n{args.loans} loans imported {where}, {args.runs} runs each, medians "
        "(a write every 100 ms):"
    )
    medians: dict[str, float] = {}
    for name, runs in results.items():
        medians[name] = statistics.median(r.seconds for r in runs)
        print(f"  {name}: import {medians[name]:.1f} s")
        for writer in runs[0].waits:
            longest = statistics.median(max(r.waits[writer]) for r in runs)
            p99 = statistics.median(_p99(r.waits[writer]) for r in runs)
            failed = statistics.median(r.failed[writer] for r in runs)
            writes = statistics.median(len(r.waits[writer]) for r in runs)
            print(
                f"    {writer:<6} longest wait {longest:6.2f} s, p99 {p99:5.2f} s, "
                f"failed {failed:.0f} of {writes:.0f} writes"
            )
    if "before" in medians:
        print(f"  import time now / before: {medians['now'] / medians['before']:.2f}")


if __name__ == "__main__":
    main()
