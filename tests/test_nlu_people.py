"""Whose figures a message asks about: another person by name, or the asker."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu import about_other, understand
from bot.nlu.people import is_clean_name, names_the_asker, said_back


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
        # A nickname with "thằng"/"con", a neighbour said so; "tháng sau", "con ơi" are not.
        ("con coi gium tui thang Ut Tam o ke ben dong lai chua", "thang Ut Tam"),
        ("thằng Tư kế bên đóng lãi chưa", "thằng Tư"),
        ("con lan ke ben con no bn", "con lan"),
        ("ong bay ke nha con no nhieu ko", "ong bay"),
        ("bà hàng xóm còn nợ nhiêu", "hàng xóm"),
        ("lai cua nha ben dong chua", "nha ben"),
        ("toi thang sau phai dong bn tien", None),
        ("thang tam nay toi dong lai bao nhieu", None),
        ("ma thoi con oi cu nhac lai di", None),
        ("con coi gium tui no con bn", None),
    ],
)
def test_whose_figures(text: str, person: str | None) -> None:
    assert about_other(text) == person


def test_the_understanding_carries_the_person() -> None:
    said = understand("dư nợ của bà Lan còn bao nhiêu", date(2026, 11, 26))
    assert (said.intent, said.about_other) == ("balance", "bà Lan")
    assert understand("dư nợ của tôi", date(2026, 11, 26)).about_other is None


@pytest.mark.parametrize(
    ("name", "household", "own"),
    [
        ("Thạch Sơn", "Thạch Sơn", True),
        ("Sa Ri", "Lâm Thị Sa Ri", True),
        ("bà Lâm Thị Sa Ri", "Lâm Thị Sa Ri", True),
        ("thang Ut Tam", "Trần Minh Tâm", False),
        ("bà Tâm", "Trần Minh Tâm", False),  # one shared name part is not the asker
        ("Ri", "Lâm Thị Sa Ri", False),
        ("hàng xóm", "Lâm Thị Sa Ri", False),
    ],
)
def test_a_name_is_the_askers_own_only_when_it_is_their_name(
    name: str, household: str, own: bool
) -> None:
    assert names_the_asker(name, household) is own


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("bà Lan", True),
        ("ba Tu", True),
        ("thằng Út Tâm", True),
        ("ông Bảy", True),
        ("ong bay", False),
        ("hàng xóm", False),
        ("nha ben", False),
    ],
)
def test_a_name_is_echoed_only_when_it_is_written_as_a_name(name: str, clean: bool) -> None:
    assert is_clean_name(name) is clean


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("thằng Út Tâm", "Út Tâm"),
        ("con Lan", "Lan"),
        ("bà Lan", "bà Lan"),
        ("Thạch Sơn", "Thạch Sơn"),
    ],
)
def test_a_familiar_title_is_not_said_back(name: str, said: str) -> None:
    assert said_back(name) == said
