"""A thin async client for the Zalo Bot API on httpx: `POST {base}{token}/{method}` with a
JSON body, answered by an envelope `{"ok": true, "result": ...}` or
`{"ok": false, "error_code": N, "description": "..."}`.

Success is the envelope's `ok`, never the HTTP status. A refusal, an answer that is not a
bounded JSON envelope, a time-out or a network error raises `ZaloApiError` (the last two as
its subclass `ZaloUnavailable`). The token is part of every URL, so it is taken out of
every exception message and repr this module makes, and out of the log lines of httpx and
httpcore while a client is open (httpx logs each request's URL at INFO).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from bot.channels.zalo.render import MAX_TEXT, length
from bot.channels.zalo.updates import (
    MAX_BODY,
    UnreadableJson,
    ZaloUpdate,
    clean_text,
    load_json,
    parse_update,
)

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com/bot"
CONNECT_TIMEOUT = 10.0
CALL_TIMEOUT = 20.0  # seconds for an answer to anything but getUpdates
POLL_GRACE = 10.0  # getUpdates waits this much longer than the poll it asked for
MAX_POLL = 60  # seconds of one long poll (Zalo's default is 30)
MAX_DESCRIPTION = 200
NO_UPDATE = 408  # getUpdates' answer when nothing came within the poll
NOT_FOUND = 404  # getWebhookInfo's answer when no webhook is set
SECRET_LENGTH = (8, 256)
_URL_UNSAFE = set(" \t\r\n/?#%")
REDACTED = "<token>"


class ZaloApiError(Exception):
    """A Zalo call that did not succeed. `code` is Zalo's `error_code`; for an answer with
    no readable envelope it is the HTTP status when that is an error, else None."""

    def __init__(self, method: str, code: int | None, description: str) -> None:
        super().__init__(method, code, description)
        self.method = method
        self.code = code
        self.description = description

    def __str__(self) -> str:
        code = "" if self.code is None else f" ({self.code})"
        return f"Zalo {self.method} failed{code}: {self.description}"


class ZaloUnavailable(ZaloApiError):
    """No answer: a time-out or a network error (code None). Worth another try."""


@dataclass(frozen=True)
class BotInfo:
    id: str
    account_name: str
    account_type: str
    can_join_groups: bool


@dataclass(frozen=True)
class WebhookInfo:
    url: str  # "" when no webhook is set
    updated_at: int | None  # epoch milliseconds


class _Redactor(logging.Filter):
    """Replaces secrets in text, and in the log records of the loggers it is attached to."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def add(self, secret: str) -> None:
        if secret and secret not in self.secrets:
            self.secrets.append(secret)

    def __call__(self, text: str) -> str:
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


