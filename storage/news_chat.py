"""Which of a person's linked chats gets what the bot sends unasked (reminders, notices,
meeting calls), when a household or an officer has linked more than one (Telegram and Zalo):
the one they chose (`/kenh`, "nhận tin qua Zalo"), else the one they used last.

"Used" is the later of the chat's last message (`last_seen_at`, kept to the minute by
`links.load_person`) and its linking. A choice holds until the person chooses again; a chosen
chat that can no longer be reached (blocked) is passed over for the next one.

The same order two ways: `is_chat_for_news` ranks in SQL (no better usable chat of the same
person exists), for the big sets (a broadcast's audience, the day's reminder plan over a
province), so only the chosen rows leave the database; `rank` / `one_per_person` rank rows
in Python, for the small ones (a group's members, a commune's officers, one person's chats).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    DateTime,
    FromClause,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    update,
)
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


_NEVER_SQL = literal(_NEVER, DateTime(timezone=True))


def _used(chats: FromClause) -> ColumnElement[Any]:
    seen = func.coalesce(chats.c.last_seen_at, _NEVER_SQL)
    linked = func.coalesce(chats.c.linked_at, _NEVER_SQL)
    return case((seen > linked, seen), else_=linked)


def _ranks_above(a: FromClause, b: FromClause) -> ColumnElement[bool]:
    """Chat `a` ranks above chat `b`, as `rank` orders them."""
    chosen_a = func.coalesce(a.c.news_chosen_at, _NEVER_SQL)
    chosen_b = func.coalesce(b.c.news_chosen_at, _NEVER_SQL)
    used_a, used_b = _used(a), _used(b)
    return or_(
        chosen_a > chosen_b,
        and_(
            chosen_a == chosen_b,
            or_(used_a > used_b, and_(used_a == used_b, a.c.id > b.c.id)),
        ),
    )


def is_chat_for_news(
    person: str, usable: Callable[[FromClause], list[ColumnElement[bool]]]
) -> ColumnElement[bool]:
    """A condition on a `chat_links` row: no other chat of the same person (`person`:
    "customer_id" or "officer_id") that is `usable` (the conditions a candidate chat meets,
    stated over the table given) ranks above it. Added to a query of usable chats, it keeps
    each person's chat for news, in SQL: one index probe per row, as most people have one
    chat (measured against ranking in Python by bench/broadcast_bench.py). Conditions on
    the chosen row's own fields (its reminder switch) are added beside it: the choice is
    made before them."""
    rival = chat_links.alias("rival")
    return ~exists().where(
        rival.c[person] == chat_links.c[person],
        rival.c.id != chat_links.c.id,
        *usable(rival),
        _ranks_above(rival, chat_links),
    )


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
