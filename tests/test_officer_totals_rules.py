"""The officer's words for a commune's totals, the tallies' file, and a group named with its
commune, read from the text alone (handlers/rules/officer_questions.py, group_names.py)."""

from __future__ import annotations

import pytest

from handlers.rules.group_names import group_then_commune
from handlers.rules.officer_questions import asks_to_export_tallies, names_totals


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Cho chị xem tổng dư nợ xã Đại Tâm", "portfolio"),
        ("DN xã ĐT", "portfolio"),
        ("tổng dn địa bàn", "portfolio"),
        ("total outstanding in Dai Tam commune", "portfolio"),
        ("TK xã Đại Tâm", "savings"),
        ("tong tien gui tiet kiem xa dai tam", "savings"),
        ("dn của bà Sa Ri", "person"),
        ("du no bao nhieu", None),  # no place said: the intent model's
        ("ai quá hạn xã Đại Tâm", None),  # the overdue list's
        ("dư nợ quá hạn xã Đại Tâm", None),
        ("tổ TK&VV ấp 3 xã Đại Tâm nộp bảng kê chưa", None),  # TK&VV: the group's kind
        ("số TK xã Đại Tâm", None),  # an account number, not savings
        ("tổng kết xã Đại Tâm", None),
    ],
)
def test_which_totals_a_question_asks(text: str, kind: str | None) -> None:
    assert names_totals(text) == kind


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("xuất file bảng kê tháng này", True),
        ("tải bảng kê", True),
        ("export the tallies", True),
        ("cho xin file excel bảng kê", True),
        ("tình hình bảng kê", False),
        ("tổ ấp 3 nộp bảng kê chưa", False),
        ("làm sao nạp file HSTD mới lên", False),
    ],
)
def test_which_texts_ask_for_the_tallies_file(text: str, asks: bool) -> None:
    assert asks_to_export_tallies(text) is asks


@pytest.mark.parametrize(
    ("text", "group", "commune"),
    [
        ("tổ 3 xã Đại Tâm", "3", "Đại Tâm"),
        ("to ap 3 o xa dai tam nop chua", "ap 3", "dai tam nop chua"),
        ("tổ TK&VV ấp 3, xã Đại Tâm", "TK&VV ấp 3", "Đại Tâm"),
    ],
)
def test_a_group_named_with_its_commune(text: str, group: str, commune: str) -> None:
    found = group_then_commune(text)
    assert found is not None and (found.group, found.commune_text) == (group, commune)


@pytest.mark.parametrize(
    "text", ["tổ trưởng xã Đại Tâm", "tổ nào xã Đại Tâm chưa nộp", "tổng dư nợ xã Đại Tâm"]
)
def test_no_group_is_named(text: str) -> None:
    assert group_then_commune(text) is None
