"""The forms T18/T19's writers used that the reader missed, each in lines of our own: bare
figures in thousands (always read with doubt), nothing paid said as away, put off, waiting to
sell or refused, numbers that are no money (a day, a count of things), and spoken forms
("nhăm", "ck cj Hồng", "sau khi"). Near-misses beside each: what must not change."""

from __future__ import annotations

import pytest

from bot.nlu.tally_text import Answer, NotUnderstood, first_amount, parse_answer, parse_totals


def _both(interest: int, savings: int) -> Answer:
    return Answer(interest=interest, savings=savings, doubtful=True)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("7 160 40", _both(160_000, 40_000)),  # member 7, interest, savings
        ("#4 220 30", _both(220_000, 30_000)),
        ("s12 190/10", _both(190_000, 10_000)),
        ("5: 145-55", _both(145_000, 55_000)),
        ("180 20", _both(180_000, 20_000)),  # the larger first: interest, then savings
        ("2 110 40 = 150", _both(110_000, 40_000)),  # and their sum
        ("230 70 tổng 300", _both(230_000, 70_000)),
        ("8 120 0", _both(120_000, 0)),
        ("175 + 25", _both(175_000, 25_000)),
        ("Hoa 140 60", _both(140_000, 60_000)),  # a capitalised name first
        ("9 210", Answer(interest=210_000, doubtful=True)),  # the smaller first: member 9
        ("Hoa 140", Answer(interest=140_000, doubtful=True)),
    ],
)
def test_a_figure_only_line_is_thousands_read_with_doubt(text: str, answer: Answer) -> None:
    assert parse_answer(text) == answer
    assert parse_answer(text).doubtful  # never noted without the leader's yes


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12_000),  # alone, as before (the tally reads it as a member's number)
        ("200", 200_000),
        ("1 250 000", 1_250_000),  # thousands grouped by spaces, not member 1
        ("300 000đ", 300_000),
        ("3 5", None),  # no figure a member pays
        ("012345678912", None),  # a CCCD number
        ("7 8 9 10", None),
    ],
)
def test_numbers_only_input_that_is_no_figure_line_reads_as_before(
    text: str, value: int | None
) -> None:
    assert first_amount(text) == value


def test_a_member_s_figures_and_their_sum_are_no_group_totals() -> None:
    assert parse_totals("230 70 tổng 300") is None
    assert parse_totals("tổng thu lãi 4tr25") is not None


@pytest.mark.parametrize(
    "text",
    [
        "anh Tâm đi rừng chưa về",
        "chị Mai không có ở xóm",
        "bà Nụ nằm viện, không có ai nộp giùm",
        "cô Hạnh hẹn cuối tháng",
        "ông Tư xin gia hạn tới mùa sau",
        "anh Quang hoãn nộp đợt này",
        "chú Ba chờ bán lúa",
        "dì Sáu đợi con gửi tiền ra",
        "anh Lực hổng chịu nộp",
        "mệ Hoa nỏ chịu đóng",
        "chị Hiền từ chối đóng",
        "he refused to pay",
        "4 chưa",
        "s2 chưa",
        "s8 hẹn",
        "ko dc",
        "chưa đóq",
        "bác Lộc nói mai mốt nộp",
        "tháng này bả làm ít nên chưa có",
    ],
)
def test_nothing_paid_said_without_an_amount(text: str) -> None:
    assert first_amount(text) == 0
    assert parse_answer(text).absent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("bà Lan đóng chưa?", None),  # a question about the member, no payment line
        ("bà Lan đóng chưa", None),
        ("chị Hoa hẹn hôm nào?", None),
        ("anh Tâm đi rừng chưa về, vợ đóng 150k", 150_000),  # an amount is said: it counts
        ("vang nop 150000 lai", 150_000),  # "vang" before a paid amount is a name
        ("vang", 0),
        ("bà Hẹn 95", 95_000),  # a name and a bare figure: thousands, as before
    ],
)
def test_a_question_or_an_amount_is_not_nothing_paid(text: str, value: int | None) -> None:
    assert first_amount(text) == value


def test_a_question_about_a_member_is_not_read_as_an_answer() -> None:
    with pytest.raises(NotUnderstood):
        parse_answer("chị Hoa hẹn hôm nào?")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("hẹn mùng hai mươi đóng", 0),  # a day of the month, said in words
        ("mùng 10 tới mới nộp 3 trăm", 0),  # promised for later: nothing now
        ("bán 3 con heo trả gốc 4 triệu", 4_000_000),  # a count of things
        ("nộp 5 trăm, 3 tháng dồn lại", 500_000),  # a count of months after the hundreds
        ("nộp 5 trăm hai", 520_000),  # near-misses: the tail of the hundreds is still read
        ("đóng 2 triệu sáu", 2_600_000),
        ("mùng 5 đóng 200k", 200_000),
        ("đóng 2 tháng 300k", 300_000),
    ],
)
def test_numbers_that_are_no_money(text: str, value: int) -> None:
    assert first_amount(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("hai mươi nhăm nghìn", 25_000),  # "nhăm" for lăm after a tens word
        ("trăm bốn nhăm", 145_000),
        ("chín mươi nhăm", 95_000),
        ("90 à nhầm, 95", 90_000),  # "nhầm" (a slip) is no five
        ("anh Minh ck cj Hồng đóg 180k", 180_000),  # chồng chị Hồng, not "hông"
        ("con Muoi nop mot tram hai muoi ngan", 120_000),  # Mười the name
        ("còn mười nghìn", 10_000),
        ("ông Y Bhăm trả gốc 10 triệu sau khi thu hoạch, lãi 200 nghìn", 10_000_000),
        ("đóng lời 120k", 120_000),
    ],
)
def test_spoken_forms_t18_and_t19_taught(text: str, value: int) -> None:
    assert first_amount(text) == value
