"""Files that try to break the importer: huge numbers, huge cells, broken quotes, other
encodings. Each is refused clearly (the row with its line number, or the whole file in one
sentence) and the rest of the file goes on; nothing a file holds stops the import."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.importer import import_file
from storage.importer.ceilings import MONEY_CEILINGS, first_over_ceiling
from storage.schema import communes, customers, import_batches, loans, schedules
from tests.bankfiles import (
    HEADER,
    assert_bank_file_stored,
    bank_rows,
    count,
    loan,
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
