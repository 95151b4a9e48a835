"""Zalo's settings: the contract's defaults, and one clear line for each wrong value (never
echoing a token or a secret)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

TOKEN = "1459232241454765289:fake-Secret_xyz"


def test_zalo_defaults_are_the_contract(tmp_path: Path) -> None:
    settings = load_settings({}, tmp_path / "none.env")
    assert settings.zalo_bot_token is None and settings.zalo_webhook_secret is None
    assert settings.zalo_api_url == "https://bot-api.zaloplatforms.com/bot"
    assert settings.zalo_send_rate == 5  # conservative: Zalo publishes no limit
    assert settings.bank_hotline is None


def test_zalo_values_are_read(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "ZALO_BOT_TOKEN": TOKEN,
            "ZALO_API_URL": "http://127.0.0.1:9/bot",
            "ZALO_WEBHOOK_SECRET": "s" * 8,
            "ZALO_SEND_RATE": "2.5",
            "BANK_HOTLINE": "1900 1234",
        },
        tmp_path / "none.env",
    )
    assert settings.zalo_bot_token == TOKEN and settings.zalo_api_url == "http://127.0.0.1:9/bot"
    assert settings.zalo_webhook_secret == "s" * 8 and settings.zalo_send_rate == 2.5
    assert settings.bank_hotline == "1900 1234"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"ZALO_BOT_TOKEN": "no-colon-here"}, "ZALO_BOT_TOKEN"),
        ({"ZALO_BOT_TOKEN": "123:has space"}, "ZALO_BOT_TOKEN"),
        ({"ZALO_BOT_TOKEN": "abc:Qw3rty"}, "ZALO_BOT_TOKEN"),
        ({"ZALO_API_URL": "bot-api.zaloplatforms.com/bot"}, "ZALO_API_URL"),
        ({"ZALO_WEBHOOK_SECRET": "short"}, "ZALO_WEBHOOK_SECRET"),
        ({"ZALO_WEBHOOK_SECRET": "x" * 257}, "ZALO_WEBHOOK_SECRET"),
        ({"ZALO_WEBHOOK_SECRET": "has a space in it"}, "ZALO_WEBHOOK_SECRET"),
        ({"ZALO_SEND_RATE": "0"}, "ZALO_SEND_RATE"),
        ({"ZALO_SEND_RATE": "lots"}, "ZALO_SEND_RATE"),
        ({"BANK_HOTLINE": "call us maybe"}, "BANK_HOTLINE"),
    ],
)
def test_wrong_zalo_values_are_one_line_naming_the_variable(
    env: dict[str, str], named: str, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(env, tmp_path / "none.env")
    message = str(raised.value)
    assert named in message and "\n" not in message
    for name in ("ZALO_BOT_TOKEN", "ZALO_WEBHOOK_SECRET"):
        if name in env:
            assert env[name] not in message  # a token or a secret is never echoed
