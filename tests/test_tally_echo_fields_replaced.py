"""A correction at an amount echoed back replaces the echo's fields it names: a stranger's
"2 1tr5" was echoed "110.000 đ tiền lãi, 1.390.000 đ tiết kiệm"; "khong, 1tr5 la tiet kiem,
lai 110" gave the very same echo, and "ok" noted 1.390.000 đ of savings. The savings said
("1tr5 là tiết kiệm") and the interest ("lãi 110", read with doubt) replace the echo's, echoed
again, then noted so. Through the real PTB stack; the submitted amounts are checked."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, money_by_code, open_tally

# T01: 1. Lâm Thị Sa Ri (interest due 575.000 đ), 2. Thạch Sơn (132.000 đ); minimum saving
# 100.000 đ.


async def test_the_correction_replaces_the_echoed_fields(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [asked] = await leader.says("2 1tr5")  # far above the interest due: which is it
        assert "1.500.000 đ là tiền lãi hay gồm cả tiết kiệm?" in asked
        [echo] = await leader.says("khong, 1tr5 la tiet kiem, lai 110")  # each field said
        assert "1.368.000" not in echo
        assert "110.000 đ tiền lãi" in echo and "1.500.000 đ tiền gửi tiết kiệm" in echo
        [noted] = await leader.says("ok")
        assert "Đã ghi: Thạch Sơn → nộp lãi 110.000 đ, tiết kiệm 1.500.000 đ" in noted

        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH002"][1:4] == ["110000", "22000", "1500000"]
