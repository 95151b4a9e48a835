"""The readers take English where the bot's English examples put it: weekdays and "7pm",
"at the community hall" for a meeting; "in full", "total interest …" for the tally."""

from __future__ import annotations

from datetime import date, time

from bot.nlu.dates import extract_dates
from bot.nlu.meeting_text import parse, read_time
from bot.nlu.tally_text import parse_answer, parse_totals

WEDNESDAY = date(2026, 12, 2)


def test_english_weekdays_are_the_next_such_day() -> None:
    assert extract_dates("Saturday", WEDNESDAY) == [date(2026, 12, 5)]
    assert extract_dates("meeting on monday", WEDNESDAY) == [date(2026, 12, 7)]
    assert extract_dates("wednesday", WEDNESDAY) == [WEDNESDAY]
    assert extract_dates("tomorrow", WEDNESDAY) == [date(2026, 12, 3)]
    assert extract_dates("thứ Bảy", WEDNESDAY) == [date(2026, 12, 5)]  # unchanged


def test_an_english_meeting_has_its_day_hour_and_place() -> None:
    draft = parse("group meeting Saturday 7pm at the community hall", WEDNESDAY)
    assert (draft.day, draft.at, draft.place) == (date(2026, 12, 5), time(19), "the community hall")
    assert parse("meeting at 7pm Saturday at the school", WEDNESDAY).place == "the school"
    assert read_time("7:30am") == time(7, 30) and read_time("12pm") == time(12)
    assert read_time("7 p.m.") == time(19) and read_time("19h") == time(19)
    assert parse("Monday 7pm", WEDNESDAY).day == date(2026, 12, 7)
    vietnamese = parse("họp tổ thứ Bảy 19h ở nhà văn hóa", WEDNESDAY)
    assert (vietnamese.at, vietnamese.place) == (time(19), "nhà văn hóa")


def test_in_full_and_group_totals_in_english() -> None:
    assert parse_answer("in full").in_full and parse_answer("paid in full").in_full
    assert parse_answer("5 absent").absent
    assert parse_totals("total interest 4.25m, savings 1.8m") is not None
    assert parse_totals("interest 100k savings 50k") is None  # one member, not the group
