"""The console reopened: a typed number picks what the options printed last numbered, as it
did before quitting (stranger 9: "2" under "Delete this draft?" became member 2). In a real
subprocess running this checkout's code."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tests.bot_fixtures import SARI, Harness
from tests.test_console_and_run import env_for

CHECKOUT = str(Path(__file__).resolve().parents[1])


async def test_a_number_after_reopening_picks_the_option_shown_last(harness: Harness) -> None:
    async def console(typed: str) -> str:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            *("-m", "bot", "chat", "--phone", SARI["phone"]),
            cwd=harness.folder,
            env=env_for(harness.settings.database_url, PYTHONPATH=CHECKOUT),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(typed.encode()), 90)
        assert proc.returncode == 0, err.decode()
        return out.decode()

    first = await console(f"{SARI['last4']}\n1\nnộp bảng kê\nhuy bang ke\n")
    assert "  1. Xác nhận xóa bảng kê\n  2. Giữ bảng kê" in first
    again = await console("2\n")
    assert "Thạch Sơn: lãi phải thu" not in again  # member 2
    assert "Đã giữ bảng kê đang soạn" in again  # kept, never the summary's submit
    assert "Nộp bảng kê này?" not in again
