"""`POST /zalo` as Zalo calls it (the secret header, bounded and malformed bodies, a message
delivered twice), and `serve` registering it; the real router behind it, replies through
httpx to the fake Zalo API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest_asyncio
from starlette.applications import Starlette

from bot.channels.zalo.webhook import SECRET_HEADER, serving
from bot.inbound.router import Router
from tests.bot_fixtures import NOW, TZ
from tests.zalo_fixtures import ZaloRig, zalo_rig

__all__ = ["zalo_rig"]
SECRET = "Zalo-webhook-Secret_123"
CHAT = "6ede9afa66b88fe6d6a9"


@pytest_asyncio.fixture
async def client(zalo_rig: ZaloRig) -> AsyncIterator[httpx.AsyncClient]:
    z = zalo_rig
    settings = replace(z.settings, webhook_url="https://bot.example/", zalo_webhook_secret=SECRET)
    router = Router(z.h.engine, TZ, clock=lambda: NOW)
    async with serving(settings, router, "https://bot.example/", SECRET) as (_zalo, route):
        transport = httpx.ASGITransport(app=Starlette(routes=[route]))
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as http:
            yield http


def body(update: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, "result": update}


async def test_serving_registers_the_webhook_with_its_secret(
    client: httpx.AsyncClient, zalo_rig: ZaloRig
) -> None:
    [call] = zalo_rig.fake.calls_to("setWebhook")
    assert call.params == {"url": "https://bot.example/zalo", "secret_token": SECRET}


async def test_a_wrong_or_missing_secret_is_403_and_nothing_happens(
    client: httpx.AsyncClient, zalo_rig: ZaloRig
) -> None:
    update = body(zalo_rig.fake.text_update(CHAT, "xin chào"))
    assert (await client.post("/zalo", json=update)).status_code == 403
    wrong = {SECRET_HEADER: SECRET[:-1] + "4"}
    assert (await client.post("/zalo", json=update, headers=wrong)).status_code == 403
    await asyncio.sleep(0.3)
    assert zalo_rig.fake.sent_to(CHAT) == []


async def test_a_message_delivered_twice_is_answered_once(
    client: httpx.AsyncClient, zalo_rig: ZaloRig
) -> None:
    headers = {SECRET_HEADER: SECRET}
    update = body(zalo_rig.fake.text_update(CHAT, "vay nuoc sach toi da bn"))
    first = await client.post("/zalo", json=update, headers=headers)
    second = await client.post("/zalo", json=update, headers=headers)
    assert first.status_code == second.status_code == 200
    assert first.json() == {"message": "Success"}
    [answer] = await zalo_rig.fake.replies(CHAT, 1, settle=0.5)
    assert "25.000.000 đ" in answer
    # A sticker delivered twice (answered by the adapter itself) is answered once too.
    sticker = body(zalo_rig.fake.update(CHAT, "sticker", sticker="bfe458bf64fa8da4d4eb"))
    for _ in range(2):
        assert (await client.post("/zalo", json=sticker, headers=headers)).status_code == 200
    await zalo_rig.fake.replies(CHAT, 1, after=1, settle=0.5)


async def test_bodies_too_big_unreadable_or_unusable(
    client: httpx.AsyncClient, zalo_rig: ZaloRig
) -> None:
    headers = {SECRET_HEADER: SECRET, "content-type": "application/json"}
    huge = b'{"ok": true, "result": {"pad": "' + b"x" * (300 * 1024) + b'"}}'
    assert (await client.post("/zalo", content=huge, headers=headers)).status_code == 413
    assert (await client.post("/zalo", content=b"{not json", headers=headers)).status_code == 400
    nested = b"[" * 50 + b"]" * 50
    assert (await client.post("/zalo", content=nested, headers=headers)).status_code == 400
    # JSON that is no update (no chat): answered, dropped (Zalo sending it again would not help).
    junk = await client.post("/zalo", json={"ok": True, "result": {"x": 1}}, headers=headers)
    assert junk.status_code == 200
    await asyncio.sleep(0.3)
    assert zalo_rig.fake.sent == []
