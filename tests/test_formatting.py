"""Money, rates and dates as a Vietnamese (and an English) reader sees them."""

from __future__ import annotations

from datetime import date

from locales.formatting import (
    format_date,
    format_money,
    format_rate,
    format_relative_day,
    format_weekday_date,
)
from locales.i18n import use_locale


def test_vietnamese() -> None:
    with use_locale("vi"):
        assert format_money(1_250_000) == "1.250.000 đ"
        assert format_money(0) == "0 đ"
        assert format_rate(5500) == "0,55%/tháng"
        assert format_rate(6875) == "0,6875%/tháng"
        assert format_date(date(2026, 12, 15)) == "15/12/2026"
        assert format_weekday_date(date(2026, 12, 14)) == "Thứ Hai, 14/12/2026"
        assert format_weekday_date(date(2026, 12, 20)) == "Chủ Nhật, 20/12/2026"
        today = date(2026, 11, 26)
        assert format_relative_day(today, today) == "hôm nay"
        assert format_relative_day(date(2026, 11, 27), today) == "ngày mai"
        assert format_relative_day(date(2026, 12, 1), today) == "còn 5 ngày"
        assert format_relative_day(date(2026, 11, 23), today) == "đã qua 3 ngày"


def test_english() -> None:
    with use_locale("en"):
        assert format_money(1_250_000) == "1,250,000 VND"
        assert format_rate(5500) == "0.55%/month"
        assert format_weekday_date(date(2026, 12, 14)) == "Monday, 14/12/2026"
        assert format_relative_day(date(2026, 11, 27), date(2026, 11, 26)) == "tomorrow"
        assert format_relative_day(date(2026, 12, 1), date(2026, 11, 26)) == "in 5 days"
