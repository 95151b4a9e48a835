"""The webhook endpoint as Telegram calls it: secret header, malformed bodies, re-deliveries."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest_asyncio

from bot.channels.telegram.drainer import draining
from bot.channels.telegram.updates import build_application
from bot.channels.telegram.webhook import SECRET_HEADER, webhook_app
from bot.inbound.router import Router
from tests.bot_fixtures import NOW, TZ, Harness

SECRET = "s3cret-Token_123"


@pytest_asyncio.fixture
async def client(harness: Harness) -> AsyncIterator[httpx.AsyncClient]:
    settings = replace(harness.settings, webhook_url="https://bot.example", webhook_secret=SECRET)
    router = Router(harness.engine, TZ, clock=lambda: NOW, keep_replies=True)
    application = build_application(settings, router, polling=False)
    async with application:
        await application.start()
        async with draining(harness.engine, application) as drainer:
            app = webhook_app(application, SECRET, harness.engine, drainer.wake)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bot") as http:
                yield http
        await application.stop()


def update(update_id: int, chat: int, text: str) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "An"},
        },
    }


async def test_wrong_or_missing_secret_is_403_and_nothing_happens(
    client: httpx.AsyncClient, harness: Harness
) -> None:
    body = update(1, 2001, "xin chào")
    assert (await client.post("/telegram", json=body)).status_code == 403
    wrong = {SECRET_HEADER: "not-the-secret"}
    assert (await client.post("/telegram", json=body, headers=wrong)).status_code == 403
    await asyncio.sleep(0.3)
    assert harness.fake.sent(2001) == []


async def test_malformed_json_is_400(client: httpx.AsyncClient) -> None:
    headers = {SECRET_HEADER: SECRET, "content-type": "application/json"}
    assert (
        await client.post("/telegram", content=b"{not json", headers=headers)
    ).status_code == 400
    assert (await client.post("/telegram", content=b"[1, 2]", headers=headers)).status_code == 400


async def test_redelivered_update_is_processed_once(
    client: httpx.AsyncClient, harness: Harness
) -> None:
    headers = {SECRET_HEADER: SECRET}
    body = update(77, 2002, "xin chào")
    first = await client.post("/telegram", json=body, headers=headers)
    second = await client.post("/telegram", json=body, headers=headers)
    assert first.status_code == second.status_code == 200
    [answer] = await harness.fake.replies(2002, 1, settle=0.5)
    assert "Anh/chị có thể hỏi" in answer
    third = await client.post("/telegram", json=update(78, 2002, "cảm ơn"), headers=headers)
    assert third.status_code == 200
    await harness.fake.replies(2002, 1, after=1)


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200 and json.loads(response.text) == {"ok": True}


async def test_json_nested_too_deep_is_400_and_the_bot_carries_on(
    client: httpx.AsyncClient, harness: Harness
) -> None:
    headers = {SECRET_HEADER: SECRET, "content-type": "application/json"}
    for deep in (
        b"[" * 100_000 + b"]" * 100_000,
        b'{"update_id": 5, "message": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001,
    ):
        assert (await client.post("/telegram", content=deep, headers=headers)).status_code == 400
    # Brackets inside a text are letters, not depth.
    body = update(79, 2003, "[" * 500 + "xin chào")
    assert (await client.post("/telegram", json=body, headers=headers)).status_code == 200
    await harness.fake.replies(2003, 1)


async def test_a_body_over_the_limit_is_413(client: httpx.AsyncClient) -> None:
    headers = {SECRET_HEADER: SECRET, "content-type": "application/json"}
    body = json.dumps(update(80, 2004, "x" * (1 << 20))).encode()
    assert (await client.post("/telegram", content=body, headers=headers)).status_code == 413

    async def chunks() -> AsyncIterator[bytes]:  # no content-length: counted as it comes
        for _ in range(20):
            yield b" " * 100_000

    assert (await client.post("/telegram", content=chunks(), headers=headers)).status_code == 413
