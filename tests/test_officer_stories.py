"""Officers through the real python-telegram-bot stack against the fake Bot API: a broadcast
from choosing the audience to the final report, its scope, cancel, people who block the bot,
and a bank file sent as a document."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import func, select

from bot.channels.console import ConsoleChat, ConsoleDelivery
from bot.inbound.router import Router
from handlers.rules.places import Place, groups_named
from storage import link_codes, links
from storage.importer import import_file
from storage.schema import (
    audit_log,
    broadcasts,
    chat_links,
    communes,
    officers,
    outbox,
    schedules,
)
from tests.bankfiles import write_csv
from tests.bot_fixtures import AS_OF, LAN, LOAN_HEADER, NOW, SARI, SON, TZ, Harness
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")
OFFICER_CHAT = 900


async def link_officer(h: Harness, chat: int = OFFICER_CHAT) -> None:
    async with h.engine.begin() as conn:
        officer_id = await links.officer_by_phone(conn, "0901234567")
        assert officer_id is not None
        code = await link_codes.create_link_code(conn, NOW, officer_id=officer_id)
    h.fake.user_says(chat, f"/start {code}")
    [linked] = await h.fake.replies(chat, 1)
    assert "cán bộ tín dụng" in linked


async def commune_id(h: Harness, name: str) -> int:
    async with h.engine.begin() as conn:
        return int(
            (await conn.execute(select(communes.c.id).where(communes.c.name == name))).scalar_one()
        )


def buttons(h: Harness, chat: int, index: int = -1) -> list[tuple[str, str]]:
    raw = h.fake.sent(chat)[index].params.get("reply_markup")
    rows = json.loads(raw)["inline_keyboard"] if raw else []
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


async def wait_for(condition: object, within: float = 10.0) -> None:
    async with asyncio.timeout(within):
        while not condition():  # type: ignore[operator]  # noqa: ASYNC110
            await asyncio.sleep(0.05)


async def says(h: Harness, chat: int, text: str) -> str:
    """What the bot answers the chat's next message (one reply)."""
    seen = len(h.fake.sent(chat))
    h.fake.user_says(chat, text)
    [reply] = await h.fake.replies(chat, 1, after=seen)
    return reply


async def until(read: Callable[[], Awaitable[object]], expected: object) -> None:
    async with asyncio.timeout(10):
        while await read() != expected:  # noqa: ASYNC110
            await asyncio.sleep(0.05)


async def test_officer_broadcasts_to_a_commune_and_follows_the_progress(
    running: Harness,
) -> None:
    h = running
    for chat, who in ((101, SARI), (102, SON), (103, LAN)):
        await link(h, chat, who)
    await link_officer(h)
    sent_before = {chat: len(h.fake.sent(chat)) for chat in (101, 102, 103)}

    h.fake.user_says(OFFICER_CHAT, "/thongbao")
    [ask] = await h.fake.replies(OFFICER_CHAT, 1, after=1)
    assert "Gửi thông báo cho ai" in ask
    labels = [label for label, _data in buttons(h, OFFICER_CHAT)]
    assert "Cả xã Đại Tâm" in labels and not any("Thạnh Phú" in x for x in labels)
    assert labels[-1] == "Hủy"

    h.fake.user_taps(OFFICER_CHAT, "Cả xã Đại Tâm")
    [prompt] = await h.fake.replies(OFFICER_CHAT, 1, after=2)
    assert "cả xã Đại Tâm" in prompt and "gõ nội dung" in prompt

    notice = "Phiên giao dịch tháng 12 dời sang ngày 18/12, 7 giờ sáng."
    h.fake.user_says(OFFICER_CHAT, notice)
    [preview] = await h.fake.replies(OFFICER_CHAT, 1, after=3)
    assert notice in preview and "Số người nhận: 2" in preview
    assert [label for label, _d in buttons(h, OFFICER_CHAT)] == ["Xác nhận gửi", "Hủy"]

    h.fake.user_taps(OFFICER_CHAT, "Xác nhận gửi")
    queued, status = await h.fake.replies(OFFICER_CHAT, 2, after=4, within=15)
    assert "#1" in queued and "2 người" in queued
    assert "Thông báo #1" in status

    for chat in (101, 102):
        [got] = await h.fake.replies(chat, 1, after=sent_before[chat], within=15)
        assert (
            got == f"📩 Thông báo từ NHCSXH – cán bộ Trần Văn Bình:\n{notice}"
        )  # who sends it, first
    assert len(h.fake.sent(103)) == sent_before[103]  # Thạnh Phú is not this audience

    def final_report() -> bool:
        edits = h.fake.calls_to("editMessageText")
        return bool(edits) and "đã gửi xong" in edits[-1].params["text"]

    await wait_for(final_report, within=15)
    assert "2/2 người đã nhận" in h.fake.calls_to("editMessageText")[-1].params["text"]
    async with h.engine.begin() as conn:
        audit = [r.action for r in await conn.execute(select(audit_log.c.action))]
    assert "broadcast" in audit


