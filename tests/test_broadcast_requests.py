"""An officer's notice typed in one message, through the real python-telegram-bot stack: the
audience and text it carries go straight to the preview (scope still checked), "gửi thông
báo" inside the dialog starts over, a confirm word is never the notice, every copy names
its sender, and "tiến độ gửi thông báo" reports the officer's notices."""

from __future__ import annotations

import pytest

from handlers.officer.broadcast_words import Request, Wanted, asks_progress, read_request
from tests.bot_fixtures import SARI, SON, Harness
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
