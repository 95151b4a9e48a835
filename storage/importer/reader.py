"""Reading a bank file row by row: `.xlsx`/`.xls`/`.ods` through python-calamine, `.csv` as text
(`csv_rows.py`).

Each row comes out as `(line_number, cells)`, line numbers as the officer sees them in Excel.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineSheet, CalamineWorkbook

from locales.i18n import _
from storage.importer.csv_rows import csv_rows
from storage.importer.sheet_bounds import checked_load, locate_sheet, preferred_sheet
from storage.importer.unreadable import UnreadableFile

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
ZIP_XML_SUFFIXES = {".xlsx", ".xlsm"}  # measured by sheet_bounds.py before calamine's range

Row = tuple[int, list[Any]]

__all__ = ["OpenedFile", "Row", "UnreadableFile", "open_rows"]


@dataclass
class OpenedFile:
    path: Path
    rows: Iterator[Row]


def open_rows(path: Path) -> OpenedFile:
    if not path.is_file():
        raise UnreadableFile(_("{file}: no such file.").format(file=path))
    if path.stat().st_size == 0:
        raise UnreadableFile(_("{file}: the file is empty.").format(file=path.name))
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return OpenedFile(path, _excel_rows(path))
    if suffix in {".csv", ".txt"}:
        return OpenedFile(path, csv_rows(path))
    raise UnreadableFile(
        _("{file}: not a spreadsheet (expected .xlsx or .csv).").format(file=path.name)
    )


def _excel_rows(path: Path) -> Iterator[Row]:
    """The preferred sheet's rows; an `.xlsx` sheet is measured before its cells are used."""
    part = locate_sheet(path) if path.suffix.lower() in ZIP_XML_SUFFIXES else None
    try:
        sheet = checked_load(path, part, lambda: _load_sheet(path))
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine's, zip's and XML errors alike
        raise UnreadableFile(
            _("{file}: not a readable Excel file ({reason}).").format(
                file=path.name, reason=type(exc).__name__
            )
        ) from None
    first_line = sheet.start[0] + 1 if sheet.start else 1
    return enumerate(sheet.iter_rows(), start=first_line)


def _load_sheet(path: Path) -> CalamineSheet:
    workbook = CalamineWorkbook.from_path(str(path))
    names = workbook.sheet_names
    if not names:
        raise UnreadableFile(_("{file}: the file is empty.").format(file=path.name))
    return workbook.get_sheet_by_name(preferred_sheet(names))
