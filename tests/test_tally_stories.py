"""The collection tally (Bảng kê 13/TD) through the real python-telegram-bot stack against the
fake Bot API: the one-tap path, exceptions, totals in one message, editing, cancelling, a
restart in the middle, a second submission, the deputy, who may not, the officer's status
and document, and the lock after the session day."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select, update

from storage import dialogs, link_codes
from storage.schema import audit_log, customers, groups, outbox, tallies
from tests.bot_fixtures import LAN, NOW, SARI, SON, Clock, Harness, load_sixty_member_group
from tests.tally_fixtures import LEADER, MEMBER, OTHER_LEADER, Chat, bot, current_lines, open_tally
from tests.test_officer_stories import OFFICER_CHAT, link_officer
from tests.test_telegram_stories import link

SESSION_MORNING = datetime(2026, 12, 17, 2, 0, tzinfo=UTC)  # 09:00 on Đại Tâm's session day


async def test_the_common_case_is_three_taps_and_the_officer_is_told(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        await link_officer(h)
        leader = Chat(h, LEADER)
        [opening] = await leader.says("nộp bảng kê")
        assert "Bảng kê 13/TD của tổ T01" in opening and "Thứ Năm, 17/12/2026" in opening
        assert "1. Lâm Thị Sa Ri: lãi 575.000 đ" in opening
        assert "2. Thạch Sơn: lãi 132.000 đ" in opening
        assert leader.labels() == ["Xác nhận: tất cả đã nộp đủ", "Hủy bảng kê"]
        [summary] = await leader.taps("Xác nhận: tất cả đã nộp đủ")
        assert "Lãi phải thu: 707.000 đ" in summary and "Lãi thực thu: 707.000 đ" in summary
        assert "Lãi còn tồn: 0 đ" in summary and "Tiết kiệm thu được: 200.000 đ" in summary
        assert "Tiền mặt nộp tại điểm giao dịch: 907.000 đ" in summary
        assert "Mọi người đã nộp đủ lãi" in summary
        assert leader.labels() == ["Xác nhận nộp", "Sửa", "Hủy bảng kê"]
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "Số biên nhận: BK-T01-20261217-1 (phiên bản 1)" in receipt
    assert await current_lines(h) == [
        ("KH001", 575_000, 0, 100_000, False),
        ("KH002", 132_000, 0, 100_000, False),
    ]
    async with h.engine.begin() as conn:
        notices = list(await conn.execute(select(outbox).where(outbox.c.kind == "tally_notice")))
        actions = [r.action for r in await conn.execute(select(audit_log.c.action))]
    assert [n.chat_id for n in notices] == [str(OFFICER_CHAT)]
    assert "T01" in notices[0].text and "707.000 đ" in notices[0].text
    assert "tally_submit" in actions


async def test_exceptions_are_one_message_each_with_warnings(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [after_absent] = await leader.says("2 vang")
        assert "Đã ghi: Thạch Sơn → vắng, chưa nộp" in after_absent
        [summary] = await leader.says("xong")
        assert "Chưa nộp đủ lãi (1 người): Thạch Sơn" in summary
        assert "Lãi còn tồn: 132.000 đ" in summary
        [after_more] = await leader.says("1 lãi 600k, gửi 50k")
        assert "1. Lâm Thị Sa Ri → nộp lãi 600.000 đ, tiết kiệm 50.000 đ" in after_more
        [refused] = await leader.says("1 lai 5 ty")
        assert "Tôi đọc được 5.000.000.000 đ" in refused and "tối đa 100.000.000 đ" in refused
        [summary] = await leader.taps("Xem tổng kết")
        assert "Lãi thu vượt số phải thu: Lâm Thị Sa Ri" in summary
        assert "Tiết kiệm dưới mức tối thiểu của tổ: Lâm Thị Sa Ri" in summary
        await leader.taps("Xác nhận nộp")
    assert await current_lines(h) == [
        ("KH001", 600_000, 0, 50_000, False),
        ("KH002", 0, 132_000, 0, True),
    ]


async def test_the_running_list_counts_who_paid_differently_and_says_so(
    harness: Harness, clock: Clock
) -> None:
    """A stranger read "Số người nộp khác đã ghi: 0" right after noting a member (who had paid
    exactly what was due): the figure counts the members who paid differently from what was
    due, and the reply now says that, and that everyone else counts as paid in full."""
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [noted] = await leader.says("2 lai 100k")
        assert "Nộp khác số phải nộp: 1 người; những người còn lại tính là nộp đủ." in noted
        assert "2. Thạch Sơn → nộp lãi 100.000 đ, tiết kiệm 100.000 đ" in noted
        [noted] = await leader.says("Thạch Sơn lãi 132k gửi 100k")  # exactly what was due
        assert "Đã ghi: Thạch Sơn → nộp đủ: lãi 132.000 đ, tiết kiệm 100.000 đ." in noted
        assert "Chưa ai nộp khác số phải nộp: cả tổ tính là nộp đủ." in noted
        assert "Số người nộp khác đã ghi" not in noted
        [resumed] = await leader.says("tiếp tục bảng kê")
        assert "Chưa ai nộp khác số phải nộp: cả tổ tính là nộp đủ." in resumed


async def test_group_totals_in_one_message_then_the_difference(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        [summary] = await leader.says("thu lãi 575k, tiết kiệm 200k")
        assert "Lãi thực thu: 707.000 đ" in summary  # spread as expected first
        assert "anh/chị nói ít hơn 132.000 đ" in summary
        assert "Ai nộp khác số đang ghi?" in summary  # asked
        [settled] = await leader.says("2 lai 0")
        assert "đã khớp" in settled  # the lines now add up to the typed totals
        [summary] = await leader.says("xong")
        assert "không khớp" not in summary and "chênh" not in summary


async def test_editing_after_the_summary_and_cancelling(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.taps("Xác nhận: tất cả đã nộp đủ")
        [listing] = await leader.taps("Sửa")
        assert "2. Thạch Sơn: lãi 132.000 đ" in listing
        await leader.says("2 lai 100k")
        [summary] = await leader.says("xong")
        assert "Lãi còn tồn: 32.000 đ" in summary
        [asked] = await leader.taps("Hủy bảng kê")
        assert "Xóa bảng kê đang soạn" in asked
        assert leader.labels() == ["Xác nhận xóa bảng kê", "Giữ bảng kê"]
        [kept] = await leader.taps("Giữ bảng kê")
        assert "Đã giữ bảng kê đang soạn" in kept and "Xác nhận nộp" not in leader.labels()
        [summary] = await leader.taps("Xem tổng kết")
        assert "Lãi còn tồn: 32.000 đ" in summary  # nothing lost by a slip of the finger
        [reset] = await leader.taps("Xác nhận: tất cả đã nộp đủ")
        assert "1 người nộp khác" in reset
        await leader.taps("Hủy bảng kê")
        [gone] = await leader.taps("Xác nhận xóa bảng kê")
        assert "Đã xóa bảng kê" in gone
        [nothing] = await leader.taps("Xác nhận nộp")
        assert "Không có bảng kê nào đang soạn" in nothing
    assert await current_lines(h) == []


async def test_a_restart_in_the_middle_continues_the_draft(harness: Harness, clock: Clock) -> None:
    h = harness
    async with bot(h, clock):
        leader = await open_tally(h)
        await leader.says("2 vang")
    clock.now = NOW.replace(hour=9)  # hours later, a new Application on the same database
    async with bot(h, clock):
        [answer, nudge] = await leader.says("du no", replies=2)
        assert "Tổng dư nợ" in answer and "tiếp tục bảng kê" in nudge
        [resumed] = await leader.says("tiếp tục bảng kê")
        assert "Nộp khác số phải nộp: 1 người" in resumed and "2. Thạch Sơn → vắng" in resumed
        assert "Xác nhận nộp" not in leader.labels()  # going on, not a submit one tap away
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
    assert [line[4] for line in await current_lines(h)] == [False, True]


async def test_a_second_submission_is_a_new_version_not_a_second_tally(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        leader = Chat(h, LEADER)
        for expected in ("BK-T01-20261217-1", "BK-T01-20261217-2"):
            [opening] = await leader.says("nop bang ke")
            assert ("đã được nộp" in opening) == expected.endswith("-2")
            await leader.taps("Xác nhận: tất cả đã nộp đủ")
            [receipt] = await leader.taps("Xác nhận nộp")
            assert expected in receipt
    async with h.engine.begin() as conn:
        versions = [
            (r.version, r.is_current)
            for r in await conn.execute(select(tallies).order_by(tallies.c.version))
        ]
    assert versions == [(1, False), (2, True)]


async def test_the_deputy_submits_and_the_audit_says_who(harness: Harness, clock: Clock) -> None:
    h = harness
    async with h.engine.begin() as conn:
        son = await conn.scalar(select(customers.c.id).where(customers.c.code == "KH002"))
        await conn.execute(
            update(groups).where(groups.c.code == "T01").values(deputy_customer_id=son)
        )
    async with bot(h, clock):
        await link(h, MEMBER, SON)
        deputy = Chat(h, MEMBER)
        await deputy.says("nop bang ke")
        await deputy.taps("Xác nhận: tất cả đã nộp đủ")
        [receipt] = await deputy.taps("Xác nhận nộp")
        assert "BK-T01-20261217-1" in receipt
    async with h.engine.begin() as conn:
        submitted_by = await conn.scalar(select(tallies.c.submitted_by_customer_id))
        actor = await conn.scalar(
            select(audit_log.c.actor_customer_id).where(audit_log.c.action == "tally_submit")
        )
    assert submitted_by == son and actor == son


async def test_members_other_leaders_and_officers_cannot_submit_or_see_the_group(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, MEMBER, SON)
        await link(h, OTHER_LEADER, LAN)
        await link_officer(h)
        member = Chat(h, MEMBER)
        [refused] = await member.says("nop bang ke")
        assert "Chỉ tổ trưởng" in refused
        [refused] = await member.presses("tally:submit")
        assert "Chỉ tổ trưởng" in refused
        [refused] = await member.says("tình hình tổ")
        assert "Chỉ tổ trưởng" in refused
        other = Chat(h, OTHER_LEADER)
        [own] = await other.says("nop bang ke")
        assert "tổ T02" in own and "Thạch Sơn" not in own and "Lâm Thị Sa Ri" not in own
        officer = Chat(h, OFFICER_CHAT)
        [refused] = await officer.presses("tally:submit")  # a button an officer never saw
        assert "Chỉ tổ trưởng" in refused
        [status] = await officer.says("Tình hình bảng kê")
        assert "Đại Tâm" in status and "Thạnh Phú" not in status  # outside the officer's scope


async def test_the_officer_sees_the_status_and_gets_the_form_as_a_document(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        await link_officer(h)
        officer = Chat(h, OFFICER_CHAT)
        [before] = await officer.says("Tình hình bảng kê")
        assert "0/1 tổ đã nộp" in before and "Chưa nộp: T01" in before
        leader = Chat(h, LEADER)
        await leader.says("nop bang ke")
        await leader.says("2 vang")
        await leader.says("xong")
        await leader.taps("Xác nhận nộp")
        status, caption = await officer.says("tình hình bảng kê", replies=2)
        assert "1/1 tổ đã nộp" in status and "T01 Tổ ấp 3: lãi" in status
        assert "1 người còn nợ lãi" in status
        assert "mẫu 13/TD" in caption
    [document] = h.fake.sent(OFFICER_CHAT, "sendDocument")
    content = document.params["document"]["content"]
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    values: list[list[Any]] = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "NGÂN HÀNG CHÍNH SÁCH XÃ HỘI"
    assert any(row[:2] == [2, "Thạch Sơn"] for row in values)


async def test_after_the_session_day_the_draft_is_gone_and_the_session_locked(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    clock.now = SESSION_MORNING
    async with bot(h, clock):
        await link(h, LEADER, SARI)
        leader = Chat(h, LEADER)
        [opening] = await leader.says("nop bang ke")
        assert "17/12/2026" in opening  # today is the session day
        clock.now = datetime(2026, 12, 18, 1, 0, tzinfo=UTC)  # 08:00 the next day
        [expired] = await leader.presses("tally:submit")  # a button from a message before midnight
        assert "Không có bảng kê nào đang soạn" in expired
        [next_month] = await leader.says("nop bang ke")
        assert "17/01/2027" in next_month  # the December session can no longer be changed
    assert await current_lines(h) == []
    async with h.engine.begin() as conn:
        assert await dialogs.get_dialog(conn, "telegram", str(LEADER), clock.now) is not None


async def test_a_sixty_member_group_fits_and_an_exception_is_one_message(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    ids = await load_sixty_member_group(h.engine, h.folder)
    async with h.engine.begin() as conn:
        code = await link_codes.create_link_code(conn, NOW, customer_id=ids["KH601"])
    async with bot(h, clock):
        leader = Chat(h, 160)
        await leader.says(f"/start {code}", replies=2)
        await leader.taps("Xác nhận: tôi đồng ý")
        opening = await leader.says("nop bang ke")  # 1
        assert "60 thành viên" in opening[0] and "60. Thành viên số 60" in "\n".join(opening)
        await leader.says("7 vắng")  # the exception: one message
        [summary] = await leader.says("xong")  # the summary
        assert "Lãi còn tồn: 110.000 đ" in summary
        [receipt] = await leader.taps("Xác nhận nộp")
        assert "BK-T60-20261217-1" in receipt
    lines = await current_lines(h)
    assert len(lines) == 60 and sum(1 for x in lines if x[4]) == 1


async def test_asked_what_a_member_paid_a_bare_number_is_the_amount(
    harness: Harness, clock: Clock
) -> None:
    """In a group of 60, "50" answering "what did they pay?" is 50.000 đ, not member 50; to
    move to another member, their number comes with the answer ("50 vắng") or the name."""
    h = harness
    ids = await load_sixty_member_group(h.engine, h.folder)
    async with h.engine.begin() as conn:
        code = await link_codes.create_link_code(conn, NOW, customer_id=ids["KH601"])
    async with bot(h, clock):
        leader = Chat(h, 161)
        await leader.says(f"/start {code}", replies=2)
        await leader.taps("Xác nhận: tôi đồng ý")
        await leader.says("nop bang ke")
        [asked] = await leader.says("7")  # a member's number: what did they pay?
        assert asked.startswith("Thành viên số 07:") and "Đã nộp bao nhiêu?" in asked
        [echo] = await leader.says("50")  # a bare number is read with doubt: echoed
        assert (
            "Hiểu là 50.000 đ tiền lãi, 0 đ tiền gửi tiết kiệm cho Thành viên số 07, đúng không?"
            in echo
        )
        [noted] = await leader.says("đúng")
        assert "Đã ghi: Thành viên số 07 → nộp lãi 50.000 đ" in noted
        [other] = await leader.says("50 vắng")
        assert "Đã ghi: Thành viên số 50 → vắng" in other
