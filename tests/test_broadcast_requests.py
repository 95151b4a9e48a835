"""An officer's notice typed in one message, through the real python-telegram-bot stack: the
audience and text it carries go straight to the preview (scope still checked), "gửi thông
báo" inside the dialog starts over, a confirm word is never the notice, every copy names
its sender, and "tiến độ gửi thông báo" reports the officer's notices."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from handlers.officer.broadcast_words import (
    Request,
    Wanted,
    asks_progress,
    progress_of,
    read_request,
)
from handlers.rules.notices import notice_is_current
from storage.schema import broadcasts, outbox
from tests.bot_fixtures import NOW, SARI, SON, Harness
from tests.tally_fixtures import Chat
from tests.test_officer_stories import OFFICER_CHAT, buttons, link_officer
from tests.test_telegram_stories import link

NOTICE = "mai 8h hop giao ban tai UBND xa"


@pytest.mark.parametrize(
    ("text", "request_"),
    [
        (
            f"gui thong bao cho to truong xa Thanh Phu: {NOTICE}",
            Request(Wanted.LEADERS, "Thanh Phu", NOTICE),
        ),
        (
            "Gửi thông báo cho tổ trưởng xã Đại Tâm là mai họp lúc 8h",
            Request(Wanted.LEADERS, "Đại Tâm", "mai họp lúc 8h"),
        ),
        (
            "gửi thông báo cho cả xã Đại Tâm rằng phiên giao dịch dời sang 18/12",
            Request(Wanted.COMMUNE, "Đại Tâm", "phiên giao dịch dời sang 18/12"),
        ),
        ("gui tb cho to 0192041: mai hop", Request(Wanted.GROUP, "0192041", "mai hop")),
        ("gửi thông báo cho hộ nợ quá hạn: đóng lãi", Request(Wanted.OVERDUE, None, "đóng lãi")),
        ("gửi thông báo cho tất cả: nghỉ lễ", Request(Wanted.EVERYONE, None, "nghỉ lễ")),
        ("gửi thông báo cho tổ trưởng", Request(Wanted.LEADERS, None, None)),
        ("gửi thông báo: mai nghỉ", Request(None, None, "mai nghỉ")),
        (  # after a comma or a dash, once an audience is named before it
            "gửi thông báo cho xã Đại Tâm, ngày 15 có phiên",
            Request(Wanted.COMMUNE, "Đại Tâm", "ngày 15 có phiên"),
        ),
        ("gui tb cho to 0192041 - mai hop", Request(Wanted.GROUP, "0192041", "mai hop")),
        ("gửi thông báo cho tất cả, nghỉ lễ", Request(Wanted.EVERYONE, None, "nghỉ lễ")),
        (
            "gửi thông báo cho tổ trưởng, tổ phó xã Đại Tâm",
            Request(Wanted.LEADERS, "Đại Tâm", None),
        ),
        ("gửi thông báo mai họp, 8h", Request(None, None, "mai họp, 8h")),
        ("gửi thông báo", Request()),
        ("/thongbao", Request()),
        ("dư nợ bao nhiêu", Request()),
    ],
)
def test_what_a_notice_request_says(text: str, request_: Request) -> None:
    assert read_request(text) == request_


@pytest.mark.parametrize(
    ("text", "progress"),
    [
        ("tiến độ gửi thông báo sao rồi", True),
        ("thông báo gửi xong chưa", True),
        ("tinh hinh gui thong bao", True),
        ("gửi thông báo", False),
        ("tình hình bảng kê", False),
    ],
)
def test_asking_about_progress(text: str, progress: bool) -> None:
    assert asks_progress(text) is progress


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("tiến độ gửi thông báo sao rồi", "notice"),
        ("tiến độ bảng kê", "tally"),
        ("tinh hinh nop bang ke cac to", "tally"),
        ("tien do", "any"),
        ("Tiến độ?", "any"),
        ("tiến độ sao rồi", "any"),
        ("cho tôi xem tình hình", "any"),
        ("tiến độ vay vốn của hộ tôi", None),
        ("dư nợ bao nhiêu", None),
    ],
)
def test_what_a_progress_question_names(text: str, named: str | None) -> None:
    assert progress_of(text) == named


async def test_a_request_with_audience_and_text_goes_to_the_preview(running: Harness) -> None:
    h = running
    await link(h, 101, SARI)  # the leader of T01 in Đại Tâm
    await link(h, 102, SON)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [preview] = await officer.says(f"gui thong bao cho to truong xa Dai Tam: {NOTICE}")
    assert "Xem trước thông báo" in preview and NOTICE in preview
    assert "tổ trưởng" in preview and "Số người nhận: 1" in preview
    assert "📩 Thông báo từ NHCSXH – cán bộ Trần Văn Bình:" in preview
    assert officer.labels() == ["Xác nhận gửi", "Hủy"]
    seen = len(h.fake.sent(101))
    await officer.taps("Xác nhận gửi", replies=2)
    [got] = await h.fake.replies(101, 1, after=seen, within=15)
    assert got == f"📩 Thông báo từ NHCSXH – cán bộ Trần Văn Bình:\n{NOTICE}"
    [report] = await officer.says("tiến độ gửi thông báo sao rồi")
    assert "Thông báo #1" in report and "không có số liệu" not in report


async def test_outside_the_scope_is_refused_even_in_one_message(running: Harness) -> None:
    h = running
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [refused] = await officer.says(f"gui thong bao cho to truong xa Thanh Phu: {NOTICE}")
    assert "ngoài địa bàn" in refused


async def test_restart_and_confirm_words_inside_the_dialog(running: Harness) -> None:
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [menu] = await officer.says("gửi thông báo")
    assert "Gửi thông báo cho ai" in menu
    [again] = await officer.says("gửi thông báo")
    assert "Gửi thông báo cho ai" in again and "Không tìm thấy" not in again
    [prompt] = await officer.says("tổ trưởng xã Đại Tâm")
    assert "gõ nội dung" in prompt
    [still] = await officer.says("xác nhận")
    assert "gõ nội dung" in still and "Xem trước" not in still
    [preview] = await officer.says("gửi thông báo: mai nghỉ lễ")
    assert "\nmai nghỉ lễ\n" in preview and "gửi thông báo:" not in preview
    await officer.taps("Hủy")
    [text_first] = await officer.says("gửi thông báo: mai nghỉ lễ")
    assert "Gửi thông báo cho ai" in text_first
    await officer.taps("Tổ trưởng xã Đại Tâm")
    assert "mai nghỉ lễ" in h.fake.sent(OFFICER_CHAT)[-1].params["text"]
    assert [label for label, _d in buttons(h, OFFICER_CHAT)] == ["Xác nhận gửi", "Hủy"]


NEW_NOTICE = "ngay 15 co phien giao dich"


@pytest.mark.parametrize(
    ("again", "audience"),
    [
        (f"gui thong bao cho xa Dai Tam: {NEW_NOTICE}", "cả xã Đại Tâm"),  # the stranger's
        (f"xa Dai Tam: {NEW_NOTICE}", "cả xã Đại Tâm"),
        (f"tổ trưởng xã Đại Tâm: {NEW_NOTICE}", "các tổ trưởng xã Đại Tâm"),
        (f"cho to truong xa Dai Tam la {NEW_NOTICE}", "các tổ trưởng xã Đại Tâm"),
        (f"gửi thông báo cho xã Đại Tâm, {NEW_NOTICE}", "cả xã Đại Tâm"),
        (f"gui thong bao cho xa Dai Tam - {NEW_NOTICE}", "cả xã Đại Tâm"),
    ],
)
async def test_a_new_one_line_notice_replaces_the_text_waiting_for_its_audience(
    running: Harness, again: str, audience: str
) -> None:
    """The first notice named a commune that does not exist; the next line names a real one
    and a new text: the preview, and what is sent, hold the new text, never the old one."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [unknown] = await officer.says("gui thong bao cho xa Khong Co: mai hop luc 8h")
    assert 'Không tìm thấy xã "Khong Co"' in unknown and "Gửi thông báo cho ai" in unknown
    [preview] = await officer.says(again)
    assert f"Xem trước thông báo gửi {audience}:" in preview
    assert f"\n{NEW_NOTICE}\n" in preview and "mai hop luc 8h" not in preview
    seen = len(h.fake.sent(101))
    await officer.taps("Xác nhận gửi", replies=2)
    [got] = await h.fake.replies(101, 1, after=seen, within=15)
    assert got == f"📩 Thông báo từ NHCSXH – cán bộ Trần Văn Bình:\n{NEW_NOTICE}"


