"""Importing one bank file: read it in a child process, detect its kind, check every row, apply
it all or nothing.

Imports run one at a time (`import_lock.py`); each first finishes one a crash interrupted.
A loans file (up to a million rows) is staged and applied in short transactions
(`staged.py`) so that chats, the sender and the inbox keep writing meanwhile; the small
files (schedule, leaders, officers: a few thousand rows at most) are applied in one.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from locales.i18n import _
from storage.importer.child import Row
from storage.importer.columns import HEADER_SEARCH_ROWS, KIND_LABELS, Header, Kind, find_header
from storage.importer.common import FileRefused, ImportReport
from storage.importer.import_lock import ImportBusy, import_lock
from storage.importer.isolation import IsolatedRows
from storage.importer.others import import_leaders, import_officers, import_schedule
from storage.importer.scope import ImportScope
from storage.importer.staged import finish_interrupted, import_loans
from storage.importer.unreadable import UnreadableFile
from storage.schema import import_batches

__all__ = ["ImportReport", "finish_interrupted_imports", "import_file"]

log = logging.getLogger(__name__)


@asynccontextmanager
async def _gc_paused() -> AsyncIterator[None]:
    """A bulk load makes millions of objects and no cycles: collections would only cost time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


async def import_file(
    engine: AsyncEngine, path: Path, *, force: bool = False, scope: ImportScope | None = None
) -> ImportReport:
    """Import one file; `report.error` is set (and nothing stored) when the file is refused.

    The file is read by a child process (`isolation.py`): whatever it holds, this returns.
    `scope`: None from the command line (everything allowed); an officer's (`scope.py`)
    refuses officers and leaders files and the rows of communes outside it.
    """
    async with import_lock(engine):
        for finished in await finish_interrupted(engine):
            log.warning("an interrupted import of %s was finished", finished.file)
        return await _import_locked(engine, path, force=force, scope=scope)


async def finish_interrupted_imports(
    engine: AsyncEngine, *, wait: bool = True
) -> list[ImportReport]:
    """On start-up: finish a loans file a crash left half applied, drop one left half staged
    (`staged.py`); returns the reports of the files finished. With `wait=False`, when an
    import is running (it does this itself first) returns [] at once."""
    try:
        async with import_lock(engine, wait=wait):
            return await finish_interrupted(engine)
    except ImportBusy:
        return []


async def _import_locked(
    engine: AsyncEngine, path: Path, *, force: bool, scope: ImportScope | None
) -> ImportReport:
    report = ImportReport(file=path.name)
    with IsolatedRows(path) as source:
        try:
            await source.start()
            rows = source.rows()
            head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
        except UnreadableFile as exc:
            report.error = str(exc)
            return report
        header = _known_header(path, head, report)
        if header is None:
            return report
        if scope is not None and not scope.allows_kind(header.kind):
            report.error = _(
                "{file}: a {kind} file is loaded with the import command, not sent in the chat. "
                "Nothing was stored."
            ).format(file=path.name, kind=_(KIND_LABELS[header.kind]))
            return report
        try:
            await _apply(
                engine, path, header, itertools.chain(head, rows), report, force=force, scope=scope
            )
        except (FileRefused, UnreadableFile) as exc:
            reason = str(exc).removeprefix(f"{path.name}: ").rstrip(".")
            report.error = _("{file}: {reason}. Nothing was stored.").format(
                file=path.name, reason=reason
            )
            report.counts.clear()
            return report
    report.rejected.sort(key=lambda item: item[0])
    report.applied = True
    return report


def _known_header(path: Path, head: list[Row], report: ImportReport) -> Header | None:
    """The header of one of the four kinds, with every required column; else the refusal is
    in `report.error`."""
    if not head:
        report.error = _("{file}: the file is empty.").format(file=path.name)
        return None
    header = find_header(head)
    if header is None:
        report.error = _(
            "{file}: not one of the bank files (loans, schedule, leaders, officers): "
            "no known header row in the first {n} rows."
        ).format(file=path.name, n=HEADER_SEARCH_ROWS)
        return None
    report.kind = header.kind.value
    if header.missing:
        report.error = _(
            "{file}: looks like a {kind} file but lacks the column(s): {columns}. "
            "Nothing was stored."
        ).format(
            file=path.name, kind=_(KIND_LABELS[header.kind]), columns=", ".join(header.missing)
        )
        return None
    return header


async def _apply(
    engine: AsyncEngine,
    path: Path,
    header: Header,
    rows: Iterable[Row],
    report: ImportReport,
    *,
    force: bool,
    scope: ImportScope | None,
) -> None:
    """A loans file staged and applied in chunks (`staged.py`); the others in one
    transaction, with the batch log row that records it."""
    if header.kind is Kind.LOANS:
        async with _gc_paused():
            await import_loans(
                engine,
                header,
                rows,
                report,
                file_name=path.name,
                file_sha256=_sha256(path),
                force=force,
                scope=scope,
            )
        return
    async with engine.begin() as conn, _gc_paused():
        if header.kind is Kind.SCHEDULE:
            await import_schedule(conn, header, rows, report, scope)
        elif header.kind is Kind.LEADERS:
            await import_leaders(conn, header, rows, report)
        else:
            await import_officers(conn, header, rows, report)
        await conn.execute(
            import_batches.insert().values(
                file_name=path.name,
                file_sha256=_sha256(path),
                kind=header.kind.value,
                as_of_date=report.as_of,
                imported_at=datetime.now(UTC),
                rows_read=report.rows_read,
                rows_kept=report.kept,
                rows_skipped=report.skipped,
                rows_rejected=len(report.rejected),
                summary=json.dumps(report.counts, sort_keys=True),
            )
        )
