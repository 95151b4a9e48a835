"""Settings from the environment and a `.env` file, validated once with clear errors."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from handlers.rules.quiet_hours import NIGHT, QuietHours
from storage.db import UnsupportedDatabaseUrl, to_async_url

DEFAULTS: dict[str, str] = {
    "TELEGRAM_API_URL": "https://api.telegram.org/bot",
    "DATABASE_URL": "sqlite:///var/bot.sqlite3",
    "BOT_TIMEZONE": "Asia/Ho_Chi_Minh",
    "PORT": "8080",
    "SEND_RATE": "28",
    "QUIET_HOURS": f"{NIGHT[0]}-{NIGHT[1]}",
    "LOG_LEVEL": "INFO",
    "ZALO_API_URL": "https://bot-api.zaloplatforms.com/bot",
    "ZALO_SEND_RATE": "5",
}
LOG_LEVELS = {
    "DEBUG": logging.DEBUG,
    "INFO": logging.INFO,
    "WARNING": logging.WARNING,
    "ERROR": logging.ERROR,
}


class ConfigError(Exception):
    """A setting is wrong; the message is one line meant for the person starting the bot."""


@dataclass(frozen=True)
class Settings:
    bot_token: str | None
    telegram_api_url: str
    database_url: str
    timezone: ZoneInfo
    webhook_url: str | None
    webhook_secret: str | None
    port: int
    send_rate: float = 28.0
    quiet_hours: QuietHours = NIGHT  # nothing from the outbox in between
    log_level: int = logging.INFO  # for every logger; the log is redacted at every level
    # Zalo Bot Platform (bot/channels/zalo/, docs/zalo.md): on when the token is set.
    zalo_bot_token: str | None = None
    zalo_api_url: str = "https://bot-api.zaloplatforms.com/bot"
    zalo_webhook_secret: str | None = None  # for `serve`: X-Bot-Api-Secret-Token
    zalo_send_rate: float = 5.0  # Zalo publishes no limit: start low, watch for 429s
    bank_hotline: str | None = None  # said where the bot cannot help (Zalo's compliance event)

    @property
    def secrets(self) -> list[str | None]:
        """Tokens and secrets the log must never show."""
        return [
            self.bot_token,
            self.webhook_secret,
            self.zalo_bot_token,
            self.zalo_webhook_secret,
        ]

    @property
    def async_database_url(self) -> str:
        return to_async_url(self.database_url)


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines; `#` comments, `export ` prefixes and quotes are tolerated."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def load_settings(environ: Mapping[str, str] | None = None, dotenv: Path | None = None) -> Settings:
    """Environment wins over `.env`, which wins over the defaults."""
    env = dict(DEFAULTS)
    env.update(read_dotenv(dotenv if dotenv is not None else Path.cwd() / ".env"))
    env.update({k: v for k, v in (environ if environ is not None else os.environ).items()})

    database_url = env["DATABASE_URL"].strip()
    try:
        to_async_url(database_url)
    except UnsupportedDatabaseUrl as error:
        raise ConfigError(str(error)) from None
    if database_url.startswith("sqlite:///") and not database_url.removeprefix("sqlite:///"):
        raise ConfigError(
            "DATABASE_URL=sqlite:/// needs a file path, e.g. sqlite:///var/bot.sqlite3"
        )
    try:
        timezone = ZoneInfo(env["BOT_TIMEZONE"].strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"BOT_TIMEZONE={env['BOT_TIMEZONE']!r} is not a known time zone (e.g. Asia/Ho_Chi_Minh)"
        ) from None
    try:
        port = int(env["PORT"])
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        raise ConfigError(f"PORT={env['PORT']!r} is not a TCP port number (1-65535)") from None
    try:
        send_rate = float(env["SEND_RATE"])
        if not 0 < send_rate <= 1000:
            raise ValueError
    except ValueError:
        raise ConfigError(
            f"SEND_RATE={env['SEND_RATE']!r} must be messages a second, e.g. 28 (Telegram "
            "allows about 30)"
        ) from None
    quiet_hours = parse_quiet_hours(env["QUIET_HOURS"])
    log_level = LOG_LEVELS.get(env["LOG_LEVEL"].strip().upper())
    if log_level is None:
        raise ConfigError(
            f"LOG_LEVEL={env['LOG_LEVEL']!r} must be one of {', '.join(LOG_LEVELS)} (default INFO)"
        )
    api_url = env["TELEGRAM_API_URL"].strip()
    if not api_url.startswith(("http://", "https://")):
        raise ConfigError(f"TELEGRAM_API_URL={api_url!r} must start with http:// or https://")
    return Settings(
        bot_token=env.get("BOT_TOKEN") or None,
        telegram_api_url=api_url,
        database_url=database_url,
        timezone=timezone,
        webhook_url=env.get("WEBHOOK_URL") or None,
        webhook_secret=env.get("WEBHOOK_SECRET") or None,
        port=port,
        send_rate=send_rate,
        quiet_hours=quiet_hours,
        log_level=log_level,
        **_zalo_settings(env),
    )


def parse_quiet_hours(raw: str) -> tuple[int, int] | None:
    """`20-7` (from 20:00 to 07:00 local time nothing leaves the outbox) or `off`."""
    text = raw.strip().lower()
    if text in ("off", "none", "no", "0"):
        return None
    try:
        start, end = (int(part) for part in text.split("-"))
        if not (0 <= start <= 23 and 0 <= end <= 23) or start == end:
            raise ValueError
    except ValueError:
        raise ConfigError(
            f"QUIET_HOURS={raw!r} must be like 20-7 (no messages from 20:00 to 07:00) or off"
        ) from None
    return start, end


_ZALO_TOKEN = re.compile(r"\d{1,30}:[!-~]{1,200}")
_URL_UNSAFE = set("/?#%")
_HOTLINE = re.compile(r"\+?[0-9][0-9 .()-]{1,18}[0-9]")


def _zalo_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """ZALO_* and BANK_HOTLINE, checked; a token or a secret is never repeated in an error."""
    token = env.get("ZALO_BOT_TOKEN", "").strip() or None
    if token is not None and (not _ZALO_TOKEN.fullmatch(token) or _URL_UNSAFE & set(token)):
        raise ConfigError(
            "ZALO_BOT_TOKEN must look like <bot_id>:<secret>, as Zalo Bot Creator sent it"
        )
    api_url = env["ZALO_API_URL"].strip()
    if not api_url.startswith(("http://", "https://")):
        raise ConfigError(f"ZALO_API_URL={api_url!r} must start with https:// (or http://)")
    secret = env.get("ZALO_WEBHOOK_SECRET", "") or None
    if secret is not None and not (8 <= len(secret) <= 256 and re.fullmatch(r"[!-~]+", secret)):
        raise ConfigError(
            "ZALO_WEBHOOK_SECRET must be 8 to 256 characters without spaces (Zalo's rule)"
        )
    try:
        rate = float(env["ZALO_SEND_RATE"])
        if not 0 < rate <= 1000:
            raise ValueError
    except ValueError:
        raise ConfigError(
            f"ZALO_SEND_RATE={env['ZALO_SEND_RATE']!r} must be messages a second, e.g. 5 "
            "(Zalo publishes no limit: start low)"
        ) from None
    hotline = env.get("BANK_HOTLINE", "").strip() or None
    if hotline is not None and not _HOTLINE.fullmatch(hotline):
        raise ConfigError(f"BANK_HOTLINE={hotline!r} must be a phone number, e.g. 1900 1234")
    return {
        "zalo_bot_token": token,
        "zalo_api_url": api_url,
        "zalo_webhook_secret": secret,
        "zalo_send_rate": rate,
        "bank_hotline": hotline,
    }
