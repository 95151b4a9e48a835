"""T26's forms, by general rules, in lines of our own: a notebook row with its columns named
("L: 125 - TK: -"), empty cells and a note after them, the row's place in the notebook
("Trang 3, dòng 22:"), a numbered row ("25) Name 110/50") and a tally word glued to a figure
no VNI typing makes ("lai155 gui50"); with the lines that must keep their meaning."""

from __future__ import annotations

import pytest

from bot.nlu import tally_text


@pytest.mark.parametrize(
    ("text", "interest", "savings"),
    [
        ("7 - Lò Văn Pản - L: 95 - TK: 20", 95_000, 20_000),
        ("12 - Trần Thị Bưởi - lãi: 140 - TK: -", 140_000, 0),
        ("Trang 2, dòng 15: Mai Văn Tư   210   50", 210_000, 50_000),
        ("hàng số 4 - Lý A Sử - 120 - 30", 120_000, 30_000),
        ("9) Hà Thị Nụ 130/40", 130_000, 40_000),
        ("co Nam lai210 gui100", 210_000, 100_000),
        ("nop150 roi", 150_000, None),
    ],
)
def test_read(text: str, interest: int, savings: int | None) -> None:
    answer = tally_text.parse_answer(text)
    assert answer.interest == interest and answer.savings == savings
    assert tally_text.first_amount(text) == interest


@pytest.mark.parametrize(
    "text", ["14 - Vàng Thị Dua - L: (chưa) - TK: (chưa)", "3 - Lan - L: 0 - TK: 0 - ốm"]
)
def test_a_row_of_empty_cells_is_nothing_paid(text: str) -> None:
    answer = tally_text.parse_answer(text)
    assert answer.absent and tally_text.first_amount(text) == 0


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("dong 22", 22_000),  # "đóng 22" without marks: paying, not a row
        ("đóng 22k", 22_000),
        ("lai4 120", 120_000),  # VNI "lãi", then the figure
        ("Hàng xóm nộp hộ 150k", 150_000),
    ],
)
def test_kept(text: str, first: int) -> None:
    assert tally_text.first_amount(text) == first


@pytest.mark.parametrize(
    "text",
    [
        "bà Tư nói chờ gặt lúa xong mới nộp",
        "ong Ba ban heo xong roi moi dong",
        "chú Sáu hom nay chua",
        "xin đóng vào phiên chợ tới",
        "Mr. Lo: payment deferred, sick child",
        "12. Lò Thị Xuân ... chưa ... chưa",
    ],
)
def test_nothing_paid_yet(text: str) -> None:
    assert tally_text.parse_answer(text).absent and tally_text.first_amount(text) == 0


@pytest.mark.parametrize(
    ("text", "first"), [("bán bò xong đóng 200k", 200_000), ("hôm nay nộp 150k", 150_000)]
)
def test_paid_today_is_paid(text: str, first: int) -> None:
    assert tally_text.first_amount(text) == first
