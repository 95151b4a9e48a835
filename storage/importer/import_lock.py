"""One import at a time per database, and a lock that a killed process cannot leave behind.

An import (staging, applying, finishing) and the start-up check for an interrupted one run
while holding this lock; a second import waits for it. The lock belongs to the operating
system or the database server, not to a row: when its holder dies (even by kill -9) it is
free again, so whoever takes it next knows that any batch still `staging` or `applying` has
no owner (`staged.finish_interrupted`).

- SQLite: `flock` on a file beside the database (`PATH.import-lock`); the kernel releases it
  when the process ends. A database with no file (`:memory:`), or a system without `flock`,
  has one lock per process.
- PostgreSQL: a session advisory lock on its own connection; the server releases it when
  that connection ends.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

POLL_SECONDS = 0.2
_ADVISORY_KEY = 7_310_001  # any constant: "the import" among this database's advisory locks
_IN_PROCESS: dict[str, asyncio.Lock] = {}

try:
    import fcntl

    _HAS_FLOCK = True
except ImportError:  # not a Unix: one lock per process
    _HAS_FLOCK = False


class ImportBusy(Exception):
    """Another import holds the lock (only with `wait=False`)."""


@contextlib.asynccontextmanager
async def import_lock(engine: AsyncEngine, *, wait: bool = True) -> AsyncIterator[None]:
    """Hold the database's import lock; wait for it (polling, the loop stays free), or raise
    ImportBusy at once with `wait=False`."""
    if engine.dialect.name == "postgresql":
        async with _advisory(engine, wait):
            yield
        return
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or not _HAS_FLOCK:
        lock = _IN_PROCESS.setdefault(database, asyncio.Lock())
        if not wait and lock.locked():
            raise ImportBusy
        async with lock:
            yield
        return
    async with _flocked(Path(f"{database}.import-lock"), wait):
        yield


@contextlib.asynccontextmanager
async def _flocked(path: Path, wait: bool) -> AsyncIterator[None]:
    handle: IO[bytes] = path.open("ab")
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    raise ImportBusy from None
                await asyncio.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


@contextlib.asynccontextmanager
async def _advisory(engine: AsyncEngine, wait: bool) -> AsyncIterator[None]:
    async with engine.connect() as conn:
        while True:
            got = await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": _ADVISORY_KEY})
            await conn.commit()  # the lock is the session's; no transaction stays open
            if got:
                break
            if not wait:
                raise ImportBusy
            await asyncio.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):  # a lost connection has released it already
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _ADVISORY_KEY})
                await conn.commit()
