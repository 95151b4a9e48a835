"""What a borrower may see of their own household: loans, savings, group, commune, contacts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.name_keys import spans
from storage.schema import (
    communes,
    customer_phones,
    customers,
    groups,
    loans,
    officer_communes,
    officers,
    programs,
)


@dataclass(frozen=True)
class LoanView:
    contract_no: str
    program_code: int | None
    program_name: str
    balance_current: int
    balance_overdue: int
    balance_frozen: int
    rate_ppm: int | None
    interest_month: int | None
    interest_unpaid: int | None
    next_due_on: date | None
    next_due_amount: int | None
    maturity: date | None  # the extended maturity when there is one
    extended: bool
    as_of: date
    overdue_rate_pct: int | None = None  # overdue interest, % of the loan's rate (programme)

    @property
    def outstanding(self) -> int:
        return self.balance_current + self.balance_overdue + self.balance_frozen


@dataclass(frozen=True)
class Household:
    customer_id: int
    code: str
    name: str
    group_id: int
    group_code: str
    group_name: str
    commune_id: int
    commune_name: str
    savings_balance: int | None
    min_monthly_savings: int | None
    as_of: date | None
    loans: list[LoanView]

    @property
    def data_date(self) -> date | None:
        """The date the figures are true on: the newest of the household's snapshot dates."""
        dates = [loan.as_of for loan in self.loans] + ([self.as_of] if self.as_of else [])
        return max(dates) if dates else None


_HOUSEHOLD = (
    select(
        customers.c.id,
        customers.c.code,
        customers.c.full_name,
        customers.c.group_id,
        customers.c.savings_balance,
        customers.c.as_of_date,
        groups.c.code.label("gcode"),
        groups.c.name.label("gname"),
        groups.c.commune_id,
        groups.c.min_monthly_savings,
        communes.c.name.label("cname"),
        loans.c.contract_no,
        loans.c.program_code,
        loans.c.program_name,
        loans.c.balance_current,
        loans.c.balance_overdue,
        loans.c.balance_frozen,
        loans.c.rate_monthly_ppm,
        loans.c.interest_month,
        loans.c.interest_unpaid,
        loans.c.next_due_on,
        loans.c.next_due_amount,
        loans.c.maturity_contract,
        loans.c.maturity_extended,
        loans.c.as_of_date.label("loan_as_of"),
        programs.c.short_name,
        programs.c.rate_monthly_ppm.label("program_rate"),
        programs.c.overdue_rate_pct_of_normal,
    )
    .join(groups, groups.c.id == customers.c.group_id)
    .join(communes, communes.c.id == groups.c.commune_id)
    .outerjoin(loans, and_(loans.c.customer_id == customers.c.id, loans.c.closed_on.is_(None)))
    .outerjoin(programs, programs.c.code == loans.c.program_code)
    .where(customers.c.id == bindparam("customer_id"))
    .order_by(loans.c.disbursed_on, loans.c.contract_no)
)


async def customer_count(conn: AsyncConnection) -> int:
    return int(await conn.scalar(select(func.count()).select_from(customers)) or 0)


async def household(conn: AsyncConnection, customer_id: int) -> Household | None:
    """The customer, their group and commune, and their open loans, in one query."""
    rows = (await conn.execute(_HOUSEHOLD, {"customer_id": customer_id})).all()
    if not rows:
        return None
    row = rows[0]
    views = [
        LoanView(
            contract_no=r.contract_no,
            program_code=r.program_code,
            program_name=r.short_name or r.program_name or r.contract_no,
            balance_current=r.balance_current,
            balance_overdue=r.balance_overdue,
            balance_frozen=r.balance_frozen,
            rate_ppm=r.rate_monthly_ppm or r.program_rate,
            interest_month=r.interest_month,
            interest_unpaid=r.interest_unpaid,
            next_due_on=r.next_due_on,
            next_due_amount=r.next_due_amount,
            maturity=r.maturity_extended or r.maturity_contract,
            extended=r.maturity_extended is not None,
            as_of=r.loan_as_of,
            overdue_rate_pct=r.overdue_rate_pct_of_normal,
        )
        for r in rows
        if r.contract_no is not None
    ]
    return Household(
        customer_id=row.id,
        code=row.code,
        name=row.full_name,
        group_id=row.group_id,
        group_code=row.gcode,
        group_name=row.gname,
        commune_id=row.commune_id,
        commune_name=row.cname,
        savings_balance=row.savings_balance,
        min_monthly_savings=row.min_monthly_savings,
        as_of=row.as_of_date,
        loans=views,
    )


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str | None
    role: str  # "leader", "deputy", "officer"


