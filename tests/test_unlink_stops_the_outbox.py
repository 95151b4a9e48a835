"""What is queued for a person stops when they leave: `/huy`, "hủy liên kết" or refusing
consent cancels every waiting message to the chat and blanks its text; `/nhacnho` off does
the same for the waiting reminders. The sender checks again just before sending, and the
daily housekeeping blanks the text of messages that have ended. Through the real
python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from bot.outbound.scheduler import Scheduler, plan_and_queue
from bot.outbound.sender import Sender
from storage import outbox
from storage.schema import chat_links
from storage.schema import outbox as outbox_table
from tests.bot_fixtures import NOW, SARI, SON, TZ, Harness
from tests.test_telegram_stories import link

pytestmark = pytest.mark.usefixtures("running")

EVE = date(2026, 12, 16)  # the eve of Đại Tâm's session: reminders for members and leaders
EVE_MORNING = datetime(2026, 12, 16, 1, 0, tzinfo=UTC)  # 08:00 in Sóc Trăng


async def rows_to(h: Harness, chat: int) -> list[tuple[str, str, str, str | None]]:
    async with h.engine.begin() as conn:
        found = await conn.execute(
            select(
                outbox_table.c.kind,
                outbox_table.c.status,
                outbox_table.c.text,
                outbox_table.c.buttons,
            )
            .where(outbox_table.c.chat_id == str(chat))
            .order_by(outbox_table.c.id)
        )
        return [tuple(r) for r in found]


async def send_on_the_eve(h: Harness) -> None:
    """The outbox drained the next morning of the reminders, by a sender of its own."""
    assert h.sender is not None
    await Sender(h.engine, h.sender.delivery, TZ, clock=lambda: EVE_MORNING).drain(within=10)


async def queue_a_notice(h: Harness, chat: int) -> None:
    async with h.engine.begin() as conn:
        await outbox.enqueue(
            conn,
            [
                outbox.Message(
                    "telegram",
                    str(chat),
                    "Thông báo: phiên giao dịch dời sang 18/12.",
                    "broadcast",
                    f"test-notice:{chat}",
                    EVE_MORNING,
                )
            ],
            NOW,
        )


@pytest.mark.parametrize("how", ["/huy", "hủy liên kết", "Huy lien ket"])
async def test_unlinking_cancels_and_blanks_what_was_queued(running: Harness, how: str) -> None:
    h, chat = running, 1201
    await link(h, chat, SARI)  # the leader: a member's and a leader's reminder for the eve
    assert await plan_and_queue(h.engine, EVE, TZ, NOW) >= 2
    await queue_a_notice(h, chat)
    waiting = await rows_to(h, chat)
    assert len(waiting) == 3 and all(status == "pending" for _k, status, _t, _b in waiting)
    assert any("575.000 đ" in text for _k, _s, text, _b in waiting)  # her interest

    h.fake.user_says(chat, how)
    await h.fake.replies(chat, 1, after=len(h.fake.sent(chat)))  # "Unlink this chat?"
    seen = len(h.fake.sent(chat))
    h.fake.user_says(chat, "đồng ý")
    [gone] = await h.fake.replies(chat, 1, after=seen)
    assert "Đã hủy liên kết" in gone
    await send_on_the_eve(h)

    assert len(h.fake.sent(chat)) == seen + 1  # nothing after the goodbye
    after = await rows_to(h, chat)
    assert [status for _k, status, _t, _b in after] == ["cancelled"] * 3
    assert all(text == "" and buttons is None for _k, _s, text, buttons in after)


async def test_refusing_consent_later_cancels_what_was_queued(running: Harness) -> None:
    """The consent message's "Hủy: tôi không đồng ý" stays in the chat; pressed after agreeing,
    it asks first, then unlinks the chat, and what was queued for it goes too."""
    h, chat = running, 1202
    await link(h, chat, SON)
    await queue_a_notice(h, chat)
    h.fake.user_presses(chat, "consent:no")
    [asked] = await h.fake.replies(chat, 1, after=6)
    assert "sẽ bị hủy liên kết" in asked
    h.fake.user_taps(chat, "Xác nhận: không đồng ý")
    [refused] = await h.fake.replies(chat, 1, after=7)
    assert "không còn liên kết" in refused
    await send_on_the_eve(h)
    assert len(h.fake.sent(chat)) == 8
    assert await rows_to(h, chat) == [("broadcast", "cancelled", "", None)]


async def test_reminders_off_cancels_and_blanks_the_waiting_reminders_only(
    running: Harness,
) -> None:
    h, chat = running, 1203
    await link(h, chat, SARI)
    assert await plan_and_queue(h.engine, EVE, TZ, NOW) >= 2
    await queue_a_notice(h, chat)
    h.fake.user_says(chat, "/nhacnho")
    [off] = await h.fake.replies(chat, 1, after=6)
    assert "Đã tắt nhắc nhở" in off
    await send_on_the_eve(h)

    after = h.fake.sent(chat)[7:]
    assert [c.params["text"] for c in after] == ["Thông báo: phiên giao dịch dời sang 18/12."]
    rows = await rows_to(h, chat)
    reminders = [r for r in rows if r[0].startswith("reminder:")]
    assert len(reminders) == 2
    assert all(status == "cancelled" and text == "" for _k, status, text, _b in reminders)
    assert ("broadcast", "sent") in [(kind, status) for kind, status, _t, _b in rows]


async def test_the_sender_checks_the_chat_again_just_before_sending(running: Harness) -> None:
    """Rows queued for a chat that has since been unlinked, has withdrawn consent or switched
    reminders off (by any path, e.g. a planner that read the people before the change) are
    cancelled and blanked by the sender, not sent."""
    h = running
    await link(h, 1204, SARI)
    await link(h, 1205, SON)
    assert await plan_and_queue(h.engine, EVE, TZ, NOW) >= 3
    await queue_a_notice(h, 1205)
    await queue_a_notice(h, 1299)  # never linked at all
    async with h.engine.begin() as conn:
        await conn.execute(
            update(chat_links).where(chat_links.c.chat_id == "1204").values(reminders_enabled=False)
        )
        await conn.execute(
            update(chat_links).where(chat_links.c.chat_id == "1205").values(consent_at=None)
        )
    await send_on_the_eve(h)

    assert len(h.fake.sent(1204)) == 6 and len(h.fake.sent(1205)) == 6
    assert h.fake.sent(1299) == []
    for chat in (1204, 1205, 1299):
        rows = await rows_to(h, chat)
        assert rows and all(status == "cancelled" and text == "" for _k, status, text, _b in rows)


async def test_the_daily_housekeeping_blanks_ended_rows_and_keeps_the_counts(
    running: Harness,
) -> None:
    h = running
    await link(h, 1206, SARI)
    await link(h, 1207, SON)
    assert await plan_and_queue(h.engine, EVE, TZ, NOW) >= 3
    h.fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=1207)
    await send_on_the_eve(h)

    async def rows() -> list[tuple[str, str, str | None]]:
        async with h.engine.begin() as conn:
            found = await conn.execute(
                select(outbox_table.c.status, outbox_table.c.text, outbox_table.c.buttons)
            )
            return [tuple(r) for r in found]

    before = await rows()
    assert Counter(status for status, _t, _b in before) == Counter(sent=2, blocked=1)
    assert any("575.000 đ" in text for _s, text, _b in before)
    later = EVE_MORNING + timedelta(hours=1)
    await Scheduler(h.engine, TZ, clock=lambda: later).tick()  # the day's first tick
    after = await rows()
    assert Counter(status for status, _t, _b in after) == Counter(sent=2, blocked=1)
    assert all(text == "" and buttons is None for _s, text, buttons in after)


async def test_messages_already_claimed_by_the_sender_stop_too(running: Harness) -> None:
    """The sender claims a few seconds' worth at once and paces one chat to a message a
    second: what it holds for a chat that unlinks meanwhile is not sent."""
    h, chat = running, 1208
    await link(h, chat, SON)
    async with h.engine.begin() as conn:
        await outbox.enqueue(
            conn,
            [
                outbox.Message("telegram", str(chat), f"Thông báo {n}", "broadcast", f"t:{n}", NOW)
                for n in range(3)
            ],
            NOW,
        )
    assert h.sender is not None
    h.sender.wake()
    [first] = await h.fake.replies(chat, 1, after=6, settle=0)
    assert first == "Thông báo 0"
    h.fake.user_presses(chat, "unlink:yes")  # the answer to "unlink this chat?" (asked earlier)
    await asyncio.sleep(3)  # the other two were due a second apart
    texts = [c.params["text"] for c in h.fake.sent(chat)[7:]]
    assert len(texts) == 1 and "Đã hủy liên kết" in texts[0]
    assert [status for _k, status, _t, _b in await rows_to(h, chat)] == [
        "sent",
        "cancelled",
        "cancelled",
    ]


async def test_a_broadcast_report_counts_who_left_before_it_went_out(running: Harness) -> None:
    """Recipients are fixed when the officer confirms; one who unlinks before the notice goes
    out gets nothing, and the report still adds up (counted with those not reached)."""
    from handlers.officer.progress_text import progress_text
    from storage import broadcasts
    from storage.audiences import Audience, AudienceKind, recipients

    h = running
    await link(h, 1209, SARI)
    await link(h, 1210, SON)
    async with h.engine.begin() as conn:
        audience = Audience(AudienceKind.EVERYONE)
        found = await recipients(conn, audience, None)
        broadcast_id = await broadcasts.create(
            conn,
            officer_id=None,
            audience=audience,
            audience_text="test",
            text="Thông báo: phiên giao dịch dời sang 18/12.",
            recipients=found,
            status_chat=None,
            status_text=str,
            now=NOW,
            not_before=EVE_MORNING,
        )
    assert len(found) == 2
    h.fake.user_says(1210, "/huy")
    await h.fake.replies(1210, 1, after=6)  # "Unlink this chat?"
    h.fake.user_says(1210, "đồng ý")
    [gone] = await h.fake.replies(1210, 1, after=7)
    assert "Đã hủy liên kết" in gone
    await send_on_the_eve(h)
    assert len(h.fake.sent(1209)) == 7 and len(h.fake.sent(1210)) == 8
    async with h.engine.begin() as conn:
        counts = await outbox.status_counts(conn, broadcast_id)
    assert counts == {"sent": 1, "blocked": 0, "failed": 1, "pending": 0}
    assert "đã gửi xong: 1/2 người đã nhận" in progress_text(broadcast_id, 2, counts)
