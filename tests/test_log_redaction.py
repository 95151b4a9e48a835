"""The log never holds the token, a phone number, an ID number, a typed CCCD answer or a
balance, at any level and from any logger: python-telegram-bot's DEBUG lines (request
parameters, the updates it received) included. `LOG_LEVEL` chooses the level."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest

from bot.channels.telegram.delivery import telegram_delivery
from bot.channels.telegram.updates import polling
from bot.config import ConfigError, load_settings
from bot.inbound.router import Router
from bot.logs import Redactor, configure_logging, redact
from tests.bot_fixtures import NOW, SARI, TZ, Harness
from tests.test_telegram_stories import link


@pytest.fixture
def captured() -> io.StringIO:
    """What the root handler writes (conftest takes the handler away afterwards)."""
    return io.StringIO()


def never_in(logged: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in logged, secret


async def test_debug_logs_of_a_linking_and_a_balance_hold_nothing_personal(
    harness: Harness, captured: io.StringIO
) -> None:
    h, chat = harness, 1301
    token = h.settings.bot_token or ""
    configure_logging(logging.DEBUG, [token], stream=captured)
    router = Router(h.engine, TZ, clock=lambda: NOW)
    async with polling(h.settings, router, poll_timeout=0.5):
        h.fake.user_says(chat, "0912 345 678")  # a guest types their number
        await h.fake.replies(chat, 1)
        await link(h, 1302, SARI)  # shares the contact, types the last 4 CCCD digits
        h.fake.user_says(1302, "dư nợ")
        [balance] = await h.fake.replies(1302, 1, after=6)
        assert "Tổng dư nợ: 70.000.000 đ" in balance
    logged = captured.getvalue()
    assert "Calling Bot API endpoint" in logged and "getUpdates" in logged  # DEBUG was on
    assert "'[…]'" in logged  # and the texts were there to be removed
    never_in(
        logged,
        token,
        "TEST-token",
        SARI["phone"],
        "912345678",
        "912 345 678",
        "079123456789",
        "70.000.000",
        "50.000.000",
        "20.000.000",
        SARI["name"],
    )
    for digits in ("6789", "70000000"):  # the typed CCCD answer, a raw balance
        assert not re.search(rf"(?<!\d){digits}(?!\d)", logged), digits


async def test_the_sender_and_a_traceback_at_debug_hold_nothing_personal(
    harness: Harness, captured: io.StringIO
) -> None:
    """An outbox message with figures, and an exception whose text carries a phone and an
    amount, at DEBUG."""
    from bot.outbound.sender import Sender
    from storage import outbox
    from tests.test_sender import link_as_officer

    configure_logging(logging.DEBUG, [h_token := harness.settings.bot_token or ""], stream=captured)
    async with harness.engine.begin() as conn:
        await link_as_officer(conn, [1303])
        await outbox.enqueue(
            conn,
            [
                outbox.Message(
                    "telegram",
                    "1303",
                    "Dư nợ của gia đình: 70.000.000 đ, SĐT 0912 345 678",
                    "reminder:test",
                    "k1",
                    NOW,
                )
            ],
            NOW,
        )
    async with telegram_delivery(harness.settings) as delivery:
        await Sender(harness.engine, delivery, TZ, clock=lambda: NOW).drain(within=5)
    assert len(harness.fake.sent(1303)) == 1
    try:
        raise ValueError("customer 0912345678 owes 70.000.000 đ, CCCD 079123456789")
    except ValueError:
        logging.getLogger("some.library").exception("it failed for %s", "+84 912 345 678")
    logged = captured.getvalue()
    assert "it failed for [phone]" in logged and "ValueError: customer [phone]" in logged
    never_in(logged, h_token, "70.000.000", "912345678", "912 345 678", "079123456789")


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("url https://api.telegram.org/bot7000000001:AAHf3kq-9x_Zk2LmNoPqRsTuVwXyZ012345/x", "AAH"),
        ("Calling `sendMessage` with `{'chat_id': 5, 'text': 'Dư nợ: 1.200.000 đ'}`", "Dư nợ"),
        ('Webhook received data: {"message": {"text": "6789", "chat": {"id": 5}}}', "6789"),
        ('Update(message=Message(text="it\'s 6789", contact=None))', "6789"),
        ("{'phone_number': '+84912345678', 'first_name': 'Lâm'}", "Lâm"),
        ("call 0912.345.678 or 84912345678 or 0291 3822 123", "912"),
        ("CCCD 079123456789", "079123456789"),
        ("balance 50.000.000 đ, interest 275.000 đ, savings 1200000 VND", "000"),
        ("outstanding 70,000,000 VND", "70,000,000"),
    ],
)
def test_what_the_filter_removes(line: str, gone: str) -> None:
    assert gone not in redact(line)


def test_what_the_filter_keeps() -> None:
    kept = "update 123456789 of chat 1080: 3 rows in 0.25 s, version 2.0.30, 2026-11-26"
    assert redact(kept) == kept


def test_the_filter_sees_every_logger_and_the_arguments(captured: io.StringIO) -> None:
    configure_logging(logging.DEBUG, ["s3cr3t-value"], stream=captured)
    logging.getLogger("telegram.ext.Application").debug("Processing update %s", "text='6789'")
    logging.getLogger("anything").warning("secret %s, phone %s", "s3cr3t-value", "0987654321")
    logged = captured.getvalue()
    assert "6789" not in logged and "s3cr3t-value" not in logged and "0987654321" not in logged
    assert "Processing update text='[…]'" in logged and "secret [secret], phone [phone]" in logged
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %d", ("a",), None)
    assert Redactor().filter(record) and record.getMessage() == "%s %d"  # a bad format survives


def test_log_level_setting(tmp_path: Path) -> None:
    none = tmp_path / "none.env"
    assert load_settings({}, none).log_level == logging.INFO
    assert load_settings({"LOG_LEVEL": "debug"}, none).log_level == logging.DEBUG
    assert load_settings({"LOG_LEVEL": "ERROR"}, none).log_level == logging.ERROR
    with pytest.raises(ConfigError) as error:
        load_settings({"LOG_LEVEL": "verbose"}, none)
    message = str(error.value)
    assert "LOG_LEVEL='verbose'" in message and "DEBUG" in message and "\n" not in message
