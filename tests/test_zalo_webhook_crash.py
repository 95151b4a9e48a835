"""`python -m bot serve` with Zalo killed with SIGKILL after answering Zalo 200: every update
it accepted is still answered, once, after it is started again (the webhook's inbox, as for
Telegram in test_webhook_crash.py), and a message Zalo delivered twice is answered once. Every
fourth chat sends a sticker: its one-line answer is kept in the inbox row as a text's is."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import func, select

from bot.channels.zalo.webhook import SECRET_HEADER
from storage.schema import inbox
from tests.serve_process import free_port, serve_until, start_serve
from tests.test_zalo_run import zalo_env
from tests.zalo_fixtures import ZaloRig, zalo_rig

__all__ = ["zalo_rig"]
SECRET = "Zalo-webhook-Secret_123"
CHATS = 120


def _chat(n: int) -> str:
    return f"c{n:019x}"


async def _serve(z: ZaloRig, port: int) -> asyncio.subprocess.Process:
    env = zalo_env(
        z, WEBHOOK_URL="https://bot.example/", ZALO_WEBHOOK_SECRET=SECRET, PORT=str(port)
    )
    return await start_serve(z.h.folder, env, port)


def _sticker(n: int) -> bool:
    return n % 4 == 0  # two of the first eight, which the bot is at work on when killed


def _answered(z: ZaloRig) -> int:
    return sum(1 for n in range(CHATS) if z.fake.sent_to(_chat(n)))


async def test_zalo_updates_accepted_before_a_kill_are_answered_after_the_restart(
    zalo_rig: ZaloRig,
) -> None:
    z, port = zalo_rig, free_port()
    # Zalo stops answering sendMessage: the bot is at work on the updates when it is killed
    # (some answers are already decided and kept in their rows, none has left).
    z.fake.hold("sendMessage")
    proc = await _serve(z, port)
    try:
        headers = {SECRET_HEADER: SECRET}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for n in range(CHATS):
                message = (
                    z.fake.update(_chat(n), "sticker", sticker="a1b2c3", url="https://z.example/s")
                    if _sticker(n)
                    else z.fake.text_update(_chat(n), "xin chào")
                )
                update = {"ok": True, "result": message}
                for _delivery in range(2):  # Zalo delivers each message twice
                    answer = await http.post("/zalo", json=update, headers=headers)
                    assert answer.status_code == 200
        await asyncio.sleep(0.5)
    finally:
        proc.kill()
        await proc.wait()
    before = _answered(z)
    z.fake.release()

    code, err = await serve_until(lambda: _serve(z, port), lambda: _answered(z) >= CHATS, 1.0)
    assert code == 0, err
    counts = [len(z.fake.sent_to(_chat(n))) for n in range(CHATS)]
    print(
        f"{CHATS} Zalo messages (each delivered twice) accepted before SIGKILL; answered "
        f"before the kill: {before}, after the restart: {_answered(z) - before}; "
        f"messages per chat: {sorted(set(counts))}"
    )
    assert before == 0
    assert _answered(z) == CHATS
    # Each message answered once: no chat got a second copy of its answer (one answer
    # is one or two Zalo messages; every chat got the same).
    texts = [n for n in range(CHATS) if not _sticker(n)]
    assert len({counts[n] for n in texts}) == 1 and counts[texts[0]] in (1, 2), counts
    [greeting] = {z.fake.sent_to(_chat(n))[0] for n in texts}  # the same answer to all
    assert "/start" in greeting
    stickers = [n for n in range(CHATS) if _sticker(n)]
    assert {counts[n] for n in stickers} == {1}, counts  # one line, once
    [line] = {z.fake.sent_to(_chat(n))[0] for n in stickers}
    assert "chữ" in line, line  # "… chỉ đọc được tin nhắn chữ …": the media line
    async with z.h.engine.connect() as conn:
        pending = await conn.scalar(
            select(func.count()).select_from(inbox).where(inbox.c.done_at.is_(None))
        )
        stored = await conn.scalar(select(func.count()).select_from(inbox))
    assert pending == 0 and stored == CHATS  # each message stored once, all done
