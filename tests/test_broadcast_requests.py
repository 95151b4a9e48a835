"""An officer's notice typed in one message, through the real python-telegram-bot stack: the
audience and text it carries go straight to the preview (scope still checked), "gửi thông
báo" inside the dialog starts over, a confirm word is never the notice, every copy names
its sender, and "tiến độ gửi thông báo" reports the officer's notices."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from handlers.officer.broadcast import unreached_line
from handlers.officer.broadcast_words import (
    Request,
    Wanted,
    addressed,
    asks_progress,
    progress_of,
    read_request,
)
from handlers.rules.notice_text import reads_as_question
from handlers.rules.notices import notice_is_current
from handlers.rules.place_names import NameSplit, name_keys, split_at_known, split_guessed
from storage.audiences import UnreachedGroup
from storage.schema import broadcasts, outbox
from tests.bot_fixtures import NOW, SARI, SON, Clock, Harness, load_sixty_member_group
from tests.tally_fixtures import Chat, bot
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
        ("tien do gui sao roi", "notice"),  # sending's progress, the notice unnamed
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


async def test_a_notice_to_commune_leaders_names_the_leaders_it_cannot_reach(
    running: Harness,
) -> None:
    """The preview said only how many would get it: the officer could not tell which leader
    to phone instead (a stranger, session 6)."""
    h = running
    await load_sixty_member_group(h.engine, h.folder)  # T60's leader has no linked chat
    await link(h, 101, SARI)  # T01's leader has
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [preview] = await officer.says(f"gui thong bao cho to truong xa Dai Tam: {NOTICE}")
    assert "Số người nhận: 1" in preview
    assert "Thành viên số 01 (Tổ sáu mươi)" in preview, preview
    assert SARI["name"] not in preview.split("Số người nhận")[1]  # she is reached


@pytest.mark.parametrize(
    "typed", ["thôi đổi ý, chỉ gửi xã Đại Tâm", "gửi xã Đại Tâm", "thoi, gui cho xa Dai Tam"]
)
async def test_a_change_of_mind_with_nothing_open_starts_the_notice_it_names(
    running: Harness, typed: str
) -> None:
    """ "thôi đổi ý, chỉ gửi xã Đại Tâm" with nothing open got "I did not understand" (and,
    read as two requests, had offered to unlink): it asks for the text to xã Đại Tâm."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [prompt] = await officer.says(typed)
    assert "gõ nội dung" in prompt and "Đại Tâm" in prompt, prompt
    assert "hủy liên kết" not in prompt.lower()
    [preview] = await officer.says("mai nghỉ lễ")
    assert "Xem trước thông báo gửi" in preview and "xã Đại Tâm" in preview


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


# ---- session 6: a question at the text step, names without a separator, the night ----


@pytest.mark.parametrize(
    ("typed", "known", "split"),
    [
        ("Dai Tam mai 8h hop giao ban", {"dai tam"}, NameSplit("Dai Tam", "mai 8h hop giao ban")),
        ("Đại Tâm, ngày 15 có phiên", {"dai tam"}, NameSplit("Đại Tâm", "ngày 15 có phiên")),
        ("Phu My co ai qua han", {"phu my", "dai tam"}, NameSplit("Phu My", "co ai qua han")),
        ("Long Phu A hop", {"long phu", "long phu a"}, NameSplit("Long Phu A", "hop")),
        ("Dai Tam", {"dai tam"}, NameSplit("Dai Tam", None)),
        ("Khong Co mai hop", {"dai tam"}, None),
    ],
)
def test_the_longest_known_commune_name_at_that_place(
    typed: str, known: set[str], split: NameSplit | None
) -> None:
    assert split_at_known(typed, known) == split


def test_with_no_known_name_the_first_two_words_are_the_name() -> None:
    assert split_guessed("Khong Co mai 8h hop") == NameSplit("Khong Co", "mai 8h hop")
    assert split_guessed("Khong Co") == NameSplit("Khong Co", None)
    assert name_keys("Đại Tâm mai") == ["dai tam mai", "dai tam", "dai"]


@pytest.mark.parametrize(
    ("text", "intent", "question"),
    [
        ("to 0192041 nop bang ke chua", "tally_submit", True),
        ("lai thang nay cua to 0192071 thu dc bn roi", "interest", True),
        ("phiên giao dịch mấy giờ?", "transaction_day", True),
        ("ngay 15 co phien giao dich", "transaction_day", False),  # a statement: the text
        ("Họp dân ngày mai.", "meeting_schedule", False),
        ("mai co hop khong", "unknown", False),  # the model is not sure of another intent
        ("bao gio gui thong bao", "broadcast", False),
    ],
)
def test_a_line_at_the_text_step_reads_as_a_question(
    text: str, intent: str, question: bool
) -> None:
    assert reads_as_question(text, intent) is question


