"""A loans file applied without holding the database for the whole file, and still all or
nothing across a crash.

One transaction for a million rows held SQLite's only write lock for a minute: every chat,
the sender and the inbox waited, and gave up after 30 s. Instead an import batch
(`import_batches`, one row per file) goes through states, each step a short transaction:

1. `staging`: the rows the child process reads are checked (`loan_rows.py`; with an
   officer's scope, rows outside it are refused here) and written, a chunk of
   ~CHUNK_RECORDS records per row, into `import_staging`. Nothing live is touched. A chunk
   ends where a group ends when it can, so a group is applied whole. When the whole file is
   read, a file with nothing usable or older than what is stored is refused: its staged
   rows and its batch row are deleted, and the database is as it was.
2. `applying`: one transaction moves the batch here with everything resuming needs (`plan`:
   each group's data date, whether this is a first load, the officer for the audit log,
   the report so far). From now the file will be applied whole. Each chunk is applied in
   its own transaction, which also advances `chunks_applied` and saves the report's counts,
   and unlinks the chats whose customer's phone or CCCD the chunk changed (with the audit
   row): the chunk and its cursor commit together or not at all. Between chunks the write
   lock is free (on SQLite a short pause lets waiting writers in).
3. `done`: one last transaction closes the stored loans of the file's groups that it no
   longer lists, infers leaders, and marks the batch done; the staged chunks are then
   deleted.

A crash (kill -9 included) leaves a batch `staging` (never applied: it is dropped) or
`applying` (resumed from its cursor to the end and finished) — see `finish_interrupted`,
which runs on start-up (`run`, `serve`, `import`) and before every import, under the import
lock (`import_lock.py`) that makes imports one at a time.

While a file is being applied, a chat sees each group either as it was or as the file has
it. Readers that want "the last import" (`reminder_data.data_version`) count done batches.
"""

from __future__ import annotations

import asyncio
import json
import logging
import pickle
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine

from locales.i18n import _
from storage.importer.columns import Header
from storage.importer.common import CommuneResolver, FileRefused, ImportReport
from storage.importer.isolation import load_plain
from storage.importer.loan_rows import LoanRecord, parse_loan_rows
from storage.importer.loans import (
    LoanApplier,
    check_not_stale,
    has_rows,
    load_programs,
    within_scope,
)
from storage.importer.scope import ImportScope
from storage.schema import import_batches, import_staging

log = logging.getLogger(__name__)

CHUNK_RECORDS = 5000  # a chunk's transaction holds SQLite's write lock ~0.1-0.3 s
GROUP_SLACK = 2  # a chunk may grow to this many times CHUNK_RECORDS to end with its group
SQLITE_PAUSE_SECONDS = 0.05  # between chunks: a waiting writer retries every ≤ 50 ms
YIELD_EVERY = 500  # records checked between two turns of the event loop (~10 ms)
KEPT_IN_PLAN = 1000  # rejected rows and warnings saved for a resumed report (the count whole)
STAGING, APPLYING, DONE = "staging", "applying", "done"

_VALUES = attrgetter(*LoanRecord.__slots__)  # a record's fields as a tuple, in order


@dataclass
class Plan:
    """What applying a staged batch needs, saved with the batch when it starts applying."""

    group_as_of: dict[str, date]
    had_customers: bool
    had_loans: bool
    create_communes: bool
    officer_id: int | None

    def to_json(self, report: ImportReport) -> str:
        return json.dumps(
            {
                "group_as_of": {k: v.isoformat() for k, v in self.group_as_of.items()},
                "had_customers": self.had_customers,
                "had_loans": self.had_loans,
                "create_communes": self.create_communes,
                "officer_id": self.officer_id,
                "rows_read": report.rows_read,
                "kept": report.kept,
                "skipped": report.skipped,
                "rejected": report.rejected[:KEPT_IN_PLAN],
                "rejected_total": len(report.rejected),
                "warnings": report.warnings[:KEPT_IN_PLAN],
                "warnings_total": len(report.warnings),
            }
        )

    @staticmethod
    def from_json(text: str, report: ImportReport) -> Plan:
        """The plan, and the report of the staging as it was saved (lists capped)."""
        data = json.loads(text)
        report.rows_read, report.kept, report.skipped = (
            data["rows_read"],
            data["kept"],
            data["skipped"],
        )
        report.rejected = [(int(line), str(why)) for line, why in data["rejected"]]
        report.warnings = [(int(line), str(why)) for line, why in data["warnings"]]
        report.more_rejected = data["rejected_total"] - len(report.rejected)
        report.more_warnings = data["warnings_total"] - len(report.warnings)
        return Plan(
            group_as_of={k: date.fromisoformat(v) for k, v in data["group_as_of"].items()},
            had_customers=data["had_customers"],
            had_loans=data["had_loans"],
            create_communes=data["create_communes"],
            officer_id=data["officer_id"],
        )


