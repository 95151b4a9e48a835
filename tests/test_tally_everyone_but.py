""" "Everyone paid in full except …" in one line ("tất cả nộp đủ trừ số 5 vắng", "cả tổ đóng
đủ, riêng bà Ngọc Tâm chưa đóng", "everyone paid in full except number 2"): one yes or no
says how many members count as paid in full and each member set apart; on a yes the members
set apart are noted as said, everyone else not yet noted as paid in full (interest due and the
minimum savings), and members already noted keep what was noted. Through the real PTB stack;
the submitted 13/TD amounts are read from the export."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, money_by_code, open_tam_tally

# T03: 1. Bùi Thị Tâm (KH702, 275.000 đ), 2. Danh Sô Phanh (KH701, 150.000 đ), 3. Kim Sa Vát
# (KH703, 158.000 đ), 4. Nguyễn Thị Ngọc Tâm (KH704, 165.000 đ), 5. Trần Minh Tâm (KH705,
# 38.000 đ); minimum saving 200.000 đ.


async def test_everyone_but_one_absent_keeps_who_was_noted(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("3 lai 100k gui 0")
        [asked] = await leader.says("tất cả nộp đủ trừ số 5 vắng")
        assert "Tôi sẽ ghi 3 thành viên nộp đủ" in asked
        assert "5. Trần Minh Tâm → vắng" in asked
        assert "Kim Sa Vát" in asked  # already noted: stays as noted
        [noted] = await leader.says("đúng rồi")
        assert "Đã ghi: 3 thành viên nộp đủ" in noted
        assert "Trần Minh Tâm → vắng" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    # [Lãi thực thu, Lãi còn tồn, Tiền gửi]
    assert money["KH702"][1:4] == ["275000", "0", "200000"]
    assert money["KH701"][1:4] == ["150000", "0", "200000"]
    assert money["KH703"][1:4] == ["100000", "58000", "0"]  # noted before: never overwritten
    assert money["KH704"][1:4] == ["165000", "0", "200000"]
    assert money["KH705"][1:4] == ["0", "38000", "0"]


async def test_the_whole_group_but_one_named(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("cả tổ đóng đủ, riêng bà Ngọc Tâm chưa đóng")
        assert "Tôi sẽ ghi 4 thành viên nộp đủ" in asked
        assert "4. Nguyễn Thị Ngọc Tâm →" in asked
        await leader.taps("Xác nhận: ghi như vậy")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH704"][1:4] == ["0", "165000", "0"]
    assert money["KH703"][1:4] == ["158000", "0", "200000"]


async def test_in_english_a_no_notes_nothing(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("everyone paid in full except number 2")
        assert "I will note 4 members as paid in full" in asked
        assert "2. Danh Sô Phanh → paid interest 0 VND, savings 0 VND" in asked
        [said] = await leader.says("no")
        assert "Nothing noted from that line" in said
        [asked] = await leader.says("everyone paid in full except no. 2 and Mrs Vat, she was sick")
        assert "I will note 3 members as paid in full" in asked
        assert "3. Kim Sa Vát →" in asked and "2. Danh Sô Phanh →" in asked
        await leader.says("yes")
        await leader.says("done")
        await leader.taps("Confirm submission")
    money = await money_by_code(h)
    assert money["KH701"][1:4] == ["0", "150000", "0"]
    assert money["KH703"][1:4] == ["0", "158000", "0"]
    assert money["KH702"][1:4] == ["275000", "0", "200000"]


async def test_another_line_under_the_question_notes_only_that_line(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("tất cả nộp đủ trừ số 5 vắng")
        [noted] = await leader.says("số 1 lãi 200k gửi 0")
        assert "Chưa ghi: “tất cả nộp đủ trừ số 5 vắng”" in noted
        assert "Bùi Thị Tâm → nộp lãi 200.000 đ" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH705"][1:4] == ["38000", "0", "200000"]  # the line said no yes: in full
    assert money["KH702"][1:4] == ["200000", "75000", "0"]
