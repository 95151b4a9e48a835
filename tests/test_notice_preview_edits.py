"""Found by an outside tester as a credit officer at a notice's preview: "sửa chữ "sổ vay vốn"
thành "sổ tiết kiệm"" dropped the draft and asked for a new text; "sửa lại: nhà văn hóa ấp Tâm
Kiên" dropped it too; "quay lại bản trước" cancelled the notice; a notice to an audience nobody
has linked threw its text away (and the next edit line became the text); in English "send to
the group in hamlet 3: …" kept the audience words, and "change 7:30 to 8:00", "make it Friday
instead", "replace X with Y" were no edits. Each edits the draft and shows the new preview;
words not in the draft are said so, the draft kept; an undo brings back the draft before the
last edit, even after a restart. Through the real PTB stack against the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import select

from bot.channels.telegram.updates import polling
from bot.inbound.router import Router
from bot.nlu import warm_up
from storage.schema import broadcasts
from tests.bot_fixtures import NOW, SARI, SON, TZ, Harness
from tests.test_notice_draft_questions import officer_with_households
from tests.test_officer_notice_findings import SENDING, confirm, labels, one_reply, queued_texts
from tests.test_officer_stories import OFFICER_CHAT, link_officer, says
from tests.test_telegram_stories import link

DRAFT = "Thứ 5 họp tổ lúc 7g30 tại UBND xã, bà con mang theo sổ vay vốn"
NO_PLACE = "Thứ 5 họp tổ lúc 7g30, bà con mang theo sổ vay vốn"


def shown(text: str) -> str:
    """The notice's own line in a preview."""
    return f"\n{text}\n"


async def a_draft(h: Harness, text: str = DRAFT) -> None:
    await officer_with_households(h)
    preview = await one_reply(h, f"gui thong bao cho xa Dai Tam: {text}")
    assert shown(text) in preview, preview


@pytest.mark.usefixtures("running")
@pytest.mark.parametrize(
    ("typed", "new"),
    [
        ('sửa chữ "sổ vay vốn" thành "sổ tiết kiệm"', "sổ tiết kiệm"),
        ("sửa chữ “sổ vay vốn” thành “sổ tiết kiệm”", "sổ tiết kiệm"),
        ("sửa sổ vay vốn thành sổ tiết kiệm", "sổ tiết kiệm"),
        ("sua tu 'so vay von' thanh 'so tiet kiem' nhe", "so tiet kiem"),  # as typed
        ("đổi chữ «sổ vay vốn» thành chữ «sổ tiết kiệm»", "sổ tiết kiệm"),
    ],
)
async def test_named_words_are_replaced_at_the_preview(
    running: Harness, typed: str, new: str
) -> None:
    h = running
    await a_draft(h)
    edited = await one_reply(h, typed)
    assert edited.startswith("Xem trước thông báo gửi cả xã Đại Tâm"), edited
    assert shown(DRAFT.replace("sổ vay vốn", new)) in edited, edited
    assert labels(h) == SENDING
    queued = await confirm(h, "xác nhận")
    assert "#1" in queued, queued
    texts = await queued_texts(h)
    assert any(f"mang theo {new}" in t for t in texts), texts
    assert not any("sổ vay vốn" in t for t in texts), texts


@pytest.mark.usefixtures("running")
async def test_words_not_in_the_draft_are_said_so_and_the_draft_kept(running: Harness) -> None:
    h = running
    await a_draft(h)
    for typed, missing in (
        ('sửa chữ "sổ hộ khẩu" thành "CCCD"', "sổ hộ khẩu"),
        ("sửa 9g thành 10g", "9g"),
        ("10g chứ không phải 9g", "9g"),
    ):
        kept = await one_reply(h, typed)
        assert f"không có “{missing}”" in kept and "chưa sửa gì" in kept, kept
        assert shown(DRAFT) in kept and "gõ nội dung" not in kept, kept
        assert labels(h) == SENDING
    queued = await confirm(h, "xác nhận")
    assert "#1" in queued, queued
    assert any(DRAFT in t for t in await queued_texts(h))


@pytest.mark.usefixtures("running")
@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("sửa lại: nhà văn hóa ấp Tâm Kiên", "nhà văn hóa ấp Tâm Kiên"),
        ("sửa lại ở hội trường ấp 3 nhé", "hội trường ấp 3"),
        ("đổi địa điểm thành nhà văn hóa ấp 3", "nhà văn hóa ấp 3"),
    ],
)
async def test_a_short_correction_naming_a_place_replaces_the_drafts_place(
    running: Harness, typed: str, place: str
) -> None:
    h = running
    await a_draft(h)
    edited = await one_reply(h, typed)
    assert shown(DRAFT.replace("UBND xã", place)) in edited, edited
    assert labels(h) == SENDING


