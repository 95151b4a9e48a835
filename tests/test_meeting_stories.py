"""Group meetings through the real python-telegram-bot stack against the fake Bot API (the
outbox sender running beside it): calling with and without a time, answers, the leader's
view, who may not, move and cancel, reminders for chosen days, a sixty-member group."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select

from bot.outbound.reminders import plan_day
from bot.outbound.scheduler import Scheduler
from storage import link_codes
from storage.importer import import_file
from storage.schema import chat_links, meetings, outbox
from tests.bankfiles import write_csv
from tests.bot_fixtures import LAN, NOW, SARI, SON, TZ, Harness, load_sixty_member_group
from tests.tally_fixtures import Chat
from tests.test_officer_stories import buttons
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")
LEADER, MEMBER, OTHER = 101, 102, 103


async def notices_to(h: Harness, chat: int, count: int, within: float = 15) -> list[str]:
    """The chat's first `count` messages about group T01's meeting (they come unasked)."""
    async with asyncio.timeout(within):
        while True:
            texts = [c.params["text"] for c in h.fake.sent(chat)]
            found = [t for t in texts if "họp" in t and "Tổ ấp 3" in t]
            if len(found) >= count:
                return found[:count]
            await asyncio.sleep(0.05)


async def meeting_id(h: Harness) -> int:
    async with h.engine.begin() as conn:
        return int(
            (await conn.execute(select(meetings.c.id).order_by(meetings.c.id.desc()))).scalar_one()
        )


async def setup(h: Harness) -> tuple[Chat, Chat, Chat]:
    await link(h, LEADER, SARI)
    await link(h, MEMBER, SON)
    await link(h, OTHER, LAN)
    return Chat(h, LEADER), Chat(h, MEMBER), Chat(h, OTHER)


async def test_a_leader_calls_a_meeting_in_one_message_and_members_answer(
    running: Harness,
) -> None:
    h = running
    leader, member, other = await setup(h)
    [summary] = await leader.says("Nhắc cả tổ họp tối thứ Bảy 19h ở nhà văn hóa ấp")
    assert "Ngày: Thứ Bảy, 28/11/2026" in summary and "Giờ: 19:00" in summary
    assert "Địa điểm: nhà văn hóa ấp" in summary and "1 thành viên" in summary
    assert leader.labels() == ["Xác nhận gửi", "Sửa", "Hủy"]
    [sent] = await leader.taps("Xác nhận gửi")
    assert "Đã gửi cho 1 thành viên" in sent

    [notice] = await notices_to(h, MEMBER, 1)
    assert "Tổ ấp 3 họp vào Thứ Bảy, 28/11/2026 lúc 19:00, tại nhà văn hóa ấp" in notice
    assert [label for label, _d in buttons(h, MEMBER)] == ["Tôi sẽ đến", "Không đến được"]
    assert not any("Tổ ấp 3" in c.params["text"] for c in h.fake.sent(OTHER))  # another group

    data = buttons(h, MEMBER)[0][1]
    [thanks] = await member.presses(data)
    assert "sẽ đến họp Thứ Bảy, 28/11/2026" in thanks
    [crafted] = await other.presses(data)  # a member of another group
    assert "không phải của tổ" in crafted

    [seen] = await leader.says("ai chưa trả lời họp")
    assert "Sẽ đến (1): Thạch Sơn" in seen and "Chưa trả lời (0)" in seen
    [when] = await member.says("khi nào họp tổ")
    assert "Tổ họp vào Thứ Bảy, 28/11/2026 lúc 19:00" in when
    [asked] = await member.says("tôi muốn trả lời họp")
    assert "Tổ họp vào Thứ Bảy, 28/11/2026 lúc 19:00" in asked
    assert [label for label, _d in buttons(h, MEMBER)] == ["Tôi sẽ đến", "Không đến được"]


async def test_the_bot_asks_for_a_missing_time_and_refuses_bad_dates(running: Harness) -> None:
    h = running
    leader, member, _other = await setup(h)
    [ask] = await leader.says("họp tổ ngày 5/12 ở nhà văn hóa, bình xét cho vay")
    assert "mấy giờ" in ask and "Nội dung: bình xét cho vay" in ask
    [summary] = await leader.says("2 giờ chiều")
    assert "Giờ: 14:00" in summary and "Thứ Bảy, 05/12/2026" in summary
    await leader.taps("Hủy")
    [past] = await leader.says("họp tổ ngày 20/11 lúc 19h ở nhà văn hóa")
    assert "đã qua" in past
    await leader.taps("Hủy")
    [far] = await leader.says("họp tổ ngày 15/3/2027 lúc 19h ở nhà văn hóa")
    assert "xa hơn 60 ngày" in far
    await leader.taps("Hủy")
    [refused] = await member.says("họp tổ thứ Bảy 19h ở nhà văn hóa")
    assert "Chỉ tổ trưởng" in refused


async def test_moving_and_cancelling_tell_those_already_told(running: Harness) -> None:
    h = running
    leader, member, _other = await setup(h)
    await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
    await leader.taps("Xác nhận gửi")
    await notices_to(h, MEMBER, 1)
    await member.taps("Tôi sẽ đến")

    [summary] = await leader.says("dời họp sang chủ nhật")
    assert "Chủ Nhật, 29/11/2026" in summary and "Giờ: 19:00" in summary  # the time is kept
    await leader.taps("Xác nhận gửi")
    _first, moved = await notices_to(h, MEMBER, 2)
    assert "đã đổi: Chủ Nhật, 29/11/2026 lúc 19:00" in moved
    [seen] = await leader.says("ai chua tra loi hop")
    assert "Sẽ đến (0)" in seen and "Chưa trả lời (1): Thạch Sơn" in seen  # answer again

    [confirm] = await leader.says("hủy họp")
    assert leader.labels() == ["Xác nhận hủy họp", "Giữ lịch họp"]
    assert "29/11/2026" in confirm
    [done] = await leader.taps("Xác nhận hủy họp")
    assert "Đã hủy cuộc họp" in done
    cancelled = (await notices_to(h, MEMBER, 3))[-1]
    assert "đã hủy" in cancelled
    [late] = await member.presses(f"mt:yes:{await meeting_id(h)}")
    assert "đã hủy" in late


async def test_reminders_the_day_before_and_two_hours_before_never_twice(
    running: Harness,
) -> None:
    h = running
    leader, member, _other = await setup(h)
    await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
    await leader.taps("Xác nhận gửi")
    await notices_to(h, MEMBER, 1)
    async with h.engine.begin() as conn:
        eve = {(p.recipient.chat_id, p.kind): p for p in await plan_day(conn, date(2026, 11, 27))}
        today = {(p.recipient.chat_id, p.kind): p for p in await plan_day(conn, date(2026, 11, 28))}
    assert set(eve) >= {(str(MEMBER), "meeting_eve")}
    assert (str(LEADER), "meeting_eve") not in eve  # the leader called it
    message = eve[(str(MEMBER), "meeting_eve")].message(date(2026, 11, 27), TZ)
    assert message.not_before == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # 17:00 local
    soon = today[(str(MEMBER), "meeting_soon")].message(date(2026, 11, 28), TZ)
    assert soon.not_before == datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # 19:00 − 2 h
    assert "hôm nay tổ họp lúc 19:00" in today[(str(MEMBER), "meeting_soon")].text

    evening = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)  # 18:00 on Friday
    first = await Scheduler(h.engine, TZ, clock=lambda: evening).tick()
    again = await Scheduler(h.engine, TZ, clock=lambda: evening).tick()  # a restart
    assert first >= 1 and again == 0

    await member.taps("Không đến được")
    async with h.engine.begin() as conn:
        after = {(p.recipient.chat_id, p.kind) for p in await plan_day(conn, date(2026, 11, 28))}
    assert (str(MEMBER), "meeting_soon") not in after  # said they cannot come


async def test_a_sixty_member_group_is_called_in_two_messages_and_answers_count_right(
    running: Harness,
) -> None:
    h = running
    ids = await load_sixty_member_group(h.engine, h.folder)
    async with h.engine.begin() as conn:
        code = await link_codes.create_link_code(conn, NOW, customer_id=ids["KH601"])
        for n in range(2, 52):  # 50 members linked, 9 not
            await conn.execute(
                insert(chat_links).values(
                    channel="telegram",
                    chat_id=str(6000 + n),
                    customer_id=ids[f"KH6{n:02d}"],
                    role="borrower",
                    locale="vi",
                    created_at=NOW,
                    consent_at=NOW,
                    reminders_enabled=True,
                )
            )
    leader = Chat(h, 6001)
    await leader.says(f"/start {code}", replies=2)
    await leader.taps("Xác nhận: tôi đồng ý")
    [summary] = await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")  # message 1
    assert "50 thành viên" in summary and "9 thành viên chưa liên kết" in summary
    [sent] = await leader.taps("Xác nhận gửi")  # message 2
    assert "Đã gửi cho 50 thành viên" in sent
    async with asyncio.timeout(30):
        while len(h.fake.sent_messages()) < 50 + 5:  # noqa: ASYNC110
            await asyncio.sleep(0.1)
    the_id = await meeting_id(h)
    for n in range(2, 52):
        if n < 32:
            h.fake.user_presses(6000 + n, f"mt:yes:{the_id}")
        elif n < 47:
            h.fake.user_presses(6000 + n, f"mt:no:{the_id}")
    async with asyncio.timeout(30):
        while True:
            async with h.engine.begin() as conn:
                answered = await conn.scalar(select(meetings.c.id).where(meetings.c.id == the_id))
                from storage.meetings import answers

                if answered and len(await answers(conn, the_id)) == 45:
                    break
            await asyncio.sleep(0.1)
    [seen] = await leader.says("ai chưa trả lời họp")
    counts = dict(re.findall(r"^(.+?) \((\d+)\)", seen, flags=re.M))
    assert counts == {
        "Sẽ đến": "30",
        "Không đến được": "15",
        "Chưa trả lời": "5",
        "Không liên lạc được qua chat": "9",
    }
    async with h.engine.begin() as conn:
        kinds = [r.kind for r in await conn.execute(select(outbox.c.kind))]
    assert kinds.count("meeting_notice") == 50


async def test_a_meeting_in_the_schedule_file_behaves_the_same(running: Harness) -> None:
    h = running
    leader, member, _other = await setup(h)
    path = write_csv(
        h.folder / "lich_hop.csv",
        ["Tên xã", "Mã tổ", "Ngày", "Giờ", "Địa điểm"],
        [["Đại Tâm", "T01", "05/12/2026", "19h", "Nhà văn hóa ấp 3"]],
    )
    assert (await import_file(h.engine, path)).error is None
    async with h.engine.begin() as conn:
        before = {(p.recipient.chat_id, p.kind) for p in await plan_day(conn, date(2026, 12, 4))}
    assert {(str(LEADER), "meeting_eve"), (str(MEMBER), "meeting_eve")} <= before  # a dry run

    assert await Scheduler(h.engine, TZ, clock=lambda: NOW).tick() >= 0  # makes it a meeting
    [notice] = await notices_to(h, MEMBER, 1)
    assert "Thứ Bảy, 05/12/2026 lúc 19:00, tại Nhà văn hóa ấp 3" in notice
    await member.taps("Tôi sẽ đến")
    [seen] = await leader.says("ai chưa trả lời họp")
    assert "Sẽ đến (1): Thạch Sơn" in seen
    async with h.engine.begin() as conn:
        after = [(p.recipient.chat_id, p.kind) for p in await plan_day(conn, date(2026, 12, 4))]
    assert after.count((str(MEMBER), "meeting_eve")) == 1  # the same reminder, not two
    assert await Scheduler(h.engine, TZ, clock=lambda: NOW).tick() == 0  # nothing twice
