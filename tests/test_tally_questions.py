"""Questions typed during the tally are answered, not read as a member's name: a stranger's
"to minh con ai chua dong lai vay" and "con ai chua dong" were answered "Không tìm thấy
thành viên nào tên “to minh con ai”…". They ask who has not paid yet: the tally's own list
(absent or short members, the rest counting as paid in full), with any question still
waiting asked again. And "con" before a name is a title, as "c", "chị", "bà" are: "con Ut
dong lai du, gui tk 3 xi" is member Út's payment, not a member called "con Ut dong". Through
the real PTB stack."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, open_tally

# T01: 1. Lâm Thị Sa Ri (interest due 575.000 đ), 2. Thạch Sơn (132.000 đ); minimum saving
# 100.000 đ.


async def test_who_has_not_paid_is_the_tallys_list_and_con_is_a_title(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [none] = await leader.says("con ai chua dong")
        assert "Không tìm thấy" not in none
        assert "Trong bảng kê này chưa ghi ai chưa nộp: mọi người đều tính là nộp đủ." in none

        await leader.says("2 vang")
        [listed] = await leader.says("to minh con ai chua dong lai vay")
        assert "Không tìm thấy" not in listed
        assert "Trong bảng kê này, 1 người chưa nộp đủ lãi:" in listed
        assert "2. Thạch Sơn: vắng, còn nợ lãi 132.000 đ" in listed
        assert "Những người còn lại tính là nộp đủ." in listed

        [echo] = await leader.says("con Son dong lai du, gui tk 3 xi")
        assert "Không tìm thấy" not in echo
        assert (
            "Hiểu là 132.000 đ tiền lãi, 300.000 đ tiền gửi tiết kiệm cho Thạch Sơn, đúng không?"
            in echo
        )
        # Asked under the echo: the list as noted so far, then the echo again; not an answer.
        listed, again = await leader.says("con ai chua dong", replies=2)
        assert "2. Thạch Sơn: vắng, còn nợ lãi 132.000 đ" in listed
        assert "Hiểu là 132.000 đ tiền lãi, 300.000 đ tiền gửi tiết kiệm cho Thạch Sơn" in again
        [noted] = await leader.says("dung")
        assert "Đã ghi: Thạch Sơn → nộp lãi 132.000 đ, tiết kiệm 300.000 đ" in noted

        [short] = await leader.says("c Sa Ri lai 500k")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 500.000 đ" in short
        [listed] = await leader.says("còn ai chưa đóng?")
        assert "1. Lâm Thị Sa Ri: còn nợ lãi 75.000 đ" in listed
        assert "Thạch Sơn" not in listed

        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    assert await current_lines(h) == [
        ("KH001", 500_000, 75_000, 100_000, False),
        ("KH002", 132_000, 0, 300_000, False),
    ]
