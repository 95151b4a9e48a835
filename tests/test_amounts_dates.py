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
        # As spoken in the delta: hundreds and tens without a unit are thousands.
        ("một trăm hai", [120_000]),
        ("mot tram ba", [130_000]),
        ("trăm mốt", [110_000]),
        ("trăm rưỡi", [150_000]),
        ("hai trăm mốt", [210_000]),
        ("trăm sáu lăm", [165_000]),
        ("tram sau muoi lam nghin", [165_000]),
        ("hai trăm lẻ năm", [205_000]),
        ("ba trăm linh năm nghìn", [305_000]),
        ("năm chục nghìn", [50_000]),
        ("gửi ba chục", [30_000]),
        ("hai lăm nghìn", [25_000]),
        ("bảy trăm rưỡi", [750_000]),
        ("ba lít", [300_000]),
        ("lít rưỡi", [150_000]),
        ("hai xị", [200_000]),
        ("củ rưỡi", [1_500_000]),
        ("10 củ", [10_000_000]),
        ("1 triệu lẻ 50 nghìn", [1_050_000]),
        ("ba triệu hai", [3_200_000]),
        ("một triệu bốn trăm rưỡi", [1_450_000]),
        ("200 chẵn", [200_000]),
        ("một triệu chẵn", [1_000_000]),
        ("lãi 1 trăm 2", [120_000]),
        ("lãi trawm hai lawm", [125_000]),
        ("ba trăm ngafn", [300_000]),
        ("thu dc 1250000đ", [1_250_000]),
        ("ông Sơn Chanh lãi ba trăm tư gửi năm chục", [340_000, 50_000]),
        # A title before a number word is a name, not money.
        ("bà Tám đóng trăm bảy lăm", [175_000]),
        ("a Hai bon tram ruoi", [450_000]),
        ("chị Năm lít rưỡi", [150_000]),
        ("ba kim lan vang", []),
        ("tháng sau chị gửi", []),
        # Invisible and full-width characters are read through.
        ("２７５ｋ", [275_000]),
        ("lãi 275\u200bk", [275_000]),
        ("\ufeff1.250.000đ", [1_250_000]),
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


def test_a_wall_of_digits_is_not_money_and_does_not_overflow() -> None:
    assert extract_amounts("9" * 309 + "k") == []
    assert extract_amounts("9" * 16 + " triệu") == []
    assert extract_amounts("lãi " + "9" * 400 + ",5 tr 200k") == [200_000]


@given(st.text())
def test_any_text_is_read_without_error(text: str) -> None:
    assert all(amount > 0 for amount in extract_amounts(text))


WORDS = ["", "mot", "hai", "ba", "bốn", "tư", "năm", "lăm", "mốt", "trăm", "mươi", "chục", "lẻ"]
WORDS += ["rưỡi", "nghìn", "ngàn", "k", "triệu", "củ", "lít", "xị", "chẵn", "tỷ", "0", "12", "1,5"]


@given(st.lists(st.sampled_from(WORDS), max_size=8))
def test_any_run_of_number_words_is_read_without_error(words: list[str]) -> None:
    assert all(amount > 0 for amount in extract_amounts(" ".join(words)))


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
def test_hundreds_then_a_digit_are_tens_of_thousands(hundreds: int, tens: int) -> None:
    names = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
    said = f"{names[hundreds]} trăm {names[tens]}"
    assert extract_amounts(said) == [(hundreds * 100 + tens * 10) * 1000]


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
