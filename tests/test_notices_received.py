"""Found by a stranger as a group leader: "co thong bao gi moi ko" (any new notices?) was
asked "Hướng dẫn or Gửi thông báo?", though sending notices is an officer's feature. A
borrower or leader asking is told the latest notices that reached them, or plainly that
none came lately; a clarifying question offers only what the person can do. Through the
real python-telegram-bot stack against the fake Bot API, the sender running."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import select

from storage.schema import outbox
from tests.bot_fixtures import SARI, SON, Harness
from tests.test_officer_stories import OFFICER_CHAT, link_officer, says, wait_for
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")
LEADER_CHAT, BORROWER_CHAT = 101, 102
NOTICE = "thu 5 ngay 17/12 co phien giao dich tai UBND xa luc 7g30"


async def _marked_sent(h: Harness) -> None:
    """Until the broadcast's copy is marked sent in the outbox (at most 10 s)."""
    for _ in range(200):
        async with h.engine.connect() as conn:
            status = await conn.scalar(
                select(outbox.c.status).where(outbox.c.kind == "broadcast").limit(1)
            )
        if status == "sent":
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the notice was never marked sent")


def shown(h: Harness, chat: int) -> str:
    """The last message to the chat with its buttons' labels."""
    call = h.fake.sent(chat)[-1]
    raw = call.params.get("reply_markup")
    rows = json.loads(raw).get("inline_keyboard", []) if raw else []
    return " | ".join([str(call.params.get("text")), *(b["text"] for row in rows for b in row)])


@pytest.mark.parametrize("asked", ["co thong bao gi moi ko", "có thông báo gì mới không"])
async def test_a_leader_asking_for_news_hears_the_latest_notice(
    running: Harness, asked: str
) -> None:
    h = running
    await link(h, LEADER_CHAT, SARI)
    await link_officer(h)
    await says(h, OFFICER_CHAT, f"gui thong bao xa dai tam: {NOTICE}")
    received = len(h.fake.sent(LEADER_CHAT))
    h.fake.user_taps(OFFICER_CHAT, "Xác nhận gửi")
    await wait_for(lambda: len(h.fake.sent(LEADER_CHAT)) > received)
    await _marked_sent(h)  # the sender marks the copy sent just after the message leaves
    answer = await says(h, LEADER_CHAT, asked)
    assert "hỏi về" not in shown(h, LEADER_CHAT), answer
    assert "Gửi thông báo" not in shown(h, LEADER_CHAT), answer
    assert NOTICE in answer and "Trần Văn Bình" in answer, answer


async def test_a_borrower_with_no_notice_is_told_none_came(running: Harness) -> None:
    h = running
    await link(h, BORROWER_CHAT, SON)
    answer = await says(h, BORROWER_CHAT, "có thông báo gì mới không")
    assert "hỏi về" not in answer and "chưa hiểu" not in answer, answer
    assert "chưa có thông báo nào" in answer.lower(), answer
    assert "Gửi thông báo" not in shown(h, BORROWER_CHAT), answer


async def test_a_leader_is_never_offered_to_send_a_notice(running: Harness) -> None:
    """The model, unsure, leaned to "send a notice" or "due dates": only what a leader can
    do is offered."""
    h = running
    await link(h, LEADER_CHAT, SARI)
    await says(h, LEADER_CHAT, "mệ Thìn nói chờ con gửi tiền về đã, chừ chưa có chi")
    assert "Gửi thông báo" not in shown(h, LEADER_CHAT), shown(h, LEADER_CHAT)
