"""A fake Zalo Bot API on 127.0.0.1 for tests, written from the research notes behind docs/zalo.md
(§1.2-1.5): our real httpx client talks to it over HTTP.

`POST /bot{token}/{method}` with a JSON body, answered with Zalo's envelope: an unknown
token gets `{"ok": false, "error_code": 401}`, an unknown method 400 (with HTTP 200, as Zalo
answers errors in the envelope). Every call is checked (known method, required fields, no
unknown fields, sendMessage text of 1-2000 characters, setWebhook secret of 8-256
characters, a public HTTPS webhook URL, no polling while a webhook is set); a violation is
recorded for the test to assert there is none, and answered 400 as Zalo would.

`getUpdates` pops one queued update, or after the poll's timeout (capped at `max_poll`
seconds, to keep tests short) answers 408. `sendMessage` records the message. `fail` and
`garble` make the next N calls answer an error envelope (429, 5xx, ...) or a body that is
not JSON. `push(update)` queues an update for polling or, while a webhook is set, POSTs the
envelope to it with `X-Bot-Api-Secret-Token`.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import itertools
import json
import secrets
import socket
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

TOKEN = "1459232241454765289:fake-Secret_xyz"
BOT_ID = "1459232241454765289"
# method → (allowed fields, required fields), from the method table of research §1.3.
METHODS: dict[str, tuple[set[str], set[str]]] = {
    "getMe": (set(), set()),
    "getUpdates": ({"timeout"}, set()),
    "setWebhook": ({"url", "secret_token"}, {"url", "secret_token"}),
    "deleteWebhook": (set(), set()),
    "getWebhookInfo": (set(), set()),
    "sendMessage": ({"chat_id", "text", "parse_mode", "text_styles"}, {"chat_id", "text"}),
    "sendPhoto": ({"chat_id", "photo", "caption"}, {"chat_id", "photo"}),
    "sendSticker": ({"chat_id", "sticker"}, {"chat_id", "sticker"}),
    "sendChatAction": ({"chat_id", "action"}, {"chat_id", "action"}),
}
PRIVATE_HOSTS = ("localhost", "127.", "10.", "192.168.")


class LocalServer:
    """An ASGI app served by uvicorn on 127.0.0.1 at an ephemeral port."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        http = "httptools" if importlib.util.find_spec("httptools") else "h11"
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", http=http)
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started:  # uvicorn offers no event for this  # noqa: ASYNC110
            await asyncio.sleep(0.01)

    @property
    def stopping(self) -> bool:
        return self._server is not None and self._server.should_exit

    async def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._task is not None:
            await self._task


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    refused: bool = False  # answered with an error: nothing was delivered


@dataclass
class Sent:
    chat_id: str
    text: str
    message_id: str


@dataclass
class Failure:
    code: int  # the envelope's error_code
    description: str
    method: str | None  # None: any method
    times: int
    http_status: int = 200
    garbled: bytes | None = None  # answer these bytes instead of an envelope


