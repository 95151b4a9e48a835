"""The two ways a person meets the bot outside the test process: the console chat and
`python -m bot run` (long polling) against the fake Bot API, each in a real subprocess."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from tests.bot_fixtures import SARI, Harness
from tests.serve_process import bot_process, free_port, start_serve
from tests.test_telegram_stories import link


def env_for(db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    env.update(DATABASE_URL=db_url, **extra)
    return env


async def test_console_chat_on_an_empty_database_seeds_demo_and_answers(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'chat.sqlite3'}"
    # The demo people are printed first; read one, then talk as them.
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "chat",
        cwd=tmp_path,
        env=env_for(db_url),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    lines: list[str] = []
    while not any("Trò chuyện với trợ lý" in line for line in lines):
        lines.append((await asyncio.wait_for(proc.stdout.readline(), 60)).decode())
    demo = next(line.split() for line in lines if line.startswith("  09"))
    phone, last4 = demo[0], demo[1]
    script = f"1\n{phone}\n{last4}\n1\ndu no con bn\nthoát\n"
    out, err = await asyncio.wait_for(proc.communicate(script.encode()), 60)
    text = "".join(lines) + out.decode()
    assert proc.returncode == 0, err.decode()
    assert "Cơ sở dữ liệu còn trống" in text
    assert "  1. 📱 Chia sẻ số điện thoại" in text
    assert "Đã xác minh." in text and "  1. Xác nhận: tôi đồng ý" in text
    assert "Tổng dư nợ:" in text and "Số liệu đến ngày" in text
    assert "Tạm biệt!" in text


async def test_console_with_phone_starts_as_that_person(harness: Harness) -> None:
    db_url = harness.settings.database_url
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "chat",
        "--phone",
        SARI["phone"],
        cwd=harness.folder,
        env=env_for(db_url),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(
        proc.communicate(f"{SARI['last4']}\n1\nlai thang nay\n".encode()), 60
    )
    text = out.decode()
    assert proc.returncode == 0, err.decode()
    assert "Bây giờ hãy nhập 4 số cuối" in text and "Lãi tháng này: 425.000 đ" in text


async def test_console_reopened_keeps_the_link_and_the_open_question(harness: Harness) -> None:
    """Coming back to the console: no "already linked, type /huy" greeting, and a typed
    answer to the question left open last time still works."""

    async def console(typed: str) -> str:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            *("-m", "bot", "chat", "--phone", SARI["phone"]),
            cwd=harness.folder,
            env=env_for(harness.settings.database_url),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(typed.encode()), 60)
        assert proc.returncode == 0, err.decode()
        return out.decode()

    await console(f"{SARI['last4']}\n1\nhủy liên kết\n")  # linked; "Unlink this chat?" open
    again = await console("không\n")
    assert "Đã liên kết như lần trước" in again and "/huy trước" not in again
    assert "Liên kết vẫn giữ nguyên" in again


async def test_console_no_at_the_notice_asks_first_and_never_mind_keeps_the_link(
    harness: Harness,
) -> None:
    """Found by a stranger trying the console: "ko" at the notice unlinked the chat at once."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        *("-m", "bot", "chat", "--phone", SARI["phone"]),
        cwd=harness.folder,
        env=env_for(harness.settings.database_url),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    script = f"{SARI['last4']}\nko\nthôi\ndu no\nnhắc tôi nha\n"
    out, err = await asyncio.wait_for(proc.communicate(script.encode()), 60)
    text = out.decode()
    assert proc.returncode == 0, err.decode()
    asked = text.index("sẽ bị hủy liên kết")
    assert "  1. Xác nhận: không đồng ý, hủy liên kết\n  2. Giữ liên kết, để sau" in text[asked:]
    kept = text.index("liên kết vẫn giữ nguyên")  # "thôi" at the question: the link is kept
    assert "“Xác nhận: tôi đồng ý”" in text[kept:].split("\n")[0]  # and how to agree later
    assert "không còn liên kết" not in text and "Tổng dư nợ" not in text
    assert text.count("Nghị định 13/2023") == 1  # in full once; a short line after
    assert text.count("Anh/chị cần đồng ý với thông báo") == 2  # "dư nợ", "nhắc tôi nha"
    assert "Nhắc nhở sẽ bắt đầu khi anh/chị đồng ý" in text and "Đã bật nhắc nhở" not in text


