"""The words of a borrower's questions, read by the rules in handlers/rules and bot/nlu: a
payment still to make is no payment made, the savings to put in, "behind on payments", a
switch put back, "muốn" (want) is no "muộn" (late), and a son named is another person."""

from __future__ import annotations

import pytest

from bot.nlu.people import about_other, asks_own_too
from handlers.rules.overdue import asks_if_overdue
from handlers.rules.paid_already import asks_why_still_shown, says_paid
from handlers.rules.paying_late import asks_about_paying_late
from handlers.rules.reminder_words import switches_back
from handlers.rules.savings_words import asks_savings_to_deposit

VOICE = (
    "con oi ba muon hoi la thang nay ba phai dong cho to truong bao nhieu tien lai voi tien "
    "tiet kiem luon chu ba quen roi"
)


def test_a_payment_to_make_is_no_payment_made() -> None:
    assert not asks_why_still_shown(VOICE)  # "rồi" is the forgetting
    assert not says_paid(VOICE)
    assert asks_why_still_shown("tui dong lai cho to truong roi ma sao con hien 425 ngan")
    assert asks_why_still_shown("đưa tổ trưởng rồi")


@pytest.mark.parametrize(
    ("text", "paid"),
    [
        ("ba moi dong 1 trieu hom qua roi, vay con no bao nhieu", True),
        ("I paid 500k yesterday", True),
        ("da dong lai chua", False),  # asks whether
        ("vay con no bao nhieu", False),
    ],
)
def test_a_payment_said(text: str, paid: bool) -> None:
    assert says_paid(text) is paid, text


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (VOICE, True),
        ("gửi tiết kiệm bao nhiêu", True),
        ("how much savings do I deposit", True),
        ("tiết kiệm còn bao nhiêu", False),  # the balance
        ("tiền gửi còn bao nhiêu", False),
        ("tiền gửi của tui có lãi không", False),
    ],
)
def test_the_savings_to_put_in(text: str, asks: bool) -> None:
    assert asks_savings_to_deposit(text) is asks, text


@pytest.mark.parametrize(
    "text",
    [
        "is she behind on payments?",
        "any arrears?",
        "co bi qua han khong",
        "am I overdue",
        "past due?",
    ],
)
def test_asks_if_overdue(text: str) -> None:
    assert asks_if_overdue(text), text


def test_not_asking_if_overdue() -> None:
    assert not asks_if_overdue("how much does she owe")


@pytest.mark.parametrize(
    ("text", "back"),
    [
        ("ok turn them on again", True),
        ("turn it back off", True),
        ("bật lại đi con", True),
        ("can you turn them off", False),
        ("bat nhac nho", False),
    ],
)
def test_a_switch_put_back(text: str, back: bool) -> None:
    assert switches_back(text) is back, text


@pytest.mark.parametrize(
    ("text", "late"),
    [
        (VOICE, False),  # "muốn hỏi", and "quên" the figure
        ("toi muon tra lai", False),
        ("dong lai muon thi sao", True),
        ("tra muon 2 ngay co sao ko", True),
        ("hôm nay tui quên đóng lãi thì sao", True),
        ("I forgot to pay the interest", True),
        ("I forgot, how much is the interest", False),
    ],
)
def test_paying_late_asked(text: str, late: bool) -> None:
    assert asks_about_paying_late(text) is late, text


def test_a_son_named_is_another_person() -> None:
    assert about_other("no cua thang Hai con toi") == "thang Hai"
    assert not asks_own_too("no cua thang Hai con toi")  # "con tôi" is the son, not the asker
    assert about_other("thang sau con toi tra bn") is None  # next month, my child
    assert asks_own_too("nợ của bà Tư bn, còn tôi")
