"""Files that try to break the importer: huge numbers, huge cells, broken quotes, other
encodings. Each is refused clearly (the row with its line number, or the whole file in one
sentence) and the rest of the file goes on; nothing a file holds stops the import."""

from __future__ import annotations

import csv
import io
import os
import pickle
import re
import subprocess
import sys
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.importer import import_file
from storage.importer.ceilings import MONEY_CEILINGS, first_over_ceiling
from storage.importer.isolation import IsolatedRows, _PlainUnpickler
from storage.importer.sheet_bounds import (
    column_index,
    column_name,
    digits_greater_than,
    letters_greater_than,
    read_dimension,
)
from storage.schema import communes, customers, import_batches, loans, schedules
from tests.bankfiles import (
    HEADER,
    assert_bank_file_stored,
    bank_rows,
    count,
    inline_row,
    loan,
    sheet_xml,
    with_sheet_xml,
    write_csv,
    write_xlsx,
)

TOTAL = HEADER.index("Tổng dư nợ")


def csv_rows() -> list[list[Any]]:
    """The bank rows as a CSV holds them: text dates."""
    return [
        [c.strftime("%d/%m/%Y") if hasattr(c, "strftime") else c for c in r] for r in bank_rows()
    ]


def reasons(report: Any) -> dict[int, str]:
    return dict(report.rejected)


# ---- 2. overflows and limits ----


async def test_an_amount_of_1e309_refuses_its_row_only(engine: AsyncEngine, tmp_path: Path) -> None:
    rows = csv_rows()
    rows[0][TOTAL] = "1e309"
    report = await import_file(engine, write_csv(tmp_path / "inf.csv", HEADER, rows))
    assert report.error is None
    assert "Tổng dư nợ" in reasons(report)[2] and "1e309" in reasons(report)[2]
    assert await count(engine, loans) == 2  # KU002 and KU003 are stored