async def test_the_waiting_text_is_kept_only_for_a_line_that_names_the_audience_alone(
    running: Harness,
) -> None:
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    await officer.says("gui thong bao cho xa Khong Co: mai hop luc 8h")
    [preview] = await officer.says("gửi thông báo cho tổ trưởng xã Đại Tâm")  # audience only
    assert "tổ trưởng xã Đại Tâm" in preview and "\nmai hop luc 8h\n" in preview
    await officer.taps("Hủy")
    await officer.says("gui thong bao cho xa Khong Co: mai hop luc 8h")
    [again] = await officer.says(f"xã Không Có Nữa: {NEW_NOTICE}")  # still no such commune
    assert "Không tìm thấy xã" in again and "Gửi thông báo cho ai" in again
    [preview] = await officer.taps("Cả xã Đại Tâm")
    assert f"\n{NEW_NOTICE}\n" in preview and "mai hop luc 8h" not in preview


@pytest.mark.parametrize("typed", ["tien do", "Tiến độ?", "tiến độ sao rồi", "xem tiến độ"])
async def test_progress_alone_is_the_notice_being_sent_or_else_the_tally_status(
    running: Harness, typed: str
) -> None:
    """ "tiến độ" alone gave a line about households: it is the officer's notice while one is
    being sent or was sent these last days, otherwise this period's tally status."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [tally] = await officer.says(typed)
    assert "Xã Đại Tâm, phiên" in tally and "tổ đã nộp bảng kê" in tally, tally
    await officer.says(f"gui thong bao cho xa Dai Tam: {NOTICE}")
    await officer.taps("Xác nhận gửi", replies=2)
    [notice] = await officer.says(typed)
    assert "Thông báo #1" in notice and "bảng kê" not in notice, notice
    [tallies] = await officer.says("tiến độ bảng kê")  # named: the tallies (was "leaders only")
    assert "tổ đã nộp bảng kê" in tallies and "Thông báo #1" not in tallies, tallies
    await until_sent(h)
    async with h.engine.begin() as conn:  # as if a week later, with nothing left to send
        await conn.execute(update(broadcasts).values(created_at=NOW - timedelta(days=7)))
    [later] = await officer.says(typed)
    assert "Xã Đại Tâm, phiên" in later and "Thông báo #1" not in later, later
    [asked] = await officer.says("tiến độ gửi thông báo")  # asked by name: still the notice
    assert "Thông báo #1" in asked


def test_a_notice_is_current_while_sending_and_for_three_days() -> None:
    assert notice_is_current(NOW - timedelta(days=30), pending=1, now=NOW)
    assert notice_is_current(NOW - timedelta(days=2), pending=0, now=NOW)
    assert not notice_is_current(NOW - timedelta(days=4), pending=0, now=NOW)


async def until_sent(h: Harness) -> None:
    async with asyncio.timeout(15):
        while True:
            async with h.engine.begin() as conn:
                waiting = await conn.scalar(
                    select(func.count())
                    .select_from(outbox)
                    .where(outbox.c.kind == "broadcast", outbox.c.status != "sent")
                )
            if not waiting:
                return
            await asyncio.sleep(0.05)
