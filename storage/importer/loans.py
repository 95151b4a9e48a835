"""The loans file (HSTD/BCQUERY export): checked rows (`loan_rows.py`) applied to loans,
customers, groups and communes, chunk by chunk as `staged.py` hands them over.

Snapshot rule: the file is the whole truth for every group it contains on its `Ngày số liệu`;
a stored loan of those groups that is missing from the file is closed. A file older than what
is stored for a group is refused unless forced.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from locales.i18n import _
from locales.textfold import fold
from storage.importer.common import (
    CommuneResolver,
    FileRefused,
    ImportReport,
    bulk_insert,
    chunks,
    fetch_by_keys,
)
from storage.importer.identity import CCCD, PHONES, IdentityChanges, hash_id_number, id_hash_matches
from storage.importer.loan_rows import LoanRecord, Programmes
from storage.importer.scope import ImportScope, commune_outside, stored_outside
from storage.name_keys import name_key
from storage.schema import customer_phones, customers, groups, loans, programs


async def load_programs(conn: AsyncConnection) -> Programmes:
    codes: set[int] = set()
    names: dict[str, int] = {}
    for row in await conn.execute(select(programs.c.code, programs.c.name, programs.c.short_name)):
        codes.add(row.code)
        names[fold(row.name)] = row.code
        names[fold(row.short_name)] = row.code
    return Programmes(codes, names)


_GROUP_FIELDS = ("name", "commune_id", "entrusted_org", "hamlet", "leader_name", "as_of_date")
_CUSTOMER_FIELDS = (
    "full_name",
    "name_key",
    "group_id",
    "id_last4",
    "id_hash",
    "address",
    "hamlet",
    "savings_balance",
    "as_of_date",
)
_LOAN_FIELDS = (
    "customer_id",
    "program_code",
    "program_name",
    "balance_current",
    "balance_overdue",
    "balance_frozen",
    "amount_lent",
    "principal_paid",
    "rate_monthly_ppm",
    "disbursed_on",
    "maturity_contract",
    "maturity_extended",
    "interest_unpaid",
    "interest_month",
    "next_due_on",
    "next_due_amount",
    "status_text",
    "classification",
    "as_of_date",
    "closed_on",
)


def _changed(row: Any, values: dict[str, Any], fields: tuple[str, ...]) -> bool:
    mapping = row._mapping
    return any(mapping[f] != values[f] for f in fields)


async def _upsert(
    conn: AsyncConnection,
    table: Any,
    key: str,
    wanted: dict[str, dict[str, Any]],
    fields: tuple[str, ...],
    report: ImportReport,
    label: str,
    existing: dict[Any, Any] | None = None,
    want_ids: bool = True,
) -> dict[str, int]:
    """Insert the new keys, update the changed ones; returns key → id for all of `wanted`."""
    if existing is None:
        existing = await fetch_by_keys(conn, table, table.c[key], list(wanted))
    inserts = []
    for k, values in wanted.items():
        if k not in existing:
            values[key] = k
            inserts.append(values)
    updates = [
        dict(values, _id=existing[k].id)
        for k, values in wanted.items()
        if k in existing and _changed(existing[k], values, fields)
    ]
    ids = {k: row.id for k, row in existing.items()}
    await bulk_insert(conn, table, inserts)
    if inserts and want_ids:
        for part in chunks([i[key] for i in inserts]):
            query = select(table.c.id, table.c[key]).where(table.c[key].in_(part))
            for new_id, new_key in await conn.execute(query):
                ids[new_key] = new_id
    if updates:
        statement = (
            table.update()
            .where(table.c.id == bindparam("_id"))
            .values({f: bindparam(f) for f in fields})
        )
        for part in chunks(updates, 5000):
            await conn.execute(statement, list(part))
    report.add(f"{label}_added", len(inserts))
    report.add(f"{label}_updated", len(updates))
    return ids


class LoanApplier:
    """Applies checked records to the live tables, one chunk at a time, each chunk on the
    connection of its own transaction (`conn` is set before each); `finish` does what the
    whole file decides (loans missing from it closed, leaders inferred). Staging (`staged.py`)
    has already refused rows outside the officer's scope and a stale file."""

    def __init__(
        self,
        report: ImportReport,
        group_as_of: dict[str, date],
        *,
        create_communes: bool,
        had_customers: bool,
        had_loans: bool,
    ) -> None:
        self.report = report
        self.group_as_of = group_as_of
        self.create_communes = create_communes
        self.identities = IdentityChanges()
        self.group_ids: dict[str, int] = {}
        self.stored_codes: set[str] = set()
        self.salt = secrets.token_hex(8)
        # Known once per file: on a first load there is nothing stored to compare against.
        self.had_customers = had_customers
        self.had_loans = had_loans
        self._conn: AsyncConnection | None = None
        self.resolver: CommuneResolver | None = None

    @property
    def conn(self) -> AsyncConnection:
        assert self._conn is not None
        return self._conn

    def use(self, conn: AsyncConnection) -> None:
        """The connection (and transaction) the next chunk is applied in."""
        self._conn = conn
        if self.resolver is None:
            self.resolver = CommuneResolver(conn, self.report, create=self.create_communes)
        self.resolver.conn = conn

    async def apply(self, batch: list[LoanRecord]) -> None:
        """Groups, then customers and their phones, then loans, for one chunk of records."""
        await self._apply_groups(batch)
        customer_ids = await self._apply_customers(batch)
        await self._apply_loans(batch, customer_ids)

    async def unlink_changed(self, now: datetime, officer_id: int | None) -> None:
        """Unlink (in this chunk's transaction) the chats of the customers whose phone or CCCD
        the chunk changed, so the audit row and the change are one."""
        unlinked = await self.identities.unlink(self.conn, now, officer_id)
        self.identities = IdentityChanges()
        self.report.add("chats_unlinked", unlinked)

    async def _apply_groups(self, batch: list[LoanRecord]) -> None:
        assert self.resolver is not None
        group_values: dict[str, dict[str, Any]] = {}
        for r in batch:
            if r.group_code not in group_values:
                commune_id = await self.resolver.resolve(
                    r.commune_name, r.commune_code, r.office_name
                )
                group_values[r.group_code] = {
                    "name": r.group_name,
                    "commune_id": commune_id,
                    "entrusted_org": r.entrusted_org or None,
                    "hamlet": r.hamlet or None,
                    "leader_name": r.leader_name or None,
                    "as_of_date": self.group_as_of[r.group_code],
                }
        self.group_ids.update(
            await _upsert(
                self.conn, groups, "code", group_values, _GROUP_FIELDS, self.report, "groups"
            )
        )

    async def _apply_customers(self, batch: list[LoanRecord]) -> dict[str, int]:
        """Upsert the batch's customers and their phones; returns customer code → id."""
        codes = {r.customer_code for r in batch}
        if not self.had_customers:  # only customers stored by an earlier batch of this file
            codes &= self.stored_codes
        stored_customers = await fetch_by_keys(self.conn, customers, customers.c.code, list(codes))
        customer_values: dict[str, dict[str, Any]] = {}
        phones_of: dict[str, list[str]] = {}
        for r in batch:
            if r.customer_code in customer_values:
                continue
            customer_values[r.customer_code] = self._customer_values(
                r, stored_customers.get(r.customer_code)
            )
            if r.phones is not None:
                phones_of[r.customer_code] = r.phones
        self.identities.note(
            (
                old.id
                for code, old in stored_customers.items()
                if code in customer_values and customer_values[code]["id_hash"] != old.id_hash
            ),
            CCCD,
        )
        customer_ids = await _upsert(
            self.conn,
            customers,
            "code",
            customer_values,
            _CUSTOMER_FIELDS,
            self.report,
            "customers",
            existing=stored_customers,
        )
        self.stored_codes.update(customer_ids)
        changed_phones = await _replace_phones(
            self.conn,
            {customer_ids[c]: p for c, p in phones_of.items()},
            new_customers={customer_ids[c] for c in phones_of if c not in stored_customers},
        )
        self.identities.note(changed_phones, PHONES)
        return customer_ids

    def _customer_values(self, r: LoanRecord, old: Any) -> dict[str, Any]:
        """The customers row; a CCCD already stored keeps its hash (and salt)."""
        id_last4, id_hash = (old.id_last4, old.id_hash) if old is not None else (None, None)
        if r.id_number is not None and not (
            id_last4 == r.id_number[-4:] and id_hash_matches(id_hash, r.id_number)
        ):
            id_last4 = r.id_number[-4:]
            id_hash = hash_id_number(r.id_number, f"{self.salt}{r.customer_code}")
        return {
            "full_name": r.customer_name,
            "name_key": name_key(r.customer_name),
            "group_id": self.group_ids[r.group_code],
            "id_last4": id_last4,
            "id_hash": id_hash,
            "address": r.address or None,
            "hamlet": r.hamlet or None,
            "savings_balance": r.savings_balance,
            "as_of_date": r.as_of,
        }

    async def _apply_loans(self, batch: list[LoanRecord], customer_ids: dict[str, int]) -> None:
        loan_values: dict[str, dict[str, Any]] = {}
        for r in batch:
            r.loan["customer_id"] = customer_ids[r.customer_code]
            loan_values[r.contract_no] = r.loan
        await _upsert(
            self.conn,
            loans,
            "contract_no",
            loan_values,
            _LOAN_FIELDS,
            self.report,
            "loans",
            want_ids=False,
            existing=None if self.had_loans else {},
        )

    async def finish(self, contracts: set[str]) -> None:
        """After the last chunk: the file's stored loans that it no longer lists are closed
        (`contracts`: every contract number in the file), leaders are inferred."""
        self.report.as_of = max(self.group_as_of.values())
        stored = await fetch_by_keys(self.conn, groups, groups.c.code, list(self.group_as_of))
        group_ids = {code: row.id for code, row in stored.items()}
        if self.had_loans:  # on a first load every stored loan came from this very file
            await _close_missing(self.conn, group_ids, self.group_as_of, contracts, self.report)
        else:
            self.report.add("loans_closed", 0)
        await _infer_leaders(self.conn, group_ids, self.report)
        unlinked = self.report.counts.get("chats_unlinked", 0)
        if unlinked:
            self.report.notes.append(
                _(
                    "{n} chat(s) unlinked because the customer's phone or CCCD changed; "
                    "they must link again"
                ).format(n=unlinked)
            )


