"""Who a notice can reach: officers' scope and the audiences of a broadcast, as queries.

A recipient is a customer's chat for news (storage/news_chat.py: the chosen one, else the
one used last, among the linked chats that have not blocked the bot): one per person. An
officer's scope is the communes named in the officers file (or every commune); nothing here
returns a chat outside it. The reminders switch is for reminders; an officer's notice
reaches everyone in the audience.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from locales.textfold import fold
from storage import news_chat
from storage.links import private_chat
from storage.schema import (
    chat_links,
    communes,
    customers,
    groups,
    loans,
    officer_communes,
    officers,
)


class AudienceKind(StrEnum):
    EVERYONE = "all"
    COMMUNE = "commune"
    GROUP = "group"
    LEADERS = "leaders"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Audience:
    kind: AudienceKind
    target_id: int | None = None  # commune id (commune, leaders) or group id (group)

    def encode(self) -> str:
        return self.kind.value if self.target_id is None else f"{self.kind.value}:{self.target_id}"

    @staticmethod
    def decode(text: str) -> Audience:
        kind, _, target = text.partition(":")
        return Audience(AudienceKind(kind), int(target) if target else None)


@dataclass(frozen=True)
class Recipient:
    channel: str
    chat_id: str
    locale: str
    customer_id: int


@dataclass(frozen=True)
class Place:
    id: int
    name: str


async def scope_communes(conn: AsyncConnection, officer_id: int | None) -> list[Place] | None:
    """The communes an officer may reach, by name; None means every commune (the command
    line, or an officer whose scope is the whole district)."""
    if officer_id is None:
        return None
    scope_all = await conn.scalar(select(officers.c.scope_all).where(officers.c.id == officer_id))
    if scope_all:
        return None
    rows = await conn.execute(
        select(communes.c.id, communes.c.name)
        .join(officer_communes, officer_communes.c.commune_id == communes.c.id)
        .where(officer_communes.c.officer_id == officer_id)
        .order_by(communes.c.name)
    )
    return [Place(r.id, r.name) for r in rows]


async def communes_in_scope(conn: AsyncConnection, officer_id: int | None) -> list[Place]:
    scope = await scope_communes(conn, officer_id)
    if scope is not None:
        return scope
    rows = await conn.execute(select(communes.c.id, communes.c.name).order_by(communes.c.name))
    return [Place(r.id, r.name) for r in rows]


async def groups_in_commune(conn: AsyncConnection, commune_id: int) -> list[Place]:
    rows = await conn.execute(
        select(groups.c.id, groups.c.code, groups.c.name)
        .where(groups.c.commune_id == commune_id)
        .order_by(groups.c.code)
    )
    return [Place(r.id, f"{r.code} {r.name}") for r in rows]


def _of_audience(query: Any, audience: Audience) -> Any:
    """`query` (over customers joined to their groups) kept to the audience's people."""
    if audience.kind is AudienceKind.COMMUNE:
        query = query.where(groups.c.commune_id == audience.target_id)
    elif audience.kind is AudienceKind.GROUP:
        query = query.where(groups.c.id == audience.target_id)
    elif audience.kind is AudienceKind.LEADERS:
        query = query.where(
            groups.c.commune_id == audience.target_id,
            or_(
                groups.c.leader_customer_id == customers.c.id,
                groups.c.deputy_customer_id == customers.c.id,
            ),
        )
    elif audience.kind is AudienceKind.OVERDUE:
        query = query.where(
            exists().where(
                loans.c.customer_id == customers.c.id,
                loans.c.closed_on.is_(None),
                loans.c.balance_overdue > 0,
            )
        )
    return query


def candidates(audience: Audience) -> Any:
    """Every reachable linked chat of the audience's people (some have two: Telegram and
    Zalo), with the ranking columns; `recipients` keeps each person's chat for news."""
    query = (
        select(
            chat_links.c.channel,
            chat_links.c.chat_id,
            chat_links.c.locale,
            customers.c.id.label("customer_id"),
            *news_chat.RANK_COLUMNS,
        )
        .join(customers, customers.c.id == chat_links.c.customer_id)
        .join(groups, groups.c.id == customers.c.group_id)
        .where(*_usable(chat_links))
        .order_by(chat_links.c.id)
    )
    return _of_audience(query, audience)


async def in_scope(conn: AsyncConnection, audience: Audience, officer_id: int | None) -> bool:
    """Whether the officer may reach this audience at all."""
    scope = await scope_communes(conn, officer_id)
    if scope is None or audience.kind in (AudienceKind.EVERYONE, AudienceKind.OVERDUE):
        return True
    allowed = {place.id for place in scope}
    if audience.kind is AudienceKind.GROUP:
        commune_id = await conn.scalar(
            select(groups.c.commune_id).where(groups.c.id == audience.target_id)
        )
        return commune_id in allowed
    return audience.target_id in allowed


