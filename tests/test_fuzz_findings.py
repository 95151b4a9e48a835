"""What the router's fuzz test (tests/test_fuzz_router.py) found, each as a story of its own
through the real python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.schema import dialog_states, schedules
from tests.bot_fixtures import SARI, Harness
from tests.test_officer_stories import OFFICER_CHAT, link_officer

pytestmark = pytest.mark.usefixtures("running")

# What someone who has not agreed hears once the whole notice was shown (at linking).
AGREE_FIRST = "Anh/chị cần đồng ý với thông báo về dữ liệu cá nhân trước"
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


async def link_without_consent(h: Harness, chat: int, who: dict[str, str]) -> None:
    h.fake.user_says(chat, "/start")
    await h.fake.replies(chat, 2)
    h.fake.user_shares_contact(chat, who["phone"])
    await h.fake.replies(chat, 1, after=2)
    h.fake.user_says(chat, who["last4"])
    _confirmed, consent = await h.fake.replies(chat, 2, after=3)
    assert "Nghị định 13/2023" in consent


@pytest.mark.parametrize(
    ("said", "never"),
    [
        ("tình hình tổ", "Thạch Sơn"),  # the members' interest and savings
        ("tổ còn ai chưa đóng lãi", "132.000"),
        ("nộp bảng kê", "Thạch Sơn"),
        ("họp tổ tối thứ Bảy 19h ở nhà văn hóa ấp", "Xác nhận gửi"),
        ("ai chưa trả lời họp", "Thạch Sơn"),
        ("khi nào họp tổ", "họp vào"),
    ],
)
async def test_a_leader_who_has_not_agreed_to_the_notice_is_asked_first(
    running: Harness, said: str, never: str
) -> None:
    """Found: a leader linked but not (yet) agreeing to the personal-data notice could see
    the group's members and figures, open a tally and call a meeting."""
    h, chat = running, 1401
    await link_without_consent(h, chat, SARI)
    h.fake.user_says(chat, said)
    [answer] = await h.fake.replies(chat, 1, after=5)
    assert AGREE_FIRST in answer and never not in answer  # the notice was shown at linking
    async with h.engine.begin() as conn:
        assert (await conn.execute(select(dialog_states))).first() is None


async def test_a_leader_who_has_not_agreed_presses_old_buttons_in_vain(running: Harness) -> None:
    h, chat = running, 1402
    await link_without_consent(h, chat, SARI)
    for n, data in enumerate(["group:1", "tally:all", "tally:submit", "mt:status:1", "mt:send"]):
        h.fake.user_presses(chat, data)
        [answer] = await h.fake.replies(chat, 1, after=5 + n)
        assert AGREE_FIRST in answer, (data, answer)
