"""A leader types a member's total first and its breakdown after ("3 200 (150+50)", "đóng 200
(lãi 150 tk 50)"): the tally notes the breakdown as the interest and the savings, never the
total on top of them, and the 13/TD export holds those amounts. Through the real PTB stack
against the fake Bot API."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tam_tally


async def test_a_total_then_its_breakdown_is_noted_as_the_breakdown(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)  # member 3 is Kim Sa Vát, 158.000 đ interest due
        [echo] = await leader.says("s3 200 (150+50)")
        assert (
            "Hiểu là 150.000 đ tiền lãi, 50.000 đ tiền gửi tiết kiệm cho Kim Sa Vát, đúng không?"
            in echo
        ), echo
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 150.000 đ, tiết kiệm 50.000 đ" in noted, noted
        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T03-20261217-1" in receipt
    rows = {row[0]: row[1:] for row in await exported_money(h)}
    # Lãi phải thu, Lãi thực thu, Lãi còn tồn, Tiền gửi, Thu nợ gốc từ tiền gửi
    assert rows["KH703"] == ["158000", "150000", "8000", "50000", "0"]
