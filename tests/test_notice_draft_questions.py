"""Found by a stranger as an officer with a notice open: a question at the preview ("tinh hinh
bang ke") threw the notice away and went back to "Gửi thông báo cho ai?"; an edit there
("sua lai 7h30 chu khong phai 17/12") then became a new notice's text; a question at the
audience step ("tinh hinh bang ke", "who is overdue in Thanh Phu", "ho nao qua han") replaced
the text held, or was read as an audience; "send a notice to commune Dai Tam: the session on
17/12 starts at 7:30" dropped its audience and text and "send it" was taken for a name; an
edit with no notice open got the leader's "Chỉ tổ trưởng …". A question is answered and the
draft waits (at the preview, shown again with its buttons); an edit edits; a line replacing
a held text says so; "send it" sends. Through the real PTB stack against the fake Bot API."""

from __future__ import annotations

import pytest

from tests.bot_fixtures import SARI, SON, Harness
from tests.test_officer_notice_findings import (
    SENDING,
    confirm,
    labels,
    officer_of_two_communes,
    one_reply,
    queued_texts,
)
from tests.test_officer_stories import OFFICER_CHAT, says
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")
NOTICE = "phien giao dich 17/12 bat dau luc 7h30 tai UBND xa"


async def officer_with_households(h: Harness) -> None:
    for chat, who in ((101, SARI), (102, SON)):
        await link(h, chat, who)
    await officer_of_two_communes(h)


async def replies_to(h: Harness, text: str, count: int) -> list[str]:
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_says(OFFICER_CHAT, text)
    return await h.fake.replies(OFFICER_CHAT, count, after=seen, within=60)


async def test_a_question_at_the_preview_is_answered_and_the_preview_waits(
    running: Harness,
) -> None:
    h = running
    await officer_with_households(h)
    preview = await one_reply(h, f"gui thong bao cho xa Dai Tam: {NOTICE}")
    assert preview.startswith("Xem trước thông báo gửi cả xã Đại Tâm"), preview
    answer, waiting = await replies_to(h, "tinh hinh bang ke", 2)
    assert "bảng kê" in answer and "Gửi thông báo cho ai" not in answer, answer
    assert NOTICE in waiting and "cả xã Đại Tâm" in waiting, waiting
    assert labels(h) == SENDING
    edited = await one_reply(h, "sua lai 7h30 chu khong phai 17/12")
    assert edited.startswith("Xem trước thông báo gửi cả xã Đại Tâm"), edited
    assert "Đã giữ nội dung" not in edited, edited
    assert labels(h) == SENDING
    queued = await confirm(h, "xac nhan gui")
    assert "#1" in queued and "2 người" in queued, queued
    copies = [text for text in await queued_texts(h) if "7h30 bat dau luc 7h30" in text]
    assert len(copies) == 2, copies  # the edited text, to each household


@pytest.mark.parametrize("question", ["tinh hinh bang ke", "ho nao qua han"])
async def test_a_question_at_the_audience_step_keeps_the_held_text(
    running: Harness, question: str
) -> None:
    h = running
    await officer_with_households(h)
    menu = await one_reply(h, f"gui thong bao: {NOTICE}")
    assert "Gửi thông báo cho ai" in menu, menu
    answer, waiting = await replies_to(h, question, 2)
    assert "Đã giữ nội dung" not in answer and "Gửi thông báo cho ai" not in answer, answer
    assert "liên kết" not in answer, answer
    assert NOTICE in waiting and "chờ anh/chị chọn người nhận" in waiting, waiting
    preview = await one_reply(h, "gửi xã Đại Tâm")
    assert preview.startswith("Xem trước thông báo gửi cả xã Đại Tâm"), preview
    assert NOTICE in preview and question not in preview, preview


async def test_an_overdue_question_naming_a_commune_during_a_draft_is_the_list(
    running: Harness,
) -> None:
    h = running
    await officer_with_households(h)
    await one_reply(h, f"gui thong bao: {NOTICE}")
    answer, waiting = await replies_to(h, "ho nao qua han o xa Dai Tam", 2)
    assert answer.startswith("Đại Tâm: 1 hộ có nợ quá hạn"), answer
    assert NOTICE in waiting, waiting


async def test_a_new_text_at_the_audience_step_says_it_replaced_the_old(
    running: Harness,
) -> None:
    h = running
    await officer_with_households(h)
    await one_reply(h, f"gui thong bao: {NOTICE}")
    other = "chieu thu 6 em xuong ap kiem tra so vay von cua ba con"
    replaced = await one_reply(h, other)
    assert other in replaced and NOTICE in replaced, replaced
    assert "thay" in replaced.lower(), replaced
    assert "Gửi thông báo cho ai" in replaced, replaced


async def test_english_questions_at_the_audience_step_keep_the_held_text(
    running: Harness,
) -> None:
    h = running
    await officer_with_households(h)
    await says(h, OFFICER_CHAT, "english")
    notice = "the session on Friday starts at 8"
    menu = await one_reply(h, f"send a notice: {notice}")
    assert "Who should receive" in menu, menu
    for question in ("who is overdue in Thanh Phu", "how is my last notice going"):
        replies = await replies_to(h, question, 2)
        assert not any("kept" in reply for reply in replies), replies
        assert notice in replies[-1] and "still waiting" in replies[-1], replies


@pytest.mark.parametrize(
    ("language", "preview_starts", "go"),
    [
        ("english", "Preview of the notice to everyone in Đại Tâm", "send"),
        ("tiếng việt", "Xem trước thông báo gửi cả xã Đại Tâm", "send it"),
        ("tiếng việt", "Xem trước thông báo gửi cả xã Đại Tâm", "ok send"),
    ],
)
async def test_an_english_one_message_notice_with_a_time_previews_and_send_it_sends(
    running: Harness, language: str, preview_starts: str, go: str
) -> None:
    h = running
    await officer_with_households(h)
    await says(h, OFFICER_CHAT, language)
    notice = "the session on 17/12 starts at 7:30"
    preview = await one_reply(h, f"send a notice to commune Dai Tam: {notice}")
    assert preview.startswith(preview_starts), preview
    assert notice in preview, preview
    queued = await confirm(h, go)
    assert "#1" in queued, queued
    assert any(notice in text for text in await queued_texts(h))


async def test_an_officers_edit_with_no_draft_says_there_is_none(running: Harness) -> None:
    h = running
    await officer_with_households(h)
    none = await one_reply(h, "sua lai 14h chu khong phai 8h")
    assert "Chỉ tổ trưởng" not in none, none
    assert "không có thông báo nào đang soạn" in none and "gửi thông báo" in none, none
    await one_reply(h, f"gui thong bao cho xa Dai Tam: {NOTICE}")
    await confirm(h, "xac nhan")
    sent = await one_reply(h, "sua lai 8h chu khong phai 7h30")
    assert "Chỉ tổ trưởng" not in sent, sent
    assert "đã gửi" in sent and "không sửa được" in sent, sent
