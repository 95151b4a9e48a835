"""Asking about a member is answered with that member's status, never a new tally. A
stranger's story: "ba Kim Lan sao roi" with the tally submitted opened a new version ("Đây
là phiên bản mới (2)…"). Through the real PTB stack; the submitted version stays current."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, open_tally


async def test_asking_about_a_member_after_submitting_answers_her_status(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.says("2 vang")
        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T01-20261217-1" in receipt
        [status] = await leader.says("ong Thach Son sao roi")
        assert "phiên bản mới" not in status
        assert "Thạch Sơn:" in status and "Dư nợ" in status
        [status] = await leader.says("nộp bảng kê")  # the tally's own words still open one
        assert "phiên bản mới (2)" in status
    assert await current_lines(h) == [
        ("KH001", 575_000, 0, 100_000, False),
        ("KH002", 0, 132_000, 0, True),
    ]


async def test_going_on_with_a_fresh_draft_shows_the_member_list(
    harness: Harness, clock: Clock
) -> None:
    """ "tiep tuc bang ke" on a draft with nothing noted jumped to the summary, without the
    list the leader types the members' numbers from."""
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [resumed] = await leader.says("tiep tuc bang ke")
        assert "2. Thạch Sơn: lãi 132.000 đ" in resumed
        assert "Nộp bảng kê này?" not in resumed
        assert "Xác nhận: tất cả đã nộp đủ" in leader.labels()
