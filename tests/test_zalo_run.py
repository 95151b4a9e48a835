"""`python -m bot run` and `serve` with Zalo, each in a real subprocess against the fake Zalo
API (and the fake Telegram API when both channels are on)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bot.channels.zalo.webhook import SECRET_HEADER
from tests.bot_fixtures import SARI, Harness
from tests.fake_zalo import TOKEN
from tests.serve_process import bot_process, free_port, until_healthy
from tests.test_telegram_stories import link
from tests.zalo_fixtures import ZaloRig, zalo_rig

__all__ = ["zalo_rig"]
CHAT = "6ede9afa66b88fe6d6a9"
SECRET = "Zalo-webhook-Secret_123"
OWN = {"BOT_TOKEN", "DATABASE_URL", "WEBHOOK_URL", "WEBHOOK_SECRET", "PORT", "BANK_HOTLINE"}


def env_for(db_url: str, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in OWN and not k.startswith(("ZALO_", "TELE"))
    }
    env.update(DATABASE_URL=db_url, QUIET_HOURS="off", **extra)
    return env


def zalo_env(z: ZaloRig, **extra: str) -> dict[str, str]:
    return env_for(
        z.settings.database_url, **{"ZALO_BOT_TOKEN": TOKEN, "ZALO_API_URL": z.fake.api_url} | extra
    )


@asynccontextmanager
async def bot(h: Harness, command: str, env: dict[str, str]) -> AsyncIterator[None]:
    """The bot as a process until the block ends, then SIGTERM: it must stop cleanly and
    never have written a token to its log."""
    proc = await bot_process(command, h.folder, env)
    try:
        yield
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
    assert TOKEN not in err.decode() and TOKEN.split(":")[1] not in err.decode()


async def cli(h: Harness, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=h.folder,
        capture_output=True,
        text=True,
    )


async def test_run_with_only_the_zalo_token_polls_zalo(zalo_rig: ZaloRig) -> None:
    z = zalo_rig
    z.fake.webhook_url, z.fake.webhook_secret = "https://left.by.serve/zalo", SECRET
    env = zalo_env(z)
    async with bot(z.h, "run", env):
        for _ in range(300):  # polling and a webhook exclude each other: run deletes it
            if not z.fake.webhook_url:
                break
            await asyncio.sleep(0.1)
        greeting, how = await z.says(CHAT, "/start", 2, within=30)
        assert "Xin chào" in greeting and "LIENKET" in how
        assert len(z.fake.calls_to("deleteWebhook")) == 1
        code = await z.code_for(SARI["code"], datetime.now(UTC))  # the bot runs on the clock
        await z.says(CHAT, f"LIENKET {code}", 2)
        await z.says(CHAT, "1")
        # The Zalo outbox sender runs beside the chat: a notice queued from the command line.
        seen = len(z.fake.sent_to(CHAT))
        queued = await cli(z.h, env, "broadcast", "--text", "Họp dân tối nay", "--group", "T01")
        assert queued.returncode == 0 and queued.stdout.strip() == "1", queued.stderr
        [notice] = await z.fake.replies(CHAT, 1, after=seen, within=20)
        assert (
            notice == "📩 Thông báo từ Ngân hàng Chính sách xã hội (NHCSXH):\nHọp dân tối nay"
        )  # who sends it, first


async def test_run_with_both_tokens_serves_both_channels(zalo_rig: ZaloRig) -> None:
    z, h = zalo_rig, zalo_rig.h
    env = zalo_env(z, BOT_TOKEN="123456:TEST-token", TELEGRAM_API_URL=h.fake.api_url)
    async with bot(h, "run", env):
        h.fake.user_says(3001, "/start")
        _greeting, ask = await h.fake.replies(3001, 2, within=30)
        assert "Chia sẻ số điện thoại" in ask  # Telegram still links by phone
        greeting, how = await z.fake.says(CHAT, "/start", 2, within=30)
        assert "Xin chào" in greeting and "LIENKET" in how and "Chia sẻ" not in how
        # One sender per channel: the same notice reaches a Telegram and a Zalo household.
        await link(h, 3002, SARI)
        code = await z.code_for("KH002", datetime.now(UTC))  # the bot runs on the clock
        await z.says(CHAT, code, 2)
        await z.says(CHAT, "1")
        seen = len(h.fake.sent(3002)), len(z.fake.sent_to(CHAT))
        queued = await cli(h, env, "broadcast", "--text", "Họp dân tối nay", "--group", "T01")
        assert queued.stdout.strip() == "2", queued.stderr
        [on_telegram] = await h.fake.replies(3002, 1, after=seen[0], within=20)
        [on_zalo] = await z.fake.replies(CHAT, 1, after=seen[1], within=20)
        assert (
            on_telegram
            == on_zalo
            == "📩 Thông báo từ Ngân hàng Chính sách xã hội (NHCSXH):\nHọp dân tối nay"
        )


async def test_run_keeps_telegram_when_zalo_fails_its_start_up_check(zalo_rig: ZaloRig) -> None:
    """Zalo answers getWebhookInfo with errors for a while: Telegram is answered meanwhile,
    the log has one line about it, and Zalo is polled once it answers (tried with backoff)."""
    z, h = zalo_rig, zalo_rig.h
    z.fake.fail(500, "Internal server error", method="getWebhookInfo", times=3)
    env = zalo_env(z, BOT_TOKEN="123456:TEST-token", TELEGRAM_API_URL=h.fake.api_url)
    proc = await bot_process("run", h.folder, env)
    try:
        h.fake.user_says(3101, "/start")
        greeting, _ask = await h.fake.replies(3101, 2, within=30)
        assert "Xin chào" in greeting
        assert len(z.fake.calls_to("getWebhookInfo")) <= 3  # Telegram did not wait for Zalo
        greeting, how = await z.fake.says(CHAT, "/start", 2, within=30)  # after 1 + 2 + 4 s
        assert "Xin chào" in greeting and "LIENKET" in how
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(proc.communicate(), 30)
    log = err.decode()
    assert proc.returncode == 0, log
    assert len(z.fake.calls_to("getWebhookInfo")) == 4
    failed = [line for line in log.splitlines() if "start-up check failed" in line]
    assert len(failed) == 1 and "WARNING" in failed[0], log
    assert "Traceback" not in log and "polling Zalo now" in log


async def test_serve_with_zalo_registers_and_answers_its_webhook(zalo_rig: ZaloRig) -> None:
    z = zalo_rig
    port = free_port()
    env = zalo_env(
        z, WEBHOOK_URL="https://bot.example/", ZALO_WEBHOOK_SECRET=SECRET, PORT=str(port)
    )
    async with (
        bot(z.h, "serve", env),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http,
    ):
        await until_healthy(http)
        [call] = z.fake.calls_to("setWebhook")
        assert call.params == {"url": "https://bot.example/zalo", "secret_token": SECRET}
        update = {"ok": True, "result": z.fake.text_update(CHAT, "/start")}
        assert (await http.post("/zalo", json=update)).status_code == 403
        answer = await http.post("/zalo", json=update, headers={SECRET_HEADER: SECRET})
        assert answer.status_code == 200
        greeting, how = await z.fake.replies(CHAT, 2, within=30)
        assert "Xin chào" in greeting and "LIENKET" in how
        assert (await http.post("/telegram", json={})).status_code == 404  # not configured


async def test_serve_with_both_channels_answers_both_webhooks(zalo_rig: ZaloRig) -> None:
    z, h = zalo_rig, zalo_rig.h
    port = free_port()
    env = zalo_env(
        z,
        BOT_TOKEN="123456:TEST-token",
        TELEGRAM_API_URL=h.fake.api_url,
        WEBHOOK_URL="https://bot.example",
        WEBHOOK_SECRET="Tg_Secret_123",
        ZALO_WEBHOOK_SECRET=SECRET,
        PORT=str(port),
    )
    async with (
        bot(h, "serve", env),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http,
    ):
        await until_healthy(http)
        [telegram_hook] = [c for c in h.fake.calls if c.method == "setWebhook"]
        assert telegram_hook.params["url"] == "https://bot.example/telegram"
        assert z.fake.calls_to("setWebhook")[0].params["url"] == "https://bot.example/zalo"
        tg_update = {
            "update_id": 9,
            "message": {
                "message_id": 9,
                "date": 1_700_000_000,
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                "chat": {"id": 4001, "type": "private"},
                "from": {"id": 4001, "is_bot": False, "first_name": "An"},
            },
        }
        headers = {"X-Telegram-Bot-Api-Secret-Token": "Tg_Secret_123"}
        assert (await http.post("/telegram", json=tg_update, headers=headers)).status_code == 200
        zalo_update = {"ok": True, "result": z.fake.text_update(CHAT, "/start")}
        headers = {SECRET_HEADER: SECRET}
        assert (await http.post("/zalo", json=zalo_update, headers=headers)).status_code == 200
        greeting, _ask = await h.fake.replies(4001, 2, within=30)
        assert "Xin chào" in greeting
        greeting, _how = await z.fake.replies(CHAT, 2, within=30)
        assert "Xin chào" in greeting


async def one_line_error(folder: Path, command: str, env: dict[str, str]) -> str:
    proc = await bot_process(command, folder, env)
    _out, err = await asyncio.wait_for(proc.communicate(), 30)
    text = err.decode().strip()
    assert proc.returncode == 2 and len(text.splitlines()) == 1, text
    return text


async def test_wrong_or_missing_zalo_settings_stop_with_one_line(zalo_rig: ZaloRig) -> None:
    z = zalo_rig
    folder = z.h.folder
    missing = await one_line_error(folder, "serve", zalo_env(z, WEBHOOK_URL="https://b.example"))
    assert "ZALO_WEBHOOK_SECRET" in missing
    short = await one_line_error(folder, "serve", zalo_env(z, ZALO_WEBHOOK_SECRET="short"))
    assert "8" in short and "256" in short and "short" not in short.split(":", 1)[1]
    refused = await one_line_error(
        folder, "run", zalo_env(z, ZALO_BOT_TOKEN="1459232241454765289:Wrong-secret")
    )
    assert "401" in refused and "Wrong-secret" not in refused
