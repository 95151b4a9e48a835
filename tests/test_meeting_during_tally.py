"""A meeting question asked while the tally's draft is open: the meeting's answers, with the
nudge back to the tally, never the tally's own list of who has not paid (stranger 9)."""

from __future__ import annotations

import pytest

from tests.bot_fixtures import Harness
from tests.test_meeting_stories import notices_to, setup

pytestmark = pytest.mark.usefixtures("running")
MEMBER = 102


async def test_who_has_not_answered_the_meeting_during_the_tally_gets_the_meeting_answers(
    running: Harness,
) -> None:
    h = running
    leader, _member, _other = await setup(h)
    await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
    await leader.taps("Xác nhận gửi")
    await notices_to(h, MEMBER, 1)
    [opened] = await leader.says("nộp bảng kê")
    assert "Bảng kê" in opened
    [said] = await leader.says("ai chua tra loi hop")  # the draft recalled in its message
    seen, _, nudge = said.rpartition("\n\n")
    assert "Chưa trả lời (1): Thạch Sơn" in seen
    assert "bảng kê" not in seen  # not the tally's list of who has not paid
    assert "tiếp tục bảng kê" in nudge
