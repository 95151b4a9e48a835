"""A question typed with the draft open is never a payment line: a stranger's "chi Linh co qua
han khong" was noted "nộp lãi 0 đ, tiết kiệm 0 đ" (its closing "không" read as nothing paid),
and "so 8 co bi qua han ko", "sdt chu Sau" at a member's amount prompt got "Tôi chưa đọc được
số tiền". They are answered as outside the tally (the member's status), the tally waits, and
the prompt still takes the amount. Through the real PTB stack; the submitted amounts are
checked in the export."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, money_by_code, open_tally

# T01: 1. Lâm Thị Sa Ri (interest due 575.000 đ), 2. Thạch Sơn (132.000 đ); minimum saving
# 100.000 đ.


async def test_a_question_about_a_member_is_answered_never_noted(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        answered = await leader.says("anh Thach Son co qua han khong", replies=2)
        assert not any("Đã ghi" in x for x in answered)
        assert any("Thạch Sơn" in x for x in answered)

        await leader.says("2")  # "Thạch Sơn: ... Đã nộp bao nhiêu?"
        for question in ("so 2 co bi qua han ko", "sdt chi Sa Ri"):
            replies = await leader.says(question, replies=2)
            assert not any("Tôi chưa đọc được số tiền" in x for x in replies), replies
            assert not any("Đã ghi" in x for x in replies), replies
        [noted] = await leader.says("lai 100k gui 0")
        assert "Đã ghi: Thạch Sơn → nộp lãi 100.000 đ, tiết kiệm 0 đ" in noted

        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH001"][1:4] == ["575000", "0", "100000"]
    assert money["KH002"][1:4] == ["100000", "32000", "0"]
