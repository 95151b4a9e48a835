"""The reader's part of the round-14 stranger's tally: "the others paid in full" said alone,
and a member who did not come, as plain rules."""

from __future__ import annotations

import pytest

from bot.nlu import tally_text
from bot.nlu.all_but import others_in_full
from handlers.rules.tally_view_words import asks_to_see_submitted


@pytest.mark.parametrize(
    "text",
    [
        "ok, may nguoi kia dong du het",
        "còn lại đều nộp đủ",
        "những người khác đủ cả nha",
        "u, con lai dong du",
        "the rest paid in full",
        "everyone else paid",
    ],
)
def test_others_in_full(text: str) -> None:
    assert others_in_full(text)


@pytest.mark.parametrize(
    "text",
    ["mấy người kia", "số 2 đóng đủ", "đủ hết", "Lan đóng đủ", "người kia đóng 100k"],
)
def test_not_only_the_others_in_full(text: str) -> None:
    assert not others_in_full(text)


@pytest.mark.parametrize(
    "text", ["ko den", "không tới", "hổng có lên", "không có mặt", "ko đi họp", "k toi"]
)
def test_did_not_come_is_absent(text: str) -> None:
    assert tally_text.parse_answer(text, member_named=True).absent


@pytest.mark.parametrize(("text", "amount"), [("khong toi 100k", 100_000), ("ko den 50k", 50_000)])
def test_an_amount_after_is_no_absence(text: str, amount: int) -> None:
    answer = tally_text.parse_answer(text, member_named=True)
    assert not answer.absent and answer.interest == amount


@pytest.mark.parametrize(
    "text", ["bang ke nop roi phai ko", "bảng kê đã nộp chưa vậy", "nộp rồi hả em", "đã nộp chưa?"]
)
def test_asked_whether_it_went_in(text: str) -> None:
    assert asks_to_see_submitted(text)


@pytest.mark.parametrize("text", ["nộp bảng kê", "sửa bảng kê đã nộp", "nộp lại bảng kê nha"])
def test_asked_to_fill_in(text: str) -> None:
    assert not asks_to_see_submitted(text)


@pytest.mark.parametrize(
    ("text", "interest", "interest_short", "savings_short"),
    [
        ("còn thiếu 10 ngàn", None, 10_000, None),
        ("con no 30 nghin", None, 30_000, None),
        ("thieu tk 30k", None, None, 30_000),
        ("still owes 15k", None, 15_000, None),
        ("dong 100k con thieu 10k", 100_000, None, None),  # paid said: the owed is a remark
    ],
)
def test_what_is_still_owed(
    text: str, interest: int | None, interest_short: int | None, savings_short: int | None
) -> None:
    answer = tally_text.parse_answer(text, member_named=True)
    assert answer.interest == interest and answer.savings is None
    assert (answer.interest_short, answer.savings_short) == (interest_short, savings_short)
