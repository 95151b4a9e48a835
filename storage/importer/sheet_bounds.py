"""How big an `.xlsx` sheet is, read from the zip's XML before python-calamine's range is used.

calamine sizes a sheet from the cells that hold a value: one cell at XFD1048576 makes it
allocate 17 billion cells (549 GB) and abort the process. What no bank export has is refused
here: a used cell beyond column 200, more than 20 million cells, more than 2 GiB of sheet XML
or 1 GiB of shared texts.

The sheet's `<dimension ref>` (Excel, LibreOffice, XlsxWriter and openpyxl write it before the
cells) is read first: within the limits, the sheet is taken as it says, at no cost. Without
one, or beyond the limits, every cell reference is counted in a bounded streaming pass, so an
honest file with an inflated dimension still loads. For a large sheet that pass runs beside
calamine's parse (which lets go of the GIL) and calamine's result is only used once it has
passed. A dimension that lies small is caught by the memory limit of the child process that
reads the file (`isolation.py`), not here.
"""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar
from xml.etree import ElementTree

from locales.i18n import _
from storage.importer.unreadable import UnreadableFile, format_count

MAX_COLUMNS = 200
MAX_CELLS = 20_000_000  # a 200,000-loan province is 6.2 million; calamine needs ~125 B a cell
MAX_SHEET_BYTES = 2 << 30
MAX_STRINGS_BYTES = 1 << 30  # the workbook's shared texts, loaded whole by calamine
MAX_PART_BYTES = 16 << 20  # workbook.xml and its relationships
SCAN_FIRST_BYTES = 32 << 20  # a sheet this small is counted before calamine starts
CHUNK_BYTES = 4 << 20
HEAD_BYTES = 1 << 16
PREFERRED_SHEET = "bcquery"

T = TypeVar("T")

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def preferred_sheet(names: list[str]) -> str:
    """The sheet the importer reads: `BCQUERY` when there is one, else the first."""
    return next((n for n in names if n.strip().lower() == PREFERRED_SHEET), names[0])


def column_name(index: int) -> str:
    """1 → `A`, 26 → `Z`, 27 → `AA`, 16384 → `XFD`."""
    name = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def column_index(letters: bytes) -> int:
    """`b"A"` → 1, `b"xfd"` → 16384 (calamine reads either case); four letters at most."""
    index = 0
    for letter in letters[:4].upper():
        index = index * 26 + letter - ord("A") + 1
    return index


def _number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 10 else 10**10  # more than any sheet has rows


def digits_greater_than(n: int) -> str:
    """A regex matching exactly the decimal numbers (no leading zeros) greater than `n` ≥ 0."""
    s = str(n)
    options = [f"[1-9][0-9]{{{len(s)},}}"]
    for i, digit in enumerate(s):
        if digit != "9":
            options.append(f"{s[:i]}[{int(digit) + 1}-9][0-9]{{{len(s) - i - 1}}}")
    return "(?:" + "|".join(options) + ")"


def letters_greater_than(index: int) -> str:
    """A regex matching exactly the column letters (either case) of the columns after `index`."""
    if index < 1:
        return "[A-Za-z]+"
    s = column_name(index)
    options = [f"[A-Za-z]{{{len(s) + 1},}}"]
    for i, letter in enumerate(s):
        if letter != "Z":
            after = chr(ord(letter) + 1)
            same = "".join(f"[{c}{c.lower()}]" for c in s[:i])
            options.append(f"{same}[{after}-Z{after.lower()}-z][A-Za-z]{{{len(s) - i - 1}}}")
    return "(?:" + "|".join(options) + ")"


@dataclass
class Extent:
    """Rows and columns (1-based) of the cells that hold something; empty until one does."""

    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0

    def add(self, rows: tuple[int, int], cols: tuple[int, int]) -> None:
        """Widen to (lowest, highest) row and column."""
        if not self.max_row:
            (self.min_row, self.max_row), (self.min_col, self.max_col) = rows, cols
            return
        self.min_row, self.max_row = min(self.min_row, rows[0]), max(self.max_row, rows[1])
        self.min_col, self.max_col = min(self.min_col, cols[0]), max(self.max_col, cols[1])

    @property
    def cells(self) -> int:
        if not self.max_row:
            return 0
        return (self.max_row - self.min_row + 1) * (self.max_col - self.min_col + 1)

    def fits(self) -> bool:
        return self.max_col <= MAX_COLUMNS and self.cells <= MAX_CELLS

    def ref(self) -> str:
        first = f"{column_name(self.min_col)}{self.min_row}"
        return f"{first}:{column_name(self.max_col)}{self.max_row}"


