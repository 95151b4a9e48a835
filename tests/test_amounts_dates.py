"""Amounts and dates as people type them; what must not be read as money."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.nlu import extract_amounts, extract_dates

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("1.250.000đ", [1_250_000]),
        ("1,250,000", [1_250_000]),
        ("1tr2", [1_200_000]),
        ("1tr250", [1_250_000]),
        ("4tr25", [4_250_000]),
        ("275k", [275_000]),
        ("275 nghìn", [275_000]),
        ("275 ngàn", [275_000]),
        ("1,5 triệu", [1_500_000]),
        ("2 triệu rưỡi", [2_500_000]),
        ("nửa triệu", [500_000]),
        ("12 triệu 500 nghìn", [12_500_000]),
        ("1 tỷ 2", [1_200_000_000]),
        ("hai trăm nghìn", [200_000]),
        ("năm trăm ngàn", [500_000]),
        ("một trăm rưỡi", [150_000]),
        ("2 lít", [200_000]),
        ("1 củ", [1_000_000]),
        ("1.250.000 VNĐ", [1_250_000]),
        ("4250000", [4_250_000]),
        ("đóng 300 nghìn", [300_000]),
        ("nop bk to ap3 lai 4tr25 tk 1tr8", [4_250_000, 1_800_000]),
        ("Thu lãi 4.250.000, tiết kiệm 1.800.000", [4_250_000, 1_800_000]),
        ("c sari lai 275k gui 100k", [275_000, 100_000]),
        ("lãi 275 gửi 100", [275_000, 100_000]),
        ("sửa dòng 5 lãi 300k không phải 30k", [300_000, 30_000]),
    ],
)
def test_amounts(text: str, amounts: list[int]) -> None:
    assert extract_amounts(text) == amounts


@pytest.mark.parametrize(
    "text",
    [
        "lãi suất 0,55%",
        "0,66 %/tháng",
        "gọi 0912345678",
        "+84912345678",
        "tổ 12",
        "ấp 3",
        "ngày 15",
        "dòng 5",
        "tháng 12 năm 2026",
        "họp lúc 14 giờ",
        "7h30",
        "15/12/2026",
        "cccd 094123456789",
        "thứ 7",
        "mùng 5",
    ],
)
def test_not_amounts(text: str) -> None:
    assert extract_amounts(text) == []


@given(st.integers(min_value=1, max_value=999_999).map(lambda n: n * 1000))
def test_grouped_amounts_read_back(amount: int) -> None:
    grouped = f"{amount:,}".replace(",", ".")
    assert extract_amounts(f"thu lãi {grouped}đ") == [amount]
    assert extract_amounts(f"{amount:,}") == [amount]


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99))
def test_trieu_shorthand(millions: int, fraction: int) -> None:
    text = f"{millions}tr{fraction}" if fraction else f"{millions}tr"
    expected = millions * 1_000_000 + fraction * 1_000_000 // (10 ** len(str(fraction)))
    assert extract_amounts(text) == [expected if fraction else millions * 1_000_000]


@given(st.integers(min_value=1, max_value=999))
def test_k_and_nghin(thousands: int) -> None:
    assert extract_amounts(f"{thousands}k") == [thousands * 1000]
    assert extract_amounts(f"{thousands} nghìn") == [thousands * 1000]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("15/12/2026", ["2026-12-15"]),
        ("15-12-2026", ["2026-12-15"]),
        ("15/12", ["2026-12-15"]),
        ("15/11", ["2027-11-15"]),
        ("ngày 15 tháng 12 năm 2026", ["2026-12-15"]),
        ("mùng 5 tháng 1", ["2027-01-05"]),
        ("hôm nay", ["2026-11-26"]),
        ("ngày mai", ["2026-11-27"]),
        ("tháng sau", ["2026-12-01"]),
        ("thứ Bảy", ["2026-11-28"]),
        ("T7", ["2026-11-28"]),
        ("chủ nhật", ["2026-11-29"]),
        ("CN", ["2026-11-29"]),
        ("thứ năm", ["2026-11-26"]),
        ("ngày 15", ["2026-12-15"]),
        ("ngày 30", ["2026-11-30"]),
        ("họp tổ ngày 20/12 lúc 14 giờ", ["2026-12-20"]),
        ("mùng 10 âm", []),
        ("lãi 275k", []),
    ],
)
def test_dates(text: str, dates: list[str]) -> None:
    assert [d.isoformat() for d in extract_dates(text, TODAY)] == dates


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_full_dates_read_back(day: date) -> None:
    assert extract_dates(day.strftime("%d/%m/%Y"), TODAY) == [day]
    assert extract_dates(f"ngày {day.day} tháng {day.month} năm {day.year}", TODAY) == [day]


WEEKDAYS = ["thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật"]


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(WEEKDAYS)
)
def test_weekday_is_the_next_such_day(today: date, name: str) -> None:
    [found] = extract_dates(name, today)
    expected_weekday = WEEKDAYS.index(name)
    assert found.weekday() == expected_weekday and today <= found < today + timedelta(days=7)
