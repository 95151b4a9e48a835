"""Shared fixtures: a fresh SQLite database per test, migrated to head."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from locales.i18n import set_locale
from storage.db import open_database


@pytest.fixture(autouse=True)
def vietnamese_by_default() -> None:
    """Every test starts in Vietnamese, the product's default locale."""
    set_locale("vi")


@pytest.fixture(autouse=True)
def no_log_handler_left() -> Iterator[None]:
    """A test that sets up logging as `run` does leaves the root logger as it found it."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if getattr(h, "redacting", False)]:
        root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
async def db_url(tmp_path: Path) -> AsyncIterator[str]:
    """A fresh database: SQLite in the test's folder, or, when TEST_DATABASE_URL names a
    PostgreSQL server (`postgresql://user@host:port`), a new database on it, dropped after."""
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{tmp_path / 'bot.sqlite3'}"
        return
    import asyncpg  # type: ignore[import-untyped]  # only needed for this optional run

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(f"{server.rstrip('/')}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server.rstrip('/')}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[object]:
    engine = await open_database(db_url)
    yield engine
    await engine.dispose()


from tests.bot_fixtures import harness, running  # noqa: E402, F401  (fixtures for bot stories)
from tests.tally_fixtures import clock  # noqa: E402, F401  (the stories' movable clock)


@pytest.fixture(scope="session", autouse=True)
def fitted_model() -> None:
    """The intent model fitted (or loaded) once per worker before any story starts: on a
    fresh clone the first fit takes 10-40 s, which a story's reply timeout would count."""
    from bot.nlu import classifier

    classifier.trained()
