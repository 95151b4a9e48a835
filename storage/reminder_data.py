"""What the reminder planner reads: who may get reminders, the schedules, and the loan facts
that make a reminder due on a day. Set-based queries, so a province is planned in seconds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage import news_chat
from storage.links import private_chat
from storage.schema import (
    chat_links,
    customers,
    groups,
    import_batches,
    loans,
    meetings,
    programs,
    tallies,
)


@dataclass(frozen=True)
class Reachable:
    """A household's chat for news (storage/news_chat.py: the one chosen, else the one used
    last, among its linked, consenting chats that have not blocked the bot), when that chat
    wants reminders. One per household."""

    link_id: int
    channel: str
    chat_id: str
    locale: str
    customer_id: int
    group_id: int
    commune_id: int


def _usable(chats: Any) -> list[Any]:
    """What makes a chat a candidate for reminders, before the choice of one per household."""
    return [chats.c.unreachable_at.is_(None), chats.c.consent_at.is_not(None), private_chat(chats)]


def reachable_candidates(group_ids: set[int] | None = None) -> Any:
    """Every linked, consenting, reachable chat of the households (of these groups), with the
    ranking columns and the reminder switch; `reachable_people` keeps each household's chat
    for news."""
    query = (
        select(
            chat_links.c.channel,
            chat_links.c.chat_id,
            chat_links.c.locale,
            chat_links.c.reminders_enabled,
            customers.c.id.label("customer_id"),
            customers.c.group_id,
            groups.c.commune_id,
            *news_chat.RANK_COLUMNS,
        )
        .join(customers, customers.c.id == chat_links.c.customer_id)
        .join(groups, groups.c.id == customers.c.group_id)
        .where(*_usable(chat_links))
    )
    if group_ids is not None:
        query = query.where(customers.c.group_id.in_(group_ids))
    return query


async def reachable_people(
    conn: AsyncConnection, customer_ids: set[int] | None = None, group_ids: set[int] | None = None
) -> list[Reachable]:
    # The household's chat for news first (in SQL); its reminder switch then says yes or no.
    query = (
        reachable_candidates(group_ids)
        .where(
            news_chat.is_chat_for_news("customer_id", _usable),
            chat_links.c.reminders_enabled.is_(True),
        )
        .with_only_columns(  # not the ranking times: reading them back is most of the cost
            chat_links.c.id.label("link_id"),
            chat_links.c.channel,
            chat_links.c.chat_id,
            chat_links.c.locale,
            customers.c.id.label("customer_id"),
            customers.c.group_id,
            groups.c.commune_id,
            maintain_column_froms=True,
        )
    )
    rows = await conn.execute(query.order_by(chat_links.c.id))
    return [
        Reachable(
            r.link_id, r.channel, r.chat_id, r.locale, r.customer_id, r.group_id, r.commune_id
        )
        for r in rows
        if customer_ids is None or r.customer_id in customer_ids
    ]


async def interest_due_by_customer(conn: AsyncConnection, commune_ids: set[int]) -> dict[int, int]:
    """This month's interest plus unpaid interest, per household of the communes."""
    if not commune_ids:
        return {}
    rows = await conn.execute(
        select(
            loans.c.customer_id,
            func.sum(
                func.coalesce(loans.c.interest_month, 0) + func.coalesce(loans.c.interest_unpaid, 0)
            ),
        )
        .join(customers, customers.c.id == loans.c.customer_id)
        .join(groups, groups.c.id == customers.c.group_id)
        .where(groups.c.commune_id.in_(commune_ids), loans.c.closed_on.is_(None))
        .group_by(loans.c.customer_id)
    )
    return {int(customer): int(amount or 0) for customer, amount in rows}


@dataclass(frozen=True)
class Installment:
    loan_id: int
    customer_id: int
    programme: str
    due_on: date
    amount: int
    program_code: int | None = None


