"""One person, two channels: a household linked on Telegram and on Zalo gets each reminder,
notice and meeting call once, in one chat: the one it chose (`/kenh`, "nhận tin qua Zalo"),
else the one it used last."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.outbound.reminders import plan_day
from storage import audiences, meetings, news_chat, outbox
from storage.audiences import Audience, AudienceKind
from storage.schema import chat_links, customers, groups
from tests.bot_fixtures import NOW, SARI, SON, TZ, Harness
from tests.zalo_fixtures import ZaloRig, zalo_bot, zalo_rig

__all__ = ["zalo_bot", "zalo_rig"]
EVE = date(2026, 12, 16)  # the day before Đại Tâm's session
ZALO_CHAT = "5a10000000000000000a"


def at(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


def test_a_choice_beats_use_and_the_latest_use_wins() -> None:
    never = None
    used_early = news_chat.rank(never, at(0), at(-60), 1)
    used_late = news_chat.rank(never, at(5), at(-60), 2)
    linked_late = news_chat.rank(never, never, at(10), 3)  # linking counts as using
    chosen = news_chat.rank(at(-600), never, at(-900), 4)
    assert used_late > used_early and linked_late > used_late and chosen > linked_late
    assert news_chat.rank(at(1), never, at(0), 5) > chosen  # the latest choice
    rows = [("a", used_early), ("a", used_late), ("b", used_early)]
    assert news_chat.one_per_person(rows, lambda r: r[0], lambda r: r[1]) == [
        ("a", used_late),
        ("b", used_early),
    ]


async def link_chat(
    engine: AsyncEngine, channel: str, chat_id: str, code: str, seen: datetime, **extra: object
) -> int:
    async with engine.begin() as conn:
        customer_id = await conn.scalar(select(customers.c.id).where(customers.c.code == code))
        result = await conn.execute(
            insert(chat_links).values(
                channel=channel,
                chat_id=chat_id,
                customer_id=customer_id,
                role="borrower",
                locale="vi",
                created_at=at(-900),
                linked_at=at(-900),
                consent_at=at(-900),
                reminders_enabled=True,
                last_seen_at=seen,
                **extra,
            )
        )
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])


async def planned(engine: AsyncEngine) -> set[tuple[str, str, str]]:
    async with engine.begin() as conn:
        found = await plan_day(conn, EVE, TZ)
    return {(p.recipient.channel, p.recipient.chat_id, p.kind) for p in found}


async def queue(engine: AsyncEngine) -> int:
    async with engine.begin() as conn:
        found = await plan_day(conn, EVE, TZ)
        return await outbox.enqueue(conn, [p.message(EVE, TZ) for p in found], NOW)


async def test_reminders_go_once_to_the_chat_used_last_even_when_it_changes(
    harness: Harness,
) -> None:
    engine = harness.engine
    telegram = await link_chat(engine, "telegram", "101", SARI["code"], at(0))
    await link_chat(engine, "zalo", ZALO_CHAT, SARI["code"], at(5))
    assert await planned(engine) == {
        ("zalo", ZALO_CHAT, "session_eve"),
        ("zalo", ZALO_CHAT, "leader_session_eve"),
    }
    assert await queue(engine) == 2
    # She writes on Telegram afterwards: the plan now names Telegram, but nothing is queued
    # twice (the dedupe key is the household's, not the chat's).
    async with engine.begin() as conn:
        await conn.execute(
            update(chat_links).where(chat_links.c.id == telegram).values(last_seen_at=at(10))
        )
    assert {chat for _channel, chat, _kind in await planned(engine)} == {"101"}
    assert await queue(engine) == 0


async def test_a_choice_holds_a_blocked_choice_falls_back_and_the_switch_is_the_chats(
    harness: Harness,
) -> None:
    engine = harness.engine
    telegram = await link_chat(engine, "telegram", "101", SARI["code"], at(0))
    zalo = await link_chat(engine, "zalo", ZALO_CHAT, SARI["code"], at(5))
    async with engine.begin() as conn:
        await news_chat.choose(conn, telegram, at(1))
    assert {chat for _c, chat, _k in await planned(engine)} == {"101"}
    async with engine.begin() as conn:  # Telegram blocked: Zalo gets them
        await outbox.set_reachable(conn, "telegram", "101", False, at(2))
    assert {chat for _c, chat, _k in await planned(engine)} == {ZALO_CHAT}
    async with engine.begin() as conn:  # reminders off in the chat for news: none anywhere
        await conn.execute(
            update(chat_links).where(chat_links.c.id == zalo).values(reminders_enabled=False)
        )
    assert await planned(engine) == set()


async def test_broadcasts_and_meetings_reach_each_person_once(harness: Harness) -> None:
    engine = harness.engine
    await link_chat(engine, "telegram", "101", SARI["code"], at(0))
    await link_chat(engine, "zalo", ZALO_CHAT, SARI["code"], at(5))
    await link_chat(engine, "telegram", "102", SON["code"], at(0))
    async with engine.begin() as conn:
        group_id = (
            await conn.execute(select(groups.c.id).where(groups.c.code == "T01"))
        ).scalar_one()
        found = await audiences.recipients(conn, Audience(AudienceKind.GROUP, group_id), None)
        members = await meetings.members(conn, group_id)
    assert sorted((r.channel, r.chat_id) for r in found) == [
        ("telegram", "102"),
        ("zalo", ZALO_CHAT),
    ]
    assert sorted(chat for m in members for chat in m.chats) == [
        ("telegram", "102", "vi"),
        ("zalo", ZALO_CHAT, "vi"),
    ]


async def test_on_zalo_the_person_sees_and_changes_where_news_goes(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    engine = z.h.engine
    await link_chat(engine, "telegram", "101", SARI["code"], at(-60))
    await z.link(ZALO_CHAT, SARI)  # writing on Zalo makes it the chat used last
    assert {chat for _c, chat, _k in await planned(engine)} == {ZALO_CHAT}
    [where] = await z.says(ZALO_CHAT, "/kenh")
    assert "trò chuyện Zalo" in where
    assert where.endswith("1. Nhận qua Zalo\n2. Nhận qua Telegram")
    [moved] = await z.says(ZALO_CHAT, "2")
    assert "Telegram" in moved
    assert {chat for _c, chat, _k in await planned(engine)} == {"101"}
    # The words work as they are said, before language understanding knows them.
    [back] = await z.says(ZALO_CHAT, "Nhận tin qua Zalo")
    assert "Zalo" in back
    assert {chat for _c, chat, _k in await planned(engine)} == {ZALO_CHAT}
    [again] = await z.says(ZALO_CHAT, "/kenh telegram")
    assert "Telegram" in again and {chat for _c, chat, _k in await planned(engine)} == {"101"}
    async with engine.begin() as conn:  # each message keeps when the chat was used
        seen = await conn.scalar(
            select(chat_links.c.last_seen_at).where(chat_links.c.chat_id == ZALO_CHAT)
        )
    assert seen is not None and seen.replace(tzinfo=UTC) >= NOW


async def test_a_person_with_one_chat_is_told_how_to_add_the_other(zalo_bot: ZaloRig) -> None:
    z = zalo_bot
    await z.link(ZALO_CHAT, SARI)
    [where] = await z.says(ZALO_CHAT, "/kenh")
    assert "Zalo" in where and "mã liên kết" in where
    [missing] = await z.says(ZALO_CHAT, "nhan tin qua telegram")
    assert "chưa liên kết" in missing
    [guest] = await z.says("5a40000000000000000d", "/kenh")
    assert "LIENKET" in guest
