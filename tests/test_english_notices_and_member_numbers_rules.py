"""The pure readings behind an officer's English notice and tally questions and a leader's
question about a member by number (handlers/officer/notice_english.py,
handlers/officer/broadcast_words.py, handlers/rules/member_number.py)."""

from __future__ import annotations

import pytest

from handlers.officer.broadcast_words import (
    Request,
    Wanted,
    asks_tallies_in_english,
    asks_to_send,
    only_starts,
    read_request,
)
from handlers.officer.notice_english import as_vietnamese
from handlers.rules.member_number import numbers_asked


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "send to commune Phu My: meeting on Friday",
            Request(Wanted.COMMUNE, "Phu My", "meeting on Friday"),
        ),
        (
            "send to Phu My commune - meeting on Friday",
            Request(Wanted.COMMUNE, "Phu My", "meeting on Friday"),
        ),
        ("broadcast to group T01: bring the book", Request(Wanted.GROUP, "T01", "bring the book")),
        (
            "notify all borrowers in Đại Tâm that the session moves",
            Request(Wanted.COMMUNE, "Đại Tâm", "the session moves"),
        ),
        (
            "send to everyone: meeting on Friday",
            Request(Wanted.EVERYONE, None, "meeting on Friday"),
        ),
        ("notify everyone in my area that we close", Request(Wanted.EVERYONE, None, "we close")),
        ("send a notice to the leaders of Dai Tam: 2pm", Request(Wanted.LEADERS, "Dai Tam", "2pm")),
        ("broadcast to overdue borrowers: please pay", Request(Wanted.OVERDUE, None, "please pay")),
        ("send a notice: office closed", Request(None, None, "office closed")),
        ("gửi xã Đại Tâm: họp", Request(Wanted.COMMUNE, "Đại Tâm", "họp")),
    ],
)
def test_an_english_request_reads_as_the_vietnamese_one(typed: str, expected: Request) -> None:
    assert read_request(typed) == expected
    assert asks_to_send(typed)


@pytest.mark.parametrize(
    "typed",
    ["send me my balance", "notify me", "tell everyone hi", "tally status", "meeting on Friday"],
)
def test_english_that_is_no_notice_request_is_not_one(typed: str) -> None:
    assert as_vietnamese(typed) is None
    assert read_request(typed) == Request()
    assert not asks_to_send(typed)


def test_send_a_notice_alone_starts_one() -> None:
    assert only_starts("send a notice") and only_starts("gửi thông báo")
    assert not only_starts("send to everyone: hi")


@pytest.mark.parametrize(
    "typed",
    [
        "tally status",
        "Tallies this month",
        "which groups submitted?",
        "which groups have not submitted yet",
        "who submitted the tally",
        "show me the tallies",
    ],
)
def test_an_officers_english_tally_question(typed: str) -> None:
    assert asks_tallies_in_english(typed)


@pytest.mark.parametrize(
    "typed", ["submit tally", "nộp bảng kê", "tình hình bảng kê", "send to everyone: hi"]
)
def test_what_is_no_english_tally_question(typed: str) -> None:
    assert not asks_tallies_in_english(typed)


@pytest.mark.parametrize(
    ("typed", "numbers"),
    [
        ("số 5 còn nợ bao nhiêu", [5]),
        ("stt 3 đóng chưa", [3]),
        ("stt 3 dong chua", [3]),
        ("member 7 overdue?", [7]),
        ("thành viên số 4 quá hạn không", [4]),
        ("tv3 sao rồi", [3]),
        ("số 4 và số 5 nợ bn", [4, 5]),
        # a tally's line, an amount, a phone, nothing asked: no member asked about
        ("số 5 nộp đủ", []),
        ("stt 3 lãi 100k", []),
        ("số 5 không nộp", []),
        ("so 5 con no 50k", []),
        ("số 2 triệu còn nợ bn", []),
        ("số 0912345678 của ai vậy", []),
        ("dư nợ còn bao nhiêu", []),
    ],
)
def test_the_members_numbers_asked(typed: str, numbers: list[int]) -> None:
    assert numbers_asked(typed) == numbers