async def test_an_officer_cannot_reach_another_commune(running: Harness) -> None:
    h = running
    await link(h, 103, LAN)
    await link_officer(h)
    thanh_phu = await commune_id(h, "Thạnh Phú")
    h.fake.user_says(OFFICER_CHAT, "gui thong bao")
    await h.fake.replies(OFFICER_CHAT, 1, after=1)
    h.fake.user_presses(OFFICER_CHAT, f"bc:commune:{thanh_phu}")  # a crafted button
    [refused] = await h.fake.replies(OFFICER_CHAT, 1, after=2)
    assert "ngoài địa bàn" in refused
    h.fake.user_says(OFFICER_CHAT, "T02")  # typing the other commune's group code
    [refused] = await h.fake.replies(OFFICER_CHAT, 1, after=3)
    assert "ngoài địa bàn" in refused


async def test_cancel_sends_nothing_and_a_borrower_cannot_broadcast(running: Harness) -> None:
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    h.fake.user_says(OFFICER_CHAT, "/thongbao")
    await h.fake.replies(OFFICER_CHAT, 1, after=1)
    h.fake.user_taps(OFFICER_CHAT, "Cả xã Đại Tâm")
    await h.fake.replies(OFFICER_CHAT, 1, after=2)
    h.fake.user_says(OFFICER_CHAT, "huy")
    [cancelled] = await h.fake.replies(OFFICER_CHAT, 1, after=3)
    assert "Đã hủy" in cancelled
    before = len(h.fake.sent(101))
    h.fake.user_says(101, "/thongbao")
    [refused] = await h.fake.replies(101, 1, after=before)
    assert "cán bộ tín dụng" in refused
    h.fake.user_presses(101, "bc:all")
    [refused] = await h.fake.replies(101, 1, after=before + 1)
    assert "cán bộ tín dụng" in refused


async def test_a_person_who_blocks_the_bot_is_left_out_until_they_come_back(
    running: Harness,
) -> None:
    h = running
    await link(h, 101, SARI)
    await link(h, 102, SON)
    await link_officer(h)

    async def reachable() -> set[str]:
        async with h.engine.begin() as conn:
            rows = await conn.execute(
                select(chat_links.c.chat_id).where(
                    chat_links.c.customer_id.is_not(None), chat_links.c.unreachable_at.is_(None)
                )
            )
            return {r.chat_id for r in rows}

    h.fake.user_blocks(101)
    await until(lambda: reachable(), {"102"})
    h.fake.user_says(OFFICER_CHAT, "/thongbao")
    await h.fake.replies(OFFICER_CHAT, 1, after=1)
    h.fake.user_taps(OFFICER_CHAT, "Cả xã Đại Tâm")
    await h.fake.replies(OFFICER_CHAT, 1, after=2)
    h.fake.user_says(OFFICER_CHAT, "Họp dân ngày mai.")
    [preview] = await h.fake.replies(OFFICER_CHAT, 1, after=3)
    assert "Số người nhận: 1" in preview
    h.fake.user_blocks(101, blocked=False)
    await until(lambda: reachable(), {"101", "102"})


