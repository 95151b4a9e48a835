"""A meeting moved (or cancelled) while its notice still waits in the outbox: the leader
called it, then moved it a minute later, and the member got the original notice (old day and
time) and then the changed one. The waiting notices of a meeting are withdrawn when it is
moved or cancelled, so a member who was not yet told gets only the current one; one already
told gets the change, as before. Through the real PTB stack, the outbox drained by the real
sender on a clock the test moves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta

from sqlalchemy import select

from bot.channels.telegram.delivery import telegram_delivery
from bot.outbound.sender import Sender
from storage import link_codes
from storage.importer import import_file
from storage.schema import customers
from tests.bankfiles import write_csv
from tests.bot_fixtures import AS_OF, LOAN_HEADER, LOAN_ROWS, NOW, SARI, SON, TZ, Clock, Harness
from tests.tally_fixtures import Chat, bot
from tests.test_telegram_stories import link

LEADER, MEMBER = 101, 102


def meeting_messages(h: Harness, chat: int) -> list[str]:
    texts = [c.params["text"] for c in h.fake.sent(chat)]
    return [t for t in texts if "họp" in t and "Tổ ấp 3" in t]


@asynccontextmanager
async def outbox_sender(h: Harness, clock: Clock) -> AsyncIterator[Sender]:
    async with telegram_delivery(h.settings) as delivery:
        yield Sender(h.engine, delivery, TZ, clock=clock)


async def test_a_meeting_moved_before_its_notice_left_sends_only_the_current_one(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock), outbox_sender(h, clock) as sender:
        await link(h, LEADER, SARI)
        await link(h, MEMBER, SON)
        leader = Chat(h, LEADER)
        await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
        await leader.taps("Xác nhận gửi")  # queued: the sender has not run yet
        clock.now += timedelta(minutes=1)
        await leader.says("dời họp sang chủ nhật")
        await leader.taps("Xác nhận gửi")
        await sender.drain(within=10)
        [notice] = meeting_messages(h, MEMBER)
        assert "29/11/2026" in notice and "28/11/2026" not in notice
        assert "đã đổi" not in notice  # the first they hear of it: a plain notice

        clock.now += timedelta(minutes=5)  # told: a move now is followed by the change
        await leader.says("dời họp sang 19h30")
        await leader.taps("Xác nhận gửi")
        await sender.drain(within=10)
        _first, moved = meeting_messages(h, MEMBER)
        assert "đã đổi: Chủ Nhật, 29/11/2026 lúc 19:30" in moved

        clock.now += timedelta(minutes=5)  # moved again, then cancelled before it left
        await leader.says("dời họp sang 20h")
        await leader.taps("Xác nhận gửi")
        await leader.says("hủy họp")
        await leader.taps("Xác nhận hủy họp")
        await sender.drain(within=10)
        *_told, last = meeting_messages(h, MEMBER)
        assert len(meeting_messages(h, MEMBER)) == 3
        assert "đã hủy" in last
        assert not any("20:00" in t for t in _told)  # the move to 20:00 never left
        # so the cancellation names the time they were told, not the move they never heard
        assert "Chủ Nhật, 29/11/2026 lúc 19:30" in last and "20:00" not in last


KIM = 104


async def add_kim_to_t01(h: Harness) -> None:
    """A third household in T01 (Kim Thị Hoa, KH009) through the real importer, linked and
    agreeing on chat `KIM`."""
    kim = ["KH009", "Kim Thị Hoa", "KU009", 1, 10_000_000, 0, AS_OF, "T01", "Tổ ấp 3"]
    kim += ["Đại Tâm", "0911000999", "079000009999", 0.55, 0, 55_000, None, None]
    kim += [date(2028, 1, 10), None, 100_000]
    report = await import_file(
        h.engine, write_csv(h.folder / "t01_kim.csv", LOAN_HEADER, [*LOAN_ROWS[:3], kim])
    )
    assert report.error is None, report.error
    async with h.engine.begin() as conn:
        kim_id = await conn.scalar(select(customers.c.id).where(customers.c.code == "KH009"))
        code = await link_codes.create_link_code(conn, NOW, customer_id=kim_id)
    chat = Chat(h, KIM)
    await chat.says(f"/start {code}", replies=2)
    await chat.taps("Xác nhận: tôi đồng ý")


async def test_a_cancellation_names_the_meeting_as_each_member_last_heard_of_it(
    harness: Harness, clock: Clock
) -> None:
    """A stranger's story: the leader moved the meeting, then cancelled it before the move's
    notice reached a member, and the cancellation named the moved day that member never
    heard of. Each member is now told of the cancellation of the meeting they were told
    of: the day and time of the last notice sent to them."""
    h = harness
    async with bot(h, clock), outbox_sender(h, clock) as sender:
        await link(h, LEADER, SARI)
        await link(h, MEMBER, SON)
        await add_kim_to_t01(h)
        leader = Chat(h, LEADER)
        await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
        await leader.taps("Xác nhận gửi")
        await sender.drain(within=10)
        assert len(meeting_messages(h, MEMBER)) == len(meeting_messages(h, KIM)) == 1

        clock.now += timedelta(minutes=5)
        h.fake.fail("sendMessage", 502, "Bad Gateway", chat_id=KIM, times=1)
        await leader.says("dời họp sang chủ nhật")
        await leader.taps("Xác nhận gửi")
        await sender.drain(within=10)  # Thạch Sơn told of the move; Kim's notice waits
        _first, moved = meeting_messages(h, MEMBER)
        assert "đã đổi: Chủ Nhật, 29/11/2026 lúc 19:00" in moved
        assert len(meeting_messages(h, KIM)) == 1

        await leader.says("hủy họp")
        await leader.taps("Xác nhận hủy họp")  # Kim's move notice is withdrawn
        clock.now += timedelta(minutes=5)
        await sender.drain(within=10)
        *_told, son_cancelled = meeting_messages(h, MEMBER)
        assert "đã hủy" in son_cancelled and "Chủ Nhật, 29/11/2026 lúc 19:00" in son_cancelled
        kim_notice, kim_cancelled = meeting_messages(h, KIM)
        assert "Thứ Bảy, 28/11/2026 lúc 19:00" in kim_notice
        assert "đã hủy" in kim_cancelled and "Thứ Bảy, 28/11/2026 lúc 19:00" in kim_cancelled
        assert "29/11" not in kim_cancelled


async def test_a_meeting_moved_then_cancelled_before_any_move_left_names_the_original(
    harness: Harness, clock: Clock
) -> None:
    h = harness
    async with bot(h, clock), outbox_sender(h, clock) as sender:
        await link(h, LEADER, SARI)
        await link(h, MEMBER, SON)
        leader = Chat(h, LEADER)
        await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
        await leader.taps("Xác nhận gửi")
        await sender.drain(within=10)
        clock.now += timedelta(minutes=5)
        await leader.says("dời họp sang chủ nhật")
        await leader.taps("Xác nhận gửi")
        await leader.says("dời họp sang 20h")
        await leader.taps("Xác nhận gửi")
        await leader.says("hủy họp")
        await leader.taps("Xác nhận hủy họp")
        await sender.drain(within=10)
        notice, cancelled = meeting_messages(h, MEMBER)
        assert "Thứ Bảy, 28/11/2026 lúc 19:00" in notice
        assert "đã hủy" in cancelled and "Thứ Bảy, 28/11/2026 lúc 19:00" in cancelled


async def test_a_cancellation_counts_the_members_told_even_while_their_notice_waits(
    harness: Harness, clock: Clock
) -> None:
    """A stranger's story: "Đã gửi cho 1 thành viên" after the call and after each of two
    moves, then "0 thành viên đã được báo sẽ nhận tin hủy" on cancelling (the notices had not
    left yet). The count is of the members told, queued or sent, and they hear of the
    cancellation."""
    h = harness
    async with bot(h, clock), outbox_sender(h, clock) as sender:
        await link(h, LEADER, SARI)
        await link(h, MEMBER, SON)
        leader = Chat(h, LEADER)
        await leader.says("họp tổ thứ Bảy 19h ở nhà văn hóa ấp")
        [called] = await leader.taps("Xác nhận gửi")
        assert "1 thành viên" in called, called
        for move in ("dời họp sang chủ nhật", "dời họp sang 20h"):
            await leader.says(move)
            [moved] = await leader.taps("Xác nhận gửi")
            assert "1 thành viên" in moved, moved
        await leader.says("hủy họp")
        [done] = await leader.taps("Xác nhận hủy họp")
        assert "Đã hủy cuộc họp; 1 thành viên" in done, done
        await sender.drain(within=10)
        [cancelled] = meeting_messages(h, MEMBER)
        assert "đã hủy" in cancelled and "Chủ Nhật, 29/11/2026 lúc 20:00" in cancelled
