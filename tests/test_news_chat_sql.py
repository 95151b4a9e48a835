"""The chat for news chosen in SQL (news_chat.is_chat_for_news, for audiences and the reminder
plan) is the one `rank` chooses in Python, on random people with one to three chats each:
choices, last uses and links at a few moments (ties included), some never used or linked."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import news_chat
from storage.schema import chat_links, officers
from tests.bot_fixtures import NOW

PEOPLE = 200
MOMENTS = [None, NOW, NOW - timedelta(minutes=1), NOW - timedelta(days=3)]


async def test_sql_and_python_choose_the_same_chat_for_every_person(engine: AsyncEngine) -> None:
    chooser = random.Random(13)
    async with engine.begin() as conn:
        await conn.execute(
            insert(officers),
            [
                {"full_name": f"P{n}", "phone": f"09{n:08d}", "scope_all": False}
                for n in range(PEOPLE)
            ],
        )
        ids = list((await conn.execute(select(officers.c.id).order_by(officers.c.id))).scalars())
        rows = []
        for person in ids:
            for chat in range(chooser.randint(1, 3)):
                rows.append(
                    {
                        "channel": chooser.choice(["telegram", "zalo"]),
                        "chat_id": f"{person}-{chat}",
                        "officer_id": person,
                        "role": "officer",
                        "locale": "vi",
                        "created_at": NOW,
                        "linked_at": chooser.choice(MOMENTS),
                        "last_seen_at": chooser.choice(MOMENTS),
                        "news_chosen_at": chooser.choice([None, None, *MOMENTS[1:]]),
                        "reminders_enabled": True,
                    }
                )
        chooser.shuffle(rows)  # link ids in no particular order of people
        await conn.execute(insert(chat_links), rows)
        query = select(chat_links.c.chat_id, chat_links.c.officer_id, *news_chat.RANK_COLUMNS)
        everyone = list(await conn.execute(query.order_by(chat_links.c.id)))
        in_python = news_chat.one_per_person(everyone, lambda r: r.officer_id, news_chat.row_rank)
        chosen = query.where(news_chat.is_chat_for_news("officer_id", lambda _chats: []))
        in_sql = list(await conn.execute(chosen))
    assert len(everyone) > PEOPLE * 1.5  # many people have a choice to make
    assert sorted(r.chat_id for r in in_sql) == sorted(r.chat_id for r in in_python)
    assert len(in_sql) == PEOPLE
