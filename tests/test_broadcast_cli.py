"""`python -m bot broadcast` from the command line: count, dry run, queueing, bad targets."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import Counter

from sqlalchemy import select

from storage.schema import audit_log, outbox
from tests.bot_fixtures import Harness
from tests.test_reminders import link_all


async def run(harness: Harness, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"DATABASE_URL": harness.settings.database_url, "PATH": "/usr/bin:/bin"}
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "broadcast", *args],
        env=env,
        capture_output=True,
        text=True,
    )


async def test_broadcast_command_counts_queues_and_refuses_unknown_targets(
    harness: Harness,
) -> None:
    await link_all(harness.engine)
    dry = await run(harness, "--text", "Họp dân", "--commune", "xa dai tam", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.strip() == "2" and "Đại Tâm" in dry.stderr
    async with harness.engine.begin() as conn:
        assert (await conn.execute(select(outbox.c.id))).first() is None

    queued = await run(harness, "--text", "Phiên giao dịch dời sang 18/12", "--all")
    assert queued.returncode == 0, queued.stderr
    assert queued.stdout.strip() == "3"
    group = await run(harness, "--text", "Tổ T02 họp", "--group", "T02")
    assert group.stdout.strip() == "1"
    async with harness.engine.begin() as conn:
        kinds = Counter(r.kind for r in await conn.execute(select(outbox.c.kind)))
        actions = [r.action for r in await conn.execute(select(audit_log.c.action))]
    assert kinds == Counter(broadcast=4)
    assert actions.count("broadcast") == 2

    for target in (["--group", "T99"], ["--commune", "Hà Nội"]):
        refused = await run(harness, "--text", "x", *target)
        assert refused.returncode == 1 and refused.stderr.strip()
