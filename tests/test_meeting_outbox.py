"""A meeting moved (or cancelled) while its notice still waits in the outbox: the leader
called it, then moved it a minute later, and the member got the original notice (old day and
time) and then the changed one. The waiting notices of a meeting are withdrawn when it is
moved or cancelled, so a member who was not yet told gets only the current one; one already
told gets the change, as before. Through the real PTB stack, the outbox drained by the real
sender on a clock the test moves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from bot.channels.telegram.delivery import telegram_delivery
from bot.outbound.sender import Sender
from tests.bot_fixtures import SARI, SON, TZ, Clock, Harness
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
