"""The rule that reads a meeting's time: the part of the day beside the hour (or before the
day) moves it, and a "toi" that may be "tôi" (my) as well as "tối" (evening) is asked about."""

from __future__ import annotations

from datetime import time

import pytest

from bot.nlu.meeting_text import Clock, evening_alone, read_clock


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("hop to toi thu 7 nay 7h o nha van hoa ap, binh xet vay moi", time(19)),  # was 07:00
        ("toi thu 7 luc 7h", time(19)),
        ("toi mai 7h", time(19)),
        ("7h toi", time(19)),
        ("7g30 toi", time(19, 30)),
        ("7h30 tối", time(19, 30)),
        ("7 rưỡi tối", time(19, 30)),
        ("7 giờ rưỡi tối", time(19, 30)),
        ("7 gio 30 phut toi", time(19, 30)),
        ("tối nay lúc 7 giờ", time(19)),
        ("19h", time(19)),
        ("19h toi", time(19)),
        ("thu bay toi 19h", time(19)),
        ("ko phai, 7h toi lan 19h do", time(19)),
        ("2 giờ chiều", time(14)),
        ("chieu thu 7 luc 2h", time(14)),
        ("6h chieu", time(18)),
        ("12h trua", time(12)),
        ("1h trua", time(13)),
        ("11h trua", time(11)),
        ("7h sáng", time(7)),
        ("sang mai 7h", time(7)),
        ("8 giờ đêm", time(20)),
        ("8h dem", time(20)),
        ("7h", time(7)),  # no part of the day: as written
        # A small hour alone is the afternoon's: nobody calls a group meeting at 2 a.m.
        ("2h", time(14)),
        ("hop luc 3g30 thu 6", time(15, 30)),
        ("to toi hop thu 7 luc 2h", time(14)),  # "tổ tôi" or "tối": 14:00 either way
        ("5h sang", time(5)),
        ("họp tổ tôi thứ 7 lúc 7h", time(7)),  # "tôi" written with its marks: my group
        ("thứ 7 tới 7h", time(7)),  # "tới": the coming Saturday
        ("hop thu 7 luc 7h o nha toi", time(7)),  # "ở nhà tôi"
        ("7h, dem theo so", time(7)),  # "đem theo sổ": bring the book
        ("doi sang 7h", time(7)),  # "sang": the move
        ("thu bay 12/12 luc 14h", time(14)),
        ("19h 12/12", time(19)),
    ],
)
def test_the_time_a_leader_means(text: str, at: time) -> None:
    assert read_clock(text) == Clock(at)


@pytest.mark.parametrize(
    "text",
    [
        "to toi hop thu 7 luc 7h",  # "tổ tôi họp" or "tối họp"?
        "hop to toi, thu 7 luc 7h",
        "hop to thu 7 toi, luc 7 gio",  # "thứ 7 tới" or "thứ 7 tối"?
        "hop o nha toi luc 7h",  # "nhà tôi lúc 7h" or "nhà, tối lúc 7h"?
    ],
)
def test_a_toi_nothing_settles_is_asked_about(text: str) -> None:
    assert read_clock(text) == Clock(either=time(7))


@pytest.mark.parametrize("text", ["to toi hop thu 7 luc 19h", "to toi hop thu 7 luc 7h sang"])
def test_the_hour_itself_settles_a_toi(text: str) -> None:
    assert read_clock(text).either is None


@pytest.mark.parametrize(
    ("text", "evening"),
    [("tối", True), ("toi nha", True), ("buổi tối", True), ("chiều", True), ("sáng", False)],
)
def test_morning_or_evening_typed_alone(text: str, evening: bool) -> None:
    assert evening_alone(text) is evening


@pytest.mark.parametrize("text", ["7h", "tối thứ 7", "không", ""])
def test_not_a_part_of_the_day_alone(text: str) -> None:
    assert evening_alone(text) is None
