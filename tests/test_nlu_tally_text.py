"""What a leader types about one member, as spoken: zero for "ko gửi", spoken amounts, an
amount over the cap told apart from one not read, and amounts to echo back before use."""

from __future__ import annotations

import pytest

from bot.nlu import corpus, extract_amounts, tally_text
from bot.nlu.tally_text import (
    ABSURD_AMOUNT,
    Answer,
    NotUnderstood,
    OverCap,
    first_amount,
    reads_as_payment,
)
from bot.nlu.tally_text import parse_answer as parse


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("ko gửi", Answer(savings=0)),
        ("không gửi", Answer(savings=0)),
        ("Thạch Thị Sa Rênh ko gửi", Answer(savings=0)),
        ("hk đóng lãi, gửi 50k", Answer(interest=0, savings=50_000)),
        ("lãi 120k gửi 0", Answer(interest=120_000, savings=0)),
        ("0 đồng", Answer(interest=0, savings=0)),
        ("ông Thạch Sóc hk đóng", Answer(absent=True)),
        ("bả nói hông có tiền", Answer(absent=True)),
        ("lãi 1 trăm 2", Answer(interest=120_000, doubtful=True)),
        ("lai tram sau lam gui 2 xi", Answer(interest=165_000, savings=200_000, doubtful=True)),
        ("lãi 275 gửi 100", Answer(interest=275_000, savings=100_000, doubtful=True)),
        ("200", Answer(interest=200_000, doubtful=True)),
        ("lãi 200k, gửi 100k", Answer(interest=200_000, savings=100_000)),
        ("1 triệu lẻ 50 nghìn", Answer(interest=1_050_000)),
        ("２００ｋ", Answer(interest=200_000)),
    ],
)
def test_spoken_answers(text: str, answer: Answer) -> None:
    assert parse(text) == answer


BOTH = Answer(interest=158_000, savings=200_000, doubtful=True)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("dong 158 gui 200", BOTH),  # "đóng 158" pays the interest; it is not "dòng 158"
        ("đóng 158, gửi 200", BOTH),
        ("lai 158 tk 200", BOTH),
        ("158 lai 200 tiet kiem", BOTH),  # the amounts before their words
        ("158 lãi, 200 gửi tiết kiệm", BOTH),
        ("đóng lãi 158k, gửi tiết kiệm 200k", Answer(interest=158_000, savings=200_000)),
        ("gui 200", Answer(savings=200_000, doubtful=True)),  # savings, not interest
        ("tk 200 lai 158", BOTH),
        ("đóng trăm hai gửi 50", Answer(interest=120_000, savings=50_000, doubtful=True)),
        ("5 lai 100k gui 0", Answer(interest=100_000, savings=0)),  # 5: the member's number
        ("lãi tháng 9 270k", Answer(interest=270_000)),  # "tháng 9" names a month
    ],
)
def test_bare_thousands_go_to_the_field_they_are_written_with(text: str, answer: Answer) -> None:
    assert parse(text) == answer


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("chỉ đóng tiết kiệm 100 nghìn thôi", Answer(interest=0, savings=100_000)),
        ("chi gui tk 100 thoi", Answer(interest=0, savings=100_000, doubtful=True)),
        ("chỉ gửi tiết kiệm, lãi chưa đóng", Answer(interest=0, as_due=("savings",))),
        ("chỉ đóng lãi 150k", Answer(interest=150_000, savings=0)),
        ("mới đóng lãi thôi", Answer(savings=0, as_due=("interest",))),
        ("lãi 100k thôi", Answer(interest=100_000, savings=0)),
        ("gửi tiết kiệm đủ, lãi chưa", Answer(interest=0, as_due=("savings",))),
        ("lãi 150k gửi đủ", Answer(interest=150_000, as_due=("savings",))),
        ("chị ấy đóng lãi 100k", Answer(interest=100_000)),  # "chị", not "chỉ"
        ("gửi tiết kiệm, lãi chưa đóng", Answer(interest=0)),  # the savings as they were
    ],
)
def test_only_what_chi_names_was_paid(text: str, answer: Answer) -> None:
    assert parse(text) == answer


@pytest.mark.parametrize("text", ["lai 5 ty", "gửi 200 triệu", "lãi 101tr"])
def test_an_amount_over_the_cap_says_so(text: str) -> None:
    with pytest.raises(OverCap) as raised:
        parse(text)
    assert raised.value.amount > raised.value.cap == ABSURD_AMOUNT


@pytest.mark.parametrize("text", ["abc", "lai", "gui -", "9" * 309 + "k"])
def test_an_answer_without_an_amount_is_not_over_the_cap(text: str) -> None:
    with pytest.raises(NotUnderstood) as raised:
        parse(text)
    assert not isinstance(raised.value, OverCap)