async def test_a_twenty_digit_amount_refuses_its_row_only(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    rows = csv_rows()
    rows[1][TOTAL] = "12345678901234567890"
    report = await import_file(engine, write_csv(tmp_path / "big.csv", HEADER, rows))
    assert report.error is None
    assert "Tổng dư nợ" in reasons(report)[3]
    assert await count(engine, loans) == 2
    assert (await loan(engine, "KU001")).balance_current == 1_250_000


async def test_a_schedule_day_of_1e309_refuses_its_row_only(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    header = ["Tên xã", "Ngày giao dịch", "Giờ", "Địa điểm"]
    path = write_csv(
        tmp_path / "lich.csv",
        header,
        [["Đại Tâm", "1e309", "7h", "UBND"], ["Phú Mỹ", "15", "7h", "UBND"]],
    )
    report = await import_file(engine, path)
    assert report.error is None and [line for line, _ in report.rejected] == [2]
    assert await count(engine, schedules) == 1


async def test_a_code_longer_than_its_column_refuses_its_row(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    rows = bank_rows()
    rows[0][HEADER.index("Số khế ước")] = "KU" + "9" * 80
    report = await import_file(engine, write_xlsx(tmp_path / "long.xlsx", HEADER, rows))
    assert report.error is None
    assert "Số khế ước" in reasons(report)[6] and "60" in reasons(report)[6]
    assert await count(engine, loans) == 2


async def test_a_csv_cell_over_131072_characters_refuses_the_file_with_its_line(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    rows = csv_rows()
    rows[1][HEADER.index("Tên KH")] = "A" * 140_000
    path = write_csv(tmp_path / "wide.csv", HEADER, rows)
    report = await import_file(engine, path)
    assert report.error is not None and "\n" not in report.error
    assert "wide.csv" in report.error and "3" in report.error and "131.072" in report.error
    assert await count(engine, loans) == 0 and await count(engine, import_batches) == 0


# ---- 3. broken quotes and what a loan can be ----


def test_each_money_column_has_a_ceiling_a_loan_cannot_pass() -> None:
    assert first_over_ceiling(dict(MONEY_CEILINGS)) is None
    assert first_over_ceiling({"interest_month": 10**18}) == (
        "interest_month",
        10**18,
        100_000_000,
    )
    assert first_over_ceiling({"balance_total": 5_000_000_001})[0] == "balance_total"  # type: ignore[index]
    assert first_over_ceiling({"savings_balance": 6 * 10**9})[0] == "savings_balance"  # type: ignore[index]
    assert first_over_ceiling({"amount_lent": None, "interest_month": 99_000_000}) is None


async def test_amounts_no_social_policy_loan_has_refuse_their_rows(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    rows = bank_rows()
    rows[0][HEADER.index("Lãi DT trong tháng")] = 1e18  # an Excel number, not text
    rows[1][HEADER.index("Số dư tiền gửi")] = "6.000.000.000"
    report = await import_file(engine, write_xlsx(tmp_path / "huge.xlsx", HEADER, rows))
    assert report.error is None
    why = reasons(report)
    assert "Lãi DT trong tháng" in why[6] and "100.000.000 đ" in why[6]
    assert "Số dư tiền gửi" in why[7] and "6.000.000.000 đ" in why[7]
    assert await count(engine, loans) == 1 and await count(engine, customers) == 1


async def test_a_minimum_savings_no_group_has_refuses_its_leaders_row(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    await import_file(engine, write_xlsx(tmp_path / "l.xlsx", HEADER, bank_rows()))
    path = write_csv(
        tmp_path / "tt.csv",
        ["Mã tổ", "Mã KH tổ trưởng", "Tiền gửi tối thiểu"],
        [["T01", "KH001", "200.000.000"], ["T01", "KH001", "50.000"]],
    )
    report = await import_file(engine, path)
    assert report.error is None and [line for line, _ in report.rejected] == [2]
    assert "Tiền gửi tối thiểu" in report.rejected[0][1]
    assert "100.000.000 đ" in report.rejected[0][1]


SCHEDULE = "Tên xã;Ngày giao dịch;Giờ;Địa điểm\n"


async def test_a_quote_never_closed_refuses_the_file_naming_its_line(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    path = tmp_path / "lich.csv"
    path.write_text(
        SCHEDULE
        + 'Đại Tâm;17;7h30;"Trụ sở UBND xã Đại Tâm\n'
        + "".join(f"Xã số {n};{n};7h30;Nhà văn hóa ấp {n}\n" for n in range(1, 12)),
        encoding="utf-8",
    )
    report = await import_file(engine, path)
    assert report.error is not None and "\n" not in report.error
    assert "lich.csv" in report.error and "dòng 2" in report.error and '"' in report.error
    assert await count(engine, schedules) == 0 and await count(engine, communes) == 0


async def test_a_quote_closed_lines_later_also_refuses_the_file(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    path = tmp_path / "lich.csv"
    path.write_text(
        SCHEDULE
        + "Phú Mỹ;5;7h;UBND\n"
        + 'Đại Tâm;17;7h30;"Trụ sở UBND\n'
        + "Xã A;3;7h;Ấp 1\n"
        + 'Xã B;4;7h;"Ấp 2"\n',
        encoding="utf-8",
    )
    report = await import_file(engine, path)
    assert report.error is not None and "dòng 3" in report.error
    assert await count(engine, schedules) == 0


async def test_a_quoted_line_break_inside_an_address_is_still_read(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    path = tmp_path / "lich.csv"
    path.write_text(SCHEDULE + 'Đại Tâm;17;7h30;"Trụ sở UBND\nxã Đại Tâm"\n', encoding="utf-8")
    report = await import_file(engine, path)
    assert report.error is None and report.kept == 1


async def test_a_place_longer_than_its_column_refuses_its_row(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "lich.csv",
        ["Tên xã", "Ngày giao dịch", "Giờ", "Địa điểm"],
        [["Đại Tâm", "17", "7h", "Nhà văn hóa " * 40], ["Phú Mỹ", "15", "7h", "UBND"]],
    )
    report = await import_file(engine, path)
    assert report.error is None and [line for line, _ in report.rejected] == [2]
    assert "Địa điểm" in report.rejected[0][1] and "300" in report.rejected[0][1]


# ---- 4. encodings ----


def unicode_text(rows: list[list[Any]]) -> str:
    """What Excel's "Unicode Text" holds: tab-separated lines, quoted where needed."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t")
    for row in [HEADER, *rows]:
        writer.writerow(["" if c is None else c for c in row])
    return out.getvalue()


async def test_a_utf16_file_with_bom_is_read_like_utf8(engine: AsyncEngine, tmp_path: Path) -> None:
    path = tmp_path / "hstd.csv"
    path.write_bytes(unicode_text(csv_rows()).encode("utf-16"))  # BOM, little-endian
    report = await import_file(engine, path)
    assert report.error is None and report.kind == "loans"
    assert (report.kept, report.skipped, len(report.rejected)) == (3, 2, 1)
    await assert_bank_file_stored(engine)


async def test_a_big_endian_utf16_file_with_bom_is_read(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    path = tmp_path / "hstd.txt"
    path.write_bytes(("\ufeff" + unicode_text(csv_rows())).encode("utf-16-be"))
    report = await import_file(engine, path)
    assert report.error is None and report.kept == 3
    assert (await loan(engine, "KU002")).balance_overdue == 500_000


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("no_bom.csv", "utf-16-le"), ("utf32.csv", "utf-32"), ("vn.csv", "cp1258")],
)
async def test_other_encodings_are_told_to_save_as_csv_utf8(
    engine: AsyncEngine, tmp_path: Path, name: str, encoding: str
) -> None:
    path = tmp_path / name
    text = unicodedata.normalize("NFD", unicode_text(csv_rows()))  # Windows-1258 combines marks
    path.write_bytes(text.encode(encoding, errors="replace"))
    report = await import_file(engine, path)
    assert report.error is not None and "\n" not in report.error
    assert name in report.error and "CSV UTF-8" in report.error
    assert await count(engine, loans) == 0


# ---- 1. sheets no bank export has, and the child process that reads them ----

XFD_HEADER = inline_row(1, ["Mã KH", "Tên KH", "Số khế ước"])


def far_cell_xlsx(path: Path, dimension: str | None) -> Path:
    """The 1.7 KB file of the issue: a header and one cell at XFD1048576."""
    write_xlsx(path, ["x"], [], title=False)
    cells = XFD_HEADER + inline_row(1048576, ["x"], first="XFD")
    return with_sheet_xml(path, sheet_xml(cells, dimension))


def run_import(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`python -m bot import FILE` as an officer runs it: its own process, its own database."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOT_TOKEN"}}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    return subprocess.run(
        [sys.executable, "-m", "bot", "import", str(path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_cell_at_xfd1048576_is_refused_in_one_line_without_reading_it(tmp_path: Path) -> None:
    path = far_cell_xlsx(tmp_path / "xfd.xlsx", "A1:XFD1048576")
    assert path.stat().st_size < 8192
    result = run_import(path, tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and "xfd.xlsx" in lines[0]
    assert "XFD" in lines[0] and "200" in lines[0]


def test_without_a_dimension_the_cells_are_counted(tmp_path: Path) -> None:
    result = run_import(far_cell_xlsx(tmp_path / "nodim.xlsx", None), tmp_path)
    assert result.returncode == 1 and "XFD" in result.stdout and "200" in result.stdout


def test_a_dimension_that_overstates_an_honest_sheet_does_not_refuse_it(
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "wide_dim.xlsx", ["x"], [], title=False)
    cells = inline_row(1, ["Tên xã", "Ngày giao dịch", "Giờ"]) + inline_row(
        2, ["Đại Tâm", "17", "7h"]
    )
    with_sheet_xml(path, sheet_xml(cells, "A1:XFD1048576"))
    result = run_import(path, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lịch giao dịch" in result.stdout


def test_a_sheet_taller_than_any_export_is_refused_with_its_range(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "tall.xlsx", ["x"], [], title=False)
    cells = XFD_HEADER + inline_row(1_000_000, ["x"], first="AZ")
    with_sheet_xml(path, sheet_xml(cells))
    result = run_import(path, tmp_path)
    assert result.returncode == 1 and "A1:AZ1000000" in result.stdout
    assert "20.000.000" in result.stdout


def test_column_letters_and_numbers() -> None:
    assert [column_name(n) for n in (1, 26, 27, 52, 200, 703, 16384)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "GR",
        "AAA",
        "XFD",
    ]
    assert column_index(b"xfd") == column_index(b"XFD") == 16384


@given(st.integers(min_value=0, max_value=2_000_000), st.integers(min_value=0, max_value=10**8))
def test_digits_greater_than_matches_exactly_the_larger_numbers(n: int, m: int) -> None:
    assert bool(re.fullmatch(digits_greater_than(n), str(m))) == (m > n)


@given(st.integers(min_value=0, max_value=20_000), st.integers(min_value=1, max_value=20_000))
def test_letters_greater_than_matches_exactly_the_later_columns(n: int, m: int) -> None:
    pattern = letters_greater_than(n)
    assert bool(re.fullmatch(pattern, column_name(m))) == (m > n)
    assert bool(re.fullmatch(pattern, column_name(m).lower())) == (m > n)


def test_the_dimension_is_read_from_before_the_cells() -> None:
    said = read_dimension(sheet_xml(inline_row(1, ["x"]), "B2:AE200005").encode())
    assert said is not None and (said.min_col, said.max_col, said.max_row) == (2, 31, 200005)
    assert said.cells == 30 * 200004 and said.fits()
    assert read_dimension(sheet_xml(inline_row(1, ["x"])).encode()) is None
    huge = read_dimension(sheet_xml("", "A1:XFD1048576").encode())
    assert huge is not None and not huge.fits()


SURVIVOR = """
import asyncio, sys
from pathlib import Path
from locales.i18n import set_locale
from storage.db import open_database
from storage.importer import import_file

async def main():
    set_locale("vi")
    engine = await open_database(sys.argv[1])
    for name in sys.argv[2:]:
        report = await import_file(engine, Path(name))
        print(report.error or f"kept {report.kept}")
    await engine.dispose()

asyncio.run(main())
"""


def test_a_file_that_exhausts_the_reader_is_refused_and_the_caller_lives_on(
    tmp_path: Path,
) -> None:
    """The dimension lies small, so only the child's memory limit stands between calamine's
    549 GB allocation and the process that imports (the bot, here a script)."""
    liar = far_cell_xlsx(tmp_path / "liar.xlsx", "A1:C1")
    good = write_xlsx(tmp_path / "hstd.xlsx", HEADER, bank_rows())
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-c", SURVIVOR, url, str(liar), str(good)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    refusal, kept = result.stdout.strip().splitlines()
    assert refusal.startswith("liar.xlsx:") and "an toàn" in refusal
    assert kept == "kept 3"


async def test_a_csv_row_wider_than_any_export_refuses_the_file(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    rows = csv_rows()
    rows[1] = rows[1] + [""] * 300
    report = await import_file(engine, write_csv(tmp_path / "wide.csv", HEADER, rows))
    assert report.error is not None and "dòng 3" in report.error and "200" in report.error
    assert await count(engine, loans) == 0


def test_the_rows_from_the_child_can_only_be_plain_values() -> None:
    plain = [(1, ["KH001", 1.5, None, date(2026, 10, 31), datetime(2026, 1, 1, 7, 30)])]
    assert _PlainUnpickler(io.BytesIO(pickle.dumps(("rows", plain)))).load() == ("rows", plain)
    with pytest.raises(pickle.UnpicklingError):
        _PlainUnpickler(io.BytesIO(pickle.dumps(("rows", [Path("/etc/passwd")])))).load()


async def test_rows_arrive_whole_and_in_order_across_many_frames(tmp_path: Path) -> None:
    header = ["Tên xã", "Ngày", "Giờ", "Địa điểm"]
    rows = [[f"Xã {n % 7}", date(2026, 1 + n % 12, 1 + n % 28), "7h", "UBND"] for n in range(2500)]
    path = write_xlsx(tmp_path / "many.xlsx", header, rows, title=False)
    with IsolatedRows(path) as source:
        await source.start()
        got = list(source.rows())
    assert [line for line, _ in got] == list(range(1, 2502))
    last, day = got[-1][1][:2]
    assert last == "Xã 0" and day in (date(2026, 4, 8), datetime(2026, 4, 8))
