"""The rule that reads a meeting's day: an explicit date wins over a weekday word, and a
weekday that disagrees with the date is asked about, never guessed."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.rules.meeting_day import DayReading, read_day

TUESDAY = date(2026, 12, 1)  # the day the stranger tried it


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("thu bay 12/12 luc 14h", date(2026, 12, 12)),  # the bug: was 05/12
        ("thứ Bảy 12/12 lúc 14h", date(2026, 12, 12)),
        ("t7 12/12 14h", date(2026, 12, 12)),
        ("12/12", date(2026, 12, 12)),
        ("14h ngày 12/12", date(2026, 12, 12)),
        ("dời họp sang 14h ngày 12/12", date(2026, 12, 12)),
        ("ngày 12", date(2026, 12, 12)),
        ("ngày 12 tháng 12", date(2026, 12, 12)),
        ("12/12/2026 thứ bảy", date(2026, 12, 12)),
        ("thứ 7 tuần sau", date(2026, 12, 12)),
        ("thu bay tuan toi", date(2026, 12, 12)),
        ("tuần sau thứ bảy 19h", date(2026, 12, 12)),
        ("thứ 7 này", date(2026, 12, 5)),
        ("thứ bảy", date(2026, 12, 5)),
        ("thu bay toi 19h", date(2026, 12, 5)),  # "tối" is the evening, not next week
        ("chủ nhật này", date(2026, 12, 6)),
        ("chu nhat", date(2026, 12, 6)),
        ("CN tuần sau", date(2026, 12, 13)),
        ("thứ ba", date(2026, 12, 1)),  # today included
        ("thứ hai tuần sau", date(2026, 12, 7)),
        ("sáng mai", date(2026, 12, 2)),
        ("7h sáng mai ở nhà văn hóa", date(2026, 12, 2)),
        ("ngày mốt", date(2026, 12, 3)),
        ("tuần sau", date(2026, 12, 8)),
        ("20/11", date(2026, 11, 20)),  # just gone: refused as past later, not next year
        ("5/1", date(2027, 1, 5)),
    ],
)
def test_the_day_a_leader_means(text: str, day: date) -> None:
    assert read_day(text, TUESDAY) == DayReading(day)


@pytest.mark.parametrize(
    ("text", "weekday_day", "date_day"),
    [
        ("thứ sáu 12/12 lúc 14h", date(2026, 12, 11), date(2026, 12, 12)),
        ("t6 12/12", date(2026, 12, 11), date(2026, 12, 12)),
        ("chủ nhật ngày 12", date(2026, 12, 13), date(2026, 12, 12)),
        ("thứ hai 2/12", date(2026, 12, 7), date(2026, 12, 2)),  # 30/11 has passed
        ("thứ 7 tuần sau ngày 13/12", date(2026, 12, 12), date(2026, 12, 13)),
    ],
)
def test_a_weekday_that_disagrees_with_the_date_is_not_guessed(
    text: str, weekday_day: date, date_day: date
) -> None:
    reading = read_day(text, TUESDAY)
    assert reading.day is None and reading.clash == (weekday_day, date_day)


@pytest.mark.parametrize("text", ["họp ở nhà văn hóa", "14h", "bình xét cho vay", ""])
def test_no_day_said(text: str) -> None:
    assert read_day(text, TUESDAY) == DayReading()


def test_a_move_to_next_week_keeps_the_weekday() -> None:
    saturday = date(2026, 12, 5)
    assert read_day("hoãn họp tổ sang tuần sau", TUESDAY, saturday) == DayReading(
        date(2026, 12, 12)
    )
    assert read_day("dời sang thứ hai tuần sau", TUESDAY, saturday) == DayReading(date(2026, 12, 7))
    assert read_day("dời sang 10/12", TUESDAY, saturday) == DayReading(date(2026, 12, 10))


SATURDAY_12 = date(2026, 12, 12)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("dời họp sang chủ nhật", date(2026, 12, 13)),  # after the meeting, not 06/12
        ("lùi sang thứ hai", date(2026, 12, 14)),
        ("doi qua thu bay", date(2026, 12, 19)),  # its own weekday: a week later
        ("dời lên thứ năm", date(2026, 12, 10)),  # brought forward: the one before
        ("sớm lên thứ bảy", date(2026, 12, 5)),
        ("dời họp sớm hơn, chủ nhật", date(2026, 12, 6)),
        ("đưa lên thứ hai", date(2026, 12, 7)),
        ("dời sang chủ nhật tuần sau", date(2026, 12, 13)),  # next week, from today
        ("dời sang thứ năm này", date(2026, 12, 3)),  # "này": this week's, from today
        ("dời sang 10/12", date(2026, 12, 10)),  # a date is a date
    ],
)
def test_a_weekday_move_counts_from_the_meetings_day(text: str, day: date) -> None:
    assert read_day(text, TUESDAY, SATURDAY_12) == DayReading(day)


def test_bringing_forward_past_today_gives_the_past_day_to_refuse() -> None:
    wednesday = date(2026, 12, 2)
    assert read_day("dời lên thứ hai", TUESDAY, wednesday) == DayReading(date(2026, 11, 30))


@pytest.mark.parametrize(
    "text", ["chua nhat", "chúa nhật", "chủ nhựt", "chu nhut", "cn", "CN", "chủ nhật"]
)
def test_every_way_of_writing_sunday(text: str) -> None:
    assert read_day(text, TUESDAY) == DayReading(date(2026, 12, 6))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("doi hop qua chua nhat nghen, thu 7 nha tui co dam gio", date(2026, 12, 13)),  # was 12/12
        ("thu 7 nha tui co dam gio, doi hop qua chu nhat nghe", date(2026, 12, 13)),
        ("dời họp qua chủ nhựt nghen, thứ 7 nhà tui có đám giỗ", date(2026, 12, 13)),
        ("dời sang thứ hai, chủ nhật tui bận", date(2026, 12, 14)),
        ("dời sang chủ nhật 20/12", date(2026, 12, 20)),  # its date beside it still counts
        ("dời sang chủ nhật, 19h ngày 20/12", date(2026, 12, 20)),
        ("hôm qua tui bận, dời sang thứ hai", date(2026, 12, 14)),  # "hôm qua" is no move
    ],
)
def test_the_new_day_is_the_one_after_the_move_word(text: str, day: date) -> None:
    assert read_day(text, TUESDAY, SATURDAY_12) == DayReading(day)


def test_a_weekday_beside_the_new_days_date_is_still_checked() -> None:
    reading = read_day("dời sang thứ hai 20/12, thứ 7 tui bận", TUESDAY, SATURDAY_12)
    assert reading.day is None and reading.clash == (date(2026, 12, 14), date(2026, 12, 20))
