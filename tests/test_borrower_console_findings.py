"""Found by a stranger trying the console as a borrower (demo date 01/12/2026): what to pay
this month in all, a forgotten interest payment that switched reminders back on, a question
about oneself and a neighbour, bare acknowledgements, a greeting at the CCCD question, and
a language named outright. Through the real PTB stack, the clock on 01/12/2026."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest_asyncio

from bot.channels.telegram.updates import polling
from bot.inbound.router import Router
from tests.bot_fixtures import SARI, SON, TZ, Harness
from tests.test_plain_answers import ask
from tests.test_telegram_stories import link

DECEMBER = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 10:00 in Sóc Trăng, the demo's day


@pytest_asyncio.fixture
async def december(harness: Harness) -> AsyncIterator[Harness]:
    router = Router(harness.engine, TZ, clock=lambda: DECEMBER)
    async with polling(harness.settings, router, poll_timeout=0.5):
        yield harness


def has_menu(h: Harness, chat: int) -> bool:
    raw = h.fake.sent(chat)[-1].params.get("reply_markup")
    return bool(raw) and "keyboard" in json.loads(str(raw))


async def test_what_to_pay_this_month_adds_the_principal_due_this_month(
    december: Harness,
) -> None:
    h = december
    await link(h, 3001, SARI)  # installment 5.000.000 đ on 15/12/2026
    for question in ("thang nay tui phai dong tong cong bao nhieu tien", "thang nay dong bn tien"):
        answer = await ask(h, 3001, question)
        lines = answer.splitlines()
        assert lines[0] == "Hộ Lâm Thị Sa Ri:", answer
        assert lines[1] == "Tháng này (tháng 12/2026) cần trả:", answer
        assert "• Lãi: 425.000 đ" in answer
        assert "• Gốc đến hạn Thứ Ba, 15/12/2026: 5.000.000 đ (Hộ nghèo)" in answer
        assert "Tổng cộng: 5.425.000 đ" in answer
        assert "10/02/2027" not in answer
        assert answer.endswith("Số liệu đến ngày 31/10/2026.")
    # This month's interest alone is still this month's interest.
    assert "Lãi tháng này: 425.000 đ" in await ask(h, 3001, "lai thang nay")


async def test_forgetting_the_interest_does_not_switch_reminders_back_on(
    december: Harness,
) -> None:
    h = december
    await link(h, 3002, SARI)
    assert "Đã tắt nhắc nhở" in await ask(h, 3002, "tat nhac nho")
    for question in ("hom nay tui quen dong lai thi sao", "tui quen mat ngay dong lai roi"):
        answer = await ask(h, 3002, question)
        assert "Đã bật nhắc nhở" not in answer, answer
        assert "Lãi tháng này: 425.000 đ" in answer, answer
        assert "lãi tồn" in answer and "tổ trưởng" in answer, answer
    # Still off: the switch turns them on now.
    assert "Đã bật nhắc nhở" in await ask(h, 3002, "/nhacnho")
    assert "Đã tắt nhắc nhở" in await ask(h, 3002, "tắt thông báo giùm")


async def test_own_balance_and_a_neighbours_in_one_question(december: Harness) -> None:
    h = december
    await link(h, 3003, SON)
    answer = await ask(h, 3003, "no cua tui bn, con ba Tu ke ben bn")
    assert answer.startswith("Hộ Thạch Sơn:"), answer
    assert "Tổng dư nợ: 10.000.000 đ" in answer, answer
    assert "chỉ cho xem được số liệu của hộ anh/chị, không xem được của ba Tu" in answer, answer
    answer = await ask(h, 3003, "du no cua thằng Út Tâm bao nhieu")  # never said back rudely
    assert "không xem được của Út Tâm." in answer and "thằng" not in answer, answer


async def test_a_bare_acknowledgement_gets_a_short_friendly_line(december: Harness) -> None:
    h = december
    await link(h, 3004, SARI)
    assert "Outstanding balance" in await ask(h, 3004, "what is my balance please")
    for word in ("thoi", "dung", "ừ", "vâng"):
        line = await ask(h, 3004, word)
        assert line == "Dạ, anh/chị cần gì cứ nhắn tôi nhé.", line
        assert not has_menu(h, 3004)
    for word in ("👍", "ok"):
        line = await ask(h, 3004, word)
        assert line == "All right. Ask me any time.", line
        assert not has_menu(h, 3004)


async def test_a_greeting_at_the_cccd_question_keeps_the_question(december: Harness) -> None:
    h, chat = december, 3005
    h.fake.user_says(chat, "/start")
    await h.fake.replies(chat, 2)
    h.fake.user_shares_contact(chat, SARI["phone"])
    await h.fake.replies(chat, 1, after=2)
    again = await ask(h, chat, "chao con")
    assert again.startswith("Xin chào anh/chị!"), again
    assert "nhập 4 số cuối căn cước công dân (CCCD)" in again and "/start" not in again
    assert "Đã xác minh" in "\n".join(
        await_all for await_all in await _say_digits(h, chat, SARI["last4"])
    )


async def test_a_question_at_the_cccd_question_asks_for_the_digits_not_the_phone(
    december: Harness,
) -> None:
    """The phone was shared: "du no con bn" before the digits must not ask to share it again."""
    h, chat = december, 3007
    h.fake.user_says(chat, "/start")
    await h.fake.replies(chat, 2)
    h.fake.user_shares_contact(chat, SARI["phone"])
    await h.fake.replies(chat, 1, after=2)
    first = await ask(h, chat, "du no con bn")
    assert "4 số cuối căn cước công dân (CCCD)" in first, first
    assert "Chia sẻ số điện thoại" not in first, first
    assert "Đã xác minh" in "\n".join(await _say_digits(h, chat, SARI["last4"]))


async def _say_digits(h: Harness, chat: int, digits: str) -> list[str]:
    seen = len(h.fake.sent(chat))
    h.fake.user_says(chat, digits)
    return await h.fake.replies(chat, 2, after=seen)


async def test_a_named_language_is_switched_to_directly(december: Harness) -> None:
    h = december
    await link(h, 3006, SARI)
    english = await ask(h, 3006, "speak english pls")
    assert english.startswith("Language set to English."), english
    assert "/ngonngu" in english and "Choose your language" not in english
    vietnamese = await ask(h, 3006, "noi tieng viet di con")
    assert vietnamese.startswith("Đã chuyển sang tiếng Việt."), vietnamese
    assert "/ngonngu" in vietnamese
    await asyncio.sleep(0)
