"""What every kind of import shares: the report, row skipping rules, chunked look-ups, communes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, CursorResult, Date, Table, bindparam, select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from locales.formatting import format_money
from locales.i18n import _
from locales.textfold import fold
from storage.db import inserted_id
from storage.schema import communes
from storage.values import is_blank

CHUNK = 5000
TOTAL_ROW_WORDS = ("tong cong", "cong", "tong so", "tong")


@dataclass
class ImportReport:
    """What one file did; printed per file by `python -m bot import`."""

    file: str
    kind: str | None = None
    rows_read: int = 0
    kept: int = 0
    skipped: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    as_of: date | None = None
    applied: bool = False
    error: str | None = None
    # A report rebuilt after a crash keeps the first rejected rows and warnings, and counts
    # the rest here.
    more_rejected: int = 0
    more_warnings: int = 0

    @property
    def rejected_count(self) -> int:
        return len(self.rejected) + self.more_rejected

    @property
    def warnings_count(self) -> int:
        return len(self.warnings) + self.more_warnings

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


class FileRefused(Exception):
    """The whole file is refused (stale snapshot, nothing usable); nothing is stored."""


class RowError(Exception):
    """This row cannot be used; the message is the reason shown with its line number."""


def too_much(column: str, amount: str, ceiling: int) -> RowError:
    """The reason for an amount above its column's ceiling (`ceilings.py`)."""
    return RowError(
        _(
            "column {column}: {amount} is more than a social-policy loan can have there "
            "(at most {ceiling})"
        ).format(column=column, amount=amount, ceiling=format_money(ceiling))
    )


def too_long(column: str, limit: int) -> RowError:
    return RowError(_("column {column}: longer than {n} characters").format(column=column, n=limit))


def is_blank_row(cells: Sequence[object]) -> bool:
    return all(is_blank(c) for c in cells)


def is_total_row(cells: Sequence[object]) -> bool:
    """`Tổng cộng`, `Cộng`, `Tổng số` in one of the first non-blank text cells."""
    seen = 0
    for cell in cells:
        if is_blank(cell):
            continue
        if isinstance(cell, str):
            key = fold(cell).rstrip(":. ")
            if key in TOTAL_ROW_WORDS or key.startswith(("tong cong", "cong:")):
                return True
        seen += 1
        if seen >= 3:
            return False
    return False


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def fetch_by_keys(
    conn: AsyncConnection, table: Table, key: Column[Any], keys: Sequence[Any]
) -> dict[Any, Any]:
    """`{key: row}` for the rows whose `key` is in `keys` (looked up in chunks, any database)."""
    found: dict[Any, Any] = {}
    for part in chunks(list(keys)):
        result = await conn.execute(select(table).where(key.in_(part)))
        for row in result:
            found[row._mapping[key.name]] = row
    return found


async def bulk_insert(conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT many rows with one statement compiled for this database's dialect.

    Plain `conn.execute(table.insert(), rows)` processes every parameter of every row in
    Python; here the statement is compiled once, rows become tuples in C (`itemgetter`) and
    only the columns whose type needs converting on this dialect are touched.
    """
    if not rows:
        return
    columns = list(rows[0])
    dialect = conn.dialect
    compiled = table.insert().values({c: bindparam(c) for c in columns}).compile(dialect=dialect)
    order = list(compiled.positiontup or columns)
    converters = [
        (i, converter)
        for i, c in enumerate(order)
        if (converter := _bind_converter(table.c[c].type, dialect)) is not None
    ]
    pick = itemgetter(*order)
    params: list[Any] = []
    for row in rows:
        values = pick(row)
        if converters:
            values = list(values)
            for i, convert in converters:
                values[i] = convert(values[i])
        params.append(
            tuple(values) if compiled.positional else dict(zip(order, values, strict=True))
        )
    for part in chunks(params, 10_000):
        await conn.exec_driver_sql(str(compiled), list(part))


def _iso_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _bind_converter(column_type: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """SQLite stores DATE as ISO text (SQLAlchemy's format); other types use the dialect's own."""
    if dialect.name == "sqlite" and isinstance(column_type, Date):
        return _iso_date
    processor: Callable[[Any], Any] | None = column_type.dialect_impl(dialect).bind_processor(
        dialect
    )
    return processor


def new_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT created."""
    return inserted_id(result)


class CommuneResolver:
    """Finds or creates communes by code or folded name, caching within one import."""

    def __init__(self, conn: AsyncConnection, report: ImportReport, *, create: bool) -> None:
        self.conn = conn
        self.report = report
        self.create = create
        self.by_code: dict[str, int] = {}
        self.by_key: dict[str, int] = {}
        self.loaded = False

    async def _load(self) -> None:
        for row in await self.conn.execute(
            select(communes.c.id, communes.c.code, communes.c.name_key)
        ):
            if row.code:
                self.by_code[row.code] = row.id
            self.by_key[row.name_key] = row.id
        self.loaded = True

    async def lookup(self, name: str, code: str) -> int | None:
        """The stored commune by code or folded name, changing nothing."""
        if not self.loaded:
            await self._load()
        if code and code in self.by_code:
            return self.by_code[code]
        key = fold(name)
        return self.by_key.get(key) if key else None

    async def resolve(self, name: str, code: str, office: str = "") -> int | None:
        if not self.loaded:
            await self._load()
        if code and code in self.by_code:
            return self.by_code[code]
        key = fold(name)
        if key and key in self.by_key:
            commune_id = self.by_key[key]
            if code:
                await self.conn.execute(
                    communes.update().where(communes.c.id == commune_id).values(code=code)
                )
                self.by_code[code] = commune_id
            return commune_id
        if not self.create or not key:
            return None
        result = await self.conn.execute(
            communes.insert().values(
                code=code or None, name=name, name_key=key, office_name=office or None
            )
        )
        commune_id = new_id(result)
        self.by_key[key] = commune_id
        if code:
            self.by_code[code] = commune_id
        self.report.add("communes_added")
        return commune_id
