"""English in the tally's readers: amounts in English words read with doubt (echoed back as
Vietnamese spoken words are), "principal" as the principal repaid from savings, "k" after an
English number word as thousands, "point" as the decimal point; and "everyone paid in full
except …" (bot/nlu/all_but.py) in Vietnamese and English."""

from __future__ import annotations

import pytest

from bot.nlu.all_but import all_but
from bot.nlu.amounts import read_amounts
from bot.nlu.tally_text import Answer, parse_answer


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("fifty thousand", 50_000),
        ("one hundred twenty thousand", 120_000),
        ("a hundred and fifty k", 150_000),
        ("fifty k", 50_000),
        ("twenty-five k", 25_000),
        ("one point five million", 1_500_000),
        ("two point five million", 2_500_000),
    ],
)
def test_english_number_words_are_read_with_doubt(text: str, value: int) -> None:
    assert [(a.value, a.spoken) for a in read_amounts(text)] == [(value, True)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.5 million", 1_500_000), ("1 point 5 million", 1_500_000), ("1.2M", 1_200_000)],
)
def test_english_amounts_in_digits_are_read_plainly(text: str, value: int) -> None:
    assert [(a.value, a.spoken) for a in read_amounts(text)] == [(value, False)]


@pytest.mark.parametrize(
    ("text", "interest", "savings", "principal"),
    [
        ("paid interest 75k and savings 100k", 75_000, 100_000, None),
        ("paid 120k interest, 50k savings", 120_000, 50_000, None),
        ("paid two hundred k interest and fifty k savings", 200_000, 50_000, None),
        ("paid 1.2 million principal", None, None, 1_200_000),
        ("trả gốc 1tr2", None, None, 1_200_000),
    ],
)
def test_english_lines_give_each_field_its_amount(
    text: str, interest: int | None, savings: int | None, principal: int | None
) -> None:
    answer = parse_answer(text, member_named=True)
    assert (answer.interest, answer.savings, answer.principal_from_savings) == (
        interest,
        savings,
        principal,
    )


@pytest.mark.parametrize(
    ("text", "value"), [("paid fifty", 50_000), ("she paid seventy-five", 75_000)]
)
def test_english_tens_after_paid_are_thousands_with_doubt(text: str, value: int) -> None:
    answer = parse_answer(text, member_named=True)
    assert (answer.interest, answer.doubtful) == (value, True)


def test_nothing_paid_in_english() -> None:
    assert parse_answer("paid nothing, she was sick", member_named=True) == Answer(absent=True)


@pytest.mark.parametrize(
    ("text", "apart"),
    [
        ("tất cả nộp đủ trừ số 6 vắng", "so 6 vang"),
        ("cả tổ đóng đủ, riêng bà Lan chưa đóng", "ba lan chua dong"),
        ("ai cũng đủ trừ bà Lan", "ba lan"),
        ("tất cả đều đủ, trừ số 3 và số 5 chưa đóng", "so 3 va so 5 chua dong"),
        ("số 6 vắng, còn lại nộp đủ", "so 6 vang"),
        ("everyone paid in full except number 6", "number 6"),
        ("Everybody paid except no. 2 and Mrs Lan", "no. 2 and mrs lan"),
        ("number 6 absent, everyone else paid in full", "number 6 absent"),
        ("tất cả nộp đủ", None),  # everyone, no one set apart: the tally's own button
        ("everyone paid", None),
        ("tất cả đủ trừ", None),
        ("số 6 vắng", None),
    ],
)
def test_everyone_but_the_members_set_apart(text: str, apart: str | None) -> None:
    assert all_but(text) == apart
