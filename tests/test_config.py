"""Settings: defaults of the contract, `.env` below the environment, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from storage.db import to_async_url


def test_defaults_are_the_contract(tmp_path: Path) -> None:
    settings = load_settings({}, tmp_path / "none.env")
    assert settings.database_url == "sqlite:///var/bot.sqlite3"
    assert settings.telegram_api_url == "https://api.telegram.org/bot"
    assert str(settings.timezone) == "Asia/Ho_Chi_Minh"
    assert settings.port == 8080 and settings.bot_token is None


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text('# comment\nexport BOT_TOKEN="123:abc"\nPORT=9000\n', encoding="utf-8")
    settings = load_settings({"PORT": "9100"}, dotenv)
    assert settings.bot_token == "123:abc" and settings.port == 9100


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///var/bot.sqlite3", "sqlite+aiosqlite:///var/bot.sqlite3"),
        ("sqlite:////abs/bot.db", "sqlite+aiosqlite:////abs/bot.db"),
        ("postgresql://u@h/db", "postgresql+asyncpg://u@h/db"),
    ],
)
def test_database_urls(url: str, expected: str) -> None:
    assert to_async_url(url) == expected


@pytest.mark.parametrize(
    "env",
    [
        {"DATABASE_URL": "oracle://x"},
        {"BOT_TIMEZONE": "Nowhere/City"},
        {"PORT": "70000"},
        {"TELEGRAM_API_URL": "api.telegram.org"},
        {"SEND_RATE": "0"},
        {"SEND_RATE": "fast"},
        {"QUIET_HOURS": "8"},
        {"QUIET_HOURS": "25-6"},
    ],
)
def test_bad_values_raise_config_error(env: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(env, tmp_path / "none.env")


def test_outbox_pace_and_quiet_hours(tmp_path: Path) -> None:
    default = load_settings({}, tmp_path / "none.env")
    assert default.send_rate == 28 and default.quiet_hours == (20, 7)
    custom = load_settings({"SEND_RATE": "10", "QUIET_HOURS": "21-6"}, tmp_path / "none.env")
    assert custom.send_rate == 10 and custom.quiet_hours == (21, 6)
    assert load_settings({"QUIET_HOURS": "off"}, tmp_path / "none.env").quiet_hours is None
