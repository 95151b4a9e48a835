"""`python -m bot serve`: the Telegram webhook on starlette + uvicorn, in the same event loop
as the python-telegram-bot application.

`POST /telegram` checks the secret header in constant time (403 when wrong or missing),
answers 200 at once and queues the update; the handler processes each `update_id` once.
`GET /healthz` says the process is up and the database answers.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.channels import bounded_json

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20

PTBApplication = Application[Any, Any, Any, Any, Any, Any]


async def _body_within(request: Request, limit: int) -> bytes | None:
    """The request body, read no further than `limit` bytes (None when it is longer)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def webhook_app(application: PTBApplication, secret: str, engine: Any) -> Starlette:
    expected = secret.encode()

    async def telegram(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        body = await _body_within(request, MAX_BODY)
        if body is None:
            return Response(status_code=413)
        try:
            data = bounded_json.loads(body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return Response(status_code=400)
            update = Update.de_json(data, application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            return Response(status_code=400)
        if update is None:
            return Response(status_code=400)
        await application.update_queue.put(update)
        return Response(status_code=200)

    async def healthz(request: Request) -> Response:
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            log.exception("health check: database unavailable")
            return JSONResponse({"ok": False}, status_code=503)
        return JSONResponse({"ok": True})

    return Starlette(
        routes=[
            Route("/telegram", telegram, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )
