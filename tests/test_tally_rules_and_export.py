"""The tally's rules (what a leader's answer means, totals, warnings) and the export for the
bank: CSV and the 13/TD-shaped .xlsx, checked cell by cell, totals equal to the lines."""

from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.nlu import tally_text
from bot.nlu.tally_text import Answer, NotUnderstood
from handlers.rules import tally
from storage import tallies
from storage.schema import customers
from storage.tally_form import Line
from tests.bot_fixtures import NOW, Harness

SESSION = date(2026, 12, 17)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("lãi 200k, gửi 100k", Answer(interest=200_000, savings=100_000)),
        ("lai 150 nghin", Answer(interest=150_000)),
        ("vắng", Answer(absent=True)),
        ("khong nop", Answer(absent=True)),
        ("0", Answer(interest=0, savings=0)),
        ("đủ", Answer(in_full=True)),
        ("gui 50k tra goc 1tr", Answer(savings=50_000, principal_from_savings=1_000_000)),
        ("lai 0 gui 100k", Answer(interest=0, savings=100_000)),
        ("tiết kiệm 1tr8", Answer(savings=1_800_000)),
        ("200k", Answer(interest=200_000)),
    ],
)
def test_what_a_leader_says_about_a_member(text: str, answer: Answer) -> None:
    assert tally_text.parse_answer(text) == answer


@pytest.mark.parametrize("text", ["", "abc", "lai 5 ty", "gui -", "lai -100k", "gửi - 50k"])
def test_nonsense_and_absurd_amounts_are_refused(text: str) -> None:
    with pytest.raises(NotUnderstood):
        tally_text.parse_answer(text)


def line(due: int, minimum: int = 100_000) -> Line:
    return Line(1, "A", "KH1", "KU1", 1, 10_000_000, due, minimum, due, minimum)


def test_applying_answers_totals_and_warnings() -> None:
    paid = line(150_000)
    absent = tally.apply(line(200_000), Answer(absent=True))
    over = tally.apply(line(100_000), Answer(interest=120_000, savings=20_000))
    assert absent.interest_unpaid == 200_000 and absent.savings_deposited == 0
    total = tally.totals([paid, absent, over])
    assert (total.interest_due, total.interest_collected, total.interest_unpaid) == (
        450_000,
        270_000,
        200_000,
    )
    assert total.savings_collected == 120_000 and total.cash_to_hand_over == 390_000
    warn = tally.warnings([paid, absent, over])
    assert warn.over_collected == [over] and warn.below_minimum == [over]
    assert warn.unpaid == [absent]  # an absent member owes; their savings are not a warning
    assert tally.apply(absent, Answer(in_full=True)) == line(200_000)


def test_a_field_said_paid_without_an_amount_is_paid_as_due() -> None:
    """ "chỉ gửi tiết kiệm, lãi chưa đóng": the savings due, no interest; what the member
    had noted before does not stay."""
    absent = tally.apply(line(200_000), Answer(absent=True))
    only_savings = Answer(interest=0, as_due=("savings",))
    assert tally.resolve(absent, only_savings) == Answer(interest=0, savings=100_000)
    paid = tally.apply(absent, only_savings)
    assert (paid.interest_collected, paid.savings_deposited, paid.absent) == (0, 100_000, False)


def test_group_totals_and_their_difference() -> None:
    typed = tally_text.parse_totals("thu lãi 4tr25, tiết kiệm 1tr8")
    assert typed == tally_text.TypedTotals(4_250_000, 1_800_000)
    assert tally_text.parse_totals("lãi 200k gửi 100k") is None  # one member, not the group
    lines = [line(2_000_000, 900_000), line(2_300_000, 900_000)]
    assert tally.differences(lines, typed) == (-50_000, 0)


async def submitted(harness: Harness) -> list[Line]:
    async with harness.engine.begin() as conn:
        group_id = (
            await conn.execute(select(customers.c.group_id).where(customers.c.code == "KH001"))
        ).scalar_one()
        group = await tallies.group_info(conn, int(group_id))
        assert group is not None
        lines = await tallies.expected_lines(conn, group)
        lines[1] = tally.apply(lines[1], Answer(absent=True))
        lines[0] = tally.apply(lines[0], Answer(interest=500_000, principal_from_savings=200_000))
        sari = lines[0].customer_id
        await tallies.submit(conn, group, SESSION, lines, tally.totals(lines), sari, NOW)
        await tallies.submit(
            conn, group, SESSION, lines, tally.totals(lines), sari, NOW
        )  # version 2 replaces 1
    return lines


