"""A tally draft with edits survives another dialog in between: moving the group's meeting
("dời họp sang chủ nhật", then "xác nhận") once threw the draft away (one dialog row per
chat, the meeting's state written over the tally's), and "tiếp tục bảng kê" opened a new
version from the last one's lines without a word. Through the real PTB stack."""

from __future__ import annotations

from datetime import timedelta

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, linked_leader, open_tam_tally


async def test_moving_the_meeting_keeps_the_tally_draft_and_its_edits(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await linked_leader(h)
        await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
        await leader.taps("Xác nhận gửi")
        await leader.says("nộp bảng kê")
        await leader.says("2 vắng")
        [summary] = await leader.says("dời họp sang chủ nhật")
        # the draft recalled in the summary's message: its options stay the last shown
        assert "Chủ Nhật, 29/11/2026" in summary and "tiếp tục bảng kê" in summary
        assert "Xác nhận gửi" in leader.labels()
        sent, reminded = await leader.says("xác nhận", replies=2)
        assert "Đã gửi cho" in sent and "tiếp tục bảng kê" in reminded
        [resumed] = await leader.says("tiếp tục bảng kê")
        assert "phiên bản mới" not in resumed and "vắng" in resumed
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    assert [absent for *_rest, absent in await current_lines(h)] == [False, True]


async def test_going_back_to_the_tally_in_the_middle_of_a_meeting_finds_the_draft(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await linked_leader(h)
        await leader.says("nộp bảng kê")
        await leader.says("2 vắng")
        await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
        [resumed] = await leader.says("tiếp tục bảng kê")
        assert "Tiếp tục bảng kê" in resumed and "vắng" in resumed
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    assert [absent for *_rest, absent in await current_lines(h)] == [False, True]


async def test_a_meeting_left_unfinished_expires_and_the_tally_under_it_stays(
    harness: Harness, clock: Clock
) -> None:
    """The meeting's draft lives a day, the tally's until its session day ends: the first
    expiring gives the tally back, not both gone."""
    h = harness
    async with bot(h, clock):
        leader = await linked_leader(h)
        await leader.says("nộp bảng kê")
        await leader.says("2 vắng")
        await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
        clock.now += timedelta(hours=25)
        [noted] = await leader.says("1 lai 100k")  # the tally reads its lines again
        assert "Đã ghi" in noted and "vắng" in noted


async def test_a_member_asked_about_during_a_meeting_shows_the_draft_under_it(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("Ngoc Tam lai 100k gui 200k")
        await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
        [answer] = await leader.says("bà Ngọc Tâm còn nợ bn")
        assert "Bảng kê đang lập (chưa nộp)" in answer and "100.000 đ" in answer
        assert "tính là nộp đủ" not in answer
