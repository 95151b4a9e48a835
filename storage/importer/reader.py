"""Reading a bank file row by row: `.xlsx`/`.xls`/`.ods` through python-calamine, `.csv` as text.

Each row comes out as `(line_number, cells)`, line numbers as the officer sees them in Excel.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from locales.i18n import _
from storage.importer.common import format_count

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
PREFERRED_SHEET = "bcquery"
CSV_SAMPLE_BYTES = 1 << 16

Row = tuple[int, list[Any]]


class UnreadableFile(Exception):
    """The file cannot be read as a spreadsheet; the message names the file and the reason."""


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
        return OpenedFile(path, _csv_rows(path))
    raise UnreadableFile(
        _("{file}: not a spreadsheet (expected .xlsx or .csv).").format(file=path.name)
    )


def _excel_rows(path: Path) -> Iterator[Row]:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        if not names:
            raise UnreadableFile(_("{file}: the file is empty.").format(file=path.name))
        chosen = next((n for n in names if n.strip().lower() == PREFERRED_SHEET), names[0])
        sheet = workbook.get_sheet_by_name(chosen)
    except UnreadableFile:
        raise
    except (CalamineError, OSError, ValueError, Exception) as exc:  # zip/xml errors too
        raise UnreadableFile(
            _("{file}: not a readable Excel file ({reason}).").format(
                file=path.name, reason=type(exc).__name__
            )
        ) from None
    first_line = sheet.start[0] + 1 if sheet.start else 1
    return enumerate(sheet.iter_rows(), start=first_line)


def _csv_rows(path: Path) -> Iterator[Row]:
    """Checked on a sample first (binary, encoding, delimiter), then streamed from disk."""
    with path.open("rb") as handle:
        sample_bytes = handle.read(CSV_SAMPLE_BYTES)
    if b"\x00" in sample_bytes[:4096]:
        raise UnreadableFile(
            _("{file}: not a spreadsheet (expected .xlsx or .csv).").format(file=path.name)
        )
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        sample = decoder.decode(sample_bytes, final=len(sample_bytes) < CSV_SAMPLE_BYTES)
    except UnicodeDecodeError:
        raise _not_utf8(path) from None
    if not sample.strip():
        raise UnreadableFile(_("{file}: the file is empty.").format(file=path.name))
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    delimiter = max((";", ",", "\t"), key=lambda d: sum(line.count(d) for line in lines))
    return _stream_csv(path, delimiter)


def _not_utf8(path: Path) -> UnreadableFile:
    return UnreadableFile(
        _("{file}: the CSV file is not UTF-8 text; save it as CSV UTF-8.").format(file=path.name)
    )


def _stream_csv(path: Path, delimiter: str) -> Iterator[Row]:
    """Records numbered as Excel shows them (a quoted line break does not start a new row)."""
    number = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            for number, cells in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
                yield number, list(cells)
        except UnicodeDecodeError:
            raise _not_utf8(path) from None
        except csv.Error as exc:
            raise _broken_csv(path, number + 1, exc) from None


def _broken_csv(path: Path, line: int, exc: csv.Error) -> UnreadableFile:
    if "field limit" in str(exc):
        return UnreadableFile(
            _(
                "{file}: line {line} has a cell longer than {n} characters, which no bank "
                'export has (is a quote " left open?)'
            ).format(file=path.name, line=line, n=format_count(csv.field_size_limit()))
        )
    return UnreadableFile(
        _("{file}: line {line} cannot be read as CSV ({reason})").format(
            file=path.name, line=line, reason=exc
        )
    )
