"""A loans file is staged, then applied in short transactions: a kill -9 at any point leaves
the file wholly applied after the next start, or not at all; other writers wait at most
about one chunk; a refused file leaves nothing behind; imports go one at a time.

The crashes are real: `python -m bot import` in a subprocess, killed with SIGKILL while the
database shows it staging or applying (no test hook: a 40,000-row file stays in each state
for seconds)."""

from __future__ import annotations

import asyncio
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.import_bench import rows as bench_rows
from bench.import_bench import write_csv as write_bench_csv
from storage.db import open_database
from storage.importer import import_file
from storage.importer.child import MAX_FRAME_BYTES
from storage.importer.identity import AUDIT_ACTION
from storage.importer.import_lock import ImportBusy, import_lock
from storage.importer.isolation import IsolatedRows
from storage.schema import (
    audit_log,
    chat_links,
    communes,
    customer_phones,
    customers,
    groups,
    import_batches,
    import_staging,
    loans,
)
from tests.bot_fixtures import Harness
from tests.serve_process import bot_process

ROOT = Path(__file__).resolve().parent.parent
BIG = 40_000
CHANGED = "KH00000007"  # the prior file gives this customer another phone; the big one restores it


def _files(tmp_path: Path) -> tuple[Path, Path]:
    """A prior file (the first groups, one phone changed, one loan the big file lacks) and
    the big file."""
    big = bench_rows(BIG)
    prior = [list(r) for r in big[:6000]]
    for row in prior:
        if row[9] == CHANGED:
            row[11] = "0949999999"
    extra = list(prior[0])
    extra[13] = "KUX000000001"  # a contract the big file no longer lists: it will be closed
    prior.append(extra)
    prior_path, big_path = tmp_path / "prior.csv", tmp_path / "big.csv"
    write_bench_csv(prior_path, prior)
    write_bench_csv(big_path, big)
    return prior_path, big_path


async def _link_chat(engine: AsyncEngine, code: str) -> None:
    async with engine.begin() as conn:
        customer_id = await conn.scalar(select(customers.c.id).where(customers.c.code == code))
        await conn.execute(
            chat_links.insert().values(
                channel="telegram",
                chat_id="777",
                customer_id=customer_id,
                role="borrower",
                created_at=datetime.now(UTC),
                linked_at=datetime.now(UTC),
            )
        )


async def _figures(engine: AsyncEngine) -> dict[str, Any]:
    """What a person or an officer would notice, and the batch log."""
    queries = {
        "loans": select(func.count()).select_from(loans),
        "open loans": select(func.count()).where(loans.c.closed_on.is_(None)),
        "balance": select(func.sum(loans.c.balance_current)),
        "overdue": select(func.sum(loans.c.balance_overdue)),
        "customers": select(func.count()).select_from(customers),
        "savings": select(func.sum(customers.c.savings_balance)),
        "phones": select(func.count()).select_from(customer_phones),
        "groups": select(func.count()).select_from(groups),
        "leaders": select(func.count()).where(groups.c.leader_customer_id.is_not(None)),
        "communes": select(func.count()).select_from(communes),
        "linked chats": select(func.count()).where(chat_links.c.customer_id.is_not(None)),
        "unlink audits": select(func.count()).where(audit_log.c.action == AUDIT_ACTION),
        "staged": select(func.count()).select_from(import_staging),
    }
    async with engine.connect() as conn:
        found: dict[str, Any] = {name: await conn.scalar(q) for name, q in queries.items()}
        found["batches"] = [
            (b.kind, b.state, b.rows_read, b.rows_kept, b.rows_rejected, json.loads(b.summary))
            for b in await conn.execute(select(import_batches).order_by(import_batches.c.id))
        ]
    return found


