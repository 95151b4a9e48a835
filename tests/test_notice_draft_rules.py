"""The pure readings behind an officer's lines typed while a notice is open: English
go-aheads and progress questions, a correction with or without a draft, who is overdue
asked (not the overdue audience), an English question, and a notice just sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handlers.officer.broadcast_words import asks_progress, sends_now
from handlers.rules.notice_edit import asks_to_edit
from handlers.rules.notice_text import english_question
from handlers.rules.notices import just_sent
from handlers.rules.overdue import asks_which_are_overdue


@pytest.mark.parametrize("said", ["send it", "send", "ok send", "go ahead", "yes, send it now"])
def test_english_go_aheads_send(said: str) -> None:
    assert sends_now(said)


@pytest.mark.parametrize("said", ["send a notice", "send to commune Dai Tam", "ok", "sent"])
def test_other_english_lines_are_no_go_ahead(said: str) -> None:
    assert not sends_now(said)


def test_an_english_progress_question_about_the_notice() -> None:
    assert asks_progress("how is my last notice going")
    assert asks_progress("status of the notice?")
    assert not asks_progress("send a notice to commune Dai Tam: the meeting is going ahead")


@pytest.mark.parametrize(
    "said", ["sua lai 14h chu khong phai 8h", "8h chu khong phai 7h", "khong phai 7h ma la 8h"]
)
def test_a_correction_is_read_without_a_draft(said: str) -> None:
    assert asks_to_edit(said)


@pytest.mark.parametrize("said", ["to T01 khong phai cua toi", "mai nghi", "tinh hinh bang ke"])
def test_other_lines_are_no_correction(said: str) -> None:
    assert not asks_to_edit(said)


def test_who_is_overdue_is_a_question_the_overdue_households_an_audience() -> None:
    assert asks_which_are_overdue("ho nao qua han")
    assert asks_which_are_overdue("ai qua han o xa Dai Tam")
    assert asks_which_are_overdue("who is overdue in Thanh Phu")
    assert not asks_which_are_overdue("cac ho qua han")


def test_an_english_question_opens_as_one() -> None:
    assert english_question("who is overdue in Thanh Phu")
    assert not english_question("Do mua lu, phien giao dich doi sang thu 6")
    assert not english_question("the session on Friday starts at 8")


def test_a_notice_just_sent() -> None:
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert just_sent(now - timedelta(hours=1), now=now)
    assert just_sent((now - timedelta(hours=2)).replace(tzinfo=None), now=now)
    assert not just_sent(now - timedelta(days=1), now=now)
