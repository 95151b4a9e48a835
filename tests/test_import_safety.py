"""Files that try to break the importer: huge numbers, huge cells, broken quotes, other
encodings. Each is refused clearly (the row with its line number, or the whole file in one
sentence) and the rest of the file goes on; nothing a file holds stops the import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from storage.importer import import_file
from storage.schema import import_batches, loans, schedules
from tests.bankfiles import HEADER, bank_rows, count, loan, write_csv, write_xlsx

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