def pack(records: list[LoanRecord]) -> bytes:
    """One chunk's records, pickled and compressed (~100 bytes a record: the staged file
    grows the SQLite file by a fifth of what it would otherwise)."""
    data = pickle.dumps([_VALUES(r) for r in records], protocol=pickle.HIGHEST_PROTOCOL)
    return zlib.compress(data, 1)


def unpack(data: bytes) -> list[LoanRecord]:
    """The records of one staged chunk (plain values and dates only, as from the child)."""
    values = load_plain(zlib.decompress(data))
    if not isinstance(values, list):
        raise ValueError("a staged chunk is not a list of records")
    return [LoanRecord(*v) for v in values]


async def _pause(engine: AsyncEngine) -> None:
    """Let another writer take SQLite's write lock between two of our transactions."""
    await asyncio.sleep(SQLITE_PAUSE_SECONDS if engine.dialect.name == "sqlite" else 0)


async def import_loans(
    engine: AsyncEngine,
    header: Header,
    rows: Iterable[tuple[int, list[object]]],
    report: ImportReport,
    *,
    file_name: str,
    file_sha256: str,
    force: bool,
    scope: ImportScope | None,
) -> None:
    """Stage the file, then apply it chunk by chunk (the caller holds the import lock).
    FileRefused or an unreadable file while staging: nothing is left of it."""
    batch_id = await _open_batch(engine, file_name, file_sha256)
    try:
        plan, total = await _stage(engine, batch_id, header, rows, report, force=force, scope=scope)
        await _start_applying(engine, batch_id, plan, total, report)
    except BaseException:
        await drop_batch(engine, batch_id)
        raise
    await _apply(engine, batch_id, plan, report, start=0, total=total)


async def _open_batch(engine: AsyncEngine, file_name: str, file_sha256: str) -> int:
    async with engine.begin() as conn:
        result = await conn.execute(
            import_batches.insert().values(
                file_name=file_name,
                file_sha256=file_sha256,
                kind="loans",
                imported_at=datetime.now(UTC),
                rows_read=0,
                rows_kept=0,
                rows_skipped=0,
                rows_rejected=0,
                summary="{}",
                state=STAGING,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])


async def _stage(
    engine: AsyncEngine,
    batch_id: int,
    header: Header,
    rows: Iterable[tuple[int, list[object]]],
    report: ImportReport,
    *,
    force: bool,
    scope: ImportScope | None,
) -> tuple[Plan, int]:
    """Check every row and write the kept ones to `import_staging`; returns the plan and
    the number of chunks. Raises FileRefused when the file cannot be applied."""
    async with engine.connect() as conn:
        programmes = await load_programs(conn)
        had_customers, had_loans = await has_rows(conn)
        resolver = CommuneResolver(conn, report, create=False)  # looks up, never adds
    limited = scope if scope is not None and not scope.every_commune else None
    group_as_of: dict[str, date] = {}
    chunks = 0
    pending: list[LoanRecord] = []

    async def flush() -> None:
        nonlocal chunks
        async with engine.begin() as conn:
            kept = pending
            if limited is not None:
                resolver.conn = conn
                kept = await within_scope(conn, pending, limited, resolver, report)
            if kept:
                await conn.execute(
                    import_staging.insert().values(
                        batch_id=batch_id,
                        chunk=chunks,
                        records=pack(kept),
                        contracts="\n".join(r.contract_no for r in kept),
                    )
                )
                chunks += 1
        for r in kept:
            if r.as_of > group_as_of.get(r.group_code, date.min):
                group_as_of[r.group_code] = r.as_of
        pending.clear()
        await asyncio.sleep(0)  # a staging transaction is one insert: nobody waits long

    for record in parse_loan_rows(header, rows, report, programmes):
        if len(pending) % YIELD_EVERY == 0:
            await asyncio.sleep(0)  # the rows are checked in the event loop: let chats in
        if len(pending) >= CHUNK_RECORDS and (
            record.group_code != pending[-1].group_code
            or len(pending) >= CHUNK_RECORDS * GROUP_SLACK
        ):
            await flush()
        pending.append(record)
    if pending:
        await flush()
    if not chunks:
        raise FileRefused(_("no usable rows: nothing was stored"))
    async with engine.connect() as conn:
        await check_not_stale(conn, group_as_of, force=force)
    plan = Plan(
        group_as_of=group_as_of,
        had_customers=had_customers,
        had_loans=had_loans,
        create_communes=scope is None or scope.every_commune,
        officer_id=scope.officer_id if scope is not None else None,
    )
    return plan, chunks


async def _start_applying(
    engine: AsyncEngine, batch_id: int, plan: Plan, total: int, report: ImportReport
) -> None:
    """The one step after which the file will be applied whole, whatever happens."""
    async with engine.begin() as conn:
        await conn.execute(
            import_batches.update()
            .where(import_batches.c.id == batch_id)
            .values(
                state=APPLYING,
                chunks_total=total,
                chunks_applied=0,
                plan=plan.to_json(report),
                as_of_date=max(plan.group_as_of.values()),
                rows_read=report.rows_read,
                rows_kept=report.kept,
                rows_skipped=report.skipped,
                rows_rejected=len(report.rejected),
                summary=json.dumps(report.counts, sort_keys=True),
            )
        )