async def has_rows(conn: AsyncConnection) -> tuple[bool, bool]:
    """Whether any customer, and any loan, is stored (a first load skips comparisons)."""
    found = []
    for table in (customers, loans):
        found.append((await conn.execute(select(table.c.id).limit(1))).first() is not None)
    return found[0], found[1]


async def within_scope(
    conn: AsyncConnection,
    batch: list[LoanRecord],
    scope: ImportScope,
    resolver: CommuneResolver,
    report: ImportReport,
) -> list[LoanRecord]:
    """The records that touch only the scope's communes; the others are refused.

    Checked against what is stored before the file is applied: the rows kept move nothing
    into a commune outside the scope, so the answer is the same as row by row while applying.
    """
    stored = await _stored_communes(conn, batch)
    kept: list[LoanRecord] = []
    for r in batch:
        commune_id = await resolver.lookup(r.commune_name, r.commune_code)
        reason = None
        if not scope.allows_commune(commune_id):
            reason = commune_outside(r.commune_name or r.commune_code)
        else:
            for what, key in (("group", r.group_code), ("customer", r.customer_code)):
                if key in stored[what] and not scope.allows_commune(stored[what][key]):
                    reason = stored_outside(what, key)
            if r.contract_no in stored["loan"] and not scope.allows_commune(
                stored["loan"][r.contract_no]
            ):
                reason = stored_outside("loan", r.contract_no)
        if reason is None:
            kept.append(r)
        else:
            report.rejected.append((r.line, reason))
            report.kept -= 1
    return kept


