"""Tallies in the database: a group's members as the form's lines, submitting a version, the
officers to tell, the status of the groups in an officer's communes, and the export.

A group has one tally per transaction session; submitting again before the session day ends
adds a new version and makes it the current one (the history stays for the officer).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage import news_chat
from storage.db import inserted_id
from storage.links import PRIVATE_CHAT
from storage.schema import (
    chat_links,
    communes,
    customers,
    groups,
    loans,
    officer_communes,
    officers,
    tallies,
    tally_lines,
)
from storage.tally_form import Line, Totals
from storage.utc import aware


@dataclass(frozen=True)
class GroupInfo:
    id: int
    code: str
    name: str
    commune_id: int
    commune: str
    min_savings: int


async def group_info(conn: AsyncConnection, group_id: int) -> GroupInfo | None:
    row = (
        await conn.execute(
            select(
                groups.c.id,
                groups.c.code,
                groups.c.name,
                groups.c.commune_id,
                communes.c.name.label("commune"),
                groups.c.min_monthly_savings,
            )
            .join(communes, communes.c.id == groups.c.commune_id)
            .where(groups.c.id == group_id)
        )
    ).first()
    if row is None:
        return None
    return GroupInfo(row.id, row.code, row.name, row.commune_id, row.commune, int(row[5] or 0))


async def expected_lines(conn: AsyncConnection, group: GroupInfo) -> list[Line]:
    """Every member of the group, paid in full: the form as the bank would pre-fill it."""
    rows = await conn.execute(
        select(
            customers.c.id,
            customers.c.full_name,
            customers.c.code,
            loans.c.id.label("loan_id"),
            loans.c.contract_no,
            loans.c.balance_current + loans.c.balance_overdue + loans.c.balance_frozen,
            func.coalesce(loans.c.interest_month, 0) + func.coalesce(loans.c.interest_unpaid, 0),
        )
        .outerjoin(loans, and_(loans.c.customer_id == customers.c.id, loans.c.closed_on.is_(None)))
        .where(customers.c.group_id == group.id)
        .order_by(customers.c.full_name, customers.c.id, loans.c.id)
    )
    members: dict[int, _Member] = {}
    for cid, name, code, loan_id, contract, outstanding, due in rows:
        member = members.setdefault(cid, _Member(name, code, loan_id))
        if contract:
            member.contracts.append(contract)
            member.outstanding += int(outstanding or 0)
            member.interest_due += int(due or 0)
    return [
        Line(
            customer_id=cid,
            name=m.name,
            code=m.code,
            contracts=", ".join(m.contracts),
            loan_id=m.loan_id,
            outstanding=m.outstanding,
            interest_due=m.interest_due,
            min_savings=group.min_savings,
            interest_collected=m.interest_due,
            savings_deposited=group.min_savings,
        )
        for cid, m in members.items()
    ]


@dataclass
class _Member:
    """A member's loans added up while reading them."""

    name: str
    code: str
    loan_id: int | None
    contracts: list[str] = field(default_factory=list)
    outstanding: int = 0
    interest_due: int = 0


@dataclass(frozen=True)
class Submitted:
    tally_id: int
    version: int
    receipt_no: str
    totals: Totals


async def submit(
    conn: AsyncConnection,
    group: GroupInfo,
    session_day: date,
    lines: list[Line],
    total: Totals,
    submitted_by: int | None,
    now: datetime,
) -> Submitted:
    """Store a new version of the group's tally for the session (its lines and the totals the
    rules computed from them) and make it the current one."""
    version = (
        int(
            await conn.scalar(
                select(func.coalesce(func.max(tallies.c.version), 0)).where(
                    tallies.c.group_id == group.id, tallies.c.session_date == session_day
                )
            )
            or 0
        )
        + 1
    )
    await conn.execute(
        update(tallies)
        .where(tallies.c.group_id == group.id, tallies.c.session_date == session_day)
        .values(is_current=False)
    )
    receipt = f"BK-{group.code}-{session_day:%Y%m%d}-{version}"
    result = await conn.execute(
        tallies.insert().values(
            group_id=group.id,
            session_date=session_day,
            version=version,
            is_current=True,
            receipt_no=receipt,
            submitted_by_customer_id=submitted_by,
            submitted_at=now,
            interest_due=total.interest_due,
            interest_collected=total.interest_collected,
            interest_unpaid=total.interest_unpaid,
            savings_collected=total.savings_collected,
            principal_from_savings=total.principal_from_savings,
            cash_to_hand_over=total.cash_to_hand_over,
        )
    )
    tally_id = inserted_id(result)
    await conn.execute(
        tally_lines.insert(),
        [
            {
                "tally_id": tally_id,
                "seq": seq,
                "customer_id": line.customer_id,
                "loan_id": line.loan_id,
                "outstanding": line.outstanding,
                "interest_due": line.interest_due,
                "interest_collected": line.interest_collected,
                "interest_unpaid": line.interest_unpaid,
                "savings_deposited": line.savings_deposited,
                "principal_from_savings": line.principal_from_savings,
                "absent": line.absent,
                "put_off": line.put_off,
                "note": line.contracts[:300] or None,
            }
            for seq, line in enumerate(lines, start=1)
        ],
    )
    return Submitted(tally_id, version, receipt, total)


