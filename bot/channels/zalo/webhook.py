"""`POST /zalo` for `serve`: Zalo's webhook.

The secret header (`X-Bot-Api-Secret-Token`) is compared in constant time (403 when wrong or
missing, before the body is read); the body is read up to MAX_BODY (413 beyond); a body that
is not JSON is 400; anything else is answered 200 at once and handled after the answer (a
Starlette background task), so Zalo never waits for the router. A message Zalo delivers
twice is handled once (the adapter keys it by its message_id). A JSON body the bot cannot
use (no chat, an unknown shape) is answered 200 too and dropped: telling Zalo to send it
again would not make it readable.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.channels.zalo.adapter import ZaloChannel, ZaloRuntime, zalo_runtime
from bot.channels.zalo.updates import MAX_BODY, UnreadableJson, load_json, parse_update
from bot.config import Settings
from bot.inbound.router import Router

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Bot-Api-Secret-Token"
PATH = "/zalo"


async def _bounded_body(request: Request) -> bytes | None:
    """The body, or None when it is longer than MAX_BODY (read no further than that)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def zalo_route(channel: ZaloChannel, secret: str) -> Route:
    expected = secret.encode()

    async def zalo(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        body = await _bounded_body(request)
        if body is None:
            return Response(status_code=413)
        try:
            payload = load_json(body)
        except UnreadableJson:
            return Response(status_code=400)
        update = parse_update(payload)
        if update is None:
            log.info("a Zalo webhook body without a usable update was dropped")
            return JSONResponse({"message": "Success"})
        # TODO(merge): once migration 0003's `inbox` table lands (keyed by (channel,
        # update_key)), store the update there as ("zalo", update.message_id) and let the
        # drain of `serve` process it, instead of this background task.
        later = BackgroundTask(channel.process, update)
        return JSONResponse({"message": "Success"}, background=later)

    return Route(PATH, zalo, methods=["POST"])


@asynccontextmanager
async def serving(
    settings: Settings, router: Router, webhook_url: str, secret: str
) -> AsyncIterator[tuple[ZaloRuntime, Route]]:
    """Zalo for `serve`: the webhook set to WEBHOOK_URL + "/zalo" with the secret, and the
    route that receives it."""
    async with zalo_runtime(settings, router) as zalo:
        await zalo.client.set_webhook(webhook_url.rstrip("/") + PATH, secret)
        yield zalo, zalo_route(zalo.channel, secret)
