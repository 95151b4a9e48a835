"""A correction of an amount echoed back changes only what it names: "Kim Tu lai 10 gui 0"
echoed "10.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm", then "khong, 15 nghin" noted the savings
as the 200.000 đ due instead of the 0 echoed. A bare amount corrects the first doubtful
field (here the interest); the other echoed fields stay as echoed, and a small number after
the no is the amount, never a member's number. Through the real PTB stack; the submitted
tally holds exactly those amounts."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, current_lines, exported_money, open_tally, open_tam_tally


async def test_a_bare_amount_after_no_corrects_only_the_doubtful_interest(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [echo] = await leader.says("Thach Son lai 10 gui 0")
        assert (
            "Hiểu là 10.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Thạch Sơn, đúng không?" in echo
        )
        [noted] = await leader.says("khong, 15 nghin")
        assert "Đã ghi: Thạch Sơn → nộp lãi 15.000 đ, tiết kiệm 0 đ" in noted

        [echo] = await leader.says("1 lai 100 gui 0")
        assert "Hiểu là 100.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Lâm Thị Sa Ri" in echo
        [noted] = await leader.says("không, 120 nghìn")
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 120.000 đ, tiết kiệm 0 đ" in noted

        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T01-20261217-1" in receipt
    lines = await current_lines(h)
    assert [(code, paid, saved) for code, paid, _unpaid, saved, _absent in lines] == [
        ("KH001", 120_000, 0),
        ("KH002", 15_000, 0),
    ]


async def test_a_small_amount_after_no_is_not_a_member_number_and_two_doubtful_amounts(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("Bui Thi Tam lai 10 gui 0")
        assert "Hiểu là 10.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Bùi Thị Tâm" in echo
        [noted] = await leader.says("khong, 4 nghin")  # 4 is not Nguyễn Thị Ngọc Tâm's number
        assert "Đã ghi: Bùi Thị Tâm → nộp lãi 4.000 đ, tiết kiệm 0 đ" in noted

        [echo] = await leader.says("Kim Sa Vat lai 158 gui 200")
        assert (
            "Hiểu là 158.000 đ tiền lãi, 200.000 đ tiền gửi tiết kiệm cho Kim Sa Vát, đúng không?"
            in echo
        )
        [echo] = await leader.says("khong, lai 160")  # still read with doubt: echoed again
        assert (
            "Hiểu là 160.000 đ tiền lãi, 200.000 đ tiền gửi tiết kiệm cho Kim Sa Vát, đúng không?"
            in echo
        )
        [noted] = await leader.says("ừ")
        assert "Kim Sa Vát → nộp đủ: lãi 160.000 đ, tiết kiệm 200.000 đ" in noted or (
            "Đã ghi: Kim Sa Vát → nộp lãi 160.000 đ, tiết kiệm 200.000 đ" in noted
        )

        [echo] = await leader.says("Tran Minh Tam lai 100k gui hai xi")
        assert "Hiểu là 100.000 đ tiền lãi, 200.000 đ tiền gửi tiết kiệm" in echo
        [noted] = await leader.says("khong, 150 nghin")  # the doubtful one is the savings
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 100.000 đ, tiết kiệm 150.000 đ" in noted

        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T03-20261217-1" in receipt
    lines = {code: (paid, saved) for code, paid, _unpaid, saved, _absent in await current_lines(h)}
    assert lines["KH702"] == (4_000, 0)
    assert lines["KH703"] == (160_000, 200_000)
    assert lines["KH705"] == (100_000, 150_000)


def test_the_correction_rule_changes_only_what_it_names() -> None:
    from bot.nlu.tally_text import parse_answer
    from handlers.rules.tally import correct

    echoed = parse_answer("lai 158 gui 200")
    assert echoed.doubtful_fields == ("interest", "savings")
    fixed = correct(echoed, parse_answer("lai 160k"))
    assert (fixed.interest, fixed.savings, fixed.doubtful) == (160_000, 200_000, False)
    fixed = correct(parse_answer("lai 100k gui hai xi"), parse_answer("150 nghin"))
    assert (fixed.interest, fixed.savings) == (100_000, 150_000)
    fixed = correct(parse_answer("lai 10 gui 0"), parse_answer("15 nghin"))
    assert (fixed.interest, fixed.savings) == (15_000, 0)
    assert correct(echoed, parse_answer("vắng")).absent


async def test_after_a_no_the_amount_typed_corrects_the_echo_not_the_defaults(
    harness: Harness, clock: Clock
) -> None:
    """A stranger's story: echoed 120.000 đ interest and 50.000 đ savings, "không", then
    "tiết kiệm 30": the line became the interest due (the default) and 30.000 đ, the 120.000 đ
    echoed forgotten. After a bare no (typed or "Sửa số tiền"), what the leader types next
    corrects the echo: only what it names changes. The export holds the confirmed amounts."""
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [echo] = await leader.says("2 lãi trăm hai gửi năm chục")
        assert (
            "Hiểu là 120.000 đ tiền lãi, 50.000 đ tiền gửi tiết kiệm cho Thạch Sơn, đúng không?"
            in echo
        )
        [again] = await leader.says("không")
        assert "Vậy Thạch Sơn đã nộp bao nhiêu?" in again
        assert "120.000 đ tiền lãi, 50.000 đ tiền gửi tiết kiệm" in again  # what stays
        [echo] = await leader.says("tiết kiệm 30")  # a bare 30: echoed, with the interest kept
        assert (
            "Hiểu là 120.000 đ tiền lãi, 30.000 đ tiền gửi tiết kiệm cho Thạch Sơn, đúng không?"
            in echo
        )
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Thạch Sơn → nộp lãi 120.000 đ, tiết kiệm 30.000 đ" in noted

        [echo] = await leader.says("1 lãi trăm hai gửi năm chục")
        assert "Hiểu là 120.000 đ tiền lãi, 50.000 đ tiền gửi tiết kiệm cho Lâm Thị Sa Ri" in echo
        [again] = await leader.taps("Sửa số tiền")
        assert "Vậy Lâm Thị Sa Ri đã nộp bao nhiêu?" in again
        [noted] = await leader.says("gửi 80k")  # sure: noted, the echoed interest kept
        assert "Đã ghi: Lâm Thị Sa Ri → nộp lãi 120.000 đ, tiết kiệm 80.000 đ" in noted

        await leader.says("xong")
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T01-20261217-1" in receipt
    # Mã KH, then Lãi phải thu, Lãi thực thu, Lãi còn tồn, Tiền gửi, Thu nợ gốc từ tiền gửi
    assert await exported_money(h) == [
        ["KH001", "575000", "120000", "455000", "80000", "0"],
        ["KH002", "132000", "120000", "12000", "30000", "0"],
    ]
