"""A "không," before a line under the running list is a correction, never a cancel: a
stranger's "khong, 7 nop du" and "khong phai, so 7 lai 20 gui 200" (options "Xem tổng kết",
"Hủy bảng kê") opened "Xóa bản nháp …?", one "đồng ý" from deleting the draft. The rest is
read as the line. Through the real PTB stack; the submitted amounts are checked."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, money_by_code, open_tally

# T01: 1. Lâm Thị Sa Ri (interest due 575.000 đ), 2. Thạch Sơn (132.000 đ); minimum saving
# 100.000 đ.


async def test_no_then_a_line_sets_it_right(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [noted] = await leader.says("2 vang")
        assert "Đã ghi: Thạch Sơn → vắng" in noted
        [noted] = await leader.says("khong, 2 nop du")
        assert "Xóa" not in noted
        assert "Thạch Sơn → nộp đủ" in noted

        replies = await leader.says("khong phai, so 1 lai 500k gui 0")
        assert not any("Xóa" in x for x in replies)
        assert any("Lâm Thị Sa Ri" in x and "500.000 đ" in x for x in replies)
        if not any("Đã ghi" in x for x in replies):
            await leader.says("đúng")

        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH001"][1:4] == ["500000", "75000", "0"]
    assert money["KH002"][1:4] == ["132000", "0", "100000"]
