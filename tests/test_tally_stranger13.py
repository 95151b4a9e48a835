"""What a stranger found in the tally (round 13): an echo set aside by the next member's
line was submitted as paid in full after one warning; "Sửa số tiền" then "thôi bỏ qua",
"xong" or "xác nhận nộp" only asked the amount again; "tiếp tục bảng kê" went straight to
"Nộp bảng kê này?"; "13 Tam đóng đủ" (the number and that member's name) was not read; and
"đúng" under "tiền lãi hay gồm cả tiết kiệm?" got the same question back. Through the real
PTB stack; where money is submitted, the 13/TD export holds only what the leader said."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, money_by_code, open_tam_tally

# T03 (tests/tally_fixtures.py TAM_GROUP): 1 Bùi Thị Tâm (interest due 275.000 đ), 2 Danh Sô
# Phanh (150.000 đ), 3 Kim Sa Vát (158.000 đ), 4 Nguyễn Thị Ngọc Tâm (165.000 đ), 5 Trần Minh
# Tâm (38.000 đ); the minimum saving is 200.000 đ.
SPLIT = "là tiền lãi hay gồm cả tiết kiệm?"


async def test_echoes_set_aside_are_asked_again_before_the_summary(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("1 2 lit")
        assert "Hiểu là 200.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Bùi Thị Tâm" in echo
        [asked] = await leader.says("5 trăm rưỡi")  # the next member: the echo set aside
        assert "Chưa ghi cho Bùi Thị Tâm" in asked and SPLIT in asked
        [noted] = await leader.says("2")
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 38.000 đ, tiết kiệm 112.000 đ" in noted
        [echo] = await leader.says("3 tram hai")
        assert "cho Kim Sa Vát, đúng không?" in echo
        [noted] = await leader.says("4 vang")  # set aside too
        assert "Chưa ghi cho Kim Sa Vát" in noted

        [again] = await leader.says("xong")  # not the summary: each echo set aside first
        assert "Hiểu là 200.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Bùi Thị Tâm" in again
        assert "Xác nhận nộp" not in leader.labels() and "Tổng kết" not in again
        [next_one] = await leader.says("ừ")
        assert "Đã ghi: Bùi Thị Tâm → nộp lãi 200.000 đ, tiết kiệm 0 đ" in next_one
        assert "cho Kim Sa Vát, đúng không?" in next_one
        assert "Xác nhận nộp" not in leader.labels()
        [asked] = await leader.says("không")
        assert "Vậy Kim Sa Vát đã nộp bao nhiêu?" in asked
        [summary] = await leader.says("lai 100k gui 0")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 100.000 đ, tiết kiệm 0 đ" in summary
        assert "Nộp bảng kê này?" in summary and "Chưa xác nhận" not in summary
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "gõ lại" not in receipt
    assert await exported_money(h) == [
        ["KH702", "275000", "200000", "75000", "0", "0"],
        ["KH701", "150000", "150000", "0", "200000", "0"],
        ["KH703", "158000", "100000", "58000", "0", "0"],
        ["KH704", "165000", "0", "165000", "0", "0"],
        ["KH705", "38000", "38000", "0", "112000", "0"],
    ]


async def test_the_submit_button_pressed_with_an_echo_set_aside_asks_it_first(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 vang")
        await leader.says("xong")
        await leader.taps("Sửa")
        await leader.says("1 2 lit")
        await leader.says("5 vang")  # the echo set aside
        [again] = await leader.says("nộp")
        assert "cho Bùi Thị Tâm, đúng không?" in again
        [summary] = await leader.says("1")
        assert "Nộp bảng kê này?" in summary
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH702"] == ["275000", "200000", "75000", "0", "0"]


async def test_after_edit_the_amount_the_leader_can_skip_and_is_asked_again_at_the_summary(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 đóng trăm hai")
        [asked] = await leader.says("2")  # Sửa số tiền
        assert "Vậy Danh Sô Phanh đã nộp bao nhiêu?" in asked
        [skipped] = await leader.says("thoi bo qua")
        assert "Không đổi gì cho Danh Sô Phanh" in skipped and "bao nhiêu" not in skipped
        assert "Xem tổng kết" in leader.labels()
        await leader.says("3 đóng trăm hai")
        await leader.says("2")
        [again] = await leader.says("xong")  # nothing noted for her: never passed over
        assert "Vậy Kim Sa Vát đã nộp bao nhiêu?" in again and "“bỏ qua”" in again
        [skipped] = await leader.says("bo qua")
        assert "Không đổi gì cho Kim Sa Vát" in skipped
        [summary] = await leader.says("xac nhan nop")  # the summary, never a submit unseen
        assert "Nộp bảng kê này?" in summary
        await leader.taps("Xác nhận nộp")
    money = await money_by_code(h)
    assert money["KH701"] == ["150000", "150000", "0", "200000", "0"]
    assert money["KH703"] == ["158000", "158000", "0", "200000", "0"]
    assert money["KH705"] == ["38000", "38000", "0", "200000", "0"]


async def test_going_on_with_the_tally_asks_for_the_next_line_not_to_submit(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("2 vang")
        [resumed] = await leader.says("tiep tuc bang ke")
        assert "2. Danh Sô Phanh → vắng" in resumed
        assert "gõ người nộp khác tiếp theo" in resumed
        assert "Nộp bảng kê này?" not in resumed and "Xác nhận nộp" not in leader.labels()


async def test_a_number_then_that_members_name_is_the_number(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("5 Tam dong du")
        assert "Đã ghi: Trần Minh Tâm → nộp đủ" in noted
        [asked] = await leader.says("2 Ngoc Tam vang")  # 2 is Danh Sô Phanh
        assert "Số 2 là Danh Sô Phanh" in asked and "Đã ghi" not in asked
        [noted] = await leader.says("4")
        assert "Đã ghi: Nguyễn Thị Ngọc Tâm → vắng" in noted


async def test_a_yes_under_interest_or_savings_is_told_how_to_answer(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [asked] = await leader.says("3 hai xi")
        assert SPLIT in asked
        [first] = await leader.says("dung")
        [second] = await leader.says("dung")
        assert asked != first != second
        for again in (first, second):
            assert "“chỉ tiền lãi”" in again and "“gồm cả tiết kiệm”" in again
        [noted] = await leader.says("1")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 200.000 đ, tiết kiệm 0 đ" in noted
