"""Zalo's text without buttons: long texts split where a reader expects a break, buttons
as numbered options, and what a person types back mapped to the option they mean."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.channels.zalo.render import Option, length, match_option, options, render, split
from handlers.messages import Button

TALLY = [
    [Button("Xác nhận: tất cả đã nộp đủ", "tally:all")],
    [Button("Xác nhận nộp", "tally:submit"), Button("Sửa", "tally:edit")],
    [Button("Hủy bảng kê", "tally:drop")],
]


def test_a_short_text_is_one_message_as_written() -> None:
    assert split("Dư nợ còn lại: 12.500.000 đ\nKỳ tới: 15/12") == [
        "Dư nợ còn lại: 12.500.000 đ\nKỳ tới: 15/12"
    ]
    assert split("  \n ") == []


def test_a_long_text_is_cut_between_lines() -> None:
    lines = [f"{n}. Hộ {n:02d}: lãi 125.000 đ" for n in range(1, 40)]
    pieces = split("\n".join(lines), limit=100)
    assert all(length(p) <= 100 for p in pieces)
    assert [line for p in pieces for line in p.split("\n")] == lines  # no line is broken


def test_a_line_longer_than_a_message_is_cut_between_words() -> None:
    words = [f"từ{n}" for n in range(200)]
    pieces = split(" ".join(words), limit=50)
    assert all(length(p) <= 50 for p in pieces)
    assert [w for p in pieces for w in p.split(" ")] == words


def test_a_word_longer_than_a_message_is_cut_hard_and_nothing_is_lost() -> None:
    pieces = split("x" * 120, limit=50)
    assert pieces == ["x" * 50, "x" * 50, "x" * 20]


def test_an_emoji_counts_two_and_an_accent_stays_on_its_letter() -> None:
    assert length("🙂") == 2
    assert [length(p) for p in split("🙂" * 1500)] == [2000, 1000]
    decomposed = unicodedata.normalize("NFD", "ệ" * 30)  # e + two combining marks each
    for piece in split(decomposed, limit=10):
        assert not unicodedata.combining(piece[0])


@given(st.text(alphabet=st.sampled_from("ab ệ\n🙂\u0301"), max_size=400), st.integers(2, 40))
def test_split_keeps_every_character_and_every_piece_fits(text: str, limit: int) -> None:
    pieces = split(text, limit)
    assert all(1 <= length(p) <= limit and p == p.strip() for p in pieces)
    assert "".join("".join(p.split()) for p in pieces) == "".join(text.split())


def test_buttons_end_the_message_as_numbered_options() -> None:
    assert render("Tổ 05: thu lãi 4.250.000 đ.", TALLY) == [
        "Tổ 05: thu lãi 4.250.000 đ.\n\n"
        "1. Xác nhận: tất cả đã nộp đủ\n2. Xác nhận nộp\n3. Sửa\n4. Hủy bảng kê"
    ]
    assert render("Không có lựa chọn", []) == ["Không có lựa chọn"]


def test_options_that_do_not_fit_after_the_text_go_in_a_message_of_their_own() -> None:
    full = "a" * 1990
    assert render(full, TALLY) == [full, options_text()]
    pieces = render("dòng\n" * 600, TALLY)
    assert all(length(p) <= 2000 for p in pieces)
    assert pieces[-1].endswith(options_text())


def options_text() -> str:
    return "1. Xác nhận: tất cả đã nộp đủ\n2. Xác nhận nộp\n3. Sửa\n4. Hủy bảng kê"


@pytest.mark.parametrize(
    ("typed", "data"),
    [
        ("2", "tally:submit"),
        ("2.", "tally:submit"),
        (" số 2 ", "tally:submit"),
        ("so 2", "tally:submit"),
        ("chọn 2", "tally:submit"),
        ("#4", "tally:drop"),
        ("Xác nhận nộp", "tally:submit"),
        ("xac nhan nop", "tally:submit"),
        ("XÁC NHẬN NỘP!", "tally:submit"),
        ("xac nhan tat ca da nop du", "tally:all"),
        ("huy bang ke", "tally:drop"),
    ],
)
def test_a_person_picks_an_option_by_number_or_by_its_words(typed: str, data: str) -> None:
    assert match_option(typed, options(TALLY)) == data


@pytest.mark.parametrize(
    "typed",
    ["5", "0", "", "xac nhan", "5 lãi 100k gửi 0", "nộp bảng kê", "1" * 500],
)
def test_what_names_no_option_is_left_to_the_conversation(typed: str) -> None:
    assert match_option(typed, options(TALLY)) is None


def test_two_options_that_read_alike_are_not_guessed_between() -> None:
    alike = [Option(1, "Hủy", "a"), Option(2, "Huỷ", "b")]  # two spellings of one word
    assert match_option("huy", alike) is None
    assert match_option("2", alike) == "b"
