""" "N đóng đủ rồi" is member N paid in full, and "à nhầm," / "nhầm," before it corrects that
member's line. A stranger's story: "6 dong du roi" got "Tôi chưa đọc được số tiền", and "a
nham, 6 dong du roi" once got "Xóa bảng kê đang soạn?" and another time the summary. Through
the real PTB stack; the export holds the member as paid in full."""

from __future__ import annotations

import pytest

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tally

NOTED = "Đã ghi: Thạch Sơn → nộp đủ: lãi 132.000 đ, tiết kiệm 100.000 đ."


@pytest.mark.parametrize(
    "line", ["2 dong du roi", "a nham, 2 dong du roi", "nhầm, 2 đóng đủ", "à nhầm, 2 đủ rồi"]
)
async def test_member_paid_as_due_and_a_slip_corrected(
    harness: Harness, clock: Clock, line: str
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [absent] = await leader.says("2 vang")
        assert "Thạch Sơn → vắng" in absent
        [noted] = await leader.says(line)
        assert NOTED in noted, noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    assert await exported_money(h) == [
        ["KH001", "575000", "575000", "0", "100000", "0"],
        ["KH002", "132000", "132000", "0", "100000", "0"],
    ]
