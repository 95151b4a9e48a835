"""Which words ask to look at the submitted tally, and which to change it."""

from __future__ import annotations

import pytest

from handlers.rules.tally_view_words import asks_to_see_submitted


@pytest.mark.parametrize(
    ("text", "sees"),
    [
        ("cho xem bang ke da nop", True),
        ("coi lại bảng kê vừa nộp", True),
        ("bang ke nop roi dau", True),
        ("đã nộp bảng kê chưa", True),
        ("show the submitted tally", True),
        ("nộp bảng kê", False),
        ("sửa bảng kê đã nộp", False),
        ("nop lai bang ke", False),
        ("edit the submitted tally", False),
    ],
)
def test_seeing_the_submitted_tally(text: str, sees: bool) -> None:
    assert asks_to_see_submitted(text) is sees
