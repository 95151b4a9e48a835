"""Shared fixtures: a fresh SQLite database per test, migrated to head."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.i18n import set_locale
from storage.db import open_database


@pytest.fixture(autouse=True)
def vietnamese_by_default() -> None:
    """Every test starts in Vietnamese, the product's default locale."""
    set_locale("vi")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'bot.sqlite3'}"


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[object]:
    engine = await open_database(db_url)
    yield engine
    await engine.dispose()


from tests.bot_fixtures import harness, running  # noqa: E402, F401  (fixtures for bot stories)
