"""The personal-data notice and the unlink question as a stranger met them, through the real
python-telegram-bot stack against the fake Bot API: "thôi" at the unlink question keeps the
link."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.schema import chat_links
from tests.bot_fixtures import SARI, Clock, Harness
from tests.test_tally_stories import Chat, bot
from tests.test_telegram_stories import link

BORROWER = 4101


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def still_linked(h: Harness, chat: int) -> bool:
    async with h.engine.connect() as conn:
        customer = await conn.scalar(
            select(chat_links.c.customer_id).where(chat_links.c.chat_id == str(chat))
        )
    return customer is not None


@pytest.mark.parametrize("typed", ["thôi", "thoi", "thôi khỏi hủy", "khong huy nua", "de nguyen"])
async def test_never_mind_at_the_unlink_question_keeps_the_link(
    harness: Harness, clock: Clock, typed: str
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, BORROWER, SARI)
        person = Chat(h, BORROWER)
        [asked] = await person.says("hủy liên kết")
        assert "Hủy liên kết cuộc trò chuyện này?" in asked
        [kept] = await person.says(typed)
        assert kept == "Liên kết vẫn giữ nguyên."
        [balance] = await person.says("dư nợ")
        assert "Tổng dư nợ: 70.000.000 đ" in balance
    assert await still_linked(h, BORROWER)