def test_the_held_out_money_lines() -> None:
    # H1–H4 after nlu6's tuning: 237/240; H5 joined untuned at 113/120: 350/360 = 97.2%;
    # H6 joined untuned at 142/150 (session 7): 494/510 = 96.9%, where tuning on T16/T17 left
    # it, then 495/510; H7 joined untuned at 137/150 (session 8): 632/660 = 95.8%; after
    # money10's general rules (figure-only lines, nothing paid): 647/660 = 98.0%.
    # A floor against falling back, not the goal (100%: bench/nlu_bench.py).
    rows = corpus.money("heldout")
    share = sum(first_amount(text) == value for value, text in rows) / len(rows)
    del rows  # a failure prints figures only, never the held-out lines
    assert share >= 0.975


def test_every_training_money_line_reads_its_first_amount() -> None:
    rows = corpus.money("train")
    assert len(rows) >= 100
    assert [first_amount(text) for _v, text in rows] == [value for value, _t in rows]


# Each form as a leader types it in the tally, with the đồng it means.
SPOKEN = [
    ("một trăm hai", 120_000),
    ("mot tram hai", 120_000),
    ("mootj traam hai", 120_000),
    ("trăm sáu lăm", 165_000),
    ("hai trăm mốt", 210_000),
    ("hai tram mot", 210_000),
    ("ba lít", 300_000),
    ("hai xị", 200_000),
    ("ba lít hai", 320_000),
    ("1 lít 2", 120_000),
    ("hai xị rưỡi", 250_000),
    ("nửa xị", 50_000),
    ("năm chục nghìn", 50_000),
    ("5 chục", 50_000),
    ("2 chục", 20_000),
    ("bốn chục rưỡi", 45_000),
    ("chục rưỡi", 15_000),
    ("hai lăm", 25_000),
    ("bảy trăm rưỡi", 750_000),
    ("bảy trăm rưởi", 750_000),
    ("một trăm lẻ mười", 110_000),
    ("1 triệu lẻ 50 nghìn", 1_050_000),
    ("mot trieu le nam muoi nghin", 1_050_000),
    ("triệu rưỡi", 1_500_000),
    ("triệu hai", 1_200_000),
    ("1.5 triệu", 1_500_000),
    ("1tr2", 1_200_000),
    ("150kđ", 150_000),
    ("ko đóng", 0),
    ("ko", 0),
    ("đóng 0đ", 0),
    ("0k", 0),
    ("nghỉ", 0),
    ("one hundred and twenty thousand", 120_000),
    ("two million five hundred thousand", 2_500_000),
    ("120 thousand", 120_000),
    ("1.2 million", 1_200_000),
    ("paid nothing", 0),
    ("2 chai", 2_000_000),
    ("1 chai rưỡi", 1_500_000),
    ("ông Lâm đóng 2 chai", 2_000_000),  # "đóng 2" is not "dòng 2"
    ("hăm lăm ngàn", 25_000),
    ("ham lam ngan", 25_000),
    ("hăm hai ngàn", 22_000),
    ("băm lăm ngàn", 35_000),
    ("ba tra8m", 300_000),
    ("tramm mot", 110_000),
    ("1tram5", 150_000),
    ("120 000", 120_000),
    ("1 250 000", 1_250_000),
    ("lai 50 000 dong", 50_000),
    ("Lâm Văn Sóc lãi 640 000đ", 640_000),
    ("đủ 200", 200_000),
    ("đóng đủ 300", 300_000),
    ("bà Đào 95", 95_000),
    ("chi Nhung xin khat thang sau dong", 0),
]


@pytest.mark.parametrize(("text", "value"), SPOKEN)
def test_every_spoken_form_reads_its_amount(text: str, value: int) -> None:
    assert first_amount(text) == value


@pytest.mark.parametrize(
    "text",
    [
        *("một trăm hai", "ba lít hai", "hai lăm", "triệu hai", "2 chục", "2 chai", "hăm lăm"),
        *("lãi 120", "bà Đào 95", "đủ 200", "ba tra8m"),
    ],
)
def test_amounts_read_from_words_are_doubtful(text: str) -> None:
    assert parse(text).doubtful


@pytest.mark.parametrize("text", ["120k", "1tr2", "120.000 đ", "ko đóng", "1.5 triệu"])
def test_amounts_written_with_digits_and_a_unit_are_not(text: str) -> None:
    assert not parse(text).doubtful


def test_a_number_that_is_not_money_stays_out() -> None:
    assert first_amount("20 chục") is None


@pytest.mark.parametrize("text", ["tổ 12", "ấp 3", "chai nước", "hăm", "tổ 3 100"])
def test_a_number_that_names_something_or_a_word_alone_is_not_an_amount(text: str) -> None:
    assert first_amount(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("lãi tháng 9 của bà Lâm Thị Sóc 270 ngàn", 270_000),  # "bà Lâm" is not 35
        ("bà Lâm đóng trăm hai", 120_000),
        ("ông Tư Lượm đóng 6 trăm", 600_000),  # "đóng 6" is not "dòng 6"
    ],
)
def test_words_that_only_fold_to_numbers_are_not_read_as_them(text: str, value: int) -> None:
    assert first_amount(text) == value