async def installments_on(conn: AsyncConnection, days: list[date]) -> list[Installment]:
    rows = await conn.execute(
        select(
            loans.c.id,
            loans.c.customer_id,
            func.coalesce(programs.c.short_name, loans.c.program_name, ""),
            loans.c.next_due_on,
            loans.c.next_due_amount,
            loans.c.program_code,
        )
        .outerjoin(programs, programs.c.code == loans.c.program_code)
        .where(
            loans.c.next_due_on.in_(days),
            loans.c.closed_on.is_(None),
            func.coalesce(loans.c.next_due_amount, 0) > 0,
        )
    )
    return [Installment(r[0], r[1], r[2], r[3], int(r[4]), r[5]) for r in rows]


async def overdue_by_customer(conn: AsyncConnection) -> dict[int, int]:
    rows = await conn.execute(
        select(loans.c.customer_id, func.sum(loans.c.balance_overdue))
        .where(loans.c.closed_on.is_(None), loans.c.balance_overdue > 0)
        .group_by(loans.c.customer_id)
    )
    return {int(customer): int(amount) for customer, amount in rows}


@dataclass(frozen=True)
class GroupFacts:
    group_id: int
    code: str
    name: str
    commune_id: int
    leader_ids: tuple[int, ...]
    members: int
    interest_due: int
    min_savings: int | None


async def groups_of(conn: AsyncConnection, commune_ids: set[int]) -> list[GroupFacts]:
    if not commune_ids:
        return []
    interest = (
        select(
            customers.c.group_id,
            func.count(func.distinct(customers.c.id)).label("members"),
            func.coalesce(
                func.sum(
                    func.coalesce(loans.c.interest_month, 0)
                    + func.coalesce(loans.c.interest_unpaid, 0)
                ),
                0,
            ).label("interest"),
        )
        .outerjoin(loans, and_(loans.c.customer_id == customers.c.id, loans.c.closed_on.is_(None)))
        .group_by(customers.c.group_id)
        .subquery()
    )
    rows = await conn.execute(
        select(
            groups.c.id,
            groups.c.code,
            groups.c.name,
            groups.c.commune_id,
            groups.c.leader_customer_id,
            groups.c.deputy_customer_id,
            func.coalesce(interest.c.members, 0),
            func.coalesce(interest.c.interest, 0),
            groups.c.min_monthly_savings,
        )
        .outerjoin(interest, interest.c.group_id == groups.c.id)
        .where(groups.c.commune_id.in_(commune_ids))
    )
    return [
        GroupFacts(
            r[0],
            r[1],
            r[2],
            r[3],
            tuple(i for i in (r[4], r[5]) if i is not None),
            int(r[6]),
            int(r[7]),
            r[8],
        )
        for r in rows
    ]


async def groups_with_tally(conn: AsyncConnection, session_day: date) -> set[int]:
    rows = await conn.execute(
        select(tallies.c.group_id).where(
            tallies.c.session_date == session_day, tallies.c.is_current.is_(True)
        )
    )
    return {int(r[0]) for r in rows}


async def data_version(conn: AsyncConnection) -> tuple[object, ...]:
    """Changes whenever something reminders depend on changes (an import, a new link, a
    consent, a switch, a tally, a meeting), so the planner re-plans only then."""
    row = (
        await conn.execute(
            select(
                select(func.max(import_batches.c.id))
                .where(import_batches.c.state == "done")  # an import being applied: not yet
                .scalar_subquery(),
                select(func.count())
                .select_from(chat_links)
                .where(chat_links.c.customer_id.is_not(None))
                .scalar_subquery(),
                select(func.max(chat_links.c.linked_at)).scalar_subquery(),
                select(func.count())
                .select_from(chat_links)
                .where(
                    or_(
                        chat_links.c.consent_at.is_(None),
                        chat_links.c.reminders_enabled.is_(False),
                        chat_links.c.unreachable_at.is_not(None),
                    )
                )
                .scalar_subquery(),
                select(func.max(tallies.c.id)).scalar_subquery(),
                select(
                    func.max(func.coalesce(meetings.c.changed_at, meetings.c.created_at))
                ).scalar_subquery(),
                select(func.max(chat_links.c.consent_at)).scalar_subquery(),
            )
        )
    ).one()
    return tuple(row)
