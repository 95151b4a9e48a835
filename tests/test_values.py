"""Money, date, phone and rate normalisers for bank-file cells: examples and properties."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.values import (
    normalise_phone,
    parse_date,
    parse_money,
    parse_phones,
    parse_rate_ppm,
    parse_time,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (1250000, 1_250_000),
        (18000000.0, 18_000_000),
        ("1.250.000", 1_250_000),
        ("1,250,000", 1_250_000),
        ("1250000đ", 1_250_000),
        ("1.250.000 đ", 1_250_000),
        ("1.250.000 VNĐ", 1_250_000),
        ("  275000 ", 275_000),
        ("1.250.000,60", 1_250_001),
        ("0", 0),
    ],
)
def test_money_examples(cell: object, expected: int) -> None:
    assert parse_money(cell) == expected


@pytest.mark.parametrize("cell", ["abc", "1.2.3.4x", "-500.000", True, "", None])
def test_money_refuses_what_is_not_an_amount(cell: object) -> None:
    with pytest.raises(ValueError):
        parse_money(cell)


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([".", ","]))
def test_money_round_trips_any_thousands_grouping(n: int, sep: str) -> None:
    assert parse_money(_group(n, sep)) == n
    assert parse_money(_group(n, sep) + "đ") == n
    assert parse_money(str(n)) == n
    assert parse_money(float(n)) == n


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (date(2026, 10, 31), date(2026, 10, 31)),
        (datetime(2026, 10, 31, 0, 0), date(2026, 10, 31)),
        (46326.0, date(2026, 10, 31)),
        ("31/10/2026", date(2026, 10, 31)),
        ("1/2/26", date(2026, 2, 1)),
        ("2026-10-31", date(2026, 10, 31)),
        ("31-10-2026", date(2026, 10, 31)),
        ("31/10/2026 00:00:00", date(2026, 10, 31)),
    ],
)
def test_date_examples(cell: object, expected: date) -> None:
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["31/02/2026", "hôm qua", "2026/31/10", "", 0])
def test_date_refuses_impossible_or_unknown(cell: object) -> None:
    with pytest.raises(ValueError):
        parse_date(cell)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_reads_back_in_every_written_form(day: date) -> None:
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(float((day - date(1899, 12, 30)).days)) == day


@pytest.mark.parametrize(
    "raw",
    ["0912 345 678", "+84 912 345 678", "84912345678", "912345678", "0912.345.678", "0912-345-678"],
)
def test_phone_forms_all_become_the_same_number(raw: str) -> None:
    assert normalise_phone(raw) == "0912345678"


def test_phone_cell_with_several_numbers_and_excel_float() -> None:
    assert parse_phones("0912 345 678; +84 987 654 321 / 912345678") == ["0912345678", "0987654321"]
    assert parse_phones(912345678.0) == ["0912345678"]
    assert parse_phones(None) == []


@pytest.mark.parametrize("raw", ["12345", "+1 650 555 0100", "091234567890123"])
def test_phone_refuses_non_vietnamese_numbers(raw: str) -> None:
    with pytest.raises(ValueError):
        normalise_phone(raw)


@given(st.from_regex(r"9[0-9]{8}", fullmatch=True))
def test_every_mobile_form_normalises_to_the_zero_form(nine: str) -> None:
    expected = "0" + nine
    spaced = f"{nine[:3]} {nine[3:6]} {nine[6:]}"
    for raw in (nine, "0" + nine, "84" + nine, "+84 " + spaced, "0" + spaced):
        assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    ("cell", "ppm"), [("0,55", 5500), (0.55, 5500), ("0.66%", 6600), ("0,6875", 6875)]
)
def test_rate_is_monthly_percent(cell: object, ppm: int) -> None:
    assert parse_rate_ppm(cell) == ppm


def test_rate_refuses_an_annual_figure() -> None:
    with pytest.raises(ValueError):
        parse_rate_ppm("6,6")


@pytest.mark.parametrize(
    ("cell", "text"),
    [("7h30", "07:30"), ("07:30", "07:30"), ("7 giờ 30", "07:30"), ("14h", "14:00")],
)
def test_time_forms(cell: str, text: str) -> None:
    assert parse_time(cell) == text