async def check_not_stale(
    conn: AsyncConnection, group_as_of: dict[str, date], *, force: bool
) -> None:
    """FileRefused when the file's data date is older than what is stored for a group."""
    stored = await fetch_by_keys(conn, groups, groups.c.code, list(group_as_of))
    stale = sorted(
        code
        for code, as_of in group_as_of.items()
        if code in stored and (old := stored[code].as_of_date) is not None and old > as_of
    )
    if stale and not force:
        newest = max(stored[c].as_of_date for c in stale)
        raise FileRefused(
            _(
                "the file's data date is older than what is stored for {n} group(s) "
                "(e.g. {group}: stored {stored:%d/%m/%Y}); use --force to load it anyway"
            ).format(n=len(stale), group=stale[0], stored=newest)
        )


async def _replace_phones(
    conn: AsyncConnection, phones_by_id: dict[int, list[str]], *, new_customers: set[int]
) -> set[int]:
    """Make each customer's stored phones equal the file's, touching only what differs;
    returns the stored customers whose set of phones changed."""
    if not phones_by_id:
        return set()
    stored: dict[int, set[str]] = {}
    for part in chunks([c for c in phones_by_id if c not in new_customers]):
        rows = await conn.execute(
            select(customer_phones.c.customer_id, customer_phones.c.phone).where(
                customer_phones.c.customer_id.in_(part)
            )
        )
        for row in rows:
            stored.setdefault(row.customer_id, set()).add(row.phone)
    deletes, inserts = [], []
    changed: set[int] = set()
    for customer_id, phones in phones_by_id.items():
        old = stored.get(customer_id, set())
        new = set(phones)
        if old != new and customer_id not in new_customers:
            changed.add(customer_id)
        deletes += [{"c": customer_id, "p": p} for p in old - new]
        inserts += [{"customer_id": customer_id, "phone": p} for p in phones if p not in old]
    if deletes:
        await conn.execute(
            customer_phones.delete().where(
                and_(
                    customer_phones.c.customer_id == bindparam("c"),
                    customer_phones.c.phone == bindparam("p"),
                )
            ),
            deletes,
        )
    await bulk_insert(conn, customer_phones, inserts)
    return changed


