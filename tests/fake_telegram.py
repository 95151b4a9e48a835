"""A fake Telegram Bot API on 127.0.0.1 for tests: the real python-telegram-bot stack talks to
it over HTTP. Every call is checked against the published Bot API description
(`tests/telegram/bot-api-spec.json`, see its README); a violation is recorded and fails
the test.
It serves `getUpdates` from a queue the test fills, records what the bot sent, and can
answer 429 (with `retry_after`) or 403 on demand.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import itertools
import json
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def spec_path() -> Path:
    """`$BOT_API_SPEC`, else the copy kept with the tests (tests/telegram/)."""
    if os.environ.get("BOT_API_SPEC"):
        return Path(os.environ["BOT_API_SPEC"])
    return Path(__file__).resolve().parent / "telegram" / "bot-api-spec.json"


BOT_ID = 7_000_000_001
TEXT_METHODS = {"sendMessage": "text", "editMessageText": "text"}


def load_spec() -> dict[str, set[str] | tuple[set[str], set[str]]]:
    spec = json.loads(spec_path().read_text(encoding="utf-8"))
    methods: dict[str, Any] = {}
    for name, method in spec["methods"].items():
        fields = method.get("fields", [])
        methods[name] = ({f["name"] for f in fields}, {f["name"] for f in fields if f["required"]})
    return methods


def _file_path(file_id: str, name: str) -> str:
    """Where Telegram keeps a sent document: its own name, the sender's extension."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix
    return f"documents/{file_id}{suffix[:10]}"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float
    refused: bool = False  # answered with an error (429, 403, ...): nothing was delivered


@dataclass
class Failure:
    method: str
    status: int
    description: str
    retry_after: int | None = None
    chat_id: str | None = None
    times: int = 1