async def test_console_as_zalo_numbers_the_options_and_links_by_code(harness: Harness) -> None:
    """`./dev chat --channel zalo`: what a Zalo chat shows, in the terminal."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "chat",
        "--channel",
        "zalo",
        "--phone",
        SARI["phone"],
        cwd=harness.folder,
        env=env_for(harness.settings.database_url),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    # "1" is the consent, typed as on Zalo; then a menu option by its words; then help.
    script = "1\nlai thang nay\n0912345678\ntro giup\n"
    out, err = await asyncio.wait_for(proc.communicate(script.encode()), 60)
    text = out.decode()
    assert proc.returncode == 0, err.decode()
    assert "LIENKET" in text and "Đã xác minh." in text
    lines = text.splitlines()
    assert "1. Xác nhận: tôi đồng ý" in lines  # a numbered line of the message, not a button
    assert "Chia sẻ số điện thoại" not in text  # Zalo has no "share my phone"
    assert "Cảm ơn" in text and "Lãi tháng này: 425.000 đ" in text
    assert "Bây giờ hãy nhập 4 số cuối" not in text  # a typed phone links nobody on Zalo
    # Each Zalo message of an answer is printed apart (───), each under Zalo's 2000.
    messages = re.split(r"\n───\n|\n> ", text)[1:]
    assert "───" in text and all(0 < len(message.strip()) <= 2000 for message in messages)


async def test_run_command_long_polls_the_configured_api(harness: Harness) -> None:
    env = env_for(
        harness.settings.database_url,
        BOT_TOKEN="123456:TEST-token",
        TELEGRAM_API_URL=harness.fake.api_url,
        QUIET_HOURS="off",
    )
    proc = await bot_process("run", harness.folder, env)
    try:
        harness.fake.user_says(3001, "/start")
        greeting, ask = await harness.fake.replies(3001, 2, within=30)
        assert "Xin chào" in greeting and "Chia sẻ số điện thoại" in ask
        harness.fake.user_says(3001, "vay nuoc sach toi da bn")
        [answer] = await harness.fake.replies(3001, 1, after=2, within=30)
        assert "25.000.000 đ" in answer
        # The outbox sender runs beside the chat: a notice queued from the command line
        # reaches a linked member (quiet hours are off, so the test passes at any hour).
        await link(harness, 3002, SARI)
        queued = await asyncio.to_thread(
            subprocess.run,
            [
                sys.executable,
                "-m",
                "bot",
                "broadcast",
                "--text",
                "Họp dân tối nay",
                "--group",
                "T01",
            ],
            env=env,
            cwd=harness.folder,
            capture_output=True,
            text=True,
        )
        assert queued.returncode == 0 and queued.stdout.strip() == "1", queued.stderr
        [notice] = await harness.fake.replies(3002, 1, after=6, within=20)
        assert (
            notice == "📩 Thông báo từ Ngân hàng Chính sách xã hội (NHCSXH):\nHọp dân tối nay"
        )  # who sends it, first
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
    assert "TEST-token" not in err.decode()  # the token never reaches the logs


async def test_run_without_token_stops_with_one_line(tmp_path: Path) -> None:
    proc = await bot_process("run", tmp_path, env_for(f"sqlite:///{tmp_path / 'x.sqlite3'}"))
    _out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2 and "BOT_TOKEN" in err.decode()
    assert len(err.decode().strip().splitlines()) == 1


async def test_serve_registers_the_webhook_and_answers_posted_updates(harness: Harness) -> None:
    import time

    import httpx

    port = free_port()
    env = env_for(
        harness.settings.database_url,
        BOT_TOKEN="123456:TEST-token",
        TELEGRAM_API_URL=harness.fake.api_url,
        WEBHOOK_URL="https://bot.example/",
        WEBHOOK_SECRET="Secret_123",
        PORT=str(port),
    )
    proc = await start_serve(harness.folder, env, port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            [webhook] = [c for c in harness.fake.calls if c.method == "setWebhook"]
            assert webhook.params["url"] == "https://bot.example/telegram"
            assert webhook.params["secret_token"] == "Secret_123"
            update = {
                "update_id": 9,
                "message": {
                    "message_id": 9,
                    "date": int(time.time()),
                    "text": "/start",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                    "chat": {"id": 4001, "type": "private"},
                    "from": {"id": 4001, "is_bot": False, "first_name": "An"},
                },
            }
            refused = await http.post("/telegram", json=update)
            assert refused.status_code == 403
            accepted = await http.post(
                "/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "Secret_123"}
            )
            assert accepted.status_code == 200
            greeting, _ask = await harness.fake.replies(4001, 2, within=30)
            assert "Xin chào" in greeting
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