async def export(harness: Harness, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"DATABASE_URL": harness.settings.database_url, "PATH": "/usr/bin:/bin"}
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "export-tallies", *args],
        env=env,
        capture_output=True,
        text=True,
    )


async def test_csv_export_has_the_13td_columns_and_the_current_version(harness: Harness) -> None:
    await submitted(harness)
    result = await export(harness, "--period", "2026-12")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "Xã",
        "Mã tổ",
        "Tên tổ",
        "Ngày giao dịch",
        "Phiên bản",
        "Số biên nhận",
        "Người nộp",
        "STT",
        "Họ tên tổ viên (người vay)",
        "Mã KH",
        "Số khế ước",
        "Dư nợ",
        "Lãi phải thu",
        "Lãi thực thu",
        "Lãi còn tồn",
        "Tiền gửi",
        "Thu nợ gốc từ tiền gửi",
    ]
    assert rows[1] == [
        "Đại Tâm",
        "T01",
        "Tổ ấp 3",
        "17/12/2026",
        "2",
        "BK-T01-20261217-2",
        "Lâm Thị Sa Ri",
        "1",
        "Lâm Thị Sa Ri",
        "KH001",
        "KU001, KU002",
        "70000000",
        "575000",
        "500000",
        "75000",
        "100000",
        "200000",
    ]
    assert rows[2][7:11] == ["2", "Thạch Sơn", "KH002", "KU003"]
    assert rows[2][12:] == ["132000", "0", "132000", "0", "0"]
    assert len(rows) == 3  # version 1 is history, not exported twice
    other_month = await export(harness, "--period", "2026-11")
    assert other_month.stdout.count("\n") == 1  # the header only
    bad = await export(harness, "--period", "12/2026")
    assert bad.returncode == 2 and "YYYY-MM" in bad.stderr


async def test_xlsx_export_is_laid_out_like_the_form(harness: Harness, tmp_path: Path) -> None:
    lines = await submitted(harness)
    out = tmp_path / "bang_ke.xlsx"
    result = await export(harness, "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out).active
    assert sheet is not None
    cells: list[list[Any]] = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "NGÂN HÀNG CHÍNH SÁCH XÃ HỘI"
    assert str(cells[1][0]).startswith("BẢNG KÊ LÃI PHẢI THU – LÃI THỰC THU")
    assert cells[2][0] == "Mẫu số 13/TD"
    assert cells[3][0] == "Tổ: T01 Tổ ấp 3 — Xã: Đại Tâm — Ngày giao dịch: 17/12/2026"
    assert "Phiên bản 2" in str(cells[4][0])
    header = cells[6]
    assert header[:4] == ["STT", "Họ tên tổ viên (người vay)", "Mã KH", "Số khế ước"]
    assert header[4:] == [
        "Dư nợ",
        "Lãi phải thu",
        "Lãi thực thu",
        "Lãi còn tồn",
        "Tiền gửi",
        "Thu nợ gốc từ tiền gửi",
        "Ký nhận",
    ]
    assert cells[7] == [
        1,
        "Lâm Thị Sa Ri",
        "KH001",
        "KU001, KU002",
        70_000_000,
        575_000,
        500_000,
        75_000,
        100_000,
        200_000,
        None,
    ]
    assert cells[8][:2] == [2, "Thạch Sơn"]
    totals = cells[9]
    assert totals[0] == "Cộng"
    for column in range(4, 10):  # every money column: the totals row is the sum of the lines
        assert totals[column] == cells[7][column] + cells[8][column]
    assert totals[6] == sum(x.interest_collected for x in lines)
    assert sheet.cell(10, 7).number_format == "#,##0"
    assert [cells[11][0], cells[11][3], cells[11][7]] == [
        "Tổ trưởng",
        "Cán bộ Hội đoàn thể",
        "Cán bộ Ngân hàng",
    ]