async def test_an_officer_sends_a_bank_file_and_gets_the_import_report(running: Harness) -> None:
    h = running
    await link_officer(h)
    content = (
        "Tên xã,Ngày giao dịch,Ngày,Giờ,Địa điểm\nĐại Tâm,,19/12/2026,8h,Hội trường ấp 3\n"
    ).encode()
    h.fake.user_sends_document(OFFICER_CHAT, "lich_thang12.csv", content)
    received, report = await h.fake.replies(OFFICER_CHAT, 2, after=1, within=20)
    assert "lich_thang12.csv" in received and "đang nhập" in received
    assert "lich_thang12.csv: lịch giao dịch" in report and "thêm mới 1" in report
    async with h.engine.begin() as conn:
        moved = [r.place for r in await conn.execute(select(schedules.c.place))]
    assert "Hội trường ấp 3" in moved

    h.fake.user_sends_document(OFFICER_CHAT, "anh.pdf", b"%PDF")
    [refused] = await h.fake.replies(OFFICER_CHAT, 1, after=3)
    assert ".xlsx" in refused


async def test_a_borrower_sending_a_file_is_told_to_type(running: Harness) -> None:
    h = running
    await link(h, 101, SARI)
    before = len(h.fake.sent(101))
    h.fake.user_sends_document(101, "hstd.csv", b"Ma KH\n1\n")
    [answer] = await h.fake.replies(101, 1, after=before)
    assert "chỉ đọc được tin nhắn chữ" in answer


async def test_help_and_the_fallback_menu_fit_the_person(running: Harness) -> None:
    h = running
    await link_officer(h)
    await link(h, 101, SARI)  # a leader
    h.fake.user_says(OFFICER_CHAT, "/help")
    [officer_help] = await h.fake.replies(OFFICER_CHAT, 1, after=1)
    assert "/thongbao" in officer_help and "dư nợ còn bao nhiêu" not in officer_help
    h.fake.user_says(OFFICER_CHAT, "xyz abc")
    await h.fake.replies(OFFICER_CHAT, 1, after=2)
    assert [label for label, _d in buttons(h, OFFICER_CHAT)] == [
        "Tình hình bảng kê",
        "Gửi thông báo",
    ]
    before = len(h.fake.sent(101))
    h.fake.user_says(101, "/help")
    [leader_help] = await h.fake.replies(101, 1, after=before)
    assert "nộp bảng kê" in leader_help and "dư nợ còn bao nhiêu" in leader_help


async def test_a_file_sent_in_the_chat_stays_within_the_officers_scope(running: Harness) -> None:
    """The officer of Đại Tâm cannot grant themselves every commune by sending an officers
    file, nor change Thạnh Phú's schedule: only their communes' loans and schedules load."""
    h = running
    await link_officer(h)
    officers_file = "Họ tên,Số điện thoại,Phạm vi\nTrần Văn Bình,0901234567,*\n".encode()
    h.fake.user_sends_document(OFFICER_CHAT, "can_bo.csv", officers_file)
    _received, refused = await h.fake.replies(OFFICER_CHAT, 2, after=1, within=20)
    assert "can_bo.csv" in refused and "lệnh nhập" in refused and "Chưa lưu gì" in refused
    async with h.engine.begin() as conn:
        scope_all = await conn.scalar(select(officers.c.scope_all))
    assert scope_all is False
    schedule = (
        "Tên xã,Ngày giao dịch,Ngày,Giờ,Địa điểm\n"
        "Đại Tâm,,19/12/2026,8h,Hội trường ấp 3\n"
        "Thạnh Phú,,19/12/2026,8h,Nơi khác\n"
    ).encode()
    h.fake.user_sends_document(OFFICER_CHAT, "lich.csv", schedule)
    _received, report = await h.fake.replies(OFFICER_CHAT, 2, after=3, within=20)
    assert "dòng 3" in report
    async with h.engine.begin() as conn:
        places = [r.place for r in await conn.execute(select(schedules.c.place))]
    assert "Hội trường ấp 3" in places and "Nơi khác" not in places


