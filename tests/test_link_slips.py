"""`link-code --group | --commune --out FILE.xlsx [--days N]`: one slip per household, each
in the audit log, codes that expire after N days and that link a Zalo chat."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from storage.schema import audit_log, link_codes
from tests.bot_fixtures import SARI, SON, Harness
from tests.zalo_fixtures import ZaloRig, zalo_rig, zalo_running

__all__ = ["zalo_rig"]
CODE = re.compile(r"LIENKET ([A-Z2-9]{8})")


async def link_code(h: Harness, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOT_TOKEN"}}
    env["DATABASE_URL"] = h.settings.database_url
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "link-code", *args],
        cwd=h.folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def slips_in(path: Path) -> dict[str, list[str]]:
    """The slips' lines by household name, and the receipt sheet's rows under "Đã phát"."""
    book = load_workbook(path)
    lines = [str(row[0]) for row in book["Phiếu"].iter_rows(values_only=True) if row[0]]
    slips: dict[str, list[str]] = {}
    for index, line in enumerate(lines):
        if line.startswith("Hộ vay: "):
            name = line.removeprefix("Hộ vay: ").split(" — ")[0]
            slips[name] = lines[index - 1 : index + 6]
    slips["Đã phát"] = [
        " | ".join(str(v) for v in row if v) for row in book["Đã phát"].iter_rows(values_only=True)
    ]
    return slips


async def test_slips_for_a_group_link_a_zalo_chat_and_are_audited(zalo_rig: ZaloRig) -> None:
    z, h = zalo_rig, zalo_rig.h
    older = (await link_code(h, "--customer", SARI["code"])).stdout.strip()
    out = h.folder / "phieu" / "T01.xlsx"
    done = await link_code(h, "--group", "T01", "--out", str(out))
    assert done.returncode == 0 and done.stdout.strip() == "2", done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and str(out) in done.stderr
    slips = slips_in(out)
    assert set(slips) == {SARI["name"], SON["name"], "Đã phát"}
    sari = "\n".join(slips[SARI["name"]])
    assert "Mã KH KH001" in sari and "Tổ T01 Tổ ấp 3, xã Đại Tâm" in sari
    assert "Zalo" in sari and "Telegram" in sari and "/start" in sari and "đến hết ngày" in sari
    assert slips["Đã phát"][0].startswith("STT | Hộ vay | Mã KH") and len(slips["Đã phát"]) == 3
    assert not CODE.search(" ".join(slips["Đã phát"]))  # the receipt list shows no code
    match = CODE.search(sari)
    assert match is not None
    # The slip's code links on Zalo; the older code printed before it no longer works (the
    # bot runs on the real clock here, as the command line does).
    async with zalo_running(z, clock=lambda: datetime.now(UTC)):
        confirmed, _consent = await z.says("5a10000000000000000a", f"LIENKET {match.group(1)}", 2)
        assert confirmed == "Đã xác minh."
        [refused] = await z.says("5a20000000000000000b", f"LIENKET {older}")
        assert "không đúng, đã dùng hoặc đã hết hạn" in refused
    async with h.engine.connect() as conn:
        audited = list(
            await conn.execute(select(audit_log).where(audit_log.c.action == "link_slip"))
        )
        codes = list(await conn.execute(select(link_codes).where(link_codes.c.used_at.is_(None))))
    assert len(audited) == 2 and {a.channel for a in audited} == {"cli"}
    assert all(match.group(1) not in (a.detail or "") for a in audited)  # never the code
    slip_codes = [c for c in codes if c.expires_at - c.created_at > timedelta(days=7)]
    assert [c.expires_at - c.created_at for c in slip_codes] == [timedelta(days=30)]


async def test_a_commune_and_fewer_days(harness: Harness) -> None:
    out = harness.folder / "dai_tam.xlsx"
    done = await link_code(harness, "--commune", "xa dai tam", "--out", str(out), "--days", "5")
    assert done.returncode == 0 and done.stdout.strip() == "2", done.stderr
    async with harness.engine.connect() as conn:
        spans = [r.expires_at - r.created_at for r in await conn.execute(select(link_codes))]
    assert spans == [timedelta(days=5)] * 2


async def test_wrong_slip_arguments_are_one_line(harness: Harness) -> None:
    for args, status in (
        (("--group", "T01"), 2),  # no --out
        (("--group", "T01", "--out", "x.csv"), 2),
        (("--group", "T01", "--out", "x.xlsx", "--days", "0"), 2),
        (("--group", "T99", "--out", "x.xlsx"), 1),
        (("--commune", "Nowhere", "--out", "x.xlsx"), 1),
        (("--customer", "KH001", "--days", "3"), 2),
    ):
        done = await link_code(harness, *args)
        assert done.returncode == status, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (harness.folder / "x.xlsx").exists()
