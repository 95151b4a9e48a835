"""A cancel word means what the question it answers offers. Under "Xóa bản nháp …?" (the
delete question), a typed "hủy" is the yes the stranger meant, and deleted nothing: the
question came again. Under an amount echoed back, "thôi" ("never mind this one") offered to
delete the whole draft; now it drops that echoed amount only and says so. Through the real
PTB stack."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, exported_money, open_tally, open_tam_tally


async def test_a_typed_huy_under_the_delete_question_deletes_the_draft(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.says("2 vắng")
        [asked] = await leader.taps("Hủy bảng kê")
        assert "Xóa bảng kê đang soạn?" in asked
        [gone] = await leader.says("huy")
        assert "Đã xóa bảng kê đang soạn" in gone
        await leader.says("nộp bảng kê")
        await leader.says("2 vắng")
        await leader.taps("Hủy bảng kê")
        [kept] = await leader.says("thôi")  # never mind: the draft stays
        assert "Đã xóa" not in kept and "Xóa bảng kê" not in kept
        assert "Đã giữ bảng kê đang soạn" in kept and "Thạch Sơn → vắng" in kept
        await leader.taps("Hủy bảng kê")
        [gone] = await leader.says("xóa")
        assert "Đã xóa bảng kê đang soạn" in gone
    assert await current_lines(h) == []


async def test_thoi_under_an_echo_drops_that_amount_not_the_draft(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 lai 100k")
        [echo] = await leader.says("Bui Thi Tam dong 2 xi")
        assert "cho Bùi Thị Tâm, đúng không?" in echo
        [dropped] = await leader.says("thôi")
        assert "Xóa" not in dropped
        assert "Không ghi cho Bùi Thị Tâm: 200.000 đ tiền lãi" in dropped
        [summary] = await leader.says("xong")
        assert "Danh Sô Phanh" in summary
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH702"] == ["275000", "275000", "0", "200000", "0"]  # as due
    assert exported["KH701"] == ["150000", "100000", "50000", "200000", "0"]


async def test_huy_under_the_delete_question_asked_over_an_open_split_deletes(
    harness: Harness, clock: Clock
) -> None:
    """The interest-or-savings question still open under the delete question: "huy" was
    taken for neither and answered "nothing open to cancel", the draft still open."""
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 dong 2 lit")
        [asked] = await leader.says("huy bang ke")
        assert "Xóa bảng kê đang soạn?" in asked
        [gone] = await leader.says("huy")
        assert "Đã xóa bảng kê đang soạn" in gone
    assert await current_lines(h) == []
