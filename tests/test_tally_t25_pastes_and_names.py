"""T25's several-member and pasted lines through the tally: a notebook row ("STT 3 - Kim Sa
Vát - 120 - 20") is that member's interest and savings, echoed for a yes; a spreadsheet's
members by tag apart by "|" ("#1 120 | #2 vắng | #3 90") each their own, never the last
member's figure for one; members by name with no tag ("Phanh 120 Vát 95 Ngọc Tâm vắng") each
noted or echoed; names the group does not have ("Lan 90 Hoa 100 Mai vắng") noted for nobody,
and said so. Through the real PTB stack; the 13/TD export holds exactly the amounts."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, money_by_code, open_tam_tally

# T03: 1. Bùi Thị Tâm (275.000 đ), 2. Danh Sô Phanh (150.000 đ), 3. Kim Sa Vát (158.000 đ),
# 4. Nguyễn Thị Ngọc Tâm (165.000 đ), 5. Trần Minh Tâm (38.000 đ); minimum saving 200.000 đ.


async def test_a_notebook_row_and_a_spreadsheet_of_tags(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("STT 3 - Kim Sa Vát - 120 - 20 - đủ")
        assert "Kim Sa Vát" in echo and "120.000 đ" in echo and "20.000 đ" in echo, echo
        assert "đúng không" in echo, echo
        [noted] = await leader.says("dung")
        assert "Kim Sa Vát → nộp lãi 120.000 đ, tiết kiệm 20.000 đ" in noted, noted

        [asked] = await leader.says("#1 120 | #2 vắng | #5 30")
        assert "Danh Sô Phanh → vắng" in asked, asked
        assert "Bùi Thị Tâm" in asked and "120.000 đ" in asked, asked
        assert "đúng không" in asked, asked
        await leader.says("dung")
        [summary] = await leader.says("xong")
        if "Trần Minh Tâm" in summary and "đúng không" in summary:
            [summary] = await leader.says("dung")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH703"][1] == "120000" and money["KH703"][3] == "20000"
    assert money["KH702"][1] == "120000"
    assert money["KH701"][1] == "0"
    assert money["KH705"][1] == "30000"


async def test_members_by_name_with_no_tag(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [said] = await leader.says("Lan 90 Hoa 100 Mai vắng Đào 120")
        assert "nhiều thành viên" in said, said
        assert "→" not in said, said  # noted for nobody

        [asked] = await leader.says("Phanh 120 Vát 95 Ngọc Tâm vắng")
        assert "Nguyễn Thị Ngọc Tâm → vắng" in asked, asked
        assert "Danh Sô Phanh" in asked and "đúng không" in asked, asked
        await leader.says("dung")
        [again] = await leader.says("xong")
        assert "Kim Sa Vát" in again and "95.000 đ" in again, again
        await leader.says("dung")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH701"][1] == "120000"
    assert money["KH703"][1] == "95000"
    assert money["KH704"][1] == "0"