@dataclass
class FakeTelegram:
    spec: dict[str, Any] = field(default_factory=load_spec)
    calls: list[Call] = field(default_factory=list)
    by_chat: dict[str, list[Call]] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0
    # Telegram's flood control, on demand: more sendMessage calls than this in any one
    # second are answered 429 with retry_after 1 (None: no limit).
    flood_limit: int | None = None
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    _recent_sends: list[float] = field(default_factory=list)
    floods: int = 0  # 429s answered by the flood limit
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _new: asyncio.Event = field(default_factory=asyncio.Event)
    _called: asyncio.Event = field(default_factory=asyncio.Event)
    _server: uvicorn.Server | None = None
    _task: asyncio.Task[None] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- the server ----
    async def start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Answers leave at once, as Telegram's do (accepted sockets inherit this on Linux).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        app = Starlette(
            routes=[
                Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self._file, methods=["GET"]),
            ]
        )
        http = "httptools" if importlib.util.find_spec("httptools") else "h11"
        config = uvicorn.Config(app, log_level="warning", lifespan="off", http=http)
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started:  # uvicorn offers no event for this  # noqa: ASYNC110
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        self._new.set()
        if self._task is not None:
            await self._task

    async def _params(self, request: Request) -> dict[str, Any]:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("application/x-www-form-urlencoded"):
            fields = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
            fields.update(request.query_params)
            return dict(fields)
        if content_type.startswith("application/json"):
            body = await request.body()
            return dict(json.loads(body)) if body else {}
        params: dict[str, Any] = {}
        async with request.form() as form:  # closes the uploaded files' temporary storage
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    params[key] = {"filename": value.filename, "content": await value.read()}
                else:
                    params[key] = value
        params.update(request.query_params)
        return params

    def _validate(self, method: str, params: dict[str, Any]) -> None:
        known = self.spec.get(method)
        if known is None:
            self.violations.append(f"unknown method {method}")
            return
        allowed, required = known
        for name in required - set(params):
            self.violations.append(f"{method}: missing required field {name}")
        for name in set(params) - allowed:
            self.violations.append(f"{method}: unknown field {name}")
        text_field = TEXT_METHODS.get(method)
        if text_field and text_field in params:
            length = len(str(params[text_field]))
            if not 1 <= length <= 4096:
                self.violations.append(f"{method}: text of {length} characters")
        markup = params.get("reply_markup")
        if markup:
            data = json.loads(markup) if isinstance(markup, str) else markup
            for row in data.get("inline_keyboard", []):
                for button in row:
                    size = len(button.get("callback_data", "").encode())
                    if size > 64:
                        self.violations.append(f"{method}: callback_data of {size} bytes")

    def _take_failure(self, method: str, params: dict[str, Any]) -> Failure | None:
        for failure in self.failures:
            if (
                failure.method == method
                and failure.times > 0
                and (failure.chat_id is None or str(params.get("chat_id")) == failure.chat_id)
            ):
                failure.times -= 1
                return failure
        return None

    async def _endpoint(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        params = await self._params(request)
        self._validate(method, params)
        call = Call(method, params, time.monotonic())
        self.calls.append(call)
        if "chat_id" in params:
            self.by_chat.setdefault(str(params["chat_id"]), []).append(call)
        self._called.set()
        failure = self._take_failure(method, params)
        if failure is None and method == "sendMessage" and self.flood_limit is not None:
            failure = self._flood(call.at)
        if failure is not None:
            call.refused = True
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return JSONResponse(body, status_code=failure.status)
        if method == "getUpdates":
            return JSONResponse({"ok": True, "result": await self._get_updates(params)})
        return JSONResponse({"ok": True, "result": self._result(method, params)})

    def _flood(self, at: float) -> Failure | None:
        self._recent_sends = [t for t in self._recent_sends if at - t < 1.0]
        assert self.flood_limit is not None
        if len(self._recent_sends) >= self.flood_limit:
            self.floods += 1
            return Failure("sendMessage", 429, "Too Many Requests: retry after 1", 1)
        self._recent_sends.append(at)
        return None

    async def _file(self, request: Request) -> Response:
        path = request.path_params["path"]
        for file_id, (name, content) in self.files.items():
            if path == _file_path(file_id, name):
                return Response(content, media_type="application/octet-stream")
        return JSONResponse({"ok": False}, status_code=404)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0) or 0)
        timeout = float(params.get("timeout", 0) or 0)
        deadline = time.monotonic() + timeout
        while True:
            ready = [u for u in self.updates if u["update_id"] >= offset]
            if ready or time.monotonic() >= deadline or (self._server and self._server.should_exit):
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                return ready
            self._new.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new.wait(), max(deadline - time.monotonic(), 0))

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Trợ lý",
                "username": "tro_ly_bot",
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if method == "getFile" and params.get("file_id") in self.files:
            name, content = self.files[params["file_id"]]
            return {
                "file_id": params["file_id"],
                "file_unique_id": params["file_id"],
                "file_size": len(content),
                "file_path": _file_path(params["file_id"], name),
            }
        if method in ("sendMessage", "sendDocument", "editMessageText"):
            chat_id = int(params.get("chat_id", 0))
            message: dict[str, Any] = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý"},
            }
            if "text" in params:
                message["text"] = params["text"]
            if method == "sendDocument":
                message["document"] = {
                    "file_id": "doc1",
                    "file_unique_id": "doc1",
                    "file_name": "file",
                }
            return message
        return True

    # ---- what tests use ----
    def push(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self.updates.append({"update_id": update_id, **update})
        self._new.set()
        return update_id

    @staticmethod
    def _user(chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "Người dùng", "language_code": "vi"}

    def _message(self, chat_id: int, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": self._user(chat_id),
            **content,
        }

    # ---- group chats: a member (user_id) writes in a group (negative group_id) ----
    @staticmethod
    def _group(group_id: int) -> dict[str, Any]:
        return {"id": group_id, "type": "supergroup", "title": "Tổ ấp 3"}

    def _group_message(self, group_id: int, user_id: int, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": self._group(group_id),
            "from": self._user(user_id),
            **content,
        }

    def member_says(self, group_id: int, user_id: int, text: str) -> int:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return self.push({"message": self._group_message(group_id, user_id, **content)})

    def member_shares_contact(self, group_id: int, user_id: int, phone: str) -> int:
        contact = {"phone_number": phone, "first_name": "Người dùng", "user_id": user_id}
        return self.push({"message": self._group_message(group_id, user_id, contact=contact)})

    def member_presses(self, group_id: int, user_id: int, data: str) -> int:
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": self._group(group_id),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý"},
            "text": "…",
        }
        query = {
            "id": str(next(self._ids)),
            "from": self._user(user_id),
            "chat_instance": "cg",
            "data": data,
            "message": message,
        }
        return self.push({"callback_query": query})

    def bot_added_to_group(self, group_id: int, by_user: int) -> int:
        """Someone adds the bot to a group: Telegram sends a my_chat_member update."""
        bot = {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý"}
        return self.push(
            {
                "my_chat_member": {
                    "chat": self._group(group_id),
                    "from": self._user(by_user),
                    "date": int(time.time()),
                    "old_chat_member": {"status": "left", "user": bot},
                    "new_chat_member": {"status": "member", "user": bot},
                }
            }
        )

    def user_says(self, chat_id: int, text: str) -> int:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return self.push({"message": self._message(chat_id, **content)})

    def user_edits(self, chat_id: int, text: str) -> int:
        """The person edits a message they sent before: an `edited_message` update."""
        message = self._message(chat_id, text=text, edit_date=int(time.time()))
        return self.push({"edited_message": message})

    def user_shares_contact(self, chat_id: int, phone: str, owner: int | None = None) -> int:
        contact = {
            "phone_number": phone,
            "first_name": "Người dùng",
            "user_id": chat_id if owner is None else owner,
        }
        return self.push({"message": self._message(chat_id, contact=contact)})

    def user_presses(self, chat_id: int, data: str) -> int:
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý"},
            "text": "…",
        }
        return self.push(
            {
                "callback_query": {
                    "id": str(next(self._ids)),
                    "from": self._user(chat_id),
                    "chat_instance": "ci",
                    "data": data,
                    "message": message,
                }
            }
        )

    def buttons(self, chat_id: int) -> list[tuple[str, str]]:
        """(label, data) of the buttons under the last message sent to the chat."""
        for call in reversed(self.sent(chat_id)):
            raw = call.params.get("reply_markup")
            if raw:
                markup = json.loads(raw) if isinstance(raw, str) else raw
                rows = markup.get("inline_keyboard", [])
                return [(b["text"], b["callback_data"]) for row in rows for b in row]
        return []

    def user_taps(self, chat_id: int, label: str) -> int:
        """The person presses the button they see with this label (the start of it is
        enough) under the latest message that has buttons; an AssertionError if none does."""
        for call in reversed(self.sent(chat_id)):
            raw = call.params.get("reply_markup")
            markup = json.loads(raw) if isinstance(raw, str) else (raw or {})
            rows = markup.get("inline_keyboard", [])
            found = [b for row in rows for b in row if str(b["text"]).startswith(label)]
            if found:
                return self.user_presses(chat_id, found[0]["callback_data"])
        raise AssertionError(f"no button {label!r} in chat {chat_id}")

    def user_sends(self, chat_id: int, **content: Any) -> int:
        return self.push({"message": self._message(chat_id, **content)})

    def user_sends_document(self, chat_id: int, name: str, content: bytes) -> int:
        file_id = f"file{next(self._ids)}"
        self.files[file_id] = (name, content)
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": name,
            "file_size": len(content),
        }
        return self.push({"message": self._message(chat_id, document=document)})

    def user_blocks(self, chat_id: int, blocked: bool = True) -> int:
        """The person blocks (or unblocks) the bot: Telegram sends a my_chat_member update."""
        bot = {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý"}

        def member(status: str) -> dict[str, Any]:
            extra = {"until_date": 0} if status == "kicked" else {}
            return {"status": status, "user": bot, **extra}

        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        return self.push(
            {
                "my_chat_member": {
                    "chat": {"id": chat_id, "type": "private"},
                    "from": self._user(chat_id),
                    "date": int(time.time()),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )

    def sent_messages(self) -> list[Call]:
        """Every message delivered (sendMessage not refused), to any chat."""
        return [c for c in self.calls if c.method == "sendMessage" and not c.refused]

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def sent(self, chat_id: int, method: str = "sendMessage") -> list[Call]:
        return [
            c for c in self.by_chat.get(str(chat_id), []) if c.method == method and not c.refused
        ]

    async def replies(
        self,
        chat_id: int,
        count: int,
        *,
        after: int = 0,
        within: float = 10.0,
        settle: float = 0.15,
    ) -> list[str]:
        """The texts of the next `count` messages to the chat, after the first `after` ones;
        then `settle` seconds more to be sure no extra message follows."""
        try:
            async with asyncio.timeout(within):
                while len(self.sent(chat_id)) < after + count:
                    self._called.clear()
                    await self._called.wait()
        except TimeoutError:
            got = [c.params.get("text") for c in self.sent(chat_id)[after:]]
            raise AssertionError(f"expected {count} replies to {chat_id}, got {got}") from None
        await asyncio.sleep(settle)
        messages = self.sent(chat_id)[after:]
        assert len(messages) == count, [m.params.get("text") for m in messages]
        return [str(m.params["text"]) for m in messages]

    def fail(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        chat_id: int | None = None,
        times: int = 1,
    ) -> None:
        self.failures.append(
            Failure(
                method,
                status,
                description,
                retry_after,
                None if chat_id is None else str(chat_id),
                times,
            )
        )