def test_a_station_is_not_a_hundred() -> None:
    assert first_amount("trạm y tế") is None


@pytest.mark.parametrize(
    ("text", "payment"),
    [
        ("chỉ đóng tiết kiệm 100 nghìn thôi", True),
        ("lãi 100k gửi 50k", True),
        ("gửi 200", True),
        ("lãi tháng này bao nhiêu", False),
        ("tiền tk còn bao nhiêu?", False),
        ("dư nợ 50 triệu", False),  # no payment word
        ("200k", False),
    ],
)
def test_a_payment_is_told_from_a_question(text: str, payment: bool) -> None:
    assert reads_as_payment(text) is payment


# Forms the outside writers of T9/T10 used that the reader missed, each in plain examples.
FORMS = [
    # A name holding a number word, a unit or a state ("Tư", "Triệu", "Vàng", "Hồng").
    ("Thạch Văn Tư lãi 150k", 150_000),
    ("Triệu Văn Nam 300k", 300_000),
    ("bà Vàng Thị Lan lãi 90k", 90_000),
    ("Kim Thị Hồng lãi 120k", 120_000),
    ("co Sau tram hai", 120_000),
    ("ong Tu trieu hai", 1_200_000),
    ("Mrs Ba paid 200k", 200_000),
    ("Hai Trăm nghìn", 200_000),  # capitals, but only money words: not a name
    # Nothing paid: no money yet, not collected, not handed over, excused, in English.
    ("chưa có tiền, hẹn phiên sau", 0),
    ("chua thu duoc", 0),
    ("chị Hoa chưa đưa", 0),
    ("khattt", 0),
    ("kdong", 0),
    ("nothing this month", 0),
    ("he didn't pay", 0),
    ("she has not paid yet", 0),
    ("no payment, sick", 0),
    ("chị Mỹ nộp 0đ", 0),
    # Money words typed with Telex marks left in, glued, doubled, or two letters swapped.
    ("boons traam nghinf", 400_000),
    ("hai trieuj", 2_000_000),
    ("nawm chucj", 50_000),
    ("baytram", 700_000),
    ("85kk", 85_000),
    ("hia tram", 200_000),
    ("340 ngìn", 340_000),
    ("75ngin", 75_000),
    # "củ" and "chai" with a bare fraction; "không trăm" after a million; half in English.
    ("củ tư", 1_400_000),
    ("chai ba", 1_300_000),
    ("chai rưỡi", 1_500_000),
    ("nửa chai", 500_000),
    ("cu Hai dong 200k", 200_000),  # ASCII "cu" (cụ, cũ) is not the million
    ("hai triệu không trăm ba chục", 2_030_000),
    ("1 triệu không trăm lẻ tám nghìn", 1_008_000),
    ("half a million", 500_000),
    ("one and a half million", 1_500_000),
    # The amount before its word, a dash after a name, a total before its parts.
    ("90k lãi, 40k tk", 90_000),
    ("ba trăm tiền lãi, tiết kiệm chưa gửi", 300_000),
    ("Lan - 80k", 80_000),
    ("nộp 250k trong đó lãi 200k gửi 50k", 250_000),
]


@pytest.mark.parametrize(("text", "value"), FORMS)
def test_each_form_reads_its_first_amount(text: str, value: int) -> None:
    assert first_amount(text) == value


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("90k lãi, 40k tk", Answer(interest=90_000, savings=40_000)),
        ("150k lai, gui 20k", Answer(interest=150_000, savings=20_000)),
        ("ba trăm tiền lãi, tiết kiệm chưa gửi", Answer(300_000, 0, doubtful=True)),
        ("nộp 250k trong đó lãi 200k gửi 50k", Answer(interest=200_000, savings=50_000)),
        ("chưa có tiền", Answer(absent=True)),
        ("bà Hoa kgui, lãi 60k", Answer(interest=60_000, savings=0)),
    ],
)
def test_each_field_takes_its_own_amount(text: str, answer: Answer) -> None:
    assert parse(text) == answer


def test_an_old_debt_is_not_a_million() -> None:
    assert extract_amounts("nợ cũ hai triệu") == [2_000_000]
    assert extract_amounts("no cu hai trieu") == [2_000_000]


