"""A leader writing the tally in natural English: "number 5 paid interest 75k and savings
100k", "no. 3 paid 120k interest, 50k savings", "Mrs Vat paid fifty thousand" (English number
words, echoed back as Vietnamese spoken words are), "member 2 paid nothing, she was sick",
"Mr Phanh paid 1.2 million principal" (principal repaid from savings, never interest). Through
the real PTB stack; the submitted 13/TD amounts are read from the export."""

from __future__ import annotations

from tests.bot_fixtures import Clock, Harness
from tests.tally_fixtures import bot, money_by_code, open_tam_tally

# T03: 1. Bùi Thị Tâm (275.000 đ), 2. Danh Sô Phanh (150.000 đ), 3. Kim Sa Vát (158.000 đ),
# 4. Nguyễn Thị Ngọc Tâm (165.000 đ), 5. Trần Minh Tâm (38.000 đ); minimum saving 200.000 đ.


async def test_natural_english_lines_reach_the_export(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [noted] = await leader.says("number 5 paid interest 38k and savings 100k")
        assert "Trần Minh Tâm → paid interest 38,000 VND, savings 100,000 VND" in noted
        [noted] = await leader.says("no. 4 paid 120k interest, 50k savings")
        assert "Nguyễn Thị Ngọc Tâm → paid interest 120,000 VND, savings 50,000 VND" in noted
        [echo] = await leader.says("Mrs Vat paid fifty thousand")
        assert "Kim Sa Vát" in echo and "50,000 VND" in echo  # words: echoed for a yes
        [noted] = await leader.says("yes")
        assert "Kim Sa Vát → paid interest 50,000 VND" in noted
        [noted] = await leader.says("member 1 paid nothing, she was sick")
        assert "Bùi Thị Tâm → absent" in noted
        [noted] = await leader.says("Mr Phanh paid 1.2 million principal")
        assert "Danh Sô Phanh" in noted and "1,200,000 VND" in noted
        await leader.says("done")
        await leader.taps("Confirm submission")
    money = await money_by_code(h)
    # [Lãi thực thu, Lãi còn tồn, Tiền gửi, Thu nợ gốc từ tiền gửi]
    assert money["KH705"][1:5] == ["38000", "0", "100000", "0"]
    assert money["KH704"][1:5] == ["120000", "45000", "50000", "0"]
    assert money["KH703"][1:5] == ["50000", "108000", "0", "0"]
    assert money["KH702"][1:5] == ["0", "275000", "0", "0"]
    assert money["KH701"][1:5] == ["150000", "0", "200000", "1200000"]


async def test_english_number_words_are_echoed_before_they_are_noted(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        [echo] = await leader.says("no. 1 paid one hundred twenty thousand interest")
        assert "Bùi Thị Tâm" in echo and "120,000 VND" in echo
        [asked] = await leader.says("no")
        assert "What did Bùi Thị Tâm pay, then?" in asked
        [echo] = await leader.says("a hundred and fifty k")
        assert "150,000 VND" in echo
        await leader.says("yes")
        [echo] = await leader.says("number 3 paid fifty")  # as "đóng 50": thousands, echoed
        assert "Kim Sa Vát" in echo and "50,000 VND" in echo
        await leader.says("yes")
        await leader.says("done")
        await leader.taps("Confirm submission")
    money = await money_by_code(h)
    assert money["KH702"][1:4] == ["150000", "125000", "200000"]
    assert money["KH703"][1:4] == ["50000", "108000", "0"]


async def test_a_stranger_named_in_english_is_said_so(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tam_tally(h)
        await leader.says("number 5 paid interest 38k and savings 100k")
        [said] = await leader.says("Mr Hai paid 1.2 million principal")
        assert "There is no member called “Hai” in your group, so nothing was noted." in said