async def load_an_overdue_group(h: Harness, count: int = 25) -> None:
    """Group T70 in Đại Tâm: `count` households, each with overdue principal."""
    header = LOAN_HEADER[:10]
    group = [AS_OF, "T70", "Tổ bảy mươi", "Đại Tâm"]
    rows: list[list[object]] = [
        [f"KH7{n:02d}", f"Hộ quá hạn số {n:02d}", f"KU7{n:02d}", 1, 10_000_000, 1_000_000, *group]
        for n in range(1, count + 1)
    ]
    report = await import_file(h.engine, write_csv(h.folder / "t70.csv", header, rows))
    assert report.error is None, report.error


async def test_an_officer_asks_which_households_of_a_commune_are_overdue(
    running: Harness,
) -> None:
    h = running
    await link_officer(h)
    officer = OFFICER_CHAT
    few = await says(h, officer, "ho nao qua han o xa Dai Tam")  # was the tally status
    assert "Đại Tâm: 1 hộ có nợ quá hạn, tổng 2.000.000 đ" in few, few
    assert "T01 Tổ ấp 3 (1):" in few and "• Thạch Sơn: 2.000.000 đ" in few
    assert "Lâm Thị Sa Ri" not in few and "bảng kê" not in few
    assert "Số liệu đến ngày 31/10/2026" in few
    outside = await says(h, officer, "hộ nào quá hạn ở xã Thạnh Phú")
    assert "ngoài địa bàn" in outside and "Nguyễn Thị Lan" not in outside
    unknown = await says(h, officer, "ai qua han o xa Khong Co")
    assert 'Không tìm thấy xã "Khong Co"' in unknown and "Đại Tâm" in unknown

    await load_an_overdue_group(h)
    many = await says(h, officer, "danh sách hộ quá hạn xã Đại Tâm")
    assert "Đại Tâm: 26 hộ có nợ quá hạn, tổng 27.000.000 đ" in many, many
    assert "T01 Tổ ấp 3 (1):" in many and "T70 Tổ bảy mươi (25):" in many
    assert many.count("\n• ") == 20 and "… và 6 hộ khác." in many
    assert "Hộ quá hạn số 19" in many and "Hộ quá hạn số 20" not in many
    area = await says(h, officer, "ai quá hạn")  # no commune: the officer's whole area
    assert "Địa bàn của anh/chị: 26 hộ có nợ quá hạn" in area, area
    async with h.engine.begin() as conn:
        audit = [r.action for r in await conn.execute(select(audit_log.c.action))]
    assert "overdue_view" in audit


async def test_a_leader_asking_who_is_overdue_gets_his_own_group(running: Harness) -> None:
    h = running
    await link(h, 101, SARI)  # the leader of T01
    await load_an_overdue_group(h, 3)  # another group of the commune
    leader = 101
    own = await says(h, leader, "ai quá hạn")
    assert "Tổ ấp 3: 1 hộ có nợ quá hạn, tổng 2.000.000 đ" in own, own
    assert "• Thạch Sơn: 2.000.000 đ" in own and "Hộ quá hạn số" not in own
    still_own = await says(h, leader, "hộ nào quá hạn ở xã Đại Tâm")
    assert "Tổ ấp 3: 1 hộ" in still_own and "Hộ quá hạn số" not in still_own
    household = await says(h, leader, "nhà tôi có bị quá hạn không")  # their own household
    assert "Hộ Lâm Thị Sa Ri" in household


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("dong y", "không có việc gì đang chờ anh/chị xác nhận"),
        ("huy", "không có việc gì đang mở để hủy"),
    ],
)
async def test_a_confirm_or_cancel_word_with_nothing_open(
    running: Harness, typed: str, said: str
) -> None:
    h = running
    await link_officer(h)
    answer = await says(h, OFFICER_CHAT, typed)
    assert said in answer and "chưa hiểu" not in answer, answer
    assert "Gửi thông báo" in answer or h.fake.sent(OFFICER_CHAT)[-1].params.get("reply_markup")


