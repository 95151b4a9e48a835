"""`python -m bot serve` killed with SIGKILL after answering Telegram 200: every update it
accepted is still answered once it is started again (the webhook's inbox)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from tests.bot_fixtures import Harness
from tests.serve_process import free_port, serve_until, start_serve
from tests.test_console_and_run import env_for

SECRET = "Secret_123"
UPDATES = 300
FIRST_CHAT = 50_000


def _update(n: int) -> dict[str, Any]:
    chat = FIRST_CHAT + n
    return {
        "update_id": 700_000 + n,
        "message": {
            "message_id": n + 1,
            "date": int(time.time()),
            "text": "xin chào",
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "An"},
        },
    }


async def _serve(harness: Harness, port: int) -> asyncio.subprocess.Process:
    env = env_for(
        harness.settings.database_url,
        BOT_TOKEN="123456:TEST-token",
        TELEGRAM_API_URL=harness.fake.api_url,
        WEBHOOK_URL="https://bot.example/",
        WEBHOOK_SECRET=SECRET,
        PORT=str(port),
    )
    return await start_serve(harness.folder, env, port)


def _answered(harness: Harness) -> int:
    return sum(1 for n in range(UPDATES) if harness.fake.sent(FIRST_CHAT + n))


async def test_updates_accepted_before_a_kill_are_answered_after_the_restart(
    harness: Harness,
) -> None:
    fake, port = harness.fake, free_port()
    # Telegram refuses every reply for now ("retry after 30"), so the bot is still at work
    # on the updates when it is killed.
    fake.fail("sendMessage", 429, "Too Many Requests: retry after 30", retry_after=30, times=10**6)
    proc = await _serve(harness, port)
    try:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for n in range(UPDATES):
                answer = await http.post("/telegram", json=_update(n), headers=headers)
                assert answer.status_code == 200
        await asyncio.sleep(0.5)  # the bot is now waiting out Telegram's 429s
    finally:
        proc.kill()
        await proc.wait()
    before = _answered(harness)
    fake.failures.clear()

    code, err = await serve_until(
        lambda: _serve(harness, port), lambda: _answered(harness) >= UPDATES, 0.5, limit=180
    )  # returns once all are answered: the limit is only for a loaded machine
    after = _answered(harness) - before
    replies = sum(len(fake.sent(FIRST_CHAT + n)) for n in range(UPDATES))
    print(
        f"{UPDATES} updates accepted (200) before SIGKILL; answered before the kill: {before}, "
        f"after the restart: {after}; replies in all: {replies}"
    )
    assert code == 0, err
    assert before + after == UPDATES
    assert replies == UPDATES  # each answered once: the kept answers replaced, not added to