_DIMENSION = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*?\bref="([A-Za-z]+)([0-9]+)(?::([A-Za-z]+)([0-9]+))?"'
)
_SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData[\s/>]")
_ROW_NUMBER = re.compile(rb'<row r="([0-9]+)"')
_CELL = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"')
# Cells with a value: not self-closing (`<c r="Z9" s="1"/>` only carries a style).
_FULL_COLUMNS = re.compile(rb'<c r="([A-Za-z]+)[0-9]+"[^>]*(?<!/)>')
_FULL_ROWS = re.compile(rb'<c r="[A-Za-z]+([0-9]+)"[^>]*(?<!/)>')
# Any form of a <row> or <c> tag: prefixed, attributes in any order, with or without r.
_ANY_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)([0-9]+)["']""")
_UNUSUAL = (b"<c>", b"<c\t", b"<c\n", b"<c\r", b"<c/", b":c ", b":c>", b":c/")


def read_dimension(head: bytes) -> Extent | None:
    """The `<dimension ref>` in the XML before the cells, if the sheet has one."""
    data = head[: m.start()] if (m := _SHEET_DATA.search(head)) else head
    found = _DIMENSION.search(data)
    if found is None:
        return None
    first_col, first_row, last_col, last_row = found.groups()
    extent = Extent()
    cols = (column_index(first_col), column_index(last_col or first_col))
    extent.add((_number(first_row), _number(last_row or first_row)), cols)
    return extent


class RoughCount:
    """An upper bound of calamine's range from the usual cell tags (`<c r="…"`), cheaply.

    The widest column is exact: a search for a cell right of it, or below the largest row met
    so far, fails in C on almost every chunk. Rows are bounded by each chunk's last `<row r>`
    (a sheet's rows come in order; a cell below that bound is found by the same search).
    Tags in other forms are the exact count's business (and the memory limit's).
    """

    def __init__(self) -> None:
        self.widest = 0
        self.lowest = 0
        self.search: re.Pattern[bytes] | None = None
        self.search_for = (-1, -1)

    def chunk(self, chunk: bytes) -> None:
        # Rows come in order: the chunk's last <row r> bounds it (a cell below is searched for).
        last = chunk.rfind(b'<row r="')
        if last >= 0 and (number := _ROW_NUMBER.match(chunk, last)) is not None:
            self.lowest = max(self.lowest, _number(number.group(1)))
        if self._beyond().search(chunk):
            for letters, digits in _CELL.findall(chunk):
                self.widest = max(self.widest, column_index(letters))
                self.lowest = max(self.lowest, _number(digits))

    def _beyond(self) -> re.Pattern[bytes]:
        key = (self.widest, self.lowest)
        if self.search is None or self.search_for != key:
            cols, rows = letters_greater_than(key[0]), digits_greater_than(key[1])
            self.search = re.compile(f'<c r="(?:{cols}[0-9]|[A-Za-z]+0*{rows}")'.encode())
            self.search_for = key
        return self.search

    @property
    def extent(self) -> Extent:
        extent = Extent()
        if self.widest:
            extent.add((1, max(self.lowest, 1)), (1, self.widest))
        return extent


class CellCount:
    """The cells that hold something, positioned as calamine positions them (it leaves
    valueless cells out, and places a cell written without r after the one before it)."""

    def __init__(self) -> None:
        self.extent = Extent()
        self.row_index = 0  # calamine's counters, for tags written without r
        self.col_index = 0

    def chunk(self, chunk: bytes) -> None:
        usual = chunk.count(b"<c ") == chunk.count(b'<c r="') and not any(
            u in chunk for u in _UNUSUAL
        )
        if not usual:
            self._every_tag(chunk)
            return
        cols = {column_index(c) for c in set(_FULL_COLUMNS.findall(chunk))}
        rows = {_number(r) for r in set(_FULL_ROWS.findall(chunk))}
        if cols and rows:
            self.extent.add((min(rows), max(rows)), (min(cols), max(cols)))

    def _every_tag(self, chunk: bytes) -> None:
        """Tag by tag, following calamine's counters."""
        for closing, name, attributes in _ANY_TAG.findall(chunk):
            closed = closing or attributes.rstrip().endswith(b"/")
            ref = None if closing else _R_ATTR.search(attributes)
            if name == b"row":
                if ref is not None:
                    self.row_index = _number(ref.group(2)) - 1
                if closed:
                    self.row_index, self.col_index = self.row_index + 1, 0
            elif not closing:
                row, col = self.row_index + 1, self.col_index + 1
                if ref is not None and ref.group(1):
                    row, col = _number(ref.group(2)), column_index(ref.group(1))
                self.col_index = col
                if not closed:
                    self.extent.add((row, row), (col, col))


@dataclass(frozen=True)
class SheetPart:
    """The sheet the importer reads, as stored in the zip."""

    name: str
    member: str
    size: int  # as the zip declares it; only used to decide when to count
    dimension: Extent | None