async def test_a_notice_on_the_console_has_one_envelope(harness: Harness) -> None:
    out = io.StringIO()
    chat = ConsoleChat(Router(harness.engine, TZ, clock=lambda: NOW), out, io.StringIO(), None)
    delivery = ConsoleDelivery(chat)
    await delivery.send("1", "📩 Thông báo từ NHCSXH – cán bộ Trần Văn Bình:\nHọp", [])
    await delivery.send("1", "Nhắc: mai là ngày giao dịch", [])
    printed = out.getvalue()
    assert "📩 📩" not in printed and "📩 Thông báo từ NHCSXH" in printed
    assert "📩 Nhắc: mai là ngày giao dịch" in printed  # a reminder is still marked


async def answer_and_more(h: Harness, chat: int, text: str, count: int = 2) -> list[str]:
    """The bot's next `count` replies to the chat's next message."""
    seen = len(h.fake.sent(chat))
    h.fake.user_says(chat, text)
    return await h.fake.replies(chat, count, after=seen)


async def test_a_question_at_the_preview_is_answered_and_the_notice_waits(
    running: Harness,
) -> None:
    """Found by a stranger: at the preview (Xác nhận gửi / Hủy) a question became a NEW
    notice made of the question. It is answered, and the draft waits at its preview."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    notice = "mai 8h hop giao ban tai UBND xa"
    preview = await says(h, OFFICER_CHAT, f"gui thong bao cho xa Dai Tam: {notice}")
    assert "Xem trước thông báo gửi cả xã Đại Tâm:" in preview, preview
    for question in ("tổ Ấp 3 nộp bảng kê chưa", "dư nợ xã Đại Tâm bao nhiêu"):
        answer, waiting = await answer_and_more(h, OFFICER_CHAT, question)
        assert "Xem trước" not in answer and "Gửi thông báo cho ai" not in answer, answer
        assert question not in answer, answer
        assert waiting.startswith("Thông báo cho cả xã Đại Tâm vẫn chờ anh/chị xác nhận"), waiting
    queued, _status = await answer_and_more(h, OFFICER_CHAT, "xác nhận")
    assert "#1" in queued and "1 người" in queued, queued
    async with h.engine.begin() as conn:
        texts = [r.text for r in await conn.execute(select(outbox.c.text))]
    assert any(notice in t for t in texts) and not any("bảng kê chưa" in t for t in texts)


async def test_an_officer_asks_whether_one_group_submitted_its_tally(running: Harness) -> None:
    """Found by a stranger: "tổ Ấp 3 nộp bảng kê chưa" from an officer was answered "only
    leaders". The officer gets that group's tally for the session (submitted or not, when,
    how many lines); a group outside the officer's communes is refused without figures."""
    h = running
    await link(h, 101, SARI)  # the leader of T01 "Tổ ấp 3"
    await link_officer(h)
    for question in ("tổ Ấp 3 nộp bảng kê chưa", "to ap 3 nop bang ke chua"):
        not_yet = await says(h, OFFICER_CHAT, question)
        assert "Chỉ tổ trưởng" not in not_yet, not_yet
        assert "T01 Tổ ấp 3" in not_yet and "Thứ Năm, 17/12/2026" in not_yet, not_yet
        assert "chưa nộp bảng kê" in not_yet, not_yet

    for typed in ("nop bang ke", "2 vang", "xong"):
        await says(h, 101, typed)
    told = len(h.fake.sent(OFFICER_CHAT))
    h.fake.user_taps(101, "Xác nhận nộp")
    await wait_for(lambda: len(h.fake.sent(OFFICER_CHAT)) > told)  # the officer is told
    done = await says(h, OFFICER_CHAT, "to ap 3 nop bang ke chua")
    assert "T01 Tổ ấp 3" in done and "đã nộp bảng kê lúc 10:00 ngày 26/11/2026" in done, done
    assert "2 dòng" in done and "phiên bản 1" in done, done

    outside = await says(h, OFFICER_CHAT, "tổ Phú Hòa nộp bảng kê chưa")
    assert "ngoài địa bàn" in outside, outside
    assert "T02" not in outside and "bảng kê lúc" not in outside and "dòng" not in outside


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("tổ Ấp 3 nộp bảng kê chưa", ["T01"]),
        ("to ap 3 nop bang ke chua", ["T01"]),
        ("tổ T02 nộp chưa", ["T02"]),
        ("to dai nghia thang nop bang ke chua", ["0192041"]),
        ("tổ Phú Hòa nộp chưa", ["T02", "T03"]),  # T02's name, T03's hamlet: both shown
        ("ấp Phú Hòa nộp chưa", ["T03"]),  # the longest name wins
        ("tình hình bảng kê xã Đại Tâm", []),
        ("tổ ấp nộp chưa", []),  # "ấp" alone names nobody
    ],
)
def test_which_groups_a_question_names(text: str, codes: list[str]) -> None:
    places = [
        Place(1, 1, "T01", "Tổ ấp 3", "Ấp 3", "Đại Tâm"),
        Place(2, 2, "T02", "Tổ Phú Hòa", None, "Thạnh Phú"),
        Place(3, 2, "T03", "Tổ TK&VV ấp Mới", "Ấp Phú Hòa", "Thạnh Phú"),
        Place(4, 1, "0192041", "Tổ TK&VV ấp Đại Nghĩa Thắng", "Ấp Đại Nghĩa Thắng", "Đại Tâm"),
    ]
    assert [p.code for p in groups_named(text, places)] == codes