async def _stored_communes(
    conn: AsyncConnection, batch: list[LoanRecord]
) -> dict[str, dict[str, int]]:
    """Where the batch's groups, customers and contracts are stored now: key → commune id."""
    found: dict[str, dict[str, int]] = {"group": {}, "customer": {}, "loan": {}}
    in_group = customers.join(groups, customers.c.group_id == groups.c.id)
    of_customer = loans.join(in_group, loans.c.customer_id == customers.c.id)
    keyed: tuple[tuple[str, Any, Any, set[str]], ...] = (
        ("group", groups.c.code, groups, {r.group_code for r in batch}),
        ("customer", customers.c.code, in_group, {r.customer_code for r in batch}),
        ("loan", loans.c.contract_no, of_customer, {r.contract_no for r in batch}),
    )
    for what, key, source, keys in keyed:
        query = select(key, groups.c.commune_id).select_from(source)
        for part in chunks(sorted(keys)):
            for code, commune_id in await conn.execute(query.where(key.in_(part))):
                found[what][code] = commune_id
    return found


async def _close_missing(
    conn: AsyncConnection,
    group_ids: dict[str, int],
    group_as_of: dict[str, date],
    in_file: set[str],
    report: ImportReport,
) -> None:
    closing: list[dict[str, Any]] = []
    id_to_code = {v: k for k, v in group_ids.items()}
    for part in chunks(list(group_ids.values())):
        rows = await conn.execute(
            select(loans.c.id, loans.c.contract_no, customers.c.group_id)
            .join(customers, customers.c.id == loans.c.customer_id)
            .where(customers.c.group_id.in_(part), loans.c.closed_on.is_(None))
        )
        closing += [
            {"_id": row.id, "closed_on": group_as_of[id_to_code[row.group_id]]}
            for row in rows
            if row.contract_no not in in_file
        ]
    if closing:
        await conn.execute(
            loans.update()
            .where(loans.c.id == bindparam("_id"))
            .values(closed_on=bindparam("closed_on")),
            closing,
        )
    report.add("loans_closed", len(closing))


async def _infer_leaders(
    conn: AsyncConnection, group_ids: dict[str, int], report: ImportReport
) -> None:
    """Without a leaders file, the customer named as `Tên tổ trưởng` in the group leads it."""
    inferred = 0
    for part in chunks(list(group_ids.values())):
        rows = await conn.execute(
            select(groups.c.id, groups.c.leader_name).where(
                groups.c.id.in_(part),
                groups.c.leader_customer_id.is_(None),
                groups.c.leader_name.is_not(None),
            )
        )
        wanted = {row.id: fold(row.leader_name) for row in rows}
        if not wanted:
            continue
        members = await conn.execute(
            select(customers.c.id, customers.c.group_id, customers.c.full_name).where(
                customers.c.group_id.in_(list(wanted))
            )
        )
        matches: dict[int, list[int]] = {}
        for m in members:
            if fold(m.full_name) == wanted[m.group_id]:
                matches.setdefault(m.group_id, []).append(m.id)
        chosen = [{"_id": g, "leader": ids[0]} for g, ids in matches.items() if len(ids) == 1]
        if chosen:  # one statement for the lot: a first load infers every group's leader
            await conn.execute(
                groups.update()
                .where(groups.c.id == bindparam("_id"))
                .values(leader_customer_id=bindparam("leader")),
                chosen,
            )
        inferred += len(chosen)
    if inferred:
        report.notes.append(
            _(
                "{n} group leader(s) taken from the column Tên tổ trưởng (no leaders file yet)"
            ).format(n=inferred)
        )