# Forms T11 taught the reader, each with a plain example of its own and the đồng it means.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        # VNI marks in any word of the line ("đóng" as d9o1ng): no digit of theirs is money
        ("o6ng Tu7 d9o1ng la4i 80k", 80_000),
        ("chi5 Hoa2 200 nghi2n", 200_000),
        # a thousands amount with one digit glued after the k: 45k5 = 45.500
        ("lãi 45k5", 45_500),
        ("bà Năm 62k5 tiền lãi", 62_500),
        # "n" glued to digits is nghìn
        ("lãi 70n, tk 30n", 70_000),
        # "stt 4" is the member, even before "trăm"
        ("stt 4 trăm hai", 120_000),
        # the member's number in words after "số"
        ("số hai mươi mốt đóng hai trăm nghìn", 200_000),
        # a title before a lone "mười"/"trăm" makes it a name
        ("cô mười 250k", 250_000),
        ("ông trăm đóng lãi 90k", 90_000),
        # "trăm" glued to a digit is "trăm hai"
        ("lãi trăm3", 130_000),
        # a bare number after the paying verb, "được" between or not
        ("mới nộp được 60 thôi", 60_000),
        ("moi dog dc 80 thui", 80_000),
        # a correction: the first amount is the one meant
        ("nhầm, 140 chứ không phải 150", 140_000),
        ("it was 75 not 70", 75_000),
        # nothing paid: put off, skipped, no money sent, the central "nỏ", "hk dog dc"
        ("hẹn tháng sau", 0),
        ("o Tư hẹn phiên sau", 0),
        ("Mr Son skipped, back next month", 0),
        ("asked to postpone", 0),
        ("chưa gởi tiền về", 0),
        ("anh Tâm nỏ đóng", 0),
        ("hk dog dc", 0),
        # "Vàng" (a name) is not "vắng"
        ("Vàng Thị Mai lãi 60.000", 60_000),
    ],
)
def test_each_form_leaders_type_reads_its_first_amount(text: str, value: int) -> None:
    assert first_amount(text) == value


def test_a_name_spelt_vang_is_not_absent_but_vang_is() -> None:
    assert not parse("Vàng A Sử lãi 50k").absent
    assert parse("chị Mai vắng").absent


# Forms T13 taught the reader, each with a plain example of its own and the đồng it means.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        # nothing paid: "có" before the verb, "mô có" (central), not found at home, put off
        ("cô Lan hổng có đóng", 0),
        ("chu Hai chua co dong thang nay", 0),
        ("bác Sơn hổng có nhận đồng nào", 0),
        ("a Hòa mô có đóng", 0),
        ("ông Tám không có ở nhà, tới hoài không gặp", 0),
        ("bà Bảy hẹn mốt mới đóng", 0),
        ("chị Mai chưa pay", 0),
        # "k" after the member's number is "không"; "nỏ"/"ko" after a digit too
        ("stt 8 k đóng", 0),
        ("tv9 nỏ nộp", 0),
        ("số 3 ko nộp", 0),
        # but "k" after any other number is thousands
        ("đóng 15 k", 15_000),
        # a bare number after the paying verb with a comma after it, "đóng trước"
        ("tháng này đóng 170, còn nợ", 170_000),
        ("đóng trước 40, mai đóng thêm", 40_000),
        # the wrong figure first: the first written is the first amount
        ("tôi ghi sai 130, đúng là 140", 130_000),
        ("không phải 90 mà là 95 nghìn", 90_000),
        # "đề nghị" is no "nghỉ"
        ("Đề nghị ghi nhận chị Hằng nộp 190.000 đồng", 190_000),
        # English: a million as M, the fields' short words, a total and what it includes
        ("Mr Tan paid 1.5M including savings", 1_500_000),
        ("60k int, 40k sav, total 100k", 60_000),
        ("savings 50k, interest unpaid", 50_000),
        ("1tr5 total (int 300k, sav 1tr2)", 1_500_000),
    ],
)
def test_each_form_t13_taught_reads_its_first_amount(text: str, value: int) -> None:
    assert first_amount(text) == value


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # the member paid the right figure, not the wrong one written first
        ("tôi ghi sai 130, đúng là 140", Answer(interest=140_000, doubtful=True)),
        ("không phải 90 mà là 95 nghìn", Answer(interest=95_000, doubtful=True)),
        ("60k int, 40k sav, total 100k", Answer(interest=60_000, savings=40_000)),
        ("savings 50k, interest unpaid", Answer(interest=0, savings=50_000)),
        ("1tr5 total (int 300k, sav 1tr2)", Answer(interest=300_000, savings=1_200_000)),
        ("Mr Tan paid 1.5M including savings", Answer(interest=1_500_000)),
        ("120 not 130, Mrs Lan's interest", Answer(interest=120_000, doubtful=True)),
        ("stt 8 k đóng", Answer(absent=True)),
    ],
)
def test_each_t13_form_fills_the_fields_it_names(text: str, answer: Answer) -> None:
    assert parse(text) == answer


def test_a_time_with_minutes_is_no_million() -> None:
    assert extract_amounts("họp 7h30m") == []