async def officer_chats(conn: AsyncConnection, commune_id: int) -> list[tuple[str, str, str]]:
    """(channel, chat_id, locale) of the linked officers serving a commune, each by their
    chat for news (storage/news_chat.py)."""
    serving = or_(
        officers.c.scope_all.is_(True),
        officers.c.id.in_(
            select(officer_communes.c.officer_id).where(officer_communes.c.commune_id == commune_id)
        ),
    )
    rows = await conn.execute(
        select(
            chat_links.c.channel,
            chat_links.c.chat_id,
            chat_links.c.locale,
            chat_links.c.officer_id,
            *news_chat.RANK_COLUMNS,
        )
        .join(officers, officers.c.id == chat_links.c.officer_id)
        .where(serving, chat_links.c.unreachable_at.is_(None), PRIVATE_CHAT)
    )
    chosen = news_chat.one_per_person(rows, lambda r: r.officer_id, news_chat.row_rank)
    return [(r.channel, r.chat_id, r.locale) for r in chosen]


@dataclass(frozen=True)
class GroupStatus:
    group_id: int
    code: str
    name: str
    tally: Submitted | None
    submitted_at: datetime | None
    unpaid_members: int


async def status_of_groups(
    conn: AsyncConnection, commune_id: int, session_day: date
) -> list[GroupStatus]:
    """Each group of the commune with its current tally for the session, if any."""
    group_rows = list(
        await conn.execute(
            select(groups.c.id, groups.c.code, groups.c.name)
            .where(groups.c.commune_id == commune_id)
            .order_by(groups.c.code)
        )
    )
    current = {
        r.group_id: r
        for r in await conn.execute(
            select(tallies).where(
                tallies.c.group_id.in_([g.id for g in group_rows]),
                tallies.c.session_date == session_day,
                tallies.c.is_current.is_(True),
            )
        )
    }
    unpaid: dict[int, int] = defaultdict(int)
    if current:
        for tally_id, count in await conn.execute(
            select(tally_lines.c.tally_id, func.count())
            .where(
                tally_lines.c.tally_id.in_([r.id for r in current.values()]),
                tally_lines.c.interest_unpaid > 0,
            )
            .group_by(tally_lines.c.tally_id)
        ):
            unpaid[tally_id] = int(count)
    found = []
    for g in group_rows:
        t = current.get(g.id)
        submitted = (
            Submitted(
                t.id,
                t.version,
                t.receipt_no,
                Totals(
                    t.interest_due,
                    t.interest_collected,
                    t.interest_unpaid,
                    t.savings_collected,
                    t.principal_from_savings,
                ),
            )
            if t is not None
            else None
        )
        found.append(
            GroupStatus(
                g.id,
                g.code,
                g.name,
                submitted,
                t.submitted_at if t is not None else None,
                unpaid[t.id] if t is not None else 0,
            )
        )
    return found


@dataclass(frozen=True)
class Current:
    """The version of a group's tally in force for a session."""

    submitted: Submitted
    submitted_at: datetime


async def current_tally(conn: AsyncConnection, group_id: int, session_day: date) -> Current | None:
    """The group's current tally for the session; None if none was submitted."""
    t = (
        await conn.execute(
            select(tallies).where(
                tallies.c.group_id == group_id,
                tallies.c.session_date == session_day,
                tallies.c.is_current.is_(True),
            )
        )
    ).first()
    if t is None:
        return None
    totals = Totals(
        t.interest_due,
        t.interest_collected,
        t.interest_unpaid,
        t.savings_collected,
        t.principal_from_savings,
    )
    return Current(Submitted(t.id, t.version, t.receipt_no, totals), aware(t.submitted_at))


