"""Found by a stranger trying the console as Trần Minh Tâm (demo date 01/12/2026): "I want to
switch reminders off" switched them on, this month's interest (the bank's 38.000 đ) and next
month's estimate (an exact 32.500 đ) did not agree and "why 38 not 37.5" got the contacts,
"I paid the leader already" got the contacts, and an English question about a neighbour got
the help list. Through the real PTB stack, the clock on 01/12/2026."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest_asyncio

from bot.channels.telegram.updates import polling
from bot.inbound.router import Router
from bot.nlu import warm_up
from tests.bot_fixtures import SARI, SON, TZ, Harness
from tests.test_elderly_borrower_findings import TAM, load_tam
from tests.test_plain_answers import ask
from tests.test_telegram_stories import link

DECEMBER = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 10:00 in Sóc Trăng, the demo's day


@pytest_asyncio.fixture
async def december(harness: Harness) -> AsyncIterator[Harness]:
    warm_up()
    router = Router(harness.engine, TZ, clock=lambda: DECEMBER)
    async with polling(harness.settings, router, poll_timeout=0.5):
        yield harness


async def test_switching_reminders_off_in_english_with_words_between(december: Harness) -> None:
    h = december
    await link(h, 5001, SARI)
    for line in (
        "I want to switch reminders off",
        "switch the reminders off",
        "I'd like to stop the reminders",
        "no more reminders please",
        "no reminders please",
        "I don't want reminders",
    ):
        answer = await ask(h, 5001, line)
        assert "Reminders are off" in answer, (line, answer)
        assert "Reminders are on" not in answer, (line, answer)
    # "them" names nothing: asked which, never switched on.
    answer = await ask(h, 5001, "can you turn them off")
    assert "Did you mean Stop reminders or" in answer, answer
    assert "Reminders are on" not in answer, answer
    assert "Reminders are on" in await ask(h, 5001, "turn the reminders on")
    assert "Đã tắt nhắc nhở" in await ask(h, 5001, "tắt giùm tui cái nhắc nhở đó")


async def test_this_months_interest_says_it_is_the_banks_rounded_figure(
    december: Harness,
) -> None:
    h = december
    await load_tam(h)  # 5.000.000 đ at 0,75%/tháng; the bank's figure 38.000 đ
    await link(h, 5002, TAM)
    answer = await ask(h, 5002, "lai thang nay")
    assert "Lãi tháng này: 38.000 đ" in answer, answer
    assert "số của ngân hàng" in answer and "tổ trưởng thu theo số này" in answer, answer
    assert "37.500 đ" in answer and "làm tròn đến nghìn đồng" in answer, answer
    why = await ask(h, 5002, "lai 38 ngan sao ko phai 37 ngan ruoi")
    assert "làm tròn đến nghìn đồng" in why and "37.500 đ" in why, why
    assert "Tổ trưởng:" not in why, why
    # Next month's estimate is rounded the way the bank's figure is, and says so.
    month = await ask(h, 5002, "thang sau phai dong bn tien")
    assert "• Lãi: khoảng 33.000 đ" in month, month
    assert "32.500" not in month, month
    assert "làm tròn đến nghìn đồng" in month, month


async def test_an_exact_bank_figure_gets_no_note(december: Harness) -> None:
    h = december
    await link(h, 5003, SARI)  # 50.000.000 × 0,55% = 275.000 đ, 20.000.000 × 0,75% = 150.000 đ
    answer = await ask(h, 5003, "lai thang nay")
    assert "Lãi tháng này: 425.000 đ" in answer, answer
    assert "làm tròn" not in answer, answer


async def test_paid_the_leader_already_in_few_words(december: Harness) -> None:
    h = december
    await load_tam(h)
    await link(h, 5004, TAM)
    for line in (
        "tui dong cho to truong 38 ngan roi",
        "đóng cho tổ trưởng rồi",
        "đưa tổ trưởng rồi",
        "paid the group leader already",
        "toi da dong cho to truong roi ma sao con hien lai",
    ):
        answer = await ask(h, 5004, line)
        assert "số liệu của ngân hàng đến ngày" in answer or "bank's figures as of" in answer, (
            line,
            answer,
        )
        assert "Tổ trưởng:" not in answer, (line, answer)


async def test_an_english_question_about_a_neighbour_is_refused(december: Harness) -> None:
    h = december
    await link(h, 5005, SON)
    for line in (
        "what does my neighbour owe",
        "how much does Mrs Lan owe",
        "my neighbor's balance",
    ):
        answer = await ask(h, 5005, line)
        assert "only your own household" in answer or "chỉ cho xem được số liệu của hộ" in answer, (
            line,
            answer,
        )
        assert "Thạch Sơn" not in answer and "10.000.000" not in answer, (line, answer)