@pytest.mark.usefixtures("running")
async def test_a_place_for_a_draft_without_one_keeps_the_draft_and_asks(running: Harness) -> None:
    h = running
    await a_draft(h, NO_PLACE)
    asked = await one_reply(h, "sửa lại: nhà văn hóa ấp Tâm Kiên")
    assert "Đã hủy" not in asked and "gõ nội dung" not in asked, asked
    assert "không có địa điểm" in asked and "nhà văn hóa ấp Tâm Kiên" in asked, asked
    assert shown(NO_PLACE) in asked and labels(h) == SENDING, asked
    queued = await confirm(h, "xác nhận")
    assert "#1" in queued, queued
    assert any(NO_PLACE in t for t in await queued_texts(h))


@pytest.mark.usefixtures("running")
async def test_a_short_correction_naming_nothing_keeps_the_draft_and_asks(
    running: Harness,
) -> None:
    h = running
    await a_draft(h)
    asked = await one_reply(h, "sửa lại: mang theo CCCD")
    assert "chưa rõ cần sửa gì với “mang theo CCCD”" in asked and "gõ nội dung" not in asked, asked
    assert shown(DRAFT) in asked and labels(h) == SENDING, asked


@pytest.mark.usefixtures("running")
async def test_undo_brings_back_the_draft_before_the_last_edit(running: Harness) -> None:
    h = running
    await a_draft(h)
    await one_reply(h, "sửa 7g30 thành 8g")
    second = await one_reply(h, "sửa sổ vay vốn thành sổ tiết kiệm")
    both = DRAFT.replace("7g30", "8g").replace("sổ vay vốn", "sổ tiết kiệm")
    assert shown(both) in second, second
    back = await one_reply(h, "quay lại bản trước")
    assert "Đã hủy" not in back and shown(DRAFT.replace("7g30", "8g")) in back, back
    assert labels(h) == SENDING
    first = await one_reply(h, "hoàn tác")
    assert shown(DRAFT) in first, first
    nothing = await one_reply(h, "undo")
    assert "Không còn bản nào trước" in nothing and shown(DRAFT) in nothing, nothing
    assert labels(h) == SENDING
    await one_reply(h, "sửa lại nội dung")  # the new text asked: the one before is kept
    assert shown(DRAFT) in await one_reply(h, "bản cũ")
    async with h.engine.begin() as conn:
        assert (await conn.execute(select(broadcasts.c.id))).first() is None  # nothing sent


@pytest.mark.usefixtures("running")
@pytest.mark.parametrize("typed", ["bà con mang theo bản cũ nhé", "sổ cũ cũng được"])
async def test_going_back_somewhere_is_no_undo(running: Harness, typed: str) -> None:
    h = running
    await a_draft(h)
    await one_reply(h, "sửa 7g30 thành 8g")
    answer = await one_reply(h, typed)
    assert shown(DRAFT) not in answer and "Đã hủy" not in answer, answer
    assert shown(DRAFT.replace("7g30", "8g")) in answer, answer  # the draft waits, as edited


@asynccontextmanager
async def the_bot(h: Harness) -> AsyncIterator[None]:
    """The bot running (a new process's router over the same database)."""
    router = Router(h.engine, TZ, clock=lambda: NOW)
    async with polling(h.settings, router, poll_timeout=0.5):
        yield


async def test_undo_works_after_a_restart(harness: Harness) -> None:
    """The draft before the edit is kept with the dialog in the database, not in memory."""
    h = harness
    warm_up()
    async with the_bot(h):
        for chat, who in ((101, SARI), (102, SON)):
            await link(h, chat, who)
        await link_officer(h)
        await one_reply(h, f"gui thong bao cho xa Dai Tam: {DRAFT}")
        edited = await one_reply(h, "sửa 7g30 thành 8g")
        assert shown(DRAFT.replace("7g30", "8g")) in edited, edited
    async with the_bot(h):
        back = await one_reply(h, "quay lại bản trước")
        assert shown(DRAFT) in back, back