@dataclass
class FakeZalo:
    token: str = TOKEN
    max_poll: float = 0.3  # seconds a getUpdates waits at most, whatever it asked for
    allow_local_webhook: bool = False  # let setWebhook take http://127.0.0.1 (tests only)
    echo_token: bool = False  # put the token presented into error descriptions (redaction tests)
    calls: list[Call] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    webhook_url: str = ""
    webhook_secret: str = ""
    _failures: list[Failure] = field(default_factory=list)
    _server: LocalServer | None = None
    polls_open: int = 0  # getUpdates calls waiting now (a stopped bot's poll may still be one)
    _new: asyncio.Event = field(default_factory=asyncio.Event)
    _sent_event: asyncio.Event = field(default_factory=asyncio.Event)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def api_url(self) -> str:
        """The base URL our client appends `{token}/{method}` to."""
        assert self._server is not None
        return f"{self._server.url}/bot"

    async def start(self) -> None:
        app = Starlette(routes=[Route("/bot{token}/{method}", self._endpoint, methods=["POST"])])
        self._server = LocalServer(app)
        await self._server.start()

    async def stop(self) -> None:
        self._new.set()
        if self._server is not None:
            await self._server.stop()

    # ---- the API ----
    @staticmethod
    def _envelope(code: int, description: str, http_status: int = 200) -> JSONResponse:
        body = {"ok": False, "error_code": code, "description": description}
        return JSONResponse(body, status_code=http_status)

    async def _endpoint(self, request: Request) -> Response:
        token = request.path_params["token"]
        method = request.path_params["method"]
        if token != self.token:
            said = f" ({token})" if self.echo_token else ""
            return self._envelope(401, f"Unauthorized: invalid token{said}")
        params = await self._params(request, method)
        call = Call(method, params if params is not None else {})
        self.calls.append(call)
        if params is None:
            call.refused = True
            return self._envelope(400, "Bad Request: body is not a JSON object")
        problem = self._check(method, params)
        if problem is not None:
            self.violations.append(problem)
            call.refused = True
            return self._envelope(400, f"Bad Request: {problem}")
        failure = self._take_failure(method)
        if failure is not None:
            call.refused = True
            if failure.garbled is not None:
                return Response(failure.garbled, status_code=failure.http_status)
            return self._envelope(failure.code, failure.description, failure.http_status)
        return await self._answer(method, params, call)

    async def _params(self, request: Request, method: str) -> dict[str, Any] | None:
        body = await request.body()
        if not request.headers.get("content-type", "").startswith("application/json"):
            self.violations.append(f"{method}: body is not JSON (we always send JSON)")
            return None
        try:
            params = json.loads(body) if body else {}
        except ValueError:
            self.violations.append(f"{method}: body is not valid JSON")
            return None
        if not isinstance(params, dict):
            self.violations.append(f"{method}: body is not a JSON object")
            return None
        return params

    def _check(self, method: str, params: dict[str, Any]) -> str | None:
        known = METHODS.get(method)
        if known is None:
            return f"unknown method {method}"  # names are case-sensitive
        allowed, required = known
        if missing := sorted(required - set(params)):
            return f"{method}: missing required field {missing[0]}"
        if unknown := sorted(set(params) - allowed):
            return f"{method}: unknown field {unknown[0]}"
        for name in ("chat_id", "text", "url", "secret_token", "action"):
            if name in params and not isinstance(params[name], str):
                return f"{method}: {name} is not a string"
        if method == "sendMessage" and not 1 <= len(params["text"]) <= 2000:
            return f"sendMessage: text of {len(params['text'])} characters"
        if method == "sendChatAction" and params["action"] != "typing":
            return f"sendChatAction: action {params['action']!r} (only typing works)"
        if method == "getUpdates":
            timeout = params.get("timeout", 30)
            if isinstance(timeout, bool) or not isinstance(timeout, int | str):
                return "getUpdates: timeout is neither a number nor a string"
            if self.webhook_url:
                return "getUpdates while a webhook is set (deleteWebhook first)"
        if method == "setWebhook":
            if not 8 <= len(params["secret_token"]) <= 256:
                return f"setWebhook: secret_token of {len(params['secret_token'])} characters"
            return self._check_webhook_url(params["url"])
        return None

    def _check_webhook_url(self, url: str) -> str | None:
        parts = urlsplit(url)
        local = (parts.hostname or "").startswith(PRIVATE_HOSTS)
        if self.allow_local_webhook and parts.scheme == "http" and local:
            return None
        if parts.scheme != "https":
            return "setWebhook: the url is not HTTPS"
        if local:
            return "setWebhook: the url is not public"
        return None

    def _take_failure(self, method: str) -> Failure | None:
        for failure in self._failures:
            if failure.times > 0 and failure.method in (None, method):
                failure.times -= 1
                return failure
        return None

    async def _answer(self, method: str, params: dict[str, Any], call: Call) -> Response:
        now_ms = int(time.time() * 1000)
        if method == "getMe":
            result: Any = {
                "id": BOT_ID,
                "account_name": "bot.VDKyGxQvc",
                "account_type": "BASIC",
                "can_join_groups": False,
            }
        elif method == "getUpdates":
            update = await self._next_update(float(params.get("timeout", 30) or 0))
            if update is None:
                call.refused = True
                return self._envelope(408, "Request timeout")
            result = update
        elif method == "sendMessage":
            message_id = self.new_id()
            self.sent.append(Sent(params["chat_id"], params["text"], message_id))
            self._sent_event.set()
            result = {"message_id": message_id, "date": now_ms}
        elif method in ("sendPhoto", "sendSticker"):
            result = {"message_id": self.new_id(), "date": now_ms}
        elif method == "sendChatAction":
            return JSONResponse({"ok": True})  # no result, as documented
        elif method == "setWebhook":
            self.webhook_url, self.webhook_secret = params["url"], params["secret_token"]
            result = {"url": self.webhook_url, "updated_at": now_ms}
        elif method == "deleteWebhook":
            self.webhook_url = self.webhook_secret = ""
            result = {"url": "", "updated_at": now_ms}
        else:  # getWebhookInfo: never returns the secret; 404 when none is set
            if not self.webhook_url:
                call.refused = True
                return self._envelope(404, "Not Found")
            result = {"url": self.webhook_url, "updated_at": now_ms}
        return JSONResponse({"ok": True, "result": result})

    async def _next_update(self, seconds: float) -> dict[str, Any] | None:
        """Like Zalo as far as known: no offset, so a poll whose caller has gone away still
        takes the next update (the platform's behaviour here is not documented)."""
        deadline = time.monotonic() + min(seconds, self.max_poll)
        self.polls_open += 1
        try:
            while not self.updates:
                left = deadline - time.monotonic()
                if left <= 0 or (self._server is not None and self._server.stopping):
                    return None
                self._new.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._new.wait(), left)
            return self.updates.pop(0)
        finally:
            self.polls_open -= 1

    async def no_poll_open(self, within: float = 5.0) -> None:
        """Wait until no getUpdates is waiting (a stopped bot's last poll has timed out)."""
        async with asyncio.timeout(within):
            while self.polls_open:  # noqa: ASYNC110
                await asyncio.sleep(0.02)

    # ---- what tests use ----
    def new_id(self) -> str:
        """A 20-character hex id, like Zalo's message and chat ids."""
        return f"{next(self._ids):04x}{secrets.token_hex(8)}"

    def text_update(
        self, chat_id: str, text: str, *, name: str = "Ted", chat_type: str = "PRIVATE"
    ) -> dict[str, Any]:
        """A `message.text.received` update as the docs show it (without the envelope)."""
        return {
            "message": {
                "from": {"id": chat_id, "display_name": name, "is_bot": False},
                "chat": {"id": chat_id, "chat_type": chat_type},
                "text": text,
                "message_id": self.new_id(),
                "date": int(time.time() * 1000),
            },
            "event_name": "message.text.received",
        }

    async def push(self, update: dict[str, Any]) -> int | None:
        """Deliver an update as Zalo would: to the webhook (its HTTP status is returned) or,
        when none is set, into the queue getUpdates reads (None is returned)."""
        if not self.webhook_url:
            self.updates.append(update)
            self._new.set()
            return None
        async with httpx.AsyncClient() as http:
            answer = await http.post(
                self.webhook_url,
                json={"ok": True, "result": update},
                headers={"X-Bot-Api-Secret-Token": self.webhook_secret},
            )
        return answer.status_code

    def fail(
        self,
        code: int,
        description: str = "",
        *,
        method: str | None = "sendMessage",
        times: int = 1,
        http_status: int = 200,
    ) -> None:
        """The next `times` calls of `method` (None: any) answer `ok: false` with `code`."""
        self._failures.append(
            Failure(code, description or f"error {code}", method, times, http_status)
        )

    def garble(
        self,
        *,
        body: bytes = b"<html><body>502 Bad Gateway</body></html>",
        http_status: int = 502,
        method: str | None = "sendMessage",
        times: int = 1,
    ) -> None:
        """The next `times` calls answer `body` (not JSON), as a proxy in front of Zalo may."""
        self._failures.append(Failure(0, "", method, times, http_status, body))

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def sent_to(self, chat_id: str) -> list[str]:
        return [s.text for s in self.sent if s.chat_id == chat_id]

    def update(
        self, chat_id: str, kind: str = "text", *, chat_type: str = "PRIVATE", **fields: Any
    ) -> dict[str, Any]:
        """An update of another event (`sticker`, `image`, `voice`, `unsupported`), with the
        message fields given (`sticker=...`, `photo=...`, `caption=...`)."""
        message: dict[str, Any] = {
            "from": {"id": chat_id, "display_name": "Ted", "is_bot": False},
            "chat": {"id": chat_id, "chat_type": chat_type},
            "message_id": self.new_id(),
            "date": int(time.time() * 1000),
            **fields,
        }
        return {"message": message, "event_name": f"message.{kind}.received"}

    async def replies(
        self,
        chat_id: str,
        count: int,
        *,
        after: int = 0,
        within: float = 10.0,
        settle: float = 0.2,
    ) -> list[str]:
        """The texts of the next `count` messages to the chat, after the first `after` ones;
        then `settle` seconds more to be sure no extra message follows."""
        try:
            async with asyncio.timeout(within):
                while len(self.sent_to(chat_id)) < after + count:
                    self._sent_event.clear()
                    await self._sent_event.wait()
        except TimeoutError:
            got = self.sent_to(chat_id)[after:]
            raise AssertionError(f"expected {count} messages to {chat_id}, got {got}") from None
        await asyncio.sleep(settle)
        messages = self.sent_to(chat_id)[after:]
        assert len(messages) == count, messages
        return messages

    async def says(
        self, chat_id: str, text: str, replies: int = 1, *, within: float = 10.0, **options: Any
    ) -> list[str]:
        """The person writes `text`; the bot's next `replies` messages to them."""
        seen = len(self.sent_to(chat_id))
        await self.push(self.text_update(chat_id, text, **options))
        return await self.replies(chat_id, replies, after=seen, within=within)
