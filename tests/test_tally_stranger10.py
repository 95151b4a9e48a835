"""What the stranger of session 10 found in the tally, typed as a busy leader types: "à
không, số 9 có đóng lãi 88 rồi, gửi 100" asked whether to delete the draft (and "đúng rồi"
deleted it); "giữ" under that question was not understood; "có tiết kiệm trong đó" under
"tiền lãi hay gồm cả tiết kiệm?" answered with the leader's own savings. Through the real
PTB stack."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tam_tally


async def test_a_correction_opening_with_a_khong_is_read_never_a_delete(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 vang")
        [fixed] = await leader.says("a khong, so 3 co dong lai 88 roi, gui 100")
        assert "Xóa" not in fixed, fixed
        assert "Kim Sa Vát" in fixed and "88.000 đ" in fixed, fixed
        [noted] = await leader.says("dung roi")
        assert "Đã xóa" not in noted and "Kim Sa Vát → nộp lãi 88.000 đ" in noted, noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    exported = {row[0]: row[1:] for row in await exported_money(h)}
    assert exported["KH703"][1] == "88000" and exported["KH703"][3] == "100000"


async def test_keep_typed_under_the_delete_question_keeps_the_draft(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 vang")
        [asked] = await leader.says("huy bang ke")
        assert "Xóa bảng kê đang soạn?" in asked
        [kept] = await leader.says("giu")
        assert "Đã giữ bảng kê đang soạn" in kept and "Kim Sa Vát → vắng" in kept, kept
        assert "Xác nhận nộp" not in leader.labels()
        [noted] = await leader.says("4 vang")
        assert "Nguyễn Thị Ngọc Tâm → vắng" in noted and "Kim Sa Vát → vắng" in noted


async def test_savings_said_inside_the_split_answer_is_the_with_savings_option(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("3 dong 2 lit")
        assert "là tiền lãi hay gồm cả tiết kiệm?" in asked
        [noted] = await leader.says("co tiet kiem trong do")
        assert "Kim Sa Vát → nộp lãi 158.000 đ, tiết kiệm 42.000 đ" in noted, noted
        [asked] = await leader.says("4 dong 2 lit")
        [noted] = await leader.says("lai thoi, ko co tiet kiem")
        assert "Nguyễn Thị Ngọc Tâm → nộp lãi 200.000 đ" in noted, noted
        assert "tiết kiệm 35.000 đ" not in noted, noted


async def test_asking_to_see_the_submitted_tally_opens_no_new_version(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 vang")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        [shown] = await leader.says("cho xem bang ke da nop")
        assert "Số biên nhận" in shown and "3. Kim Sa Vát" in shown and "vắng" in shown, shown
        assert "phiên bản mới (2)" not in shown, shown
        [answer] = await leader.says("du no bao nhieu")
        assert "đang soạn dở" not in answer, answer  # no draft was opened
        [new] = await leader.says("sua bang ke")
        assert "phiên bản mới (2)" in new, new