# Forms T14 and T15 taught the reader, each with plain examples of its own and the đồng it
# means; beside each, lines of the same shape that must keep reading as they did.
T14_FORMS: list[tuple[str, int | None]] = [
    # Telex marks in any word the reader reads, a tone key typed mid-word too ("sasu" sáu)
    ("chij Hoa khong cos tieenf", 0),
    ("heenj tuaanf sau", 0),
    ("laix sasu chujc nghinf", 60_000),
    ("gui tk tasm chujc", 80_000),
    ("motj tramw sasu muwoiw", 160_000),
    # VNI marks, "đ" as d9 opening the word
    ("chi5 Lan chu7a d9o1ng", 0),
    ("d9o1ng 50k", 50_000),
    # "hundred" after digits, in English
    ("2 hundred thousand", 200_000),
    ("paid 5 hundred k", 500_000),
    ("member 12: 3 hundred", 300_000),
    # "chăm" for "trăm" after a number word, as it is said in the south
    ("hai chăm ngàn", 200_000),
    ("ba chăm rưởi", 350_000),
    ("năm chăm hai chục ngàn", 520_000),
    ("lãi một chăm tiếc kiệm năm chục", 100_000),
    # put off to a later session, owed to the next: nothing paid now
    ("nợ lại tháng sau", 0),
    ("xin để kỳ sau", 0),
    ("để tuần tới đóng luôn", 0),
    ("tháng sau đóng dồn", 0),
    ("xin hoãn", 0),
    ("vợ xin hoãn kỳ này", 0),
    ("hoãn sang tháng sau", 0),
    # nobody paid for them, not yet back to pay, out of money, the house locked, skipped
    ("nhà không ai đóng", 0),
    ("nỏ ai nộp giùm", 0),
    ("hok ai đóng hộ", 0),
    ("chưa về đóng", 0),
    ("chưa kịp nộp", 0),
    ("nói hết tiền rồi", 0),
    ("tới nhà thì khóa cửa", 0),
    ("tháng này bỏ", 0),
    ("kỳ này xin bỏ, ốm", 0),
    # "k" for "không" after a comma too
    ("ốm, k đóng", 0),
    ("nằm viện, k nộp dc j", 0),
    # a bare no, with "dạ", "có" or the month before it
    ("dạ không có", 0),
    ("dạ ko có ạ", 0),
    ("không có", 0),
    ("tháng này ko", 0),
    ("kỳ này không", 0),
    # a correction said in passing: the first figure written, then the right one
    ("160 à không 150", 160_000),
    ("90 à nhầm, 95", 90_000),
    ("200k à không 180k", 200_000),
    ("120 ờ không, 130 nghìn", 120_000),
    # the figure before "lãi" opens the line when "lãi" has none of its own
    ("150 lãi chị Ba, gửi 30", 150_000),
    ("95 lãi, tk 10", 95_000),
    # a field said to be unpaid in words is no amount written: the first written is
    ("không đóng lãi, gửi 50k", 50_000),
    ("hong co tien lai, chi gui tk nam chuc ngan thoi", 50_000),
]
# Lines of the same shapes that must keep reading as they did: no amount where there is
# none, a payment said first before the rest is put off, names and member numbers.
T14_NOT: list[tuple[str, int | None]] = [
    ("she was sick this week", None),
    ("dạ", None),
    ("dạ có", None),
    ("không biết", None),
    ("bà năm chăm con nhỏ", None),
    ("chị Năm chăm con, lãi 80k", 80_000),
    ("chăm sóc mẹ ốm, chưa đóng", 0),
    ("đóng 100k, còn lại để tháng sau", 100_000),
    ("đóng trước 40, để tháng sau đóng tiếp", 40_000),
    ("chị Hoàn đóng 100k", 100_000),
    ("xin hoàn trả 50k", 50_000),  # paying back, not put off
    ("Hoàn Thị Mai lãi 80k", 80_000),
    ("Khoa lãi 50k", 50_000),
    ("tháng này bố đóng 200k", 200_000),
    ("lãi 100k à, không gửi", 100_000),
    ("5 gửi 100k", 100_000),  # 5: the member's number
    ("5 lai 100k gui 0", 100_000),
    ("Mr Tư 2 kids, paid 2 hundred thousand", 200_000),
    ("số 12 nợ lại tháng sau", 0),
    ("cô Sáu: tháng này ko", 0),
    ("bà tư tháng này ko", 0),
    ("đóng 15 k", 15_000),
    ("ko đóng 2 tháng nay", 0),
]


