"""The rules behind a notice to a group named by its name, a name alone as the audience, a
guess that never crosses numbers, and "/language en": pure functions, no bot."""

from __future__ import annotations

import pytest

from handlers.officer.broadcast_words import Request, Wanted, read_request
from handlers.officer.notice_english import as_vietnamese
from handlers.rules.group_names import closest_group, groups_called, split_group_name
from handlers.rules.language import language_argument
from handlers.rules.place_guess import closest
from handlers.rules.places import Place

KIEN = Place(1, 10, "0192042", "Tổ TK&VV ấp Tâm Kiên", "Ấp Tâm Kiên", "Đại Tâm")
AP3 = Place(2, 10, "T01", "Tổ ấp 3", None, "Đại Tâm")
AP3_TP = Place(3, 20, "T04", "Tổ ấp 3", None, "Thạnh Phú")
KIEN_1 = Place(4, 20, "T05", "Tổ Tâm Kiên Một", None, "Thạnh Phú")
GROUPS = [KIEN, AP3, AP3_TP]


@pytest.mark.parametrize(
    "typed", ["Tâm Kiên", "tam kien", "TÂM KIÊN", "ấp Tâm Kiên", "Tổ TK&VV ấp Tâm Kiên"]
)
def test_a_group_is_named_folded_by_its_name_or_hamlet(typed: str) -> None:
    assert groups_called(typed, GROUPS) == [KIEN]


def test_two_groups_of_one_name_are_both_found_and_a_lone_word_names_none() -> None:
    assert groups_called("ấp 3", GROUPS) == [AP3, AP3_TP]
    assert groups_called("ấp", GROUPS) == []
    assert groups_called("Tâm", [KIEN_1]) == []  # one word starts no name
    assert groups_called("Tâm Kiên", [KIEN_1]) == [KIEN_1]  # two do


def test_a_name_followed_by_the_text_is_split_at_the_longest_group_name() -> None:
    found = split_group_name("TÂM KIÊN mai họp lúc 8h", GROUPS)
    assert found is not None and (found.name, found.rest) == ("TÂM KIÊN", "mai họp lúc 8h")
    assert split_group_name("Hòa Bình mai họp", GROUPS) is None


def test_the_closest_group_never_crosses_numbers() -> None:
    assert closest_group("Tam Kein", GROUPS) == KIEN
    assert closest_group("ap 5", GROUPS) is None
    assert closest("Phuong 1", ["Phường 7"]) is None
    assert closest("Dai Tan", ["Đại Tâm"]) == "Đại Tâm"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("gửi tổ Tâm Kiên: mai họp lúc 8h", Request(Wanted.GROUP, "Tâm Kiên", "mai họp lúc 8h")),
        ("gui thong bao cho to ap 5: mai hop", Request(Wanted.GROUP, "ap 5", "mai hop")),
        ("broadcast to group Tam Kien: meeting", Request(Wanted.GROUP, "Tam Kien", "meeting")),
        (
            "send to Dai Tam: meeting on Friday",
            Request(Wanted.PLACE, "Dai Tam", "meeting on Friday"),
        ),
        ("notify Dai Tam that we close", Request(Wanted.PLACE, "Dai Tam", "we close")),
        ("gửi thông báo cho tổ trưởng", Request(Wanted.LEADERS, None, None)),
        ("gửi thông báo mai họp lúc 8h", Request(None, None, "mai họp lúc 8h")),
        ("gửi thông báo cho bà con, mai họp", Request(None, None, "bà con, mai họp")),
    ],
)
def test_a_group_name_or_a_name_alone_is_read_as_the_audience(
    typed: str, expected: Request
) -> None:
    assert read_request(typed) == expected


@pytest.mark.parametrize("typed", ["notify me that we close", "inform us that we close"])
def test_a_pronoun_is_no_name(typed: str) -> None:
    assert as_vietnamese(typed) is None


@pytest.mark.parametrize(
    ("argument", "code"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("vi", "vi"),
        ("vn", "vi"),
        ("english", "en"),
        ("tiếng Việt", "vi"),
        ("", None),
        ("fr", None),
    ],
)
def test_the_language_after_the_command(argument: str, code: str | None) -> None:
    assert language_argument(argument) == code