async def _apply(
    engine: AsyncEngine, batch_id: int, plan: Plan, report: ImportReport, *, start: int, total: int
) -> None:
    """Apply the chunks from `start` on, each with its cursor, then finish the batch."""
    applier = LoanApplier(
        report,
        plan.group_as_of,
        create_communes=plan.create_communes,
        # After a crash some of this file's customers are stored already: look them up.
        had_customers=plan.had_customers or start > 0,
        had_loans=plan.had_loans,
    )
    now = datetime.now(UTC)
    for index in range(start, total):
        async with engine.begin() as conn:
            applier.use(conn)
            data = await conn.scalar(
                select(import_staging.c.records).where(
                    import_staging.c.batch_id == batch_id, import_staging.c.chunk == index
                )
            )
            if data is None:
                raise RuntimeError(f"import batch {batch_id}: staged chunk {index} is missing")
            await applier.apply(unpack(data))
            await applier.unlink_changed(now, plan.officer_id)
            await conn.execute(
                import_batches.update()
                .where(import_batches.c.id == batch_id)
                .values(chunks_applied=index + 1, summary=json.dumps(report.counts, sort_keys=True))
            )
        await _pause(engine)
    async with engine.begin() as conn:
        applier.use(conn)
        contracts: set[str] = set()
        if plan.had_loans:
            for (text,) in await conn.execute(
                select(import_staging.c.contracts).where(import_staging.c.batch_id == batch_id)
            ):
                contracts.update(text.split("\n"))
        await applier.finish(contracts)
        await conn.execute(
            import_batches.update()
            .where(import_batches.c.id == batch_id)
            .values(state=DONE, summary=json.dumps(report.counts, sort_keys=True))
        )
    await _delete_staged(engine, batch_id)


async def _delete_staged(engine: AsyncEngine, batch_id: int) -> None:
    """The staged chunks of a batch, a few at a time (each may hold megabytes)."""
    while True:
        async with engine.begin() as conn:
            keys = [
                row.chunk
                for row in await conn.execute(
                    select(import_staging.c.chunk)
                    .where(import_staging.c.batch_id == batch_id)
                    .order_by(import_staging.c.chunk)
                    .limit(20)
                )
            ]
            if not keys:
                return
            await conn.execute(
                delete(import_staging).where(
                    import_staging.c.batch_id == batch_id, import_staging.c.chunk.in_(keys)
                )
            )
        await asyncio.sleep(0)


async def drop_batch(engine: AsyncEngine, batch_id: int) -> None:
    """A batch that was never applied: its staged rows, then its row, as if never begun."""
    await _delete_staged(engine, batch_id)
    async with engine.begin() as conn:
        await conn.execute(
            delete(import_batches).where(
                import_batches.c.id == batch_id, import_batches.c.state == STAGING
            )
        )


async def finish_interrupted(engine: AsyncEngine) -> list[ImportReport]:
    """After a crash (the caller holds the import lock, so no other import is running):
    drop what was only staged, finish what was applying; returns the finished files'
    reports."""
    async with engine.connect() as conn:
        batches = (
            await conn.execute(
                select(import_batches)
                .where(import_batches.c.state.in_([STAGING, APPLYING]))
                .order_by(import_batches.c.id)
            )
        ).all()
        leftovers = {
            row.batch_id for row in await conn.execute(select(import_staging.c.batch_id).distinct())
        }
    reports: list[ImportReport] = []
    for batch in batches:
        if batch.state == STAGING:
            log.warning("import of %s was interrupted before applying: dropped", batch.file_name)
            await drop_batch(engine, batch.id)
            continue
        log.warning(
            "import of %s was interrupted at chunk %d of %d: finishing it",
            batch.file_name,
            batch.chunks_applied,
            batch.chunks_total,
        )
        reports.append(await _resume(engine, batch))
    for batch_id in leftovers - {b.id for b in batches}:  # done, but not yet cleaned up
        await _delete_staged(engine, batch_id)
    return reports


async def _resume(engine: AsyncEngine, batch: Any) -> ImportReport:
    report = ImportReport(file=batch.file_name, kind=batch.kind)
    plan = Plan.from_json(batch.plan, report)
    report.counts = {str(k): int(v) for k, v in json.loads(batch.summary).items()}
    report.notes.append(
        _("finished after an interruption ({done} of {total} parts had been applied)").format(
            done=batch.chunks_applied, total=batch.chunks_total
        )
    )
    await _apply(
        engine, batch.id, plan, report, start=batch.chunks_applied, total=batch.chunks_total
    )
    report.rejected.sort(key=lambda item: item[0])
    report.applied = True
    return report