@pytest.mark.parametrize(("text", "value"), T14_FORMS + T14_NOT)
def test_each_form_t14_and_t15_taught_reads_its_first_amount(text: str, value: int | None) -> None:
    assert first_amount(text) == value


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # the member paid the right figure, not the one set aside
        ("160 à không 150", Answer(interest=150_000, doubtful=True)),
        ("200k à không 180k", Answer(interest=180_000, doubtful=True)),  # echoed back
        ("lãi 100k tiếc kiệm 20k", Answer(interest=100_000, savings=20_000)),
        ("150 lãi chị Ba, gửi 30", Answer(interest=150_000, savings=30_000, doubtful=True)),
        ("không đóng lãi, gửi 50k", Answer(interest=0, savings=50_000)),
        ("dạ không có", Answer(interest=0, savings=0)),
        ("xin hoãn", Answer(absent=True)),
        ("cô Sáu: tháng này ko", Answer(interest=0, savings=0)),
        ("chị hoa lãi ko", Answer(interest=0)),  # the interest only, the savings as they were
    ],
)
def test_each_t14_form_fills_the_fields_it_names(text: str, answer: Answer) -> None:
    assert parse(text) == answer


# Forms T16 and T17 taught the reader, each with examples of its own and the đồng it means.
T16_FORMS: list[tuple[str, int | None]] = [
    # a field's letter glued to its bare figure: L lãi, TK tiết kiệm, G gốc; "/" between
    ("L95 TK25", 95_000),
    ("l210/tk40", 210_000),
    ("TK35/L90", 35_000),
    ("G3tr L75", 3_000_000),
    ("L: 115, TK: 20", 115_000),
    # a count of sessions beside the field is no amount
    ("tiết kiệm 3 tháng 90k", 90_000),
    ("lãi 2 kỳ 300 nghìn", 300_000),
    ("gửi bù 4 tháng tiết kiệm, hết 80k", 80_000),
    # an age is no amount, in digits or in words
    ("ông Sáu bảy mươi tuổi, lãi 90", 90_000),
    ("bác Tư sáu mươi lăm tuổi đóng trăm hai", 120_000),
    ("cụ Tám 81 tuổi tk 20k", 20_000),
    ("Mrs Ba, 70 years old, savings 40k", 40_000),
    # Telex marks left in "hổng" and in the title before a capitalised name
    ("hoongr ddongs", 0),
    ("hoong cos tieenf", 0),
    ("baf Muwowif ddongs 60k", 60_000),
    ("chuj Trawm ddongs laix 75k", 75_000),
    # "đg" for đóng, as teen-code writes it
    ("e Hà hok đg đc, bệnh", 0),
    ("chưa đg j hết", 0),
    ("a Tư đg 80", 80_000),
    # a bare "chưa": not yet paid, alone or after the member, before a promise
    ("chưa ạ", 0),
    ("dạ chưa", 0),
    ("anh Tám chưa, tối ảnh đem qua", 0),
    ("Lò Văn Pình chưa.", 0),
    # owed for this session, or paying put off to a later one
    ("nợ lại kỳ này", 0),
    ("xin nợ lại tháng này nha", 0),
    ("xin đóng tháng sau", 0),
    ("hẹn nộp tuần tới", 0),
    ("để nộp vào kỳ sau", 0),
    # nothing collected, in a bookkeeper's words
    ("tháng này không phát sinh", 0),
    ("kỳ này chưa phát sinh khoản thu", 0),
    ("số thứ tự 14 tk 50k", 50_000),
    # English: paying later, could not pay
    ("he'll pay next month", 0),
    ("will pay at the next meeting", 0),
    ("could not pay, crops failed", 0),
    ("she can't pay this time", 0),
    ("unable to pay", 0),
    # "hong" in lower case after a title, before a paid amount, is the name Hồng
    ("co hong dong 90k", 90_000),
    ("chị hồng nộp 110 nghìn", 110_000),
]
# Lines of the same shapes that must keep reading as they did.
T16_NOT: list[tuple[str, int | None]] = [
    ("lãi 2 tháng", None),  # how many sessions, no amount
    ("đủ chưa", None),  # a question, not an answer
    ("chưa, để em xem lại", None),  # a no to the echo while the leader checks: no answer
    ("tổ 5 nộp bảng kê chưa", None),
    ("họp ở sân chùa", None),
    ("stt 4 lãi 120 tk 30 ngày 15 đóng", 120_000),
    ("stt 4 tk 30 ngày 15", 30_000),  # ngày 15 is a date, not 30 days
    ("lãi 100k, tk chưa", 100_000),
    ("nó tháng này đóng 100k", 100_000),
    ("đóng 100k, lãi nộp tháng sau", 100_000),
    ("paid 60k now, will pay the rest next month", 60_000),
    ("chị hông đóng", 0),
    ("co hong co tien", 0),
    ("bà Lụa 78 tuổi đóng trăm rưỡi", 150_000),
    ("Lan 140k", 140_000),
]


