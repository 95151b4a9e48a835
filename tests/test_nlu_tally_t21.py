"""The forms T21's writer used that the reader missed, each in lines of our own: "vạn" (ten
thousand), a doubled last letter in a money word, a month and year ("tháng 6/2024") that is
no money, a bare figure set right in passing with the unit after the right one, and a
member's number then "ko". Near-misses beside each: what must not change."""

from __future__ import annotations

import pytest

from bot.nlu import extract_amounts
from bot.nlu.tally_text import first_amount, parse_answer


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "vạn" is ten thousand, in words or after digits
        ("bà Hoa nộp mười lăm vạn", 150_000),
        ("chú Bảy 16 vạn", 160_000),
        ("đóng hai mươi vạn", 200_000),
        ("cô Lụa đưa 12 vạn rưỡi", 125_000),
        # a doubled last letter in a money word
        ("anh Tâm trả gốc 3 triệuu, lãi 150k", 3_000_000),
        ("chị Nga đóng 180 nghìnn", 180_000),
        # a month and year is no money
        ("bà Lan nộp lãi tháng 6/2024 là 152.000 đồng, tiết kiệm 30.000 đồng", 152_000),
        ("lãi 7/2025: 95.000đ", 95_000),
        # a bare figure set right in passing: the unit after the right one is the first's too
        ("chị Hằng đóng 170 à không 175 nghìn", 170_000),
        ("bác Tư nộp 2 à không 3 triệu", 2_000_000),
        ("160 à không 150", 160_000),
        # the member's number, then no
        ("2 ko", 0),
        ("s5 không", 0),
        ("#12 hk", 0),
    ],
)
def test_t21_forms_read_their_first_amount(text: str, value: int) -> None:
    assert first_amount(text) == value


def test_a_corrected_figure_pays_the_right_one() -> None:
    assert parse_answer("chị Hằng đóng 170 à không 175 nghìn").interest == 175_000
    assert parse_answer("bác Tư nộp 2 à không 3 triệu").interest == 3_000_000


def test_a_member_number_then_no_is_nothing_paid() -> None:
    assert parse_answer("2 ko").absent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "văn", "vẫn", "vấn" and an ascii "van" after a word are no ten thousands
        ("Nguyễn Văn Ba nộp 200k", 200_000),
        ("nguyễn văn ba nộp 200k", 200_000),
        ("ba van nop 200k", 200_000),
        ("chị vẫn chưa đóng", 0),
        # a day and month, and a figure with its unit, are as before
        ("ngày 12/6 đóng 150k", 150_000),
        ("tháng 6 đóng 200k", 200_000),
        ("2 k", 2_000),
        ("120kk", 120_000),
        # a correction with no figure after it is no correction
        ("bà Hai đóng 170 à không có tiền", 170_000),
    ],
)
def test_near_misses_read_as_before(text: str, value: int) -> None:
    assert first_amount(text) == value


@pytest.mark.parametrize("text", ["cần tư vấn", "can tu van", "200 ko"])
def test_no_amount_read_where_none_is(text: str) -> None:
    assert first_amount(text) is None


def test_amounts_of_van_and_dates() -> None:
    assert extract_amounts("hai mươi vạn") == [200_000]
    assert extract_amounts("tư vấn") == []  # a lone digit word before "vạn" is no amount
    assert extract_amounts("tháng 6/2024 đóng 100k") == [100_000]
    assert extract_amounts("can tu van") == []
