"""Found by a stranger trying the console as a credit officer: a notice typed in one message
gives one reply (its preview, with Xác nhận gửi / Hủy) whatever dates and times its text
holds; "ok gửi đi" sends it; a correction at the preview edits the draft; a change of
audience is taken; follow-up questions keep their subject. Through the real
python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.schema import outbox
from tests.bot_fixtures import SARI, SON, Harness
from tests.test_officer_stories import OFFICER_CHAT, buttons, link_officer
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")
SENDING = ["Xác nhận gửi", "Hủy"]


async def one_reply(h: Harness, text: str) -> str:
    """The bot's one reply to the officer's next message (two would fail)."""
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, text)
    [reply] = await h.fake.replies(OFFICER_CHAT, 1, after=seen, within=30)
    return reply


def labels(h: Harness) -> list[str]:
    return [label for label, _data in buttons(h, OFFICER_CHAT)]


async def queued_texts(h: Harness) -> list[str]:
    async with h.engine.begin() as conn:
        return [str(r.text) for r in await conn.execute(select(outbox.c.text))]


async def confirm(h: Harness, typed: str) -> str:
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, typed)
    queued, _status = await h.fake.replies(OFFICER_CHAT, 2, after=seen, within=30)
    return queued


@pytest.mark.parametrize(
    ("typed", "notice"),
    [
        (
            "gui thong bao xa dai tam: {}",
            "thu 5 ngay 17/12 co phien giao dich tai UBND xa luc 7g30, ba con nho mang theo so "
            "vay von",
        ),
        (
            "gui thong bao xa Dai Tam - {}",
            "phien giao dich thu 5 17/12 bat dau 8g tai UBND xa, moi ba con toi dung gio",
        ),
        ("gui to T01: {}", "chieu nay 2g em xuong ap kiem tra, to truong cho ba con hay"),
    ],
)
async def test_a_one_message_notice_gives_only_its_preview_and_ok_gui_di_sends_it(
    running: Harness, typed: str, notice: str
) -> None:
    h = running
    for chat, who in ((101, SARI), (102, SON)):
        await link(h, chat, who)
    await link_officer(h)
    preview = await one_reply(h, typed.format(notice))
    assert preview.startswith("Xem trước thông báo gửi"), preview
    assert notice in preview and "số liệu hộ vay" not in preview, preview
    assert "hỏi về" not in preview, preview
    assert labels(h) == SENDING
    queued = await confirm(h, "ok gui di")
    assert "#1" in queued and "2 người" in queued, queued
    assert any(notice in text for text in await queued_texts(h))


async def test_a_notice_to_a_group_code_is_never_a_borrowers_question(running: Harness) -> None:
    """ "gửi tổ 0192041: …" was asked "Dư nợ hay Liên hệ?"; no such group here: said so, and
    the text waits for an audience."""
    h = running
    await link_officer(h)
    answer = await one_reply(
        h, "gui to 0192041: chieu nay 2g em xuong ap kiem tra, to truong cho ba con hay"
    )
    assert "hỏi về" not in answer and "Dư nợ" not in answer, answer
    assert 'Không tìm thấy tổ "0192041"' in answer and "Gửi thông báo cho ai" in answer, answer