@pytest.mark.parametrize(("text", "value"), T16_FORMS + T16_NOT)
def test_each_form_t16_and_t17_taught_reads_its_first_amount(text: str, value: int | None) -> None:
    assert first_amount(text) == value


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("L95/TK25", Answer(interest=95_000, savings=25_000, doubtful=True)),
        ("G2tr L80", Answer(interest=80_000, principal_from_savings=2_000_000, doubtful=True)),
        ("chưa", Answer(absent=True)),
        ("nợ lại tháng này", Answer(absent=True)),
        # "ngày 15" after the savings' figure is a date: 30 is no count of days
        ("lãi 120 tk 30 ngày 15 đóng", Answer(interest=120_000, savings=30_000, doubtful=True)),
        # "chij" is chị typed in Telex, a title, not "chỉ" (only): the savings stay as they were
        ("chij ddongs 50k", Answer(interest=50_000)),
    ],
)
def test_each_t16_form_fills_the_fields_it_names(text: str, answer: Answer) -> None:
    assert parse(text) == answer


# "trăm" and two digit words with no "mươi" between: the tens, then the units ("trăm năm tám"
# is 158.000, not 150.000 with a stray 8).
HUNDREDS_TENS_UNITS = [
    ("trăm năm tám", 158_000),
    ("tram nam tam", 158_000),
    ("hai trăm ba tư", 234_000),
    ("hai tram ba tu", 234_000),
    ("trăm hai lăm", 125_000),
    ("trăm sáu mốt", 161_000),
    ("tram sau mot", 161_000),
    ("ba trăm bảy chín", 379_000),
    ("đóng trăm tám hai", 182_000),
    ("trăm năm", 150_000),
    ("trăm rưỡi", 150_000),
    ("tram hai ba Tam Loan gui 50", 120_000),  # "ba" before a name is bà, not a units digit
]


@pytest.mark.parametrize(("text", "value"), HUNDREDS_TENS_UNITS)
def test_hundreds_then_tens_then_units_read_as_one_amount(text: str, value: int) -> None:
    assert first_amount(text) == value


ECHO_158_200 = Answer(interest=158_000, savings=200_000, doubtful=True)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("8 lai tram nam tam gui hai tram", ECHO_158_200),
        ("lãi trăm năm tám gửi hai trăm", ECHO_158_200),
        ("lai hai tram ba tu tk tram sau mot", Answer(234_000, 161_000, doubtful=True)),
        ("lãi trăm năm gửi trăm rưỡi", Answer(150_000, 150_000, doubtful=True)),
    ],
)
def test_the_echo_says_the_units_digit_of_hundreds_tens_units(text: str, answer: Answer) -> None:
    assert parse(text) == answer


# T22's forms, in lines of our own. A total said first and its breakdown after, in
# parentheses or with "gồm": the first amount is the total, the fields the breakdown.
TOTAL_THEN_PARTS = [
    ("cô Hai đóng 300 (lãi 250 tk 50)", 300_000, Answer(250_000, 50_000, doubtful=True)),
    ("bác Sơn nộp 180, gồm lãi 150 và tk 30", 180_000, Answer(150_000, 30_000, doubtful=True)),
    ("s4 220 (190+30)", 220_000, Answer(190_000, 30_000, doubtful=True)),
    ("s12 260 (l230 t30)", 260_000, Answer(230_000, 30_000, doubtful=True)),
    ("chị Ly đóng 200k (lãi 170k, tk 30k)", 200_000, Answer(170_000, 30_000)),
]


@pytest.mark.parametrize(("text", "value", "answer"), TOTAL_THEN_PARTS)
def test_a_total_then_its_breakdown_is_the_first_amount_and_the_fields_the_parts(
    text: str, value: int, answer: Answer
) -> None:
    assert first_amount(text) == value
    assert parse(text) == answer


def test_a_parenthesis_that_does_not_add_up_is_no_breakdown() -> None:
    # "(170+20)" is not 200: no total and its parts, so never noted as if it were
    with pytest.raises(NotUnderstood):
        parse("s4 200 (170+20)")


# The hurried leader's tags and field letters: the member's tag is no money, "l"/"L" the
# interest, "tk"/"TK" (or "t" after an interest) the savings, "g" the principal.
TAGS_AND_LETTERS = [
    ("s5 l140", 140_000, Answer(interest=140_000, doubtful=True)),
    ("s21 L90", 90_000, Answer(interest=90_000, doubtful=True)),
    ("#4 L90 TK20", 90_000, Answer(90_000, 20_000, doubtful=True)),
    ("s26 L240 TK40", 240_000, Answer(240_000, 40_000, doubtful=True)),
    ("stt6 l120 tk0", 120_000, Answer(120_000, 0, doubtful=True)),
    (
        "s17 g2tr l110",
        2_000_000,
        Answer(interest=110_000, principal_from_savings=2_000_000, doubtful=True),
    ),
    (
        "s8 l130 t20 g0",
        130_000,
        Answer(130_000, 20_000, principal_from_savings=0, doubtful=True),
    ),
    ("s9 l150/t30", 150_000, Answer(150_000, 30_000, doubtful=True)),
    ("st14 170 ok", 170_000, Answer(interest=170_000, doubtful=True)),
    ("80/20 s15", 80_000, Answer(80_000, 20_000, doubtful=True)),
]