async def unpaid_in_current(
    conn: AsyncConnection, group_id: int, session_day: date
) -> list[tuple[str, int]] | None:
    """(member, interest still unpaid) in the group's current tally; None if none submitted."""
    tally_id = await conn.scalar(
        select(tallies.c.id).where(
            tallies.c.group_id == group_id,
            tallies.c.session_date == session_day,
            tallies.c.is_current.is_(True),
        )
    )
    if tally_id is None:
        return None
    rows = await conn.execute(
        select(customers.c.full_name, tally_lines.c.interest_unpaid)
        .join(customers, customers.c.id == tally_lines.c.customer_id)
        .where(tally_lines.c.tally_id == tally_id, tally_lines.c.interest_unpaid > 0)
        .order_by(tally_lines.c.seq)
    )
    return [(r.full_name, int(r.interest_unpaid)) for r in rows]


@dataclass(frozen=True)
class PaidLine:
    """What a member paid in a submitted tally."""

    customer_id: int
    interest_collected: int
    interest_unpaid: int
    savings_deposited: int
    principal_from_savings: int
    absent: bool
    put_off: bool = False  # nothing paid, put off to a later session (not absent)


async def lines_in_current(
    conn: AsyncConnection, group_id: int, session_day: date
) -> list[PaidLine] | None:
    """The members' lines of the group's current tally for the session, in the form's
    order; None if none was submitted."""
    tally_id = await conn.scalar(
        select(tallies.c.id).where(
            tallies.c.group_id == group_id,
            tallies.c.session_date == session_day,
            tallies.c.is_current.is_(True),
        )
    )
    if tally_id is None:
        return None
    rows = await conn.execute(
        select(
            tally_lines.c.customer_id,
            tally_lines.c.interest_collected,
            tally_lines.c.interest_unpaid,
            tally_lines.c.savings_deposited,
            tally_lines.c.principal_from_savings,
            tally_lines.c.absent,
            tally_lines.c.put_off,
        )
        .where(tally_lines.c.tally_id == tally_id)
        .order_by(tally_lines.c.seq)
    )
    return [
        PaidLine(int(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), bool(r[5]), bool(r[6]))
        for r in rows
    ]


@dataclass(frozen=True)
class ExportLine:
    commune: str
    group_code: str
    group_name: str
    session_date: date
    version: int
    receipt_no: str
    submitted_by: str
    submitted_at: datetime
    seq: int
    member: str
    customer_code: str
    contract: str
    outstanding: int
    interest_due: int
    interest_collected: int
    interest_unpaid: int
    savings_deposited: int
    principal_from_savings: int
    absent: bool


async def export_lines(
    conn: AsyncConnection,
    period: tuple[int, int] | None,
    commune_ids: list[int] | None = None,
) -> list[ExportLine]:
    """The current tallies' lines (of a month's sessions, if `period` is (year, month))."""
    from sqlalchemy.orm import aliased

    submitter = aliased(customers)
    query = (
        select(
            communes.c.name.label("commune"),
            groups.c.code.label("group_code"),
            groups.c.name.label("group_name"),
            tallies.c.session_date,
            tallies.c.version,
            tallies.c.receipt_no,
            func.coalesce(submitter.c.full_name, "").label("submitted_by"),
            tallies.c.submitted_at,
            tally_lines.c.seq,
            customers.c.full_name.label("member"),
            customers.c.code.label("customer_code"),
            func.coalesce(tally_lines.c.note, loans.c.contract_no, "").label("contract"),
            tally_lines.c.outstanding,
            tally_lines.c.interest_due,
            tally_lines.c.interest_collected,
            tally_lines.c.interest_unpaid,
            tally_lines.c.savings_deposited,
            tally_lines.c.principal_from_savings,
            tally_lines.c.absent,
        )
        .join(tallies, tallies.c.id == tally_lines.c.tally_id)
        .join(groups, groups.c.id == tallies.c.group_id)
        .join(communes, communes.c.id == groups.c.commune_id)
        .join(customers, customers.c.id == tally_lines.c.customer_id)
        .outerjoin(loans, loans.c.id == tally_lines.c.loan_id)
        .outerjoin(submitter, submitter.c.id == tallies.c.submitted_by_customer_id)
        .where(tallies.c.is_current.is_(True))
        .order_by(communes.c.name, groups.c.code, tallies.c.session_date, tally_lines.c.seq)
    )
    if period is not None:
        year, month = period
        start = date(year, month, 1)
        end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        query = query.where(tallies.c.session_date >= start, tallies.c.session_date < end)
    if commune_ids is not None:
        query = query.where(groups.c.commune_id.in_(commune_ids))
    return [ExportLine(**row._mapping) for row in await conn.execute(query)]
