"""A typed "xác nhận" under "Xóa bản nháp phiên bản mới này?" deletes the draft, also when
the question was asked again after something else in between ("tình hình tổ"). A stranger
reported the tally's options shown again instead. And a "xác nhận" typed after something
else with the question no longer the last thing asked asks it again rather than deleting
the draft on a stale yes, or answering as if nothing had been asked. Through the real PTB
stack; the submitted version stays the current one."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, open_tally

QUESTION = "Xóa bản nháp phiên bản mới này? Phiên bản 1 (biên nhận BK-T01-20261217-1)"


async def test_a_typed_yes_to_the_delete_question_asked_again_deletes_the_draft(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.taps("Xác nhận: tất cả đã nộp đủ")
        await leader.taps("Xác nhận nộp")
        await leader.says("nộp bảng kê")  # a new version's draft
        [asked] = await leader.taps("Hủy bảng kê")
        assert QUESTION in asked
        await leader.says("tình hình tổ", replies=2)
        [asked] = await leader.says("hủy bảng kê")
        assert QUESTION in asked
        [gone] = await leader.says("xác nhận")
        assert "Đã xóa bản nháp. Phiên bản 1 (biên nhận BK-T01-20261217-1)" in gone

        await leader.says("nộp bảng kê")
        [asked] = await leader.taps("Hủy bảng kê")
        assert QUESTION in asked
        await leader.says("tình hình tổ", replies=2)
        [again] = await leader.says("xác nhận")  # the question is out of view: asked again
        assert QUESTION in again
        assert leader.labels() == ["Xác nhận xóa bảng kê", "Giữ bảng kê"]
        [gone] = await leader.says("xác nhận")
        assert "Đã xóa bản nháp" in gone
    assert [code for code, *_rest in await current_lines(h)] == ["KH001", "KH002"]
