"""A SQLite connection that runs in the event loop's own thread, for SQLAlchemy's aiosqlite
dialect (passed as `async_creator`).

aiosqlite hands every call to a worker thread and back; a bot question costs a few indexed
look-ups of microseconds each, so those hand-offs were most of its time (4 ms of 7). Here
each call runs inline. What could block the loop is a lock held by another writer (an
import running in another process): the connection has no busy timeout and instead retries
a locked statement with `await asyncio.sleep`, so other chats keep being served meanwhile.
Bulk work (imports) keeps using aiosqlite's thread, see `storage.db.open_database`.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
LOCK_WAIT_SECONDS = 30.0  # an officer's province-sized import holds the lock ~15 s
_LOCKED = ("database is locked", "database table is locked")


async def _patiently(call: Callable[[], T]) -> T:
    """Run a sqlite3 call; while the database is locked, yield to the loop and try again."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.001
    while True:
        try:
            return call()
        except sqlite3.OperationalError as error:
            if not str(error).startswith(_LOCKED) or time.monotonic() > deadline:
                raise
        await asyncio.sleep(pause)
        pause = min(pause * 2, 0.05)


class InlineCursor:
    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __await__(self) -> Any:
        async def itself() -> InlineCursor:
            return self

        return itself().__await__()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Any = ()) -> InlineCursor:
        await _patiently(lambda: self._cursor.execute(sql, parameters))
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> InlineCursor:
        rows = list(parameters)
        await _patiently(lambda: self._cursor.executemany(sql, rows))
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    def __aiter__(self) -> InlineCursor:
        return self

    async def __anext__(self) -> Any:
        row = self._cursor.fetchone()
        if row is None:
            raise StopAsyncIteration
        return row


class _ImmediateQueue:
    """What SQLAlchemy's adapter expects at `connection._tx` to set the isolation level."""

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as error:
            future.set_exception(error)


class InlineConnection:
    """The subset of `aiosqlite.Connection` that SQLAlchemy's aiosqlite dialect uses."""

    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(path, timeout=0, check_same_thread=False)
        self._connection: sqlite3.Connection | None = self._conn
        self._tx = _ImmediateQueue()

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    def cursor(self) -> InlineCursor:
        return InlineCursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> InlineCursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        await _patiently(self._conn.commit)

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        if self._connection is not None:
            self._conn.close()
            self._connection = None

    def stop(self) -> None:
        if self._connection is not None:
            self._conn.close()
            self._connection = None

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)


def creator(path: str) -> Callable[[], Awaitable[InlineConnection]]:
    async def connect() -> InlineConnection:
        return InlineConnection(path)

    return connect