@pytest.mark.parametrize(("text", "value", "answer"), TAGS_AND_LETTERS)
def test_a_members_tag_then_field_letters(text: str, value: int, answer: Answer) -> None:
    assert first_amount(text) == value
    assert parse(text) == answer


def test_a_t_with_no_interest_before_it_is_no_savings() -> None:
    # "t7" is a weekday or a month: only after an interest is "t30" the savings
    assert parse("t7 đóng 150").savings is None


# Nothing paid, said by what happened: died, gone to work far away sending nothing, sick in a
# health station, a crop not sold yet, gone to hospital, paying at a later session.
NOTHING_BY_CIRCUMSTANCE = [
    "ông Lò Văn Pọm qua đời tháng trước",
    "bà Hoa mất rồi, nhà đang lo đám tang",
    "chị Hiền đi ra Hà Nội làm, không có gửi tiền về",
    "anh Tài đi làm xa, chẳng thấy gởi tiền",
    "bà Sầm bị ốm nằm trạm xá",
    "cô Ngân sốt xuất huyết nằm trạm y tế",
    "anh Páo chưa bán được cà phê",
    "s14 vô viện",
    "#6 đi viện rồi",
    "cô Tư nói tháng sau lên đóng",
    "chú Ba bảo tuần sau mang nộp",
]


@pytest.mark.parametrize("text", NOTHING_BY_CIRCUMSTANCE)
def test_what_happened_says_nothing_was_paid(text: str) -> None:
    assert first_amount(text) == 0
    assert parse(text).absent


def test_a_later_session_after_an_amount_paid_is_no_nothing() -> None:
    assert first_amount("chị Mai đóng lãi 120k, tháng sau đóng gốc") == 120_000


# A member's number ("số 3", "stt 12") is never money, whatever follows it.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("anh Tùng số 7 đóng lãi hai trăm nghìn đồng", 200_000),
        ("số 12 đóng tiết kiệm năm mươi nghìn đồng", 50_000),
        ("chị Hà số 4 đóng lãi 130k tiết kiệm 20k", 130_000),
    ],
)
def test_a_members_number_is_no_money(text: str, value: int) -> None:
    assert first_amount(text) == value


# A self-correction in a field or in words: the tally notes the amount set right; the first
# amount is the first written (tests/nlu/README.md).
@pytest.mark.parametrize(
    ("text", "first", "noted"),
    [
        ("c Lan lãi 140k, á lộn 150k", 140_000, 150_000),
        ("lãi 200k, à nhầm 210k", 200_000, 210_000),
        ("ô Bảy đóng trăm tám chục, à không, trăm chín chục mới đúng", 180_000, 190_000),
    ],
)
def test_a_correction_notes_the_amount_set_right(text: str, first: int, noted: int) -> None:
    assert first_amount(text) == first
    assert parse(text).interest == noted
    assert parse(text).savings is None


def test_a_total_naming_a_member_is_that_members_line_not_the_groups_totals() -> None:
    """ "tổng 330 số 40: lãi 300 tk 30" set the group's typed totals to 300.000 / 30.000."""
    assert tally_text.parse_totals("tong 330 so 40: lai 300 tk 30, goc chua tra") is None
    assert tally_text.parse_totals("Số 22 nộp tổng 260 ạ, lãi 230 ạ, tk 30 ạ") is None
    assert tally_text.parse_totals("thu lãi 4tr25, tiết kiệm 1tr8") is not None


def test_a_bare_figure_set_right_before_the_savings_is_the_interest_set_right() -> None:
    """ "nộp 140 ạ, à không 145 ạ, tiết kiệm 15 ạ" noted 140.000 as the interest."""
    answer = tally_text.parse_answer("nộp 140 ạ, à không 145 ạ, tiết kiệm 15 ạ")
    assert (answer.interest, answer.savings) == (145_000, 15_000)
    assert answer.doubtful  # echoed back before it is noted


@pytest.mark.parametrize(
    ("text", "in_full"),
    [
        ("hôm qua mới đem tới nộp đủ rồi", True),
        ("không thể nộp đủ", False),
        ("năm nay khó quá không nào nộp đủ", False),
        ("hứa tháng sau nộp đủ", False),
    ],
)
def test_paid_in_full_at_the_end_of_a_sentence(text: str, in_full: bool) -> None:
    try:
        answer = parse(text)
    except NotUnderstood:
        assert not in_full
        return
    assert answer.in_full is in_full
