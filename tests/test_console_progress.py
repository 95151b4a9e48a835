"""Two people trying the console on one database: a broadcast's progress goes to the
officer's terminal only, never to a borrower's (each console's sender serves its own chat)."""

from __future__ import annotations

import io

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.channels.console import ConsoleChat, ConsoleDelivery
from bot.inbound.router import Router
from bot.outbound.progress import report_progress
from bot.outbound.sender import Sender
from storage import broadcasts, links
from storage.audiences import Audience, AudienceKind, Recipient
from storage.schema import chat_links, outbox
from tests.bot_fixtures import NOW, TZ, Harness


def console(engine: AsyncEngine, phone: str) -> tuple[ConsoleChat, Sender, io.StringIO]:
    out = io.StringIO()
    chat = ConsoleChat(Router(engine, TZ, clock=lambda: NOW), out, io.StringIO(), phone)
    sender = Sender(
        engine,
        ConsoleDelivery(chat),
        TZ,
        quiet_hours=None,
        only_chat=chat.chat_id,
        clock=lambda: NOW,
        on_progress=report_progress,
    )
    return chat, sender, out


async def test_a_broadcasts_progress_reaches_the_officers_console_only(harness: Harness) -> None:
    engine = harness.engine
    officer, officer_sender, officer_out = console(engine, "0901234567")
    _borrower, borrower_sender, borrower_out = console(engine, "0970351650")
    async with engine.begin() as conn:
        officer_id = await links.officer_by_phone(conn, "0901234567")
        await conn.execute(  # the officer's console is linked, as after `/start CODE`
            chat_links.insert().values(
                channel="console",
                chat_id=officer.chat_id,
                officer_id=officer_id,
                role="officer",
                created_at=NOW,
                linked_at=NOW,
                consent_at=NOW,
            )
        )
        await broadcasts.create(
            conn,
            officer_id=officer_id,
            audience=Audience(AudienceKind.EVERYONE),
            audience_text="test",
            text="Thông báo: phiên giao dịch dời sang 18/12.",
            # Someone on Telegram: still waiting while both consoles run.
            recipients=[Recipient("telegram", "1209", "vi", customer_id=1)],
            status_chat=broadcasts.StatusChat("console", officer.chat_id),
            status_text=lambda n: f"Thông báo #{n}: đang gửi",
            now=NOW,
            not_before=NOW,
        )
    await officer_sender.drain(within=5)  # the officer's status message goes out
    assert "Thông báo #1: đang gửi" in officer_out.getvalue()
    async with engine.begin() as conn:  # meanwhile Telegram's sender delivered it
        await conn.execute(update(outbox).where(outbox.c.chat_id == "1209").values(status="sent"))
    await borrower_sender.drain(within=5)
    await report_progress(borrower_sender)
    assert "Thông báo" not in borrower_out.getvalue()
    await report_progress(officer_sender)
    assert "Thông báo #1 đã gửi xong: 1/1" in officer_out.getvalue()