async def contacts(conn: AsyncConnection, group_id: int, commune_id: int) -> list[Contact]:
    group = (await conn.execute(select(groups).where(groups.c.id == group_id))).one()
    found: list[Contact] = []
    for role, customer_id in (
        ("leader", group.leader_customer_id),
        ("deputy", group.deputy_customer_id),
    ):
        if customer_id is None:
            continue
        person = (
            await conn.execute(select(customers.c.full_name).where(customers.c.id == customer_id))
        ).one()
        phone = (
            await conn.execute(
                select(customer_phones.c.phone)
                .where(customer_phones.c.customer_id == customer_id)
                .order_by(customer_phones.c.phone)
                .limit(1)
            )
        ).scalar()
        found.append(Contact(person.full_name, phone, role))
    officer_rows = (
        await conn.execute(
            select(officers.c.full_name, officers.c.phone)
            .join(officer_communes, officer_communes.c.officer_id == officers.c.id)
            .where(officer_communes.c.commune_id == commune_id)
            .order_by(officers.c.full_name)
        )
    ).all()
    if not officer_rows:
        officer_rows = (
            await conn.execute(
                select(officers.c.full_name, officers.c.phone)
                .where(officers.c.scope_all.is_(True))
                .order_by(officers.c.full_name)
            )
        ).all()
    found += [Contact(r.full_name, r.phone, "officer") for r in officer_rows]
    return found


@dataclass(frozen=True)
class Programme:
    code: int
    name: str
    short_name: str
    rate_ppm: int | None
    cap: int | None
    max_term_months: int | None
    legal_basis: str | None
    note: str | None


