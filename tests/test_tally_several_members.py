"""A line about two members notes each: a stranger's "a nham, so 9 vang, so 7 nop du" noted
only 9, and "so 4 va so 5 moi dong tiet kiem 100k" only 4, the other dropped in silence. Each
part naming a member is that member's line (a member named alone shares the next part's
words); a part that cannot be read is said by name, not noted. Through the real PTB stack;
the submitted amounts are checked."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, money_by_code, open_tam_tally

# T03: 1. Bùi Thị Tâm (275.000 đ), 2. Danh Sô Phanh (150.000 đ), 3. Kim Sa Vát (158.000 đ),
# 4. Nguyễn Thị Ngọc Tâm (165.000 đ), 5. Trần Minh Tâm (38.000 đ); minimum saving 200.000 đ.


async def test_each_member_of_a_line_is_noted(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 vang")
        [noted] = await leader.says("a nham, so 2 vang, so 3 nop du")
        assert "Danh Sô Phanh → vắng" in noted
        assert "Kim Sa Vát → nộp đủ" in noted

        [noted] = await leader.says("so 4 va so 5 lai 0 gui 100k")
        assert "Nguyễn Thị Ngọc Tâm → nộp lãi 0 đ, tiết kiệm 100.000 đ" in noted
        assert "Trần Minh Tâm → nộp lãi 0 đ, tiết kiệm 100.000 đ" in noted

        [said] = await leader.says("so 1 vang, so 3 ngu")
        assert "Bùi Thị Tâm → vắng" in said
        assert "Kim Sa Vát" in said and "ngu" in said  # not noted, said by name

        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH702"][1:4] == ["0", "275000", "0"]
    assert money["KH701"][1:4] == ["0", "150000", "0"]
    assert money["KH703"][1:4] == ["158000", "0", "200000"]
    assert money["KH704"][1:4] == ["0", "165000", "100000"]
    assert money["KH705"][1:4] == ["0", "38000", "100000"]


async def test_in_english_under_an_echo_each_member_is_noted(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("2 lai 100 gui 0")
        assert "Hiểu là 100.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Danh Sô Phanh" in echo
        replies = await leader.says("oops, I meant member 3 was absent, 2 paid in full")
        text = "\n".join(replies)
        assert "Kim Sa Vát → absent" in text
        assert "Danh Sô Phanh → paid in full" in text

        await leader.says("done")
        await leader.taps("Confirm submission")
    money = await money_by_code(h)
    assert money["KH701"][1:4] == ["150000", "0", "200000"]
    assert money["KH703"][1:4] == ["0", "158000", "0"]
