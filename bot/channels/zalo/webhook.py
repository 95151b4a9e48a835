"""`POST /zalo` for `serve`: Zalo's webhook.

The secret header (`X-Bot-Api-Secret-Token`) is compared in constant time (403 when wrong or
missing, before the body is read); the body is read up to MAX_BODY (413 beyond); a body that
is not JSON is 400. A usable update is stored in the inbox table (storage/inbox.py, the one
Telegram's webhook uses), keyed by its message_id, before the answer 200: once Zalo hears
200 the update survives a crash, and a message Zalo delivers twice is stored, and so
handled, once. If the database cannot take it the answer is 503 (Zalo documents no retry
policy: it may or may not send it again). The channel's drainer (bot/channels/
inbox_drainer.py) hands stored rows to the adapter, one chat's in order; a restart drains
what a crash left. A JSON body the bot cannot use (no chat, an unknown shape) is answered
200 and dropped: telling Zalo to send it again would not make it readable.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.channels.bounded_body import checked_body
from bot.channels.inbox_drainer import Handle, draining
from bot.channels.zalo.adapter import ZaloChannel, ZaloRuntime, update_key, zalo_runtime
from bot.channels.zalo.delivery import CHANNEL
from bot.channels.zalo.updates import MAX_BODY, UnreadableJson, load_json, parse_update
from bot.config import Settings
from bot.inbound.router import Router
from storage import inbox

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Bot-Api-Secret-Token"
PATH = "/zalo"


def zalo_route(
    engine: AsyncEngine,
    secret: str,
    on_stored: Callable[[], None] = lambda: None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Route:
    """The route; `on_stored` is called after an update is committed (the drainer's wake)."""
    expected = secret.encode()

    async def zalo(request: Request) -> Response:
        body = await checked_body(request, SECRET_HEADER, expected, MAX_BODY)
        if isinstance(body, Response):
            return body
        try:
            payload = load_json(body)
        except UnreadableJson:
            return Response(status_code=400)
        update = parse_update(payload)
        if update is None:
            log.info("a Zalo webhook body without a usable update was dropped")
            return JSONResponse({"message": "Success"})
        try:
            async with engine.begin() as conn:
                stored = await inbox.accept(
                    conn,
                    CHANNEL,
                    # The router's key for the message (Inbound.update_id), as text: the
                    # answer kept in the row is found by it (storage/inbox.py).
                    str(update_key(update.message_id)),
                    update.chat_id,
                    json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                    clock(),
                )
        except Exception:
            log.exception("could not store a Zalo webhook update")
            return Response(status_code=503)
        if stored:
            on_stored()
        return JSONResponse({"message": "Success"})

    return Route(PATH, zalo, methods=["POST"])


def hand_over(channel: ZaloChannel) -> Handle:
    """A stored row to the adapter, awaited until it is answered."""

    async def handle(row: inbox.Claimed) -> None:
        update = parse_update(json.loads(row.payload))
        if update is not None:
            await channel.process(update)

    return handle


@asynccontextmanager
async def serving(
    settings: Settings, router: Router, webhook_url: str, secret: str
) -> AsyncIterator[tuple[ZaloRuntime, Route]]:
    """Zalo for `serve`: the webhook set to WEBHOOK_URL + "/zalo" with the secret, the route
    that stores what it receives, and the drainer that processes it (first what a crash
    left)."""
    engine = router.engine
    async with zalo_runtime(settings, router) as zalo:
        await zalo.client.set_webhook(webhook_url.rstrip("/") + PATH, secret)
        async with draining(engine, CHANNEL, hand_over(zalo.channel)) as drainer:
            yield zalo, zalo_route(engine, secret, drainer.wake, router.clock)
