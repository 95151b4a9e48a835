"""Stranger test 9's tally findings, as the leader met them: the echo names no typed amount
"(unchanged)", a number that is none of the namesakes says so, and a payment left for
another line is not dropped without a word. Through the real PTB stack."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, money_by_code, open_tam_tally


async def test_an_amount_typed_after_the_name_is_read_and_never_marked_unchanged(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("ngoc tam 165 gui 2 tram")
        assert "165.000 đ tiền lãi, 200.000 đ tiền gửi tiết kiệm" in echo
        assert "giữ nguyên" not in echo
        [echo] = await leader.says("ngoc tam 150 gui 2 tram")  # not the 165.000 đ due
        assert "150.000 đ tiền lãi, 200.000 đ tiền gửi tiết kiệm" in echo
        assert "giữ nguyên" not in echo
        [noted] = await leader.says("ừ")
        assert "Nguyễn Thị Ngọc Tâm → nộp lãi 150.000 đ, tiết kiệm 200.000 đ" in noted


async def test_a_number_none_of_the_namesakes_says_so_and_a_line_after_says_what_was_dropped(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [which] = await leader.says("ba Tam dong lai 100 gui 200")
        assert "(1, 4, 5)" in which
        [again] = await leader.says("2")
        assert "2 không phải một trong số 1, 4, 5" in again
        [noted] = await leader.says("3 vang")
        assert "Chưa ghi" in noted and "lai 100 gui 200" in noted
        assert "Kim Sa Vát" in noted


async def test_a_payment_put_off_is_not_paid_yet_and_not_absent(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("Kim Sa Vat hen tuan sau moi dong")
        assert "Kim Sa Vát → chưa nộp (hẹn lần sau)" in noted and "vắng" not in noted
        [noted] = await leader.says("5 xin khat lai den thang sau")
        assert "Trần Minh Tâm → chưa nộp (hẹn lần sau)" in noted
        [noted] = await leader.says("1 vang")
        assert "Bùi Thị Tâm → vắng" in noted
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    lines = await current_lines(h)
    assert ("KH703", 0, 158_000, 0, False) in lines  # put off: the member was there
    assert ("KH705", 0, 38_000, 0, False) in lines
    assert ("KH702", 0, 275_000, 0, True) in lines
    money = await money_by_code(h)
    # the 13/TD export's amounts as for any member who paid nothing
    assert money["KH703"] == ["158000", "0", "158000", "0", "0"]
    assert money["KH705"] == ["38000", "0", "38000", "0", "0"]


async def test_an_echo_set_aside_by_another_members_line_is_asked_again_before_the_summary(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("Kim Sa Vat nam chuc")
        assert "50.000 đ" in echo and "Kim Sa Vát" in echo
        [noted] = await leader.says("2 lai 150k gui 100k")  # the echo is set aside
        assert "Chưa ghi cho Kim Sa Vát" in noted
        [again] = await leader.says("xong")  # never counted as paid in full unsaid
        assert "Trước khi xem tổng kết" in again and "Nộp bảng kê này?" not in again
        assert "Hiểu là 50.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Kim Sa Vát" in again
        [summary] = await leader.says("ừ")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 50.000 đ" in summary, summary
        assert "Nộp bảng kê này?" in summary and "Chưa xác nhận" not in summary
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "Chưa xác nhận" not in receipt
    money = await money_by_code(h)
    assert money["KH703"][:2] == ["158000", "50000"]


async def test_an_echo_set_aside_and_typed_again_is_no_longer_unconfirmed(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("Kim Sa Vat nam chuc")
        await leader.says("2 lai 150k gui 100k")
        [noted] = await leader.says("3 lai 50k gui 0")
        assert "Kim Sa Vát → nộp lãi 50.000 đ, tiết kiệm 0 đ" in noted
        [summary] = await leader.says("xong")
        assert "Chưa xác nhận" not in summary
