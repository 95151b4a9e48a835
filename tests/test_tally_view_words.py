"""Which words ask to look at the submitted tally, and which to change it."""

from __future__ import annotations

import pytest

from handlers.rules.tally_view_words import asks_to_see_submitted, asks_what_was_submitted


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


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("hoi nay nop bao nhieu", True),
        ("lúc nãy tổ mình gửi hết bao nhiêu tiền", True),
        ("hôm qua nộp bn vậy em", True),
        ("bang ke nop roi phai ko", True),
        ("nộp bao nhiêu", False),  # when nothing says earlier: what is due, not what went in
        ("hồi nãy nộp bao nhiêu, sửa lại giúp", False),
        ("tháng này nộp bao nhiêu", False),
    ],
)
def test_asking_what_went_in(text: str, asks: bool) -> None:
    assert asks_what_was_submitted(text) is asks
