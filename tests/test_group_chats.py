"""Figures never reach a group: linking, consent and figures happen only in private chats. In
a group the bot says at most one short line pointing to a private chat (and stores nothing);
added to a group, it says so and leaves; nothing is ever queued to a group chat."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Connection, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.outbound.reminders import plan_day
from storage import audiences, link_codes, links, meetings
from storage.audiences import Audience, AudienceKind
from storage.schema import (
    chat_links,
    customers,
    dialog_states,
    link_attempts,
    lockouts,
    processed_updates,
)
from storage.schema import link_codes as link_codes_table
from tests.bot_fixtures import NOW, SARI, Harness
from tests.test_reminders import link_all

GROUP = -1001234567890
ALICE, BOB = 2001, 2002  # two members of the group; Alice is Sa Ri
MONEY = re.compile(r"\d[\d.]* đ")


async def _rows_of(engine: AsyncEngine, chat: int) -> dict[str, int]:
    async with engine.connect() as conn:
        counts = {}
        for table in (chat_links, dialog_states, link_attempts, lockouts, processed_updates):
            column = table.c.chat_id if "chat_id" in table.c else None
            if column is None:
                continue
            counts[table.name] = int(
                await conn.scalar(
                    select(func.count()).select_from(table).where(column == str(chat))
                )
                or 0
            )
        return counts


async def _legacy_group_link(engine: AsyncEngine, code: str, *, consented: bool) -> None:
    """A link an earlier version let a group make (such rows may exist in a live database)."""
    async with engine.begin() as conn:
        customer = await links.customer_by_code(conn, code)
        await conn.execute(
            insert(chat_links).values(
                channel="telegram",
                chat_id=str(GROUP),
                user_id=str(ALICE),
                customer_id=customer,
                role="leader",
                locale="vi",
                created_at=NOW,
                linked_at=NOW,
                consent_at=NOW if consented else None,
                reminders_enabled=True,
            )
        )


@pytest.mark.usefixtures("running")
async def test_linking_in_a_group_is_refused_and_leaves_nothing_behind(running: Harness) -> None:
    h = running
    async with h.engine.begin() as conn:
        customer = await links.customer_by_code(conn, SARI["code"])
        code = await link_codes.create_link_code(conn, NOW, customer_id=customer)
    h.fake.member_shares_contact(GROUP, ALICE, SARI["phone"])
    [line] = await h.fake.replies(GROUP, 1, settle=0.3)
    assert "https://t.me/tro_ly_bot" in line and "riêng" in line
    assert len(line) < 200 and "\n" not in line  # one short line
    # The rest of the story gets no more lines: a busy group is not answered every message.
    h.fake.member_says(GROUP, ALICE, SARI["last4"])
    h.fake.member_says(GROUP, ALICE, f"/start {code}")
    h.fake.member_says(GROUP, ALICE, "LIENKET SAIMA123")
    h.fake.member_says(GROUP, BOB, "du no con bao nhieu")
    await asyncio.sleep(0.6)
    assert len(h.fake.sent(GROUP)) == 1
    assert set((await _rows_of(h.engine, GROUP)).values()) == {0}  # no link, try or step
    async with h.engine.connect() as conn:
        used = await conn.scalar(
            select(func.count()).where(link_codes_table.c.used_at.is_not(None))
        )
    assert used == 0  # the code was not spent: Alice can still use it in private
    h.fake.user_says(ALICE, f"/start {code}")
    confirmed, _consent = await h.fake.replies(ALICE, 2)
    assert confirmed == "Đã xác minh."


@pytest.mark.usefixtures("running")
async def test_consent_pressed_in_a_group_shows_no_figures(running: Harness) -> None:
    h = running
    await _legacy_group_link(h.engine, SARI["code"], consented=False)
    h.fake.member_presses(GROUP, BOB, "consent:yes")
    h.fake.member_says(GROUP, BOB, "dư nợ còn bao nhiêu")
    h.fake.member_says(GROUP, BOB, "lai thang nay")
    await asyncio.sleep(0.8)
    said = [str(c.params["text"]) for c in h.fake.sent(GROUP)]
    assert len(said) <= 1 and not any(MONEY.search(text) for text in said), said
    async with h.engine.connect() as conn:
        consent = await conn.scalar(
            select(chat_links.c.consent_at).where(chat_links.c.chat_id == str(GROUP))
        )
    assert consent is None


@pytest.mark.usefixtures("running")
async def test_added_to_a_group_the_bot_says_one_line_and_leaves(running: Harness) -> None:
    h = running
    h.fake.bot_added_to_group(GROUP, ALICE)
    [line] = await h.fake.replies(GROUP, 1, settle=0.3)
    assert "https://t.me/tro_ly_bot" in line
    for _ in range(50):
        if h.fake.calls_to("leaveChat"):
            break
        await asyncio.sleep(0.02)
    [left] = h.fake.calls_to("leaveChat")
    assert str(left.params["chat_id"]) == str(GROUP)


async def test_reminders_and_notices_leave_out_group_chats(harness: Harness) -> None:
    engine = harness.engine
    await link_all(engine)  # three private chats, linked and consenting
    await _legacy_group_link(engine, SARI["code"], consented=True)
    async with engine.begin() as conn:
        planned = await plan_day(conn, date(2026, 12, 16))  # the eve of the session
        everyone = await audiences.recipients(conn, Audience(AudienceKind.EVERYONE), None)
        group_id = (
            await conn.execute(select(customers.c.group_id).where(customers.c.code == SARI["code"]))
        ).scalar_one()
        members = await meetings.members(conn, int(group_id))
    assert planned and everyone  # the private chats are still reached
    assert str(GROUP) not in {p.recipient.chat_id for p in planned}
    assert str(GROUP) not in {r.chat_id for r in everyone}
    assert str(GROUP) not in {chat for m in members for _ch, chat, _l in m.chats}


async def test_an_upgrade_removes_what_a_group_was_given_before(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from storage.db import alembic_config, open_database

    def upgrade_to(revision: str) -> Callable[[Connection], None]:
        def run(connection: Connection) -> None:
            cfg = alembic_config()
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

        return run

    engine = await open_database(db_url, migrate=False)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(upgrade_to("0003"))
            for chat in (str(GROUP), "101"):
                await conn.execute(
                    text(
                        "INSERT INTO chat_links (channel, chat_id, role, locale, created_at,"
                        " reminders_enabled) VALUES ('telegram', :chat, 'guest', 'vi', :now, true)"
                    ),
                    {"chat": chat, "now": NOW},
                )
                await conn.execute(
                    text(
                        "INSERT INTO outbox (channel, chat_id, text, kind, dedupe_key, status,"
                        " attempts, next_attempt_at, created_at) VALUES ('telegram', :chat,"
                        " 'Lãi tháng này: 575.000 đ', 'session_eve', :key, 'pending', 0, :now,"
                        " :now)"
                    ),
                    {"chat": chat, "key": f"rem:{chat}", "now": NOW},
                )
        async with engine.begin() as conn:
            await conn.run_sync(upgrade_to("head"))
            kept = [r[0] for r in await conn.execute(text("SELECT chat_id FROM chat_links"))]
            waiting = [
                r[0]
                for r in await conn.execute(
                    text("SELECT chat_id FROM outbox WHERE status = 'pending'")
                )
            ]
    finally:
        await engine.dispose()
    assert kept == ["101"] and waiting == ["101"]