def locate_sheet(path: Path) -> SheetPart | None:
    """The part of the sheet to read; None when the package is not one this can follow (then
    calamine, in the child process, says what is wrong). Refuses oversized shared texts."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.lower() == "xl/sharedstrings.xml" and (
                    info.file_size > MAX_STRINGS_BYTES
                ):
                    raise _too_large(path, "sharedStrings.xml", MAX_STRINGS_BYTES)
            found = _sheet_member(archive)
            if found is None:
                return None
            name, member = found
            with archive.open(member) as stream:
                dimension = read_dimension(stream.read(HEAD_BYTES))
            return SheetPart(name, member, archive.getinfo(member).file_size, dimension)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ElementTree.ParseError, OSError):
        return None


def _part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """A small part of the package, found as calamine finds it (any case); None if absent."""
    member = next((n for n in archive.namelist() if n.lower() == name.lower()), None)
    if member is None:
        return None
    with archive.open(member) as handle:
        data = handle.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise ElementTree.ParseError(f"{name} is larger than {MAX_PART_BYTES} bytes")
    return data


def _sheet_member(archive: zipfile.ZipFile) -> tuple[str, str] | None:
    """(sheet name, zip member) of the sheet the importer reads, as calamine resolves it."""
    workbook, rels = _part(archive, "xl/workbook.xml"), _part(archive, "xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return None
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in ElementTree.fromstring(rels).iter(f"{_RELS}Relationship")
    }
    sheets = [
        (sheet.get("name", ""), targets.get(sheet.get(_REL_ID)) or "")
        for sheet in ElementTree.fromstring(workbook).iter(f"{_MAIN}sheet")
    ]
    if not sheets:
        return None
    name = preferred_sheet([n for n, _t in sheets])
    target = next(t for n, t in sheets if n == name)
    if target.startswith("/"):
        target = target[1:]
    elif not target.startswith("xl/"):
        target = str(PurePosixPath("xl") / target)
    member = next((n for n in archive.namelist() if n.lower() == target.lower()), None)
    return None if member is None or not target else (name, member)


def check_cells(path: Path, part: SheetPart) -> None:
    """Count the sheet's cells; refuse it when it is more than a bank export can be."""
    with zipfile.ZipFile(path) as archive:
        if _count(archive, part, path, RoughCount()).fits():
            return
        extent = _count(archive, part, path, CellCount())
    if extent.max_col > MAX_COLUMNS:
        raise UnreadableFile(
            _(
                "{file}: the sheet {sheet} has cells up to column {column} ({n}); a bank "
                "export has at most {most} columns, so the file was not read"
            ).format(
                file=path.name,
                sheet=part.name,
                column=column_name(extent.max_col),
                n=format_count(extent.max_col),
                most=MAX_COLUMNS,
            )
        )
    if extent.cells > MAX_CELLS:
        raise UnreadableFile(
            _(
                "{file}: the sheet {sheet} spans {cells} cells ({range}); a bank export has at "
                "most {most}, so the file was not read"
            ).format(
                file=path.name,
                sheet=part.name,
                cells=format_count(extent.cells),
                range=extent.ref(),
                most=format_count(MAX_CELLS),
            )
        )


def _count(
    archive: zipfile.ZipFile, part: SheetPart, path: Path, count: RoughCount | CellCount
) -> Extent:
    """Feed the XML in chunks cut before a tag; stop early once it is known too wide."""
    total, carry = 0, b""
    with archive.open(part.member) as stream:
        while block := stream.read(CHUNK_BYTES):
            total += len(block)
            if total > MAX_SHEET_BYTES:
                raise _too_large(path, part.name, MAX_SHEET_BYTES)
            data = carry + block
            cut = data.rfind(b"<")
            chunk, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            count.chunk(chunk)
            if count.extent.max_col > MAX_COLUMNS:
                return count.extent
        count.chunk(carry)
    return count.extent


def _too_large(path: Path, part: str, limit: int) -> UnreadableFile:
    return UnreadableFile(
        _(
            "{file}: {part} is larger than {size} MB unpacked, which no bank export is, so "
            "the file was not read"
        ).format(file=path.name, part=part, size=format_count(limit >> 20))
    )


def checked_load(path: Path, part: SheetPart | None, load: Callable[[], T]) -> T:
    """`load()` (calamine reading the sheet), used only once the sheet is known to fit.

    A sheet whose dimension fits, or that this cannot locate, loads at once; a small one is
    counted first; a large one is counted while calamine parses it, in a second thread.
    """
    if part is None or (part.dimension is not None and part.dimension.fits()):
        return load()
    if part.size <= SCAN_FIRST_BYTES:
        check_cells(path, part)
        return load()
    done: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(load())
        except BaseException as exc:  # handed to the caller below
            failed.append(exc)

    worker = threading.Thread(target=run, name="calamine", daemon=True)
    worker.start()
    check_cells(path, part)  # raises before the loaded sheet is ever looked at
    worker.join()
    if failed:
        raise failed[0]
    return done[0]