def _bot(db_url: str, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    env["DATABASE_URL"] = db_url
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "import", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def _kill_when(
    engine: AsyncEngine, proc: subprocess.Popen[str], ready: Callable[[Any, int], bool]
) -> tuple[Any, int]:
    """SIGKILL the import as soon as its batch (and the number of staged chunks) satisfy
    `ready`; returns what was seen."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"the import ended before the chosen moment: {out}{err}")
        async with engine.connect() as conn:
            batch = (
                await conn.execute(select(import_batches).order_by(import_batches.c.id.desc()))
            ).first()
            staged = await conn.scalar(select(func.count()).select_from(import_staging))
        if batch is not None and ready(batch, staged or 0):
            proc.send_signal(signal.SIGKILL)
            proc.communicate()  # and its pipes closed
            return batch, staged or 0
        await asyncio.sleep(0.01)
    raise AssertionError("never saw the moment to kill")


async def _clean(tmp_path: Path, prior: Path, big: Path) -> dict[str, Any]:
    engine = await open_database(f"sqlite:///{tmp_path / 'clean.sqlite3'}")
    try:
        assert (await import_file(engine, prior)).error is None
        await _link_chat(engine, CHANGED)
        assert (await import_file(engine, big)).error is None
        return await _figures(engine)
    finally:
        await engine.dispose()


async def test_a_kill_while_applying_is_finished_at_restart_as_a_clean_import(
    db_url: str, tmp_path: Path
) -> None:
    prior, big = _files(tmp_path)
    engine = await open_database(db_url)
    try:
        assert (await import_file(engine, prior)).error is None
        await _link_chat(engine, CHANGED)
        proc = _bot(db_url, str(big))
        batch, _staged = await _kill_when(
            engine, proc, lambda b, _n: b.state == "applying" and b.chunks_applied >= 2
        )
        half = await _figures(engine)
        assert half["batches"][-1][1] == "applying"  # killed half way: the window was hit
        assert 6001 < half["loans"] < BIG + 1
        restart = _bot(db_url)  # `import` with no file: finish what was interrupted
        out, err = restart.communicate(timeout=300)
        assert restart.returncode == 0, err[-2000:]
        assert "big.csv" in out and "40000" in out.replace(".", "")
        after = await _figures(engine)
    finally:
        await engine.dispose()
    assert batch.chunks_applied < batch.chunks_total
    clean = await _clean(tmp_path, prior, big)
    assert after == clean
    assert clean["loans"] == BIG + 1 and clean["open loans"] == BIG  # the extra one closed
    assert clean["linked chats"] == 0 and clean["unlink audits"] == 1  # exactly once


async def test_a_kill_while_staging_leaves_the_database_as_it_was(
    db_url: str, tmp_path: Path
) -> None:
    prior, big = _files(tmp_path)
    engine = await open_database(db_url)
    try:
        assert (await import_file(engine, prior)).error is None
        before = await _figures(engine)
        proc = _bot(db_url, str(big))
        _batch, staged = await _kill_when(engine, proc, lambda b, n: b.state == "staging" and n > 0)
        assert staged > 0
        restart = _bot(db_url)
        _out, err = restart.communicate(timeout=300)
        assert restart.returncode == 0, err[-2000:]
        after = await _figures(engine)
    finally:
        await engine.dispose()
    assert after == before  # no batch row, nothing staged, nothing applied


async def test_a_writer_beside_a_large_import_waits_under_a_second(
    db_url: str, tmp_path: Path
) -> None:
    """The officer's import in the chat (its own engine) while the chat writes every 100 ms.
    One transaction for the file kept the writer waiting ~4 s here. The wait counts from when
    the write was due, so the event loop's lag (the rows are checked in it) counts too."""
    _prior, big = _files(tmp_path)
    importing = await open_database(db_url)
    chat = await open_database(db_url, migrate=False, inline=True)
    waits: list[float] = []
    try:
        task = asyncio.create_task(import_file(importing, big))
        due = time.perf_counter()
        while not task.done():  # from when the write was due: the loop's lag counts too
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            async with chat.begin() as conn:
                await conn.execute(
                    audit_log.insert().values(at=datetime.now(UTC), action="chat_write")
                )
            waits.append(time.perf_counter() - due)
            due = time.perf_counter() + 0.1
        report = await task
    finally:
        await chat.dispose()
        await importing.dispose()
    assert report.error is None and report.counts["loans_added"] == BIG
    # The goal is under a second (bench/import_lag_bench.py measures ~0.4 s); the bound leaves
    # room for a loaded CI machine and still fails the one-transaction import (~2–4 s here).
    # The writes must have run beside the import (a quiet machine imports the file in ~2 s:
    # 20 writes, which an earlier "more than 20" took for too few).
    assert len(waits) >= 5, len(waits)
    assert max(waits) < 1.5, max(waits)


async def test_a_file_refused_half_way_leaves_nothing_staged(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    """Row 12,000 is wider than any export: two chunks were staged before it was read."""
    data = bench_rows(15_000)
    data[12_000] = data[12_000] + [""] * 300
    path = tmp_path / "wide.csv"
    write_bench_csv(path, data)
    report = await import_file(engine, path)
    assert report.error is not None and "200" in report.error
    figures = await _figures(engine)
    assert figures["staged"] == 0 and figures["batches"] == [] and figures["loans"] == 0


async def test_a_stale_file_is_refused_after_staging_and_leaves_nothing(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    data = bench_rows(12_000)
    path = tmp_path / "hstd.csv"
    write_bench_csv(path, data)
    assert (await import_file(engine, path)).error is None
    before = await _figures(engine)
    older = [[*row[:30], "30/09/2026"] for row in data]
    write_bench_csv(path, older)
    report = await import_file(engine, path)
    assert report.error is not None and "--force" in report.error
    assert await _figures(engine) == before


async def test_a_second_import_waits_for_the_first(engine: AsyncEngine, tmp_path: Path) -> None:
    path = tmp_path / "hstd.csv"
    write_bench_csv(path, bench_rows(100))
    async with import_lock(engine):
        with pytest.raises(ImportBusy):
            async with import_lock(engine, wait=False):
                pass
        waiting = asyncio.create_task(import_file(engine, path))
        await asyncio.sleep(0.5)
        assert not waiting.done() and (await _figures(engine))["batches"] == []
    report = await waiting
    assert report.error is None and report.counts["loans_added"] == 100


async def test_a_frame_larger_than_16_mb_is_not_read(tmp_path: Path) -> None:
    source = IsolatedRows(tmp_path / "x.csv")
    source._stream = io.BytesIO((MAX_FRAME_BYTES + 1).to_bytes(8, "big") + b"\x80" * 64)
    assert source._frame()[0] == "died"
    source.close()


async def test_a_row_of_more_than_a_million_characters_refuses_the_file(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    data = bench_rows(10)
    data[5] = [*data[5][:30], *(["x" * 120_000] * 10)]
    path = tmp_path / "fat.csv"
    write_bench_csv(path, data)
    report = await import_file(engine, path)
    assert report.error is not None and "dòng 7" in report.error
    assert (await _figures(engine))["loans"] == 0


async def test_run_finishes_an_interrupted_import_and_answers_meanwhile(harness: Harness) -> None:
    """`run` starts, answers at once, and finishes beside the chats the file a kill -9 left
    half applied."""
    big = harness.folder / "big.csv"
    write_bench_csv(big, bench_rows(BIG))
    url = harness.settings.database_url
    engine = harness.engine
    proc = _bot(url, str(big))
    await _kill_when(engine, proc, lambda b, _n: b.state == "applying" and b.chunks_applied >= 1)
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    env.update(
        DATABASE_URL=url,
        BOT_TOKEN="123456:TEST-token",
        TELEGRAM_API_URL=harness.fake.api_url,
        QUIET_HOURS="off",
    )
    bot = await bot_process("run", harness.folder, env)
    try:
        harness.fake.user_says(3001, "/start")
        greeting, _ask = await harness.fake.replies(3001, 2, within=30)
        assert "Xin chào" in greeting
        async with asyncio.timeout(120):
            while True:
                async with engine.connect() as conn:
                    state = await conn.scalar(
                        select(import_batches.c.state).order_by(import_batches.c.id.desc())
                    )
                if state == "done":
                    break
                await asyncio.sleep(0.1)
    finally:
        bot.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(bot.communicate(), 30)
    assert bot.returncode == 0, err.decode()[-2000:]
    async with engine.connect() as conn:
        stored = await conn.scalar(
            select(func.count()).where(
                loans.c.contract_no.like("KU" + "_" * 9), loans.c.closed_on.is_(None)
            )
        )
        staged = await conn.scalar(select(func.count()).select_from(import_staging))
    assert stored == BIG and staged == 0
