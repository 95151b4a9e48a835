"""Which of a person's linked chats gets what the bot sends unasked (reminders, notices,
meeting calls), when a household or an officer has linked more than one (Telegram and Zalo):
the one they chose (`/kenh`, "nhận tin qua Zalo"), else the one they used last.

"Used" is the later of the chat's last message (`last_seen_at`, kept to the minute by
`links.load_person`) and its linking. A choice holds until the person chooses again; a chosen
chat that can no longer be reached (blocked) is passed over for the next one. The queries of
audiences, meetings, tallies and the reminder plan read the ranking columns and keep one chat
per person with `one_per_person`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import chat_links
from storage.utc import aware

T = TypeVar("T")
_NEVER = datetime.min.replace(tzinfo=UTC)

# Select these beside a chat's columns; `rank(*values)` orders them, the best last.
RANK_COLUMNS = (
    chat_links.c.news_chosen_at,
    chat_links.c.last_seen_at,
    chat_links.c.linked_at,
    chat_links.c.id.label("link_id"),
)

Rank = tuple[bool, datetime, datetime, int]


def _moment(value: datetime | None) -> datetime:
    return _NEVER if value is None else aware(value)


def rank(
    chosen_at: datetime | None, last_seen_at: datetime | None, linked_at: datetime | None, link: int
) -> Rank:
    """A chosen chat first (the latest choice), else the latest used; the newer link breaks
    a tie."""
    used = max(_moment(last_seen_at), _moment(linked_at))
    return (chosen_at is not None, _moment(chosen_at), used, link)


def one_per_person(
    rows: Iterable[T], person: Callable[[T], Hashable], ranked: Callable[[T], Rank]
) -> list[T]:
    """The best-ranked row of each person, in the order the people first appear."""
    best: dict[Hashable, T] = {}
    for row in rows:
        key = person(row)
        current = best.get(key)
        if current is None or ranked(row) > ranked(current):
            best[key] = row
    return list(best.values())


def row_rank(row: Any) -> Rank:
    """The rank of a result row that selected RANK_COLUMNS (by their names)."""
    return rank(row.news_chosen_at, row.last_seen_at, row.linked_at, row.link_id)


@dataclass(frozen=True)
class PersonChat:
    link_id: int
    channel: str
    chat_id: str
    usable: bool  # consented and not blocked: news can go there
    gets_news: bool  # the chat news goes to now


async def chats_of(
    conn: AsyncConnection, *, customer_id: int | None = None, officer_id: int | None = None
) -> list[PersonChat]:
    """The linked chats of a household (or an officer), the one that gets the news marked."""
    who = (
        chat_links.c.customer_id == customer_id
        if customer_id is not None
        else chat_links.c.officer_id == officer_id
    )
    rows = list(
        await conn.execute(
            select(
                chat_links.c.channel,
                chat_links.c.chat_id,
                chat_links.c.unreachable_at,
                chat_links.c.consent_at,
                *RANK_COLUMNS,
            )
            .where(
                who, chat_links.c.customer_id.is_not(None) | chat_links.c.officer_id.is_not(None)
            )
            .order_by(chat_links.c.id)
        )
    )
    usable = {r.link_id for r in rows if r.unreachable_at is None and r.consent_at is not None}
    chosen = one_per_person([r for r in rows if r.link_id in usable], lambda _r: 0, row_rank)
    news_link = chosen[0].link_id if chosen else None
    return [
        PersonChat(r.link_id, r.channel, r.chat_id, r.link_id in usable, r.link_id == news_link)
        for r in rows
    ]


async def choose(conn: AsyncConnection, link_id: int, now: datetime) -> None:
    """News goes to this chat from now on (until another is chosen): the person's earlier
    choice, on another chat, is forgotten."""
    row = (
        await conn.execute(
            select(chat_links.c.customer_id, chat_links.c.officer_id).where(
                chat_links.c.id == link_id
            )
        )
    ).first()
    if row is None:
        return
    same_person = (
        chat_links.c.customer_id == row.customer_id
        if row.customer_id is not None
        else chat_links.c.officer_id == row.officer_id
    )
    await conn.execute(
        update(chat_links)
        .where(same_person, chat_links.c.id != link_id)
        .values(news_chosen_at=None)
    )
    await conn.execute(
        update(chat_links).where(chat_links.c.id == link_id).values(news_chosen_at=now)
    )
