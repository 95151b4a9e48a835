"""T27's forms and round 15's stranger, by general rules, in lines of our own: a part of a
million with no 0 (".15tr"), a slip owned up to with "e nhầm" or "nhầm rồi" alone, a figure
crossed out in the notebook ("~~120~~ 125", "(gạch)"), a total with its word after it ("300
tổng, …"), what was due beside what was paid of it ("100 trong 180 lãi"), what is still owed
beside it ("nợ lại 60"), tags glued to figures ("120s13", "s9tk50"), the south's "lời", a
dashed row, a loan settled, the interest in full with "ko gửi"; with lines that must keep
their meaning."""

from __future__ import annotations

import pytest

from bot.nlu import tally_text


@pytest.mark.parametrize(
    ("text", "interest", "savings", "first"),
    [
        ("cô Hoa .15tr lãi", 150_000, None, 150_000),
        ("chú Ba 140, e nhầm, 104", 104_000, None, 140_000),
        ("bà Tư 260, nhầm rồi, 206 mới đúng", 206_000, None, 260_000),
        ("anh Sơn 300 ấy nhầm 330 nhé, lãi", 330_000, None, 300_000),
        ("s3 ~~90~~ 95 lãi", 95_000, None, 90_000),
        ("bà Hai ~~110~~ ~~115~~ 118", 118_000, None, 110_000),
        ("anh Tín 140 (gạch) 145 lãi", 145_000, None, 140_000),
        ("250 tổng, 200 lãi 50 tk", 200_000, 50_000, 250_000),
        ("ông Phát 150 hết, 120 lãi 30 tk", 120_000, 30_000, 150_000),
        ("chị Vân đóng 90 trong 150 lãi, còn nợ 60", 90_000, None, 90_000),
        ("s4 mới đóng 100 trên 175 lãi, thiếu 75", 100_000, None, 100_000),
        ("cô Nga đưa 80, nợ lại 40, tuần sau trả", 80_000, None, 80_000),
        ("s7tk40 lai115", 115_000, 40_000, 40_000),
        ("số 6 lời 95, gửi 20", 95_000, 20_000, 95_000),
        ("7-185-30", 185_000, 30_000, 185_000),
        ("chị Lài đóng trước luôn 3 tháng, 330", 330_000, None, 330_000),
        ("s9 210 - sai, 21 là tk, lãi 150", 150_000, 21_000, 210_000),
    ],
)
def test_read(text: str, interest: int, savings: int | None, first: int) -> None:
    answer = tally_text.parse_answer(text)
    assert (answer.interest, answer.savings) == (interest, savings)
    assert tally_text.first_amount(text) == first


@pytest.mark.parametrize(
    "text",
    ["lai du ko gui", "đóng đủ lãi, không gửi", "đủ lãi không gửi tk", "dong lai du ma ko gui tk"],
)
def test_interest_in_full_and_no_savings(text: str) -> None:
    answer = tally_text.parse_answer(text)
    assert answer.as_due == ("interest",) and answer.interest is None and answer.savings == 0


@pytest.mark.parametrize(
    ("text", "interest", "savings"),
    [
        ("lãi không gửi 50", 0, 50_000),  # the no is the interest's, 50 the savings'
        ("lai khong, gui 50k", 0, 50_000),
        ("tk cung khong", None, 0),
        ("ko gui", None, 0),
        ("lai 0 gui 50", 0, 50_000),
    ],
)
def test_the_no_belongs_to_the_field_it_follows(
    text: str, interest: int | None, savings: int
) -> None:
    answer = tally_text.parse_answer(text)
    assert (answer.interest, answer.savings) == (interest, savings)


@pytest.mark.parametrize(
    "text",
    ["s17 tất toán ngày 5, không còn khoản nào phải thu", "bà Sáu tất toán rồi"],
)
def test_a_loan_settled_is_nothing_paid(text: str) -> None:
    assert tally_text.first_amount(text) == 0


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("ông Tâm đi rẫy chưa về, ngày 18 mới nộp", 0),  # a day, not a figure
        ("xin lỗi, 120 nha", 120_000),
        ("18-12-26", None),  # a date, not a row
        ("3.12tr", 3_120_000),  # a point with a figure before it: as before
    ],
)
def test_what_keeps_its_meaning(text: str, first: int | None) -> None:
    assert tally_text.first_amount(text) == first