async def all_programmes(conn: AsyncConnection) -> list[Programme]:
    rows = await conn.execute(select(programs).order_by(programs.c.code))
    return [
        Programme(
            r.code,
            r.name,
            r.short_name,
            r.rate_monthly_ppm,
            r.cap_vnd,
            r.max_term_months,
            r.legal_basis,
            r.note,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class MemberLine:
    customer_id: int
    name: str
    interest_month: int
    interest_unpaid: int
    overdue: int
    outstanding: int


@dataclass(frozen=True)
class GroupView:
    group_id: int
    code: str
    name: str
    commune_id: int
    min_monthly_savings: int | None
    as_of: date | None
    members: list[MemberLine]


# A member's overdue principal, as the leader's view and the officer's overdue list both count
# it: the overdue balance of the member's open loans.
_OPEN_LOANS = and_(loans.c.customer_id == customers.c.id, loans.c.closed_on.is_(None))
_OVERDUE = func.coalesce(func.sum(loans.c.balance_overdue), 0)


async def member_names(conn: AsyncConnection, group_id: int) -> list[str]:
    """The full names of the group's customers, as the bank writes them."""
    rows = await conn.execute(select(customers.c.full_name).where(customers.c.group_id == group_id))
    return [str(r.full_name) for r in rows]


async def group_view(conn: AsyncConnection, group_id: int) -> GroupView | None:
    """The group's members with their interest due and overdue principal (leaders' view)."""
    group = (await conn.execute(select(groups).where(groups.c.id == group_id))).first()
    if group is None:
        return None
    rows = await conn.execute(
        select(
            customers.c.id,
            customers.c.full_name,
            func.coalesce(func.sum(loans.c.interest_month), 0).label("interest_month"),
            func.coalesce(func.sum(loans.c.interest_unpaid), 0).label("interest_unpaid"),
            _OVERDUE.label("overdue"),
            func.coalesce(
                func.sum(
                    loans.c.balance_current + loans.c.balance_overdue + loans.c.balance_frozen
                ),
                0,
            ).label("outstanding"),
        )
        .outerjoin(loans, _OPEN_LOANS)
        .where(customers.c.group_id == group_id)
        .group_by(customers.c.id, customers.c.full_name)
        .order_by(customers.c.full_name, customers.c.id)
    )
    members = [
        MemberLine(
            r.id,
            r.full_name,
            int(r.interest_month),
            int(r.interest_unpaid),
            int(r.overdue),
            int(r.outstanding),
        )
        for r in rows
    ]
    return GroupView(
        group.id,
        group.code,
        group.name,
        group.commune_id,
        group.min_monthly_savings,
        group.as_of_date,
        members,
    )


@dataclass(frozen=True)
class OverdueLine:
    """A household with overdue principal, with its group and commune."""

    commune: str
    group_code: str
    group_name: str
    name: str
    overdue: int
    as_of: date | None


async def overdue_in_communes(
    conn: AsyncConnection, commune_ids: Sequence[int]
) -> list[OverdueLine]:
    """The households of these communes with overdue principal (counted as `group_view`
    counts it), by commune, group code and name."""
    if not commune_ids:
        return []
    overdue = _OVERDUE.label("overdue")
    rows = await conn.execute(
        select(
            communes.c.name.label("commune"),
            groups.c.code,
            groups.c.name.label("group_name"),
            groups.c.as_of_date,
            customers.c.full_name,
            overdue,
        )
        .select_from(
            customers.join(groups, groups.c.id == customers.c.group_id)
            .join(communes, communes.c.id == groups.c.commune_id)
            .join(loans, _OPEN_LOANS)
        )
        .where(groups.c.commune_id.in_(list(commune_ids)))
        .group_by(
            communes.c.name,
            groups.c.code,
            groups.c.name,
            groups.c.as_of_date,
            customers.c.id,
            customers.c.full_name,
        )
        .having(_OVERDUE > 0)
        .order_by(communes.c.name, groups.c.code, customers.c.full_name, customers.c.id)
    )
    return [
        OverdueLine(r.commune, r.code, r.group_name, r.full_name, int(r.overdue), r.as_of_date)
        for r in rows
    ]


@dataclass(frozen=True)
class GroupPortfolio:
    """One group's outstanding loans, summed: what an officer sees of a commune's portfolio
    (no household's figures)."""

    commune: str
    group_code: str
    group_name: str
    households: int  # with an open loan
    loans: int
    outstanding: int  # principal: current, overdue and frozen
    overdue: int
    overdue_households: int


async def portfolio_in_communes(
    conn: AsyncConnection, commune_ids: Sequence[int]
) -> list[GroupPortfolio]:
    """Each group of these communes with its open loans summed, by commune and group code."""
    if not commune_ids:
        return []
    per_household = (
        select(
            customers.c.group_id,
            customers.c.id.label("customer_id"),
            func.count(loans.c.id).label("loans"),
            func.sum(
                loans.c.balance_current + loans.c.balance_overdue + loans.c.balance_frozen
            ).label("outstanding"),
            _OVERDUE.label("overdue"),
        )
        .select_from(customers.join(loans, _OPEN_LOANS))
        .group_by(customers.c.group_id, customers.c.id)
        .subquery()
    )
    rows = await conn.execute(
        select(
            communes.c.name.label("commune"),
            groups.c.code,
            groups.c.name.label("group_name"),
            func.count(per_household.c.customer_id).label("households"),
            func.coalesce(func.sum(per_household.c.loans), 0).label("loans"),
            func.coalesce(func.sum(per_household.c.outstanding), 0).label("outstanding"),
            func.coalesce(func.sum(per_household.c.overdue), 0).label("overdue"),
            func.count(per_household.c.customer_id)
            .filter(per_household.c.overdue > 0)
            .label("overdue_households"),
        )
        .select_from(
            groups.join(communes, communes.c.id == groups.c.commune_id).join(
                per_household, per_household.c.group_id == groups.c.id
            )
        )
        .where(groups.c.commune_id.in_(list(commune_ids)))
        .group_by(communes.c.name, groups.c.code, groups.c.name)
        .order_by(communes.c.name, groups.c.code)
    )
    return [
        GroupPortfolio(
            r.commune,
            r.code,
            r.group_name,
            int(r.households),
            int(r.loans),
            int(r.outstanding),
            int(r.overdue),
            int(r.overdue_households),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class GroupSavings:
    """One group's savings balances, summed (no household's figure)."""

    commune: str
    group_code: str
    group_name: str
    households: int  # with a savings balance above zero
    savings: int


async def savings_in_communes(
    conn: AsyncConnection, commune_ids: Sequence[int]
) -> list[GroupSavings]:
    """Each group of these communes with its members' savings balances summed, by commune
    and group code."""
    if not commune_ids:
        return []
    with_savings = customers.c.savings_balance > 0
    rows = await conn.execute(
        select(
            communes.c.name.label("commune"),
            groups.c.code,
            groups.c.name.label("group_name"),
            func.count(customers.c.id).filter(with_savings).label("households"),
            func.coalesce(func.sum(customers.c.savings_balance).filter(with_savings), 0).label(
                "savings"
            ),
        )
        .select_from(
            groups.join(communes, communes.c.id == groups.c.commune_id).join(
                customers, customers.c.group_id == groups.c.id
            )
        )
        .where(groups.c.commune_id.in_(list(commune_ids)))
        .group_by(communes.c.name, groups.c.code, groups.c.name)
        .order_by(communes.c.name, groups.c.code)
    )
    return [
        GroupSavings(r.commune, r.code, r.group_name, int(r.households), int(r.savings))
        for r in rows
    ]


async def as_of_in_communes(conn: AsyncConnection, commune_ids: Sequence[int]) -> date | None:
    """The oldest data date of these communes' groups (what an answer about them rests on)."""
    if not commune_ids:
        return None
    found = await conn.scalar(
        select(func.min(groups.c.as_of_date)).where(groups.c.commune_id.in_(list(commune_ids)))
    )
    return found if isinstance(found, date) else None


@dataclass(frozen=True)
class PlaceRow:
    group_id: int
    commune_id: int
    code: str
    group_name: str
    hamlet: str | None
    commune: str


async def places(conn: AsyncConnection) -> list[PlaceRow]:
    """Every group with its hamlet and commune, as named in the bank's files (a few
    thousand rows at most)."""
    rows = await conn.execute(
        select(
            groups.c.id,
            groups.c.commune_id,
            groups.c.code,
            groups.c.name,
            groups.c.hamlet,
            communes.c.name.label("commune"),
        ).join(communes, communes.c.id == groups.c.commune_id)
    )
    return [PlaceRow(r.id, r.commune_id, r.code, r.name, r.hamlet, r.commune) for r in rows]


async def names_said_in_commune(conn: AsyncConnection, commune_id: int, text: str) -> list[str]:
    """The full names of the commune's customers that `text` says whole, in any case, with or
    without diacritics ("danh so phanh no bn" asks about that person), looked up by the
    name keys' index: the runs of words of the message, never every name of the commune."""
    said = spans(text)
    if not said:
        return []
    rows = await conn.execute(
        select(customers.c.full_name)
        .join(groups, groups.c.id == customers.c.group_id)
        .where(groups.c.commune_id == commune_id, customers.c.name_key.in_(said))
    )
    return [str(r.full_name) for r in rows]
