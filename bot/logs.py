"""Logging set-up: no token, phone, ID number, message text or balance reaches the logs, at
any level and from any library.

One handler on the root logger, with a redacting filter (`Redactor`) that rewrites every
record passing through it (message, arguments, traceback) before it is formatted:

- the configured secrets (the bot token, the webhook secret) and anything shaped like a bot
  token (`123456:AAH…`);
- the values of the fields that carry what people typed or who they are in the Bot API
  payloads python-telegram-bot logs at DEBUG (`"text": "…"`, `'phone_number': '…'`,
  `first_name='…'` and the like): a typed CCCD answer is only four digits, so it is the
  field that is removed, not a pattern;
- Vietnamese phone numbers (0, 84 or +84 followed by 9–10 digits, spaced or not), 12-digit
  ID numbers, and money amounts (`50.000.000 đ`, `70,000,000 VND`).

httpx logs every request URL at INFO, and the Bot API URL contains the token, so it (and
httpcore, and aiosqlite, which logs SQL parameters at DEBUG) stay at WARNING. Our own log
lines name kinds of events, never people, and never the text of a message.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET_LOGGERS = ("httpx", "httpcore", "uvicorn.access", "aiosqlite")

# Fields of the Bot API (and of python-telegram-bot's objects) that hold what a person
# typed or who they are, in JSON (`"text": "…"`), dict repr (`'text': '…'`) and object repr
# (`text='…'`) form.
PERSONAL_FIELDS = (
    "text",
    "caption",
    "phone_number",
    "first_name",
    "last_name",
    "username",
    "vcard",
    "file_name",
    "title",
    "question",
    "address",
)
_QUOTED = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\""""
_FIELD = re.compile(
    r"""(?P<key>(?P<q>["']?)\b(?:"""
    + "|".join(PERSONAL_FIELDS)
    + r""")(?P=q)\s*[:=]\s*)(?:"""
    + _QUOTED
    + ")"
)
_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]{30,}")
_ID_NUMBER = re.compile(r"(?<!\d)\d{12}(?!\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+84|84|0)(?:[ .]?\d){9,10}(?!\d)")
_CURRENCY = r"(?:\s?(?:đ|₫|VND|VNĐ|vnd|đồng|dong))(?!\w)"
_MONEY = re.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:[.,]\d{{3}})+{_CURRENCY}?|\d{{1,3}}[.,]\d{{3}}{_CURRENCY}"
    rf"|\d+{_CURRENCY})"
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """The text with secrets, personal fields, phones, ID numbers and amounts replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[secret]").replace(quote(secret, safe=""), "[secret]")
    text = _TOKEN.sub("[token]", text)
    text = _FIELD.sub(lambda m: m.group("key") + "'[…]'", text)
    text = _ID_NUMBER.sub("[id]", text)
    text = _PHONE.sub("[phone]", text)
    return _MONEY.sub("[amount]", text)


class Redactor(logging.Filter):
    """Rewrites each record it sees: its message (arguments merged in), its traceback and
    its stack, through `redact`. Never drops a record."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the format: keep the format alone
            message = str(record.msg)
        record.msg, record.args = redact(message, self.secrets), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is when the record comes (tests swap it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure_logging(
    level: int = logging.INFO, secrets: Iterable[str | None] = (), stream: TextIO | None = None
) -> logging.Handler:
    """One redacting handler on the root logger (replacing one set up before), at `level`
    for every logger; returns it. `secrets` are strings never to be written (the token)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "redacting", False)]:
        root.removeHandler(old)
        old.close()
    handler: logging.Handler = _Stderr() if stream is None else logging.StreamHandler(stream)
    handler.redacting = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(Redactor(s for s in secrets if s))
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler
