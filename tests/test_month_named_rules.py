"""A month named in a question about what to pay (handlers/rules/month_named.py)."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.rules.month_named import month_named

DECEMBER = date(2026, 12, 1)
JUNE = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("text", "today", "month", "where"),
    [
        ("thang 1 ba phai tra bao nhieu het thay", DECEMBER, date(2027, 1, 1), "next"),
        ("lai thang 1 bao nhieu", DECEMBER, date(2027, 1, 1), "next"),
        ("tháng giêng bà trả bao nhiêu", DECEMBER, date(2027, 1, 1), "next"),
        ("thang chap ba phai dong bao nhieu", DECEMBER, date(2026, 12, 1), "this"),
        ("lãi tháng 12 bao nhiêu", DECEMBER, date(2026, 12, 1), "this"),
        ("thang 11 tra bao nhieu", DECEMBER, date(2026, 11, 1), "past"),
        ("thang 2 phai dong bn", DECEMBER, date(2027, 2, 1), "ahead"),
        ("tháng 01/2027 phải đóng bao nhiêu", DECEMBER, date(2027, 1, 1), "next"),
        ("thang 1 nam sau tra bao nhieu", JUNE, date(2027, 1, 1), "ahead"),
        ("thang 3 tra bao nhieu", JUNE, date(2026, 3, 1), "past"),
        ("tháng mười một đóng bao nhiêu", DECEMBER, date(2026, 11, 1), "past"),
        ("how much does she have to pay in January?", DECEMBER, date(2027, 1, 1), "next"),
        ("what is due in May", JUNE, date(2026, 5, 1), "past"),
    ],
)
def test_the_month_named_and_where_it_lies(text: str, today: date, month: date, where: str) -> None:
    found = month_named(text, today)
    assert found is not None, text
    assert (found.month, found.where) == (month, where), text


@pytest.mark.parametrize(
    "text",
    [
        "thang sau tra bao nhieu",  # next month, said so: not a named month
        "lai thang nay bao nhieu",
        "moi thang 1 trieu",
        "3 thang 1 lan dong lai",
        "lãi tháng 5 tôi đã đóng chưa",  # whether it was paid
        "may I ask how much I owe",
        "thang 1 hop to o dau",  # no amount asked
        "tháng 13 trả bao nhiêu",
    ],
)
def test_no_month_to_pay_is_named(text: str) -> None:
    assert month_named(text, DECEMBER) is None, text
