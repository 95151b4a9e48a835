"""Opening the database: async engine, SQLite pragmas, Alembic migrations to head."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage.sqlite_inline import creator

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class UnsupportedDatabaseUrl(ValueError):
    """DATABASE_URL names a database the bot cannot use; the message says what to write."""


def to_async_url(url: str) -> str:
    """Map the contract's `sqlite:///PATH` / `postgresql://…` to SQLAlchemy async drivers."""
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith(("sqlite+aiosqlite:///", "postgresql+asyncpg://")):
        return url
    raise UnsupportedDatabaseUrl(
        f"DATABASE_URL={url!r} is not supported: use sqlite:///PATH or postgresql://USER@HOST/DB"
    )


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT created."""
    key = result.inserted_primary_key
    if key is None or key[0] is None:
        raise RuntimeError("the database gave no id for a new row")
    return int(key[0])


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[Any, Any], None]:
    def apply(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.close()

    return apply


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _upgrade(connection: Connection) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")


async def open_database(
    database_url: str, *, migrate: bool = True, inline: bool = False
) -> AsyncEngine:
    """Create the engine for a contract URL (`sqlite:///PATH`) and bring the schema to head.

    `inline=True` runs SQLite calls in the event loop's thread (`storage.sqlite_inline`):
    right for the bot's runtime (many tiny queries) and for command-line jobs that have the
    loop to themselves. The default keeps aiosqlite's worker thread, for long work inside a
    process that also serves chats (an import sent by an officer in the chat).
    """
    url = to_async_url(database_url)
    options: dict[str, Any] = {"hide_parameters": True}  # no phone or balance in any log
    sqlite_path: Path | None = None
    if url.startswith("sqlite+aiosqlite:///"):
        sqlite_path = Path(url.removeprefix("sqlite+aiosqlite:///"))
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        if inline:
            options["async_creator"] = creator(str(sqlite_path))
    engine = create_async_engine(url, **options)
    if sqlite_path is not None:
        busy_ms = 0 if inline else 10_000  # inline connections wait for locks cooperatively
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas(busy_ms))
    if migrate:
        async with engine.begin() as conn:
            await conn.run_sync(_upgrade)
    return engine
