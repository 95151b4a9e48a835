"""An amount read with doubt in the tally ("trăm hai", "hai xị", "năm chục") is echoed back
("Hiểu là 120.000 đ tiền lãi cho …, đúng không?") and noted only once the leader says yes, by
button or by typing ("ừ", "đúng"); "không" asks again and "không, 102 nghìn" is the amount
itself. Bare numbers are thousands wherever they stand ("đóng 158 gửi 200", "158 lãi 200
tiết kiệm"), each read for its own field, and the echo names every amount. Through the real
PTB stack against the fake Bot API; the submitted tally holds exactly the confirmed amounts."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, open_tally, open_tam_tally


async def test_doubtful_amounts_are_noted_only_once_confirmed(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)

        [echo] = await leader.says("2 lãi trăm hai")  # the savings not said: named, kept
        assert (
            "Hiểu là 120.000 đ tiền lãi, 100.000 đ tiền gửi tiết kiệm (giữ nguyên) cho Thạch "
            "Sơn, đúng không?" in echo
        )
        assert "Đã ghi" not in echo
        assert leader.labels() == ["Xác nhận: 120.000 đ, 100.000 đ", "Sửa số tiền"]
        [noted] = await leader.taps("Xác nhận: 120.000 đ, 100.000 đ")
        assert "Đã ghi: Thạch Sơn → nộp lãi 120.000 đ" in noted

        [echo] = await leader.says("1 lãi một trăm hai")
        assert "Hiểu là 120.000 đ tiền lãi, 100.000 đ tiền gửi tiết kiệm (giữ nguyên)" in echo
        [noted] = await leader.says("không, 102 nghìn")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 102.000 đ" in noted

        [echo] = await leader.says("2 gửi hai xị")
        assert (
            "Hiểu là 120.000 đ tiền lãi (giữ nguyên), 200.000 đ tiền gửi tiết kiệm cho Thạch Sơn"
            in echo
        )
        [again] = await leader.says("không")
        assert "Vậy Thạch Sơn đã nộp bao nhiêu?" in again
        [noted] = await leader.says("gửi 150k")
        assert "Đã ghi: Thạch Sơn → nộp lãi 120.000 đ, tiết kiệm 150.000 đ" in noted

        [echo] = await leader.says("1 gửi năm chục")
        assert "Hiểu là 102.000 đ tiền lãi (giữ nguyên), 50.000 đ tiền gửi tiết kiệm" in echo
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 102.000 đ, tiết kiệm 50.000 đ" in noted

        [echo] = await leader.says("2 lãi ba lít")  # never confirmed: never noted
        assert "Hiểu là 300.000 đ tiền lãi, 150.000 đ tiền gửi tiết kiệm (giữ nguyên)" in echo
        [again] = await leader.says("xong")  # not passed over: asked again, not noted
        assert "Chưa ghi cho Thạch Sơn: 300.000 đ tiền lãi, 150.000 đ tiền gửi tiết kiệm." in again
        assert "Lãi thực thu" not in again
        await leader.says("không")
        [summary] = await leader.says("xong")
        assert "Lãi thực thu: 222.000 đ" in summary
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T01-20261217-1" in receipt
    assert await current_lines(h) == [
        ("KH001", 102_000, 473_000, 50_000, False),
        ("KH002", 120_000, 12_000, 150_000, False),
    ]


async def test_a_typed_yes_confirms_and_a_slip_leaves_the_echo_waiting(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [echo] = await leader.says("Thạch Sơn đóng trăm hai")  # one amount: all of it interest
        assert "Hiểu là 120.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Thạch Sơn" in echo
        [answer, nudge] = await leader.says("dư nợ bao nhiêu", replies=2)  # a question between
        assert "Tổng dư nợ" in answer and "120.000 đ tiền lãi" in nudge  # the echo again
        [noted] = await leader.says("đúng")
        assert "Đã ghi: Thạch Sơn → nộp lãi 120.000 đ" in noted
        await leader.says("xong")  # the summary: only it asks to submit
        await leader.taps("Xác nhận nộp")
    assert (await current_lines(h))[1][:2] == ("KH002", 120_000)


async def test_bare_interest_and_savings_are_both_read_echoed_and_stored(
    harness: Harness, clock: Clock
) -> None:
    """A stranger's "Kim Sa Vat dong 158 gui 200" was echoed as "200.000 đ tiền lãi": the 158
    dropped ("đóng 158" read like "dòng 158", a line number) and the savings taken for
    interest. "đóng" there is paying the interest, "gửi" the savings, and both are thousands."""
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("Kim Sa Vat dong 158 gui 200")
        assert (
            "Hiểu là 158.000 đ tiền lãi, 200.000 đ tiền gửi tiết kiệm cho Kim Sa Vát, đúng không?"
            in echo
        )
        assert leader.labels() == ["Xác nhận: 158.000 đ, 200.000 đ", "Sửa số tiền"]
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Kim Sa Vát → nộp đủ: lãi 158.000 đ, tiết kiệm 200.000 đ." in noted

        [echo] = await leader.says("Bui Thi Tam lai 150 tk 100")
        assert "Hiểu là 150.000 đ tiền lãi, 100.000 đ tiền gửi tiết kiệm cho Bùi Thị Tâm" in echo
        [noted] = await leader.says("đúng")
        assert "Đã ghi: Bùi Thị Tâm → nộp lãi 150.000 đ, tiết kiệm 100.000 đ" in noted

        [noted] = await leader.says("Tran Minh Tam đóng lãi 30k, gửi tiết kiệm 150k")  # sure
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 30.000 đ, tiết kiệm 150.000 đ" in noted

        [echo] = await leader.says("Ngoc Tam 160 lai 210 tiet kiem")
        assert (
            "Hiểu là 160.000 đ tiền lãi, 210.000 đ tiền gửi tiết kiệm cho Nguyễn Thị Ngọc Tâm"
            in echo
        )
        [noted] = await leader.taps("Xác nhận: 160.000 đ, 210.000 đ")
        assert "Đã ghi: Nguyễn Thị Ngọc Tâm → nộp lãi 160.000 đ, tiết kiệm 210.000 đ" in noted

        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T03-20261217-1" in receipt
    assert await current_lines(h) == [
        ("KH702", 150_000, 125_000, 100_000, False),
        ("KH701", 150_000, 0, 200_000, False),
        ("KH703", 158_000, 0, 200_000, False),
        ("KH704", 160_000, 5_000, 210_000, False),
        ("KH705", 30_000, 8_000, 150_000, False),
    ]


async def test_the_echo_is_answered_as_leaders_type_yes_and_no(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [echo] = await leader.says("2 lãi trăm hai")
        assert (
            "Hiểu là 120.000 đ tiền lãi, 100.000 đ tiền gửi tiết kiệm (giữ nguyên) cho Thạch "
            "Sơn, đúng không?" in echo
        )
        [again] = await leader.says("hổng có")
        assert "Vậy Thạch Sơn đã nộp bao nhiêu?" in again
        [echo] = await leader.says("trăm ba")
        assert "Hiểu là 130.000 đ tiền lãi, 100.000 đ tiền gửi tiết kiệm cho Thạch Sơn" in echo
        [noted] = await leader.says("chính xác")
        assert "Đã ghi: Thạch Sơn → nộp lãi 130.000 đ" in noted


async def test_the_forms_t14_and_t15_taught_reach_the_tally(harness: Harness, clock: Clock) -> None:
    """ "chăm" for trăm is echoed as the hundreds it is, a figure said again in passing ("160 à
    không 150") echoes the one paid, and "nợ lại tháng sau" is nothing paid this month."""
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [echo] = await leader.says("2 lãi hai chăm ngàn")
        assert (
            "Hiểu là 200.000 đ tiền lãi, 100.000 đ tiền gửi tiết kiệm (giữ nguyên) cho Thạch "
            "Sơn, đúng không?" in echo
        )
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Thạch Sơn → nộp lãi 200.000 đ" in noted
        [noted] = await leader.says("1 nợ lại tháng sau")
        assert "Đã ghi: Lâm Thị Sa Ri → chưa nộp (hẹn lần sau)" in noted  # owed, not away
        # No field named: 150.000 is what he paid in all, above the 132.000 due, so asked.
        [asked] = await leader.says("2 160 à không 150")
        assert "Thạch Sơn nộp 150.000 đ" in asked and "160.000" not in asked
        [noted] = await leader.says("chỉ tiền lãi")
        assert "Đã ghi: Thạch Sơn → nộp lãi 150.000 đ" in noted


async def test_a_bare_chua_under_an_echo_is_its_no(harness: Harness, clock: Clock) -> None:
    """ "chưa" answering "…, đúng không?" says the echo is not right yet: asked again, and
    nothing noted as unpaid (the reader takes a "chưa" opening a member's line as nothing
    paid: "chị Út chưa, mai chị mang qua")."""
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [echo] = await leader.says("2 lãi trăm hai")
        assert "đúng không?" in echo
        [again] = await leader.says("chưa")
        assert "Vậy Thạch Sơn đã nộp bao nhiêu?" in again, again
        assert "Đã ghi" not in again