@pytest.mark.parametrize(
    ("word", "then"),
    [("dung", "asks")]
    + [(w, "cancels") for w in ("dừng", "dung lai", "thoi", "huy")]
    + [(w, "sends") for w in ("đúng", "dung roi")],
)
async def test_a_bare_dung_at_the_preview_is_asked_about(
    running: Harness, word: str, then: str
) -> None:
    """A bare "dung" at the preview is "đúng" (send) or "dừng" (stop): neither is guessed,
    the bot asks back with Xác nhận gửi / Hủy still shown."""
    h = running
    await link(h, 101, SARI)
    await link_officer(h)
    await says(h, OFFICER_CHAT, "gui thong bao cho xa Dai Tam: mai 8h hop giao ban")
    answer = (await answer_and_more(h, OFFICER_CHAT, word, 2 if then == "sends" else 1))[0]
    async with h.engine.begin() as conn:
        queued = await conn.scalar(select(func.count()).select_from(broadcasts))
    if then == "asks":
        assert "Anh/chị muốn xác nhận hay dừng?" in answer and "Đã hủy" not in answer, answer
        assert [label for label, _d in buttons(h, OFFICER_CHAT)] == ["Xác nhận gửi", "Hủy"]
        assert queued == 0
    elif then == "cancels":
        assert "Đã hủy" in answer and queued == 0, answer
    else:
        assert "#1" in answer and queued == 1, answer


async def test_a_bare_dung_never_stops_linking_nor_unlinks(running: Harness) -> None:
    h, chat = running, 1201
    h.fake.user_says(chat, "/start")
    await h.fake.replies(chat, 2)
    h.fake.user_shares_contact(chat, SARI["phone"])
    [asked] = await h.fake.replies(chat, 1, after=2)
    assert "4 số cuối" in asked
    kept = await says(h, chat, "dung")  # not "dừng": the CCCD question stays
    assert "Đã dừng" not in kept and "4 số cuối" in kept, kept
    stopped = await says(h, chat, "dừng")
    assert "Đã dừng" in stopped, stopped

    await link(h, 1202, SON)
    asked = await says(h, 1202, "/huy")
    assert [label for label, _d in buttons(h, 1202)] == ["Xác nhận hủy liên kết", "Giữ liên kết"]
    again = await says(h, 1202, "dung")
    assert "Anh/chị muốn xác nhận hay dừng?" in again, again
    assert [label for label, _d in buttons(h, 1202)] == ["Xác nhận hủy liên kết", "Giữ liên kết"]
    async with h.engine.begin() as conn:
        still = await conn.scalar(
            select(chat_links.c.customer_id).where(chat_links.c.chat_id == "1202")
        )
    assert still is not None
