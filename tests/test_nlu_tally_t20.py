"""The forms T20's writer used that the reader missed, each in lines of our own: nothing paid
said as put off until an event, a count of days, in hospital, in English, owed ("nợ lại");
amounts with "lẻ" hundreds of đồng, the letter o for a zero, two "k" amounts side by side;
figure-only lines closed by "ok" or set right after; a leader's list of several members.
Near-misses beside each: what must not change."""

from __future__ import annotations

import pytest

from bot.nlu.tally_text import Answer, NotUnderstood, first_amount, parse_answer


def _both(interest: int, savings: int) -> Answer:
    return Answer(interest=interest, savings=savings, doubtful=True)


@pytest.mark.parametrize(
    "text",
    [
        # put off until a later time or an event
        "bà Hai nói để sau Tết mới đóng",
        "chị Thu bảo sau mùa gặt mới nộp",
        "anh Sơn tuần sau bán heo rồi đóng",
        "cô Mai nói sau đám cưới con thì trả",
        # a count of days before the money comes
        "chú Ba hẹn mười ngày nữa mới có",
        "bà Tư xin hai mươi ngày nữa mới đóng",
        # in hospital or bedridden
        "ông Lực ốm nằm viện tỉnh",
        "chị Hạnh nhập viện hôm qua",
        "bà Sen ốm nặng",
        # southern teen-code z for v: "chưa zề" is "chưa về"
        "anh Tài đi làm xa chưa zề",
        "chị Bé hổng zề kịp",
        # in English
        "Mrs Hoa not yet",
        "Mr Binh pending",
        "uncle Tam out of town this week",
        "Lan was a no show",
        "Ms Thu is in hospital",
        # a member's number, then owed
        "9 nợ lại",
        "s14 nợ lại",
        "chị Vân nợ lại",
    ],
)
def test_nothing_paid_said_without_an_amount(text: str) -> None:
    assert first_amount(text) == 0
    assert parse_answer(text).absent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("she was sick this week", None),  # ill alone says nothing of the money
        ("sau Tết bà Hai đóng 200k", 200_000),  # an amount is said: it counts
        ("hẹn mười ngày nữa, giờ đóng trước 50k", 50_000),
        ("đóng hai mươi tháng này", 20_000),  # "tháng này": the session, not a count
        ("hai trăm tháng này", 200_000),
        ("mười lăm nghìn", 15_000),
        ("bà Lan nợ lại 50k", 50_000),  # owed with a figure: the figure is read
        ("đóng 100k, nợ lại tháng sau", 100_000),
        ("zero", 0),
        ("pay right away", None),
        ("bà Lan đóng chưa?", None),  # a question stays a question
    ],
)
def test_near_misses_read_as_before(text: str, value: int | None) -> None:
    assert first_amount(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("bà Cúc 120 nghìn lẻ năm trăm đồng", 120_500),  # hundreds of đồng after "lẻ"
        ("chị Nga 95 nghìn lẻ 500 đồng", 95_500),
        ("200 nghìn lẻ 5 trăm nghìn", 200_000),  # two amounts: the first stays the first
        ("chú Tư 16o k", 160_000),  # the letter o for a zero
        ("cô Hà 2o0k", 200_000),
        ("bà Sáu 15o nghìn", 150_000),
        ("d9o1ng 200 nghi2n", 200_000),  # VNI marks: no zero there
        ("10 ok", None),  # "ok" is no zero
        ("12 triệu 500 nghìn", 12_500_000),  # thousands under the millions, as before
        ("1tr 200k", 1_200_000),
    ],
)
def test_amounts_written_with_hundreds_of_dong_or_the_letter_o(text: str, value: int) -> None:
    assert first_amount(text) == value


def test_two_thousands_amounts_side_by_side_are_the_interest_and_the_savings() -> None:
    assert parse_answer("7. 160k 40k") == Answer(interest=160_000, savings=40_000)
    assert first_amount("7. 160k 40k") == 160_000
    assert first_amount("chị Lý 180k 20k") == 180_000


@pytest.mark.parametrize(
    ("text", "answer", "first"),
    [
        ("6 170 30 ok", _both(170_000, 30_000), 170_000),  # closed by "ok"
        ("3 150 50 nha", _both(150_000, 50_000), 150_000),
        ("11 145 55, lộn 11 là 154", _both(154_000, 55_000), 145_000),  # set right after
        ("11 145 55, nhầm 55 là 45", _both(145_000, 45_000), 145_000),
        ("8 120 40, ghi lộn, là 210", _both(210_000, 40_000), 120_000),
    ],
)
def test_a_figure_only_line_closed_or_set_right_after(
    text: str, answer: Answer, first: int
) -> None:
    assert parse_answer(text) == answer
    assert parse_answer(text).doubtful  # echoed for a yes before it is noted
    assert first_amount(text) == first


def test_a_figure_line_corrected_for_another_member_is_not_read() -> None:
    assert first_amount("11 145 55, lộn 30 là 154") is None


def test_a_leaders_list_of_members_is_asked_again_but_starts_with_its_first_amount() -> None:
    text = "tổng hôm nay tổ thu được: chị Hoa 120k, bà Lý 180k, cô Tâm 90k"
    assert first_amount(text) == 120_000
    with pytest.raises(NotUnderstood):  # one member at a time: the tally asks again
        parse_answer(text)
