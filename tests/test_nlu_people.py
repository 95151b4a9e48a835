"""Whose figures a message asks about: another person by name, or the asker."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu import about_other, understand


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("dư nợ của bà Lan còn bao nhiêu", "bà Lan"),
        ("ông Thạch Sơn còn nợ bao nhiêu", "ông Thạch Sơn"),
        ("tiền gửi của chị Hai được nhiêu rồi", "chị Hai"),
        ("du no ba lan con bao nhieu", "ba lan"),
        ("chi lam thi sa ri nop lai 275 nghin", "chi lam thi sa ri"),
        ("Cho tôi xem dư nợ của bà Thạch Thị Sa Ri tổ ấp Prey Chóp", "bà Thạch Thị Sa Ri"),
        ("em cho chị biết dư nợ hộ ông Danh Sophal để chị báo lại ổng", "ông Danh Sophal"),
        ("c Sa Ri trong to e dong lai chua", "c Sa Ri"),
        ("Dư nợ bà Tư tổ 5?", "bà Tư"),
        ("what is Mrs Lan's loan balance", "Mrs Lan"),
        ("dư nợ của tôi còn bao nhiêu", None),
        ("Nhà tôi còn nợ bao nhiêu vậy chị?", None),
        ("cho em hỏi chị ơi dư nợ bao nhiêu", None),
        ("bà hỏi chút, lãi tháng này bao nhiêu", None),
        ("mẹ tôi còn nợ bao nhiêu", None),
        ("ba tui con no nhieu", None),
        ("nhan bang tieng khmer cho ong ba tui", None),
        ("mình còn nợ bao nhiêu", None),
        ("ba trăm nghìn", None),
        ("toi co dang no qua han khong", None),
        ("ngan hang co nhung chuong trinh cho vay nao", None),
    ],
)
def test_whose_figures(text: str, person: str | None) -> None:
    assert about_other(text) == person


def test_the_understanding_carries_the_person() -> None:
    said = understand("dư nợ của bà Lan còn bao nhiêu", date(2026, 11, 26))
    assert (said.intent, said.about_other) == ("balance", "bà Lan")
    assert understand("dư nợ của tôi", date(2026, 11, 26)).about_other is None
