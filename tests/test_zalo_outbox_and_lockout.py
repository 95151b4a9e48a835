"""Zalo's outbox when a chat keeps refusing, and the lockout after wrong link codes, through
the real stack (the Zalo channel long polling the fake Zalo API, the outbox sender behind
it): a send Zalo refuses is retried with backoff, then counted, as on Telegram, with those
not reached in the broadcast's one final report; five wrong codes lock that chat only."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from storage import outbox
from storage.schema import chat_links
from storage.schema import outbox as outbox_table
from tests.bot_fixtures import SARI, SON, Clock
from tests.test_zalo_stories import OFFICER_CHAT, SARI_CHAT, SON_CHAT, link_officer, options_of
from tests.zalo_fixtures import ZaloRig, zalo_bot, zalo_rig, zalo_running

__all__ = ["zalo_bot", "zalo_rig"]  # fixtures
NOTICE = "Phiên giao dịch tháng 12 dời sang ngày 18/12, 7 giờ sáng."


async def test_a_chat_zalo_keeps_refusing_is_retried_then_reported_as_not_reached(
    zalo_rig: ZaloRig,
) -> None:
    z, clock = zalo_rig, Clock()
    async with zalo_running(z, clock):
        await z.link(SARI_CHAT, SARI)
        await z.link(SON_CHAT, SON)
        await link_officer(z)
        await z.says(OFFICER_CHAT, "2")  # "Gửi thông báo"
        await z.says(OFFICER_CHAT, "1")  # the whole commune
        [preview] = await z.says(OFFICER_CHAT, NOTICE)
        assert options_of(preview) == ["Xác nhận gửi", "Hủy"]
        # Zalo answers Sơn's chat with its 403 ("Internal server error", sic) every time.
        z.fake.fail(403, "Internal server error", chat_id=SON_CHAT, times=10**6)
        seen = len(z.fake.sent_to(SARI_CHAT))
        before = len(z.fake.calls_to_chat("sendMessage", SON_CHAT))  # its linking answers
        queued, _status = await z.says(OFFICER_CHAT, "1", 2)
        assert "#1" in queued
        told = len(z.fake.sent_to(OFFICER_CHAT))
        assert await z.fake.replies(SARI_CHAT, 1, after=seen) == [
            f"📩 Thông báo từ NHCSXH – cán bộ Trần Văn Bình:\n{NOTICE}"
        ]
        async with asyncio.timeout(10):  # the first try to Sơn (the sender paces its sends)
            while len(z.fake.calls_to_chat("sendMessage", SON_CHAT)) == before:  # noqa: ASYNC110
                await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # the clock stands still: no second try before the backoff
        tries = [len(z.fake.calls_to_chat("sendMessage", SON_CHAT)) - before]
        assert z.sender is not None
        for _round in range(outbox.MAX_ATTEMPTS + 2):  # each backoff waited out
            clock.now += timedelta(minutes=10)
            z.sender.wake()
            await z.sender.drain(within=5)
            tries.append(len(z.fake.calls_to_chat("sendMessage", SON_CHAT)) - before)
        [report] = await z.fake.replies(OFFICER_CHAT, 1, after=told, within=15)
    assert tries[0] == 1 and tries[-1] == outbox.MAX_ATTEMPTS  # retried, then given up
    assert tries == sorted(tries)  # one try per backoff, none faster
    assert "đã gửi xong: 1/2 người đã nhận" in report  # one final report (Zalo cannot edit)
    assert "0 người đã chặn trợ lý; 1 người không gửi được" in report
    async with z.h.engine.connect() as conn:
        row = (
            await conn.execute(select(outbox_table).where(outbox_table.c.chat_id == SON_CHAT))
        ).one()
        son = (await conn.execute(select(chat_links).where(chat_links.c.chat_id == SON_CHAT))).one()
    assert row.status == "failed" and row.attempts == outbox.MAX_ATTEMPTS
    assert son.unreachable_at is None  # a 403 on Zalo is not taken for "blocked"


async def test_wrong_codes_lock_that_zalo_chat_only(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    for attempt in range(4):
        [answer] = await z.says(SARI_CHAT, "LIENKET ZZZZ9999")
        assert "Đã xác minh" not in answer and "khóa" not in answer, attempt
    [locked] = await z.says(SARI_CHAT, "LIENKET ZZZZ9999")
    assert "bị khóa đến 10:00 ngày 27/11/2026" in locked  # 24 hours after the fixtures' now
    code = await z.code_for(SARI["code"])
    [still] = await z.says(SARI_CHAT, f"LIENKET {code}")  # even a good code, in this chat
    assert "bị khóa" in still
    # Another Zalo chat is not locked: the same good code links there.
    confirmed, _consent = await z.says(SON_CHAT, f"LIENKET {code}", 2)
    assert confirmed == "Đã xác minh."
    async with z.h.engine.connect() as conn:
        linked = (
            await conn.execute(
                select(chat_links.c.chat_id).where(chat_links.c.customer_id.is_not(None))
            )
        ).scalars()
        assert list(linked) == [SON_CHAT]
