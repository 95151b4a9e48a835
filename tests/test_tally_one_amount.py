"""One amount a member paid with no field named ("đóng 2 xị") is what they handed over in all.
A stranger's "chi Lan dong 2 xi" was echoed "200.000 đ tiền lãi" and, on "dung", noted as
interest 200.000 đ and savings 200.000 đ: the savings due kept beside an amount that was
meant as everything, 400.000 đ on the form from 200.000 đ said, and the echo never named
the savings. Now one amount is never two fields: no more than the interest due is all
interest and no savings; exactly the interest and the minimum savings due is both paid in
full; over the interest due, the leader is asked "200.000 đ là tiền lãi hay gồm cả tiết
kiệm?" with the two readings as options. An echo names every amount it will note, those not
said marked "giữ nguyên", and what is noted is what it named. Through the real PTB stack; the
13/TD export holds exactly the confirmed amounts."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, exported_money, open_tam_tally

# T03 (tests/tally_fixtures.py TAM_GROUP): interest due Bùi Thị Tâm 275.000 đ, Danh Sô Phanh
# 150.000 đ, Kim Sa Vát 158.000 đ, Nguyễn Thị Ngọc Tâm 165.000 đ, Trần Minh Tâm 38.000 đ; the
# minimum saving is 200.000 đ.


async def test_one_amount_is_never_two_fields_and_the_echo_names_what_is_noted(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)

        # Over the interest due: which it was, asked with both readings as options.
        [asked] = await leader.says("chi Sa Vat dong 2 xi")
        assert "200.000 đ là tiền lãi hay gồm cả tiết kiệm?" in asked
        assert "Kim Sa Vát" in asked and "Đã ghi" not in asked
        assert leader.labels() == [
            "Chỉ tiền lãi: 200.000 đ",
            "Gồm cả tiết kiệm: lãi 158.000 đ, tiết kiệm 42.000 đ",
        ]
        [noted] = await leader.taps("Gồm cả tiết kiệm: lãi 158.000 đ, tiết kiệm 42.000 đ")
        assert "Đã ghi: Kim Sa Vát → nộp lãi 158.000 đ, tiết kiệm 42.000 đ" in noted

        # More than twice the 38.000 đ due: asked just the same, the split one of the options
        # (it was echoed as a split, so one amount above the interest due was read two ways).
        [asked] = await leader.says("so 5 dong 2 xi")  # the number, as the stranger typed it
        assert "200.000 đ là tiền lãi hay gồm cả tiết kiệm?" in asked and "Hiểu là" not in asked
        assert leader.labels() == [
            "Chỉ tiền lãi: 200.000 đ",
            "Gồm cả tiết kiệm: lãi 38.000 đ, tiết kiệm 162.000 đ",
        ]
        [noted] = await leader.says("2")
        assert "Đã ghi: Trần Minh Tâm → nộp lãi 38.000 đ, tiết kiệm 162.000 đ" in noted

        # No more than the interest due: all of it interest, no savings; the echo says both.
        [echo] = await leader.says("Bui Thi Tam dong 2 xi")
        assert (
            "Hiểu là 200.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Bùi Thị Tâm, đúng không?"
            in echo
        )
        [noted] = await leader.says("dung")
        assert "Đã ghi: Bùi Thị Tâm → nộp lãi 200.000 đ, tiết kiệm 0 đ" in noted

        # The interest and the minimum savings due exactly: both, paid in full.
        [noted] = await leader.says("Danh So Phanh dong 350k")
        assert "Danh Sô Phanh → nộp đủ: lãi 150.000 đ, tiết kiệm 200.000 đ" in noted

        # A field named: only it changes, and the echo names the savings kept as due.
        [echo] = await leader.says("Ngoc Tam lai 2 xi")
        assert (
            "Hiểu là 200.000 đ tiền lãi, 200.000 đ tiền gửi tiết kiệm (giữ nguyên) cho "
            "Nguyễn Thị Ngọc Tâm, đúng không?" in echo
        )
        [noted] = await leader.says("ừ")
        assert "Đã ghi: Nguyễn Thị Ngọc Tâm → nộp lãi 200.000 đ, tiết kiệm 200.000 đ" in noted

        [summary] = await leader.says("xong")
        assert "Tiết kiệm thu được: 604.000 đ" in summary
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T03-20261217-1" in receipt
    # Mã KH, then Lãi phải thu, Lãi thực thu, Lãi còn tồn, Tiền gửi, Thu nợ gốc từ tiền gửi
    assert await exported_money(h) == [
        ["KH702", "275000", "200000", "75000", "0", "0"],
        ["KH701", "150000", "150000", "0", "200000", "0"],
        ["KH703", "158000", "158000", "0", "42000", "0"],
        ["KH704", "165000", "200000", "0", "200000", "0"],
        ["KH705", "38000", "38000", "0", "162000", "0"],
    ]


def test_the_rule_for_one_amount() -> None:
    from bot.nlu.tally_text import parse_answer
    from handlers.rules.tally import paid_in_all
    from storage.tally_form import Line

    line = Line(
        1, "Hồ Thị Kim Lan", "KH1", "KU1", 1, 20_000_000, 113_000, 200_000, 113_000, 200_000
    )
    [alone, both] = paid_in_all(line, parse_answer("dong 2 xi"))
    assert (alone.interest, alone.savings) == (200_000, 0)
    assert (both.interest, both.savings) == (113_000, 87_000)
    [under] = paid_in_all(line, parse_answer("100k"))
    assert (under.interest, under.savings) == (100_000, 0)
    [full] = paid_in_all(line, parse_answer("313k"))
    assert (full.interest, full.savings) == (113_000, 200_000)
    # Far above the 113.000 due: the same two readings, asked as for any amount above it.
    [alone, both] = paid_in_all(line, parse_answer("500k"))
    assert (alone.interest, alone.savings) == (500_000, 0)
    assert (both.interest, both.savings) == (113_000, 387_000)
    [alone, both] = paid_in_all(line, parse_answer("1 trieu le 50 nghin"))
    assert (both.interest, both.savings) == (113_000, 937_000)
    [alone, both] = paid_in_all(line, parse_answer("tram rưỡi"))  # read with doubt: still asked
    assert (alone.interest, both.interest, both.savings) == (150_000, 113_000, 37_000)
    named = parse_answer("lai 2 xi")
    assert paid_in_all(line, named) == [named]  # a field named is not one amount in all