async def recipients(
    conn: AsyncConnection, audience: Audience, officer_id: int | None
) -> list[Recipient]:
    """The audience's people, each by their chat for news, within the officer's scope."""
    if not await in_scope(conn, audience, officer_id):
        return []
    query = candidates(audience)
    scope = await scope_communes(conn, officer_id)
    if scope is not None:
        query = query.where(groups.c.commune_id.in_([place.id for place in scope]))
    # Chosen in SQL, and only what a recipient needs leaves the database (reading the
    # ranking times back into datetimes was most of the cost on SQLite).
    chosen = query.where(news_chat.is_chat_for_news("customer_id", _usable)).with_only_columns(
        chat_links.c.channel,
        chat_links.c.chat_id,
        chat_links.c.locale,
        customers.c.id.label("customer_id"),
        maintain_column_froms=True,
    )
    rows = await conn.execute(chosen)
    return [Recipient(r.channel, r.chat_id, r.locale, r.customer_id) for r in rows]


async def households(conn: AsyncConnection, audience: Audience, officer_id: int | None) -> int:
    """How many households the audience has in the bank's file, linked or not, within the
    officer's scope (0 outside it)."""
    if not await in_scope(conn, audience, officer_id):
        return 0
    query = select(func.count(func.distinct(customers.c.id))).select_from(
        customers.join(groups, groups.c.id == customers.c.group_id)
    )
    query = _of_audience(query, audience)
    scope = await scope_communes(conn, officer_id)
    if scope is not None:
        query = query.where(groups.c.commune_id.in_([place.id for place in scope]))
    return int(await conn.scalar(query) or 0)


@dataclass(frozen=True)
class UnreachedGroup:
    """A group none of whose leaders a notice to its commune's leaders reaches."""

    leader: str  # the leader's name ("" when the bank's file names none)
    group: str  # the group's name


async def unreached_leaders(
    conn: AsyncConnection, audience: Audience, reached: list[Recipient]
) -> list[UnreachedGroup]:
    """For a notice to a commune's group leaders: the groups whose leader and deputy have no
    chat it reaches (not linked, or blocked the bot), in the order of their codes, so the
    officer can phone them instead. Empty for any other audience."""
    if audience.kind is not AudienceKind.LEADERS:
        return []
    rows = (
        await conn.execute(
            select(
                groups.c.name,
                groups.c.leader_name,
                groups.c.leader_customer_id,
                groups.c.deputy_customer_id,
                customers.c.full_name,
            )
            .outerjoin(customers, customers.c.id == groups.c.leader_customer_id)
            .where(groups.c.commune_id == audience.target_id)
            .order_by(groups.c.code)
        )
    ).all()
    got = {r.customer_id for r in reached}
    return [
        UnreachedGroup(str(r.full_name or r.leader_name or ""), str(r.name))
        for r in rows
        if r.leader_customer_id not in got and r.deputy_customer_id not in got
    ]


def _usable(chats: Any) -> list[Any]:
    """What makes a chat a candidate (`candidates`' conditions on the chat itself)."""
    return [chats.c.unreachable_at.is_(None), private_chat(chats)]


async def describe(conn: AsyncConnection, audience: Audience) -> str:
    """The audience's place name (commune or group), for previews and the audit log."""
    if audience.kind in (AudienceKind.COMMUNE, AudienceKind.LEADERS):
        name = await conn.scalar(select(communes.c.name).where(communes.c.id == audience.target_id))
        return str(name or "")
    if audience.kind is AudienceKind.GROUP:
        row = (
            await conn.execute(
                select(groups.c.code, groups.c.name).where(groups.c.id == audience.target_id)
            )
        ).first()
        return f"{row.code} {row.name}" if row else ""
    return ""


COMMUNE_WORDS = ("xa ", "phuong ", "thi tran ")


async def find_commune(conn: AsyncConnection, name: str) -> Place | None:
    """A commune by name as people type it: "Đại Tâm", "xa dai tam", "XÃ ĐẠI TÂM"."""
    key = fold(name).strip()
    candidates = [key] + [key.removeprefix(word) for word in COMMUNE_WORDS if key.startswith(word)]
    for candidate in candidates:
        row = (
            await conn.execute(
                select(communes.c.id, communes.c.name).where(communes.c.name_key == candidate)
            )
        ).first()
        if row is not None:
            return Place(row.id, row.name)
    return None


async def known_communes(conn: AsyncConnection, keys: list[str]) -> set[str]:
    """Which of these folded names (`communes.name_key`) are communes the bank has."""
    if not keys:
        return set()
    rows = await conn.execute(select(communes.c.name_key).where(communes.c.name_key.in_(keys)))
    return {str(r.name_key) for r in rows}


async def find_group(conn: AsyncConnection, code: str) -> Place | None:
    row = (
        await conn.execute(select(groups.c.id, groups.c.name).where(groups.c.code == code))
    ).first()
    return Place(row.id, row.name) if row else None
