"""Reading a CSV bank file: its encoding (UTF-8, or UTF-16 with a BOM) and delimiter from a
sample, then its records streamed from disk, refusing the file when a broken quote or a huge
cell would misread it.

Records are numbered as Excel shows them (a quoted line break does not start a new row).
"""

from __future__ import annotations

import codecs
import csv
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from locales.i18n import _
from storage.importer.unreadable import UnreadableFile, format_count

SAMPLE_BYTES = 1 << 16
DELIMITERS = (";", ",", "\t")

Row = tuple[int, list[Any]]


def csv_rows(path: Path) -> Iterator[Row]:
    """Checked on a sample first (binary, encoding, delimiter), then streamed from disk."""
    with path.open("rb") as handle:
        sample_bytes = handle.read(SAMPLE_BYTES)
    encoding = _encoding(path, sample_bytes)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        sample = decoder.decode(sample_bytes, final=len(sample_bytes) < SAMPLE_BYTES)
    except UnicodeDecodeError:
        raise _not_utf8(path) from None
    if not sample.strip():
        raise UnreadableFile(_("{file}: the file is empty.").format(file=path.name))
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    delimiter = max(DELIMITERS, key=lambda d: sum(line.count(d) for line in lines))
    per_line = statistics.median_low(line.count(delimiter) for line in lines)
    return _records(path, encoding, delimiter, swallowed=max(2, per_line // 2))


def _encoding(path: Path, sample: bytes) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with its BOM as Excel's "Unicode Text" saves it.

    Text in any other encoding is told to be saved as CSV UTF-8; bytes that are no text at
    all are not a spreadsheet.
    """
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _not_utf8(path)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the codec reads the BOM and the byte order from it
    head = sample[:4096]
    if b"\x00" not in head:
        return "utf-8-sig"
    if _looks_like_utf16(head):
        raise _not_utf8(path)
    raise UnreadableFile(
        _("{file}: not a spreadsheet (expected .xlsx or .csv).").format(file=path.name)
    )


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 text without a BOM: digits and separators leave every other byte zero."""
    return any(half.count(0) > len(half) * 0.3 for half in (head[0::2], head[1::2]))


def _not_utf8(path: Path) -> UnreadableFile:
    return UnreadableFile(
        _("{file}: the CSV file is not UTF-8 text; save it as CSV UTF-8.").format(file=path.name)
    )


def _records(path: Path, encoding: str, delimiter: str, swallowed: int) -> Iterator[Row]:
    """The records in order; a record spanning lines is checked for a quote left open.

    `swallowed`: a line inside one cell with this many delimiters is a row of the file that an
    open quote swallowed, not a line break typed in an address.
    """
    number = 0
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            last_line = 0
            for number, cells in enumerate(reader, start=1):
                if reader.line_num - last_line > 1 and _quote_left_open(
                    cells, delimiter, swallowed
                ):
                    raise _open_quote(path, number)
                last_line = reader.line_num
                yield number, cells
        except UnicodeDecodeError:
            raise _not_utf8(path) from None
        except csv.Error as exc:
            raise _broken_csv(path, number + 1, exc) from None


def _quote_left_open(cells: list[str], delimiter: str, swallowed: int) -> bool:
    """A cell holding a line break followed by a line with the delimiters of a whole row."""
    for cell in cells:
        if "\n" in cell or "\r" in cell:
            following = cell.splitlines()[1:]
            if any(line.count(delimiter) >= swallowed for line in following):
                return True
    return False


def _open_quote(path: Path, line: int) -> UnreadableFile:
    return UnreadableFile(
        _(
            '{file}: on line {line} a quote (") is not closed, so the lines after it would be '
            "read as one cell; fix the quote and send the file again"
        ).format(file=path.name, line=line)
    )


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