@pytest.mark.parametrize(
    ("text", "request_"),
    [
        ("gui tb cho to 0192041 mai hop", Request(Wanted.GROUP, "0192041", "mai hop")),
        (
            "nhan to 0192042 la chieu mai 2h hop binh xet",
            Request(Wanted.GROUP, "0192042", "chieu mai 2h hop binh xet"),
        ),
        ("gửi tổ T01: mai họp", Request(Wanted.GROUP, "T01", "mai họp")),
        ("nhan tin cho moi nguoi: mai nghi", Request(Wanted.EVERYONE, None, "mai nghi")),
    ],
)
def test_more_ways_to_ask_for_a_notice(text: str, request_: Request) -> None:
    assert read_request(text) == request_


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("xa Dai Tam: thu 5 tuan sau co phien, nho mang so", True),
        ("tổ trưởng xã Đại Tâm: mai họp", True),
        ("to T01: mai hop", True),
        ("xa Dai Tam co ai qua han ko", False),
        ("lãi: bao nhiêu", False),
    ],
)
def test_a_line_that_opens_with_an_audience_and_a_colon(text: str, opens: bool) -> None:
    assert addressed(text) is opens


async def test_a_question_at_the_text_step_is_answered_and_the_draft_waits(
    running: Harness,
) -> None:
    """ "tổ … nộp bảng kê chưa" typed where the notice's text was asked became the notice,
    one "ok" from being sent; a question is answered, the draft stays open and says so."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [prompt] = await officer.says("gui thong bao cho xa Dai Tam")
    assert "gõ nội dung" in prompt
    for question in ("to T01 nop bang ke chua", "lai thang nay cua to T01 thu dc bn roi"):
        answer, waiting = await officer.says(question, replies=2)
        assert "Xem trước" not in answer and "Xác nhận gửi" not in officer.labels(), answer
        assert waiting == "Thông báo cho cả xã Đại Tâm vẫn chờ nội dung.", waiting
    [preview] = await officer.says(NOTICE)  # a statement: the text
    assert "Xem trước thông báo gửi cả xã Đại Tâm:" in preview and f"\n{NOTICE}\n" in preview


@pytest.mark.parametrize(
    ("typed", "audience", "text"),
    [
        ("gui tb cho to truong xa Dai Tam mai 8h hop giao ban", "các tổ trưởng xã Đại Tâm", ""),
        ("gui tb cho xa Đại Tâm ngay 15 co phien giao dich", "cả xã Đại Tâm", NEW_NOTICE),
        ("xa Dai Tam: thu 5 tuan sau co phien, nho mang so", "cả xã Đại Tâm", ""),
        ("thong bao xa Dai Tam: thu 5 tuan sau co phien, nho mang so", "cả xã Đại Tâm", ""),
        ("nhan to T01 la chieu mai 2h hop binh xet", "tổ T01", "chieu mai 2h hop binh xet"),
        ("gui tb cho to T01 mai hop", "tổ T01", "mai hop"),
    ],
)
async def test_a_one_line_notice_without_a_separator(
    running: Harness, typed: str, audience: str, text: str
) -> None:
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [preview] = await officer.says(typed)
    assert f"Xem trước thông báo gửi {audience}" in preview, preview
    expected = text or typed.split("Dai Tam", 1)[1].lstrip(": ")
    assert f"\n{expected}\n" in preview, preview
    assert officer.labels() == ["Xác nhận gửi", "Hủy"]


async def test_an_unknown_commune_keeps_the_text_waiting_with_the_officers_communes(
    running: Harness,
) -> None:
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [unknown] = await officer.says("gui tb cho xa Khong Co mai 8h hop giao ban")
    assert 'Không tìm thấy xã "Khong Co"' in unknown and "Gửi thông báo cho ai" in unknown
    assert "Cả xã Đại Tâm" in officer.labels()
    [preview] = await officer.taps("Cả xã Đại Tâm")
    assert "\nmai 8h hop giao ban\n" in preview
    await officer.taps("Hủy")
    [outside] = await officer.says("xa Thanh Phu co ai qua han ko")  # known, not theirs
    assert "ngoài địa bàn" in outside and "Không tìm thấy" not in outside, outside


async def test_at_night_the_queued_notice_says_when_sending_starts(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    clock.now = NOW.replace(hour=15)  # 22:00 in Sóc Trăng
    async with bot(h, clock):
        await link(h, 101, SARI)
        await link_officer(h)
        officer = Chat(h, OFFICER_CHAT)
        [preview] = await officer.says(f"gui thong bao cho xa Dai Tam: {NOTICE}")
        assert "bắt đầu gửi lúc 07:00" in preview
        await officer.taps("Xác nhận gửi")  # no sender runs here: the status waits
    async with h.engine.begin() as conn:
        status = await conn.scalar(select(outbox.c.text).where(outbox.c.kind == "broadcast_status"))
    assert status is not None
    assert "Sẽ gửi từ 07:00" in status and "Đang gửi" not in status, status


def test_unreached_leaders_are_named_up_to_ten_and_the_rest_counted() -> None:
    missed = [UnreachedGroup(f"Người {n}", f"Tổ {n}") for n in range(1, 13)]
    line = unreached_line(missed)
    assert "Người 1 (Tổ 1)" in line and "Người 10 (Tổ 10)" in line
    assert "Người 11" not in line and "và 2 tổ khác" in line
    assert unreached_line([UnreachedGroup("", "Tổ ấp 5")]).endswith("cần gọi điện: Tổ ấp 5.")


@pytest.mark.parametrize(
    ("text", "request_"),
    [
        ("gui tb cho to ap 3 xa Dai Tam: mai hop", Request(Wanted.GROUP, "ap 3", "mai hop")),
        ("gửi thông báo tổ Tâm Kiên xã Đại Tâm", Request(Wanted.GROUP, "Tâm Kiên", None)),
        ("gui tb to 0192041 xa Dai Tam: mai hop", Request(Wanted.GROUP, "0192041", "mai hop")),
        ("gui tb to truong xa Dai Tam: mai hop", Request(Wanted.LEADERS, "Dai Tam", "mai hop")),
    ],
)
def test_a_group_named_with_its_commune_is_that_group(text: str, request_: Request) -> None:
    """ "tổ ấp 3 xã Đại Tâm" read as the whole commune: a notice meant for one group would
    have gone to every household of Đại Tâm."""
    assert read_request(text) == request_


async def test_a_group_named_with_its_commune_gets_the_notice_not_the_commune(
    running: Harness,
) -> None:
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    [preview] = await officer.says("gui tb cho to ap 3 xa Dai Tam: mai 8h hop to")
    assert "Xem trước thông báo gửi" in preview and "ấp 3" in preview.split("\n")[0], preview
    assert "cả xã" not in preview.split("\n")[0].lower(), preview
    await officer.taps("Hủy")
    [unknown] = await officer.says("gui tb cho to ap 9 xa Dai Tam: mai 8h hop to")
    assert 'Không tìm thấy tổ "ap 9"' in unknown and "Xem trước" not in unknown, unknown


async def test_a_new_date_and_time_at_the_preview_change_the_notice(running: Harness) -> None:
    """ "sửa lại ngày 17/12 lúc 7g30" at the preview asked for the whole text again."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    await officer.says("gui tb cho xa Dai Tam: hop to ngay 10/12 luc 8h tai nha van hoa")
    [preview] = await officer.says("sua lai ngay 17/12 luc 7g30")
    assert "\nhop to ngay 17/12 luc 7g30 tai nha van hoa\n" in preview, preview
    assert officer.labels() == ["Xác nhận gửi", "Hủy"]


async def test_a_slip_owned_up_to_at_the_preview_is_an_edit_never_a_cancel(
    running: Harness,
) -> None:
    """ "à nhầm ngày 18/12 thứ 6 nha" at the preview cancelled the notice; "đổi ngày 17/12
    thành 18/12, thứ 5 thành thứ 6" put the second pair into the text."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    officer = Chat(h, OFFICER_CHAT)
    await officer.says("gui tb cho xa Dai Tam: sang thu 5 ngay 17/12 luc 7h30 hop to")
    [preview] = await officer.says("a nham ngay 18/12 thu 6 nha")
    assert "\nsang thu 6 ngay 18/12 luc 7h30 hop to\n" in preview, preview
    assert officer.labels() == ["Xác nhận gửi", "Hủy"]
    [preview] = await officer.says("doi ngay 18/12 thanh 19/12, thu 6 thanh thu 7")
    assert "\nsang thu 7 ngay 19/12 luc 7h30 hop to\n" in preview, preview
