"""What the router's fuzz test (tests/test_fuzz_router.py) found, each as a story of its own
through the real python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.schema import schedules
from tests.bot_fixtures import Harness
from tests.test_officer_stories import OFFICER_CHAT, link_officer

pytestmark = pytest.mark.usefixtures("running")

SCHEDULE = "Tên xã,Ngày giao dịch,Ngày,Giờ,Địa điểm\nĐại Tâm,,19/12/2026,8h,Hội trường ấp 3\n"


@pytest.mark.parametrize(
    "name",
    [
        "lịch giao dịch tháng 12 " * 20 + ".csv",  # 480 characters: more than a disk allows
        "../../tmp/lich.csv",
        "C:\\Users\\can bo\\lich.csv",
    ],
)
async def test_a_bank_file_with_a_long_or_odd_name_is_imported(running: Harness, name: str) -> None:
    """Found: a file name longer than the file system allows ended in "the system is busy"."""
    h = running
    await link_officer(h)
    h.fake.user_sends_document(OFFICER_CHAT, name, SCHEDULE.encode())
    _received, report = await h.fake.replies(OFFICER_CHAT, 2, after=1, within=20)
    assert "hệ thống đang bận" not in report and "lịch giao dịch" in report
    assert "thêm mới 1" in report
    async with h.engine.begin() as conn:
        assert "Hội trường ấp 3" in [r.place for r in await conn.execute(select(schedules.c.place))]
