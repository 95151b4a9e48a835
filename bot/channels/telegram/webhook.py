"""`python -m bot serve`: the Telegram webhook on starlette + uvicorn, in the same event loop
as the python-telegram-bot application.

`POST /telegram` checks the secret header in constant time (403 when wrong or missing),
reads at most 1 MB (413) of JSON nested at most 64 deep (400), and stores the update in the
inbox table (storage/inbox.py) before it answers 200: once Telegram hears 200 the update
survives a crash. A re-delivery is stored once. If the database cannot take it the answer is
503 and Telegram delivers it again later. The drainer (drainer.py) processes what is stored.
`GET /healthz` says the process is up and the database answers.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.channels import bounded_json
from bot.channels.bounded_body import checked_body
from bot.channels.health import health_route
from bot.channels.telegram.updates import CHANNEL
from storage import inbox

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20

PTBApplication = Application[Any, Any, Any, Any, Any, Any]


def webhook_app(
    application: PTBApplication,
    secret: str,
    engine: AsyncEngine,
    on_stored: Callable[[], None] = lambda: None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Starlette:
    """The HTTP side; `on_stored` is called after an update is committed to the inbox (the
    drainer's `wake`)."""
    expected = secret.encode()

    async def telegram(request: Request) -> Response:
        body = await checked_body(request, SECRET_HEADER, expected, MAX_BODY)
        if isinstance(body, Response):
            return body
        try:
            data = bounded_json.loads(body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return Response(status_code=400)
            update = Update.de_json(data, application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            return Response(status_code=400)
        if update is None:
            return Response(status_code=400)
        chat = update.effective_chat
        try:
            async with engine.begin() as conn:
                await inbox.accept(
                    conn,
                    CHANNEL,
                    str(update.update_id),
                    str(chat.id) if chat is not None else None,
                    json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                    clock(),
                )
        except Exception:
            log.exception("could not store a webhook update; Telegram will deliver it again")
            return Response(status_code=503)
        on_stored()
        return Response(status_code=200)

    return Starlette(
        routes=[
            Route("/telegram", telegram, methods=["POST"]),
            health_route(engine),
        ]
    )