_LOGGERS = ("httpx", "httpcore")


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class ZaloClient:
    """One bot's API. Use as `async with ZaloClient(token) as client:` (or call aclose).
    Pass `http` to share a connection pool; it is then the caller's to close."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        http: httpx.AsyncClient | None = None,
        timeout: float = CALL_TIMEOUT,
    ) -> None:
        if not token or any(ch in _URL_UNSAFE for ch in token):
            raise ValueError("the Zalo bot token is empty or has characters a URL cannot carry")
        if not base_url.startswith(("https://", "http://")):
            raise ValueError("the Zalo API base URL must start with https:// (or http://)")
        self._token = token
        self.base_url = base_url
        self.timeout = timeout
        self._own_http = http is None
        self._http = http or httpx.AsyncClient()
        # The secret half of `{bot_id}:{secret}` alone is redacted too.
        self._redact = _Redactor([token, token.partition(":")[2] if ":" in token else ""])
        for name in _LOGGERS:
            logging.getLogger(name).addFilter(self._redact)

    def __repr__(self) -> str:
        return f"ZaloClient(base_url={self.base_url!r})"

    async def __aenter__(self) -> ZaloClient:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()
        for name in _LOGGERS:
            logging.getLogger(name).removeFilter(self._redact)

    # ---- one call ----
    async def call(
        self, method: str, params: dict[str, Any] | None = None, *, wait: float | None = None
    ) -> object:
        """POST `params` as JSON to `method`; the envelope's `result` (None if it has none).
        `wait`: seconds for the answer (the client's default when None)."""
        seconds = self.timeout if wait is None else wait
        try:
            async with self._http.stream(
                "POST",
                f"{self.base_url}{self._token}/{method}",
                json=params or {},
                timeout=httpx.Timeout(seconds, connect=min(CONNECT_TIMEOUT, seconds)),
            ) as response:
                status = response.status_code
                raw = await self._read(method, response)
        except httpx.TimeoutException as error:
            detail = f"no answer in time ({type(error).__name__})"
            raise ZaloUnavailable(method, None, detail) from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            detail = self._redact(str(error))[:MAX_DESCRIPTION]
            raise ZaloUnavailable(method, None, f"{type(error).__name__}: {detail}") from None
        return self._result(method, status, raw)

    async def _read(self, method: str, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > MAX_BODY:
                raise ZaloApiError(
                    method, self._status_code(response.status_code), f"answer over {MAX_BODY} bytes"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _status_code(status: int) -> int | None:
        return status if status >= 400 else None

    def _result(self, method: str, status: int, raw: bytes) -> object:
        try:
            payload = load_json(raw)
        except UnreadableJson:
            raise ZaloApiError(
                method, self._status_code(status), f"answer is not JSON (HTTP {status})"
            ) from None
        if not isinstance(payload, dict) or not isinstance(payload.get("ok"), bool):
            raise ZaloApiError(
                method, self._status_code(status), f"answer is not an envelope (HTTP {status})"
            )
        if payload["ok"]:
            return payload.get("result")
        code = _int(payload.get("error_code"))
        # Redacted before it is shortened, so no cut can leave half a token behind.
        description = self._redact(clean_text(payload.get("description"), 4 * MAX_BODY))
        raise ZaloApiError(
            method,
            code if code is not None else self._status_code(status),
            description[:MAX_DESCRIPTION] or "no description",
        )

    # ---- the methods ----
    async def get_me(self) -> BotInfo:
        result = await self.call("getMe")
        info = result if isinstance(result, dict) else {}
        bot_id = info.get("id")
        if not isinstance(bot_id, str | int) or isinstance(bot_id, bool) or not str(bot_id):
            raise ZaloApiError("getMe", None, "answer without the bot's id")
        return BotInfo(
            id=str(bot_id)[:64],
            account_name=clean_text(info.get("account_name"), 100),
            account_type=clean_text(info.get("account_type"), 32),
            can_join_groups=info.get("can_join_groups") is True,
        )

    async def get_updates(self, poll: int = 30) -> ZaloUpdate | None:
        """Wait up to `poll` seconds (Zalo's `timeout`) for one update; None when nothing
        came (Zalo answers 408 then) or what came cannot be read. Fails while a webhook is
        set. The number is sent as a JSON number, as the docs' example does (their table
        says String)."""
        if not 0 <= poll <= MAX_POLL:
            raise ValueError(f"a poll lasts 0 to {MAX_POLL} seconds")
        try:
            result = await self.call("getUpdates", {"timeout": poll}, wait=poll + POLL_GRACE)
        except ZaloApiError as error:
            if error.code == NO_UPDATE and not isinstance(error, ZaloUnavailable):
                return None
            raise
        if result is None or result == {}:
            return None
        update = parse_update(result)
        if update is None:
            log.warning("getUpdates gave an update that could not be read; skipped")
        return update

    async def send_message(self, chat_id: str, text: str) -> str | None:
        """Send plain text (1 to 2000 characters; render.split cuts longer ones); the
        message's id, or None when Zalo accepted it without a readable one."""
        if not chat_id:
            raise ValueError("no chat id")
        size = length(text)
        if not 1 <= size <= MAX_TEXT:
            raise ValueError(f"a Zalo message has 1 to {MAX_TEXT} characters, not {size}")
        result = await self.call("sendMessage", {"chat_id": chat_id, "text": text})
        message_id = result.get("message_id") if isinstance(result, dict) else None
        if isinstance(message_id, str | int) and not isinstance(message_id, bool):
            return str(message_id)[:64] or None
        return None

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        """Only "typing" works on Zalo (upload_photo is announced, not live)."""
        await self.call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def set_webhook(self, url: str, secret_token: str) -> None:
        """Zalo then POSTs each update to `url` (public HTTPS only) with the header
        X-Bot-Api-Secret-Token: `secret_token` (8 to 256 characters)."""
        low, high = SECRET_LENGTH
        if not low <= len(secret_token) <= high:
            raise ValueError(f"the webhook secret has {low} to {high} characters")
        if not url:
            raise ValueError("no webhook URL")
        self._redact.add(secret_token)
        await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> None:
        await self.call("deleteWebhook")

    async def get_webhook_info(self) -> WebhookInfo:
        """The webhook set now (url "" when none; Zalo answers 404 then)."""
        try:
            result = await self.call("getWebhookInfo")
        except ZaloApiError as error:
            if error.code == NOT_FOUND and not isinstance(error, ZaloUnavailable):
                return WebhookInfo("", None)
            raise
        info = result if isinstance(result, dict) else {}
        return WebhookInfo(
            url=clean_text(info.get("url"), 2048), updated_at=_int(info.get("updated_at"))
        )