@pytest.mark.usefixtures("running")
async def test_a_notice_to_an_audience_nobody_linked_keeps_its_text(running: Harness) -> None:
    h = running
    await officer_with_households(h)  # Thạnh Phú's one household has not linked
    notice = "mai 8h hop to tai nha van hoa"
    answer = await one_reply(h, f"gui thong bao cho xa Thanh Phu: {notice}")
    assert "Chưa ai trong cả xã Thạnh Phú liên kết" in answer and "1 hộ" in answer, answer
    assert notice in answer and "Gửi thông báo cho ai" in answer, answer
    assert "Cả xã Đại Tâm" in labels(h) and labels(h)[-1] == "Hủy"
    edited = await one_reply(h, "sửa 8h thành 9h")  # an edit, never the notice's text
    assert "mai 9h hop to tai nha van hoa" in edited and "Gửi thông báo cho ai" in edited, edited
    seen = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_taps(OFFICER_CHAT, "Cả xã Đại Tâm")
    [preview] = await h.fake.replies(OFFICER_CHAT, 1, after=seen)
    assert shown("mai 9h hop to tai nha van hoa") in preview, preview
    group = await one_reply(h, "thoi doi y, gui to T02")  # Thạnh Phú's group: nobody either
    assert "T02" in group and "1 hộ" in group and "Gửi thông báo cho ai" not in group, group
    assert shown("mai 9h hop to tai nha van hoa") in group and labels(h) == SENDING, group


@pytest.mark.usefixtures("running")
async def test_a_new_notice_nobody_can_receive_says_so_and_can_be_cancelled(
    running: Harness,
) -> None:
    h = running
    await officer_with_households(h)
    answer = await one_reply(h, "gui to T02: chieu nay 2g em xuong ap kiem tra")
    assert "Chưa ai trong tổ T02 Tổ Phú Hòa liên kết" in answer and "1 hộ" in answer, answer
    assert "chieu nay 2g em xuong ap kiem tra" in answer, answer
    assert "Đã hủy" in await one_reply(h, "hủy")


ENGLISH_NOTICE = "meeting moved to Friday 8am"


@pytest.mark.usefixtures("running")
@pytest.mark.parametrize(
    ("typed", "notice"),
    [
        (f"send to the group in hamlet 3: {ENGLISH_NOTICE}", ENGLISH_NOTICE),
        (f"send a notice to the hamlet 3 group: {ENGLISH_NOTICE}", ENGLISH_NOTICE),
        (f"send to the group in hamlet 3 {ENGLISH_NOTICE}", ENGLISH_NOTICE),
        (
            f"notify the group in hamlet 3 in Dai Tam that the {ENGLISH_NOTICE}",
            "the " + ENGLISH_NOTICE,
        ),
    ],
)
async def test_an_english_notice_to_the_group_of_a_hamlet(
    running: Harness, typed: str, notice: str
) -> None:
    h = running
    await officer_with_households(h)
    await says(h, OFFICER_CHAT, "english")
    preview = await one_reply(h, typed)
    assert preview.startswith("Preview of the notice to group T01 Tổ ấp 3"), preview
    assert shown(notice) in preview and "hamlet" not in preview, preview


@pytest.mark.usefixtures("running")
async def test_english_edits_at_the_preview(running: Harness) -> None:
    h = running
    await officer_with_households(h)
    await says(h, OFFICER_CHAT, "english")
    await one_reply(h, f"send to the group in hamlet 3: {ENGLISH_NOTICE}")
    steps = [
        ("change 8am to 9am", "meeting moved to Friday 9am"),
        ("make it Saturday instead", "meeting moved to Saturday 9am"),
        ("replace meeting with session", "session moved to Saturday 9am"),
        ("undo", "meeting moved to Saturday 9am"),
        ("it's 10am, not 9am", "meeting moved to Saturday 10am"),
    ]
    for typed, now in steps:
        edited = await one_reply(h, typed)
        assert "Preview of the notice to group T01" in edited, (typed, edited)
        assert shown(now) in edited and labels(h) == ["Confirm sending", "Cancel"], edited
    missing = await one_reply(h, "replace the hall with the school")
    assert "“the hall” is not in the notice" in missing, missing
    assert shown("meeting moved to Saturday 10am") in missing, missing
    await one_reply(h, "send a notice to commune Dai Tam: the session on 17/12 starts at 7:30")
    edited = await one_reply(h, "change 7:30 to 8:00")
    assert shown("the session on 17/12 starts at 8:00") in edited, edited
    queued = await confirm(h, "send it")
    assert "#1" in queued, queued
    assert any("starts at 8:00" in t for t in await queued_texts(h))


@pytest.mark.usefixtures("running")
@pytest.mark.parametrize("typed", ["quay lại UBND xã lúc 8h", "quay lai sau nhe"])
async def test_quay_lai_inside_a_sentence_never_cancels_the_notice(
    running: Harness, typed: str
) -> None:
    """ "quay lại" with more words is a message of its own, not the No that pressed Hủy."""
    h = running
    await a_draft(h)
    reply = await one_reply(h, typed)
    assert "Đã hủy" not in reply, reply
    async with h.engine.connect() as conn:
        assert await conn.scalar(select(broadcasts.c.id)) is None  # nothing sent either
    again = await one_reply(h, "xem lại")
    assert shown(DRAFT) in again or "Xem trước" in again, again
