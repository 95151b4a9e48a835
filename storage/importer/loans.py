"""The loans file (HSTD/BCQUERY export): rows → loans, customers, groups, communes.

Snapshot rule: the file is the whole truth for every group it contains on its `Ngày số liệu`;
a stored loan of those groups that is missing from the file is closed. A file older than what
is stored for a group is refused unless forced.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from locales.i18n import _
from locales.textfold import fold
from storage.importer.columns import Header
from storage.importer.common import (
    CommuneResolver,
    FileRefused,
    ImportReport,
    bulk_insert,
    chunks,
    fetch_by_keys,
    is_total_row,
)
from storage.schema import customer_phones, customers, groups, loans, programs
from storage.values import (
    is_blank,
    parse_code,
    parse_date,
    parse_money,
    parse_phones,
    parse_rate_ppm,
    parse_text,
)

_NON_DIGITS = re.compile(r"\D")
_ID_DIGITS = re.compile(r"^\d{9}$|^\d{12}$")


@dataclass(slots=True)
class LoanRecord:
    """One usable row: the loan as the `loans` table takes it, plus its customer and group."""

    line: int
    contract_no: str
    customer_code: str
    group_code: str
    as_of: date
    loan: dict[str, Any]  # loans columns except customer_id (known once customers are stored)
    customer_name: str
    savings_balance: int | None
    address: str
    hamlet: str
    phones: list[str] | None
    id_number: str | None
    group_name: str
    commune_name: str
    commune_code: str
    office_name: str
    entrusted_org: str
    leader_name: str


def hash_id_number(number: str, salt: str | None = None) -> str:
    """`sha256$SALT$HEX`; the salt must be unique per customer (a random prefix + the code)."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256((salt + number).encode()).hexdigest()
    return f"sha256${salt}${digest}"


def id_hash_matches(stored: str | None, number: str) -> bool:
    if not stored or stored.count("$") != 2:
        return False
    _algo, salt, digest = stored.split("$")
    return hmac.compare_digest(hashlib.sha256((salt + number).encode()).hexdigest(), digest)


class _RowError(Exception):
    pass


_TEXT_FIELDS = (
    "entrusted_org",
    "hamlet",
    "leader_name",
    "office_name",
    "status_text",
    "classification",
    "address",
)


class _Never:
    """A type no cell has: fields without a pass-through type are always parsed."""


_ALREADY_PARSED: dict[Callable[[Any], object], type] = {parse_money: int, parse_date: date}


class _RowPlan:
    """Which column feeds which field and how it is read; one pass per row, fast when clean."""

    def __init__(self, header: Header) -> None:
        amount, a_date, rate = _("an amount"), _("a date"), _("a monthly rate in %")
        readers: list[tuple[str, Callable[[Any], object], str]] = [
            ("customer_code", parse_code, ""),
            ("contract_no", parse_code, ""),
            ("customer_name", parse_text, ""),
            ("program_code", parse_code, ""),
            ("program_name", parse_text, ""),
            ("balance_total", parse_money, amount),
            ("balance_current", parse_money, amount),
            ("balance_overdue", parse_money, amount),
            ("balance_frozen", parse_money, amount),
            ("as_of", parse_date, a_date),
            ("group_code", parse_code, ""),
            ("group_name", parse_text, ""),
            ("commune_name", parse_text, ""),
            ("commune_code", parse_code, ""),
            ("phone", parse_phones, _("a phone number")),
            ("id_number", parse_code, ""),
            ("rate", parse_rate_ppm, rate),
            ("disbursed_on", parse_date, a_date),
            ("maturity_contract", parse_date, a_date),
            ("maturity_extended", parse_date, a_date),
            ("amount_lent", parse_money, amount),
            ("principal_paid", parse_money, amount),
            ("interest_unpaid", parse_money, amount),
            ("interest_month", parse_money, amount),
            ("next_due_on", parse_date, a_date),
            ("next_due_amount", parse_money, amount),
            ("savings_balance", parse_money, amount),
        ]
        readers += [(fld, parse_text, "") for fld in _TEXT_FIELDS]
        self.header = header
        self.names = [name for name, _p, _w in readers]
        # Absent columns read index -1: every row gets a trailing None appended. Cells that
        # already have the wanted type (an int amount, a date from Excel) are taken as they are.
        self.plan = [
            (header.positions.get(name, -1), parse, _ALREADY_PARSED.get(parse, _Never))
            for name, parse, _w in readers
        ]
        self.what = {name: what for name, _p, what in readers}
        self.width = max(header.positions.values()) + 1
        self.code_index = header.positions["customer_code"]

    def customer_code(self, cells: list[object]) -> str:
        return parse_code(cells[self.code_index]) if self.code_index < len(cells) else ""

    def values(self, cells: list[object]) -> dict[str, Any]:
        if len(cells) < self.width:
            cells = cells + [None] * (self.width - len(cells))
        cells = [*cells, None]
        try:
            return dict(
                zip(
                    self.names,
                    [
                        v
                        if (v := cells[i]).__class__ is keep
                        else None
                        if v is None or v == ""
                        else parse(v)
                        for i, parse, keep in self.plan
                    ],
                    strict=True,
                )
            )
        except ValueError:
            return self._values_slowly(cells)

    def _values_slowly(self, cells: list[object]) -> dict[str, Any]:
        """Blank-looking cells are empty; the first unreadable cell names its column."""
        out: dict[str, Any] = {}
        for name, (index, parse, _keep) in zip(self.names, self.plan, strict=True):
            value = cells[index]
            if is_blank(value):
                out[name] = None
                continue
            try:
                out[name] = parse(value)
            except ValueError:
                raise _RowError(
                    _("column {column}: {value!r} is not {what}").format(
                        column=self.header.label_of(name), value=value, what=self.what[name]
                    )
                ) from None
        return out


def parse_loan_rows(
    header: Header,
    rows: Iterable[tuple[int, list[object]]],
    report: ImportReport,
    program_codes: set[int],
    program_names: dict[str, int],
) -> Iterator[LoanRecord]:
    """Check every row; yield the usable ones, report the rest with line numbers and reasons."""
    plan = _RowPlan(header)
    has_phone = "phone" in header.positions
    has_total = "balance_total" in header.positions
    first_line_of: dict[str, int] = {}
    group_of_customer: dict[str, str] = {}
    for line, cells in rows:
        if line <= header.line:
            continue
        report.rows_read += 1
        customer_code = plan.customer_code(cells)
        # Blank rows, total rows and rows without a customer code are skipped, not rejected.
        if not customer_code or (customer_code[:1] in "TtCc" and is_total_row(cells)):
            report.skipped += 1
            continue
        try:
            record = _build(
                plan.values(cells), line, has_phone, has_total, program_codes, program_names, report
            )
        except _RowError as exc:
            report.rejected.append((line, str(exc)))
            continue
        earlier = first_line_of.get(record.contract_no)
        if earlier is not None:
            report.rejected.append(
                (
                    line,
                    _("contract {contract} already appears on line {line}").format(
                        contract=record.contract_no, line=earlier
                    ),
                )
            )
            continue
        known_group = group_of_customer.setdefault(record.customer_code, record.group_code)
        if known_group != record.group_code:
            report.rejected.append(
                (
                    line,
                    _("customer {code} is in group {group} on an earlier line, not {other}").format(
                        code=record.customer_code, group=known_group, other=record.group_code
                    ),
                )
            )
            continue
        first_line_of[record.contract_no] = line
        report.kept += 1
        yield record


def _build(
    v: dict[str, Any],
    line: int,
    has_phone: bool,
    has_total: bool,
    program_codes: set[int],
    program_names: dict[str, int],
    report: ImportReport,
) -> LoanRecord:
    def need(fld: str, label: str) -> Any:
        value = v[fld]
        if value is None or value == "":
            raise _RowError(_("missing {column}").format(column=label))
        return value

    contract_no = need("contract_no", "Số khế ước")
    customer_name = need("customer_name", "Tên KH")
    as_of = need("as_of", "Ngày số liệu")
    group_code = need("group_code", "Mã tổ")
    group_name = need("group_name", "Tên tổ")
    commune_name = need("commune_name", "Tên xã")

    program_code: int | None = None
    raw_code = v["program_code"]
    program_name = v["program_name"] or ""
    if raw_code:
        try:
            program_code = int(raw_code)
        except ValueError:
            raise _RowError(
                _("programme code {code!r} is not a number").format(code=raw_code)
            ) from None
        if program_code not in program_codes:
            report.warnings.append(
                (
                    line,
                    _("unknown programme code {code}; kept without a programme").format(
                        code=program_code
                    ),
                )
            )
            program_code = None
    elif program_name:
        program_code = program_names.get(fold(program_name))
    if program_code is None and not program_name and not raw_code:
        raise _RowError(_("missing {column}").format(column="Mã chương trình / Tên chương trình"))

    overdue = v["balance_overdue"] or 0
    frozen = v["balance_frozen"] or 0
    if has_total:
        total = need("balance_total", "Tổng dư nợ")
        current = total - overdue - frozen
        if current < 0:
            raise _RowError(_("overdue and frozen balances exceed the total balance"))
    else:
        current = need("balance_current", "Dư nợ trong hạn")

    id_number: str | None = None
    raw_id = v["id_number"]
    if raw_id:
        digits = _NON_DIGITS.sub("", raw_id)
        if _ID_DIGITS.match(digits):
            id_number = digits
        else:
            report.warnings.append((line, _("ID number is not 9 or 12 digits; not stored")))

    return LoanRecord(
        line=line,
        contract_no=contract_no,
        customer_code=v["customer_code"],
        group_code=group_code,
        as_of=as_of,
        loan={
            "contract_no": contract_no,
            "program_code": program_code,
            "program_name": program_name or None,
            "balance_current": current,
            "balance_overdue": overdue,
            "balance_frozen": frozen,
            "amount_lent": v["amount_lent"],
            "principal_paid": v["principal_paid"],
            "rate_monthly_ppm": v["rate"],
            "disbursed_on": v["disbursed_on"],
            "maturity_contract": v["maturity_contract"],
            "maturity_extended": v["maturity_extended"],
            "interest_unpaid": v["interest_unpaid"],
            "interest_month": v["interest_month"],
            "next_due_on": v["next_due_on"],
            "next_due_amount": v["next_due_amount"],
            "status_text": v["status_text"] or None,
            "classification": v["classification"] or None,
            "as_of_date": as_of,
            "closed_on": None,
        },
        customer_name=customer_name,
        savings_balance=v["savings_balance"],
        address=v["address"] or "",
        hamlet=v["hamlet"] or "",
        phones=(v["phone"] or []) if has_phone else None,
        id_number=id_number,
        group_name=group_name,
        commune_name=commune_name,
        commune_code=v["commune_code"] or "",
        office_name=v["office_name"] or "",
        entrusted_org=v["entrusted_org"] or "",
        leader_name=v["leader_name"] or "",
    )


async def load_programs(conn: AsyncConnection) -> tuple[set[int], dict[str, int]]:
    codes: set[int] = set()
    names: dict[str, int] = {}
    for row in await conn.execute(select(programs.c.code, programs.c.name, programs.c.short_name)):
        codes.add(row.code)
        names[fold(row.name)] = row.code
        names[fold(row.short_name)] = row.code
    return codes, names


_GROUP_FIELDS = ("name", "commune_id", "entrusted_org", "hamlet", "leader_name", "as_of_date")
_CUSTOMER_FIELDS = (
    "full_name",
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


BATCH_SIZE = 10_000


async def import_loans(
    conn: AsyncConnection,
    header: Header,
    rows: Iterable[tuple[int, list[object]]],
    report: ImportReport,
    *,
    force: bool,
) -> None:
    """Parse and apply batch by batch, so memory stays flat however long the file is."""
    codes, names = await load_programs(conn)
    applier = _LoanApplier(conn, report, force=force)
    await applier.start()
    batch: list[LoanRecord] = []
    for record in parse_loan_rows(header, rows, report, codes, names):
        batch.append(record)
        if len(batch) >= BATCH_SIZE:
            await applier.apply(batch)
            batch = []
    if batch:
        await applier.apply(batch)
    await applier.finish()


class _LoanApplier:
    def __init__(self, conn: AsyncConnection, report: ImportReport, *, force: bool) -> None:
        self.conn = conn
        self.report = report
        self.force = force
        self.resolver = CommuneResolver(conn, report, create=True)
        self.group_as_of: dict[str, date] = {}
        self.group_ids: dict[str, int] = {}
        self.stored_as_of: dict[str, date | None] = {}
        self.in_file: set[str] = set()
        self.stored_codes: set[str] = set()
        self.salt = secrets.token_hex(8)
        # Known once per file: on a first load there is nothing stored to compare against.
        self.had_customers = True
        self.had_loans = True

    async def start(self) -> None:
        for table, flag in ((customers, "had_customers"), (loans, "had_loans")):
            row = (await self.conn.execute(select(table.c.id).limit(1))).first()
            setattr(self, flag, row is not None)

    async def _check_not_stale(self, batch: list[LoanRecord]) -> None:
        new_codes = list({r.group_code for r in batch} - set(self.stored_as_of))
        stored = await fetch_by_keys(self.conn, groups, groups.c.code, new_codes)
        for code in new_codes:
            self.stored_as_of[code] = stored[code].as_of_date if code in stored else None
        stale = sorted(
            code
            for code, as_of in self.group_as_of.items()
            if (old := self.stored_as_of.get(code)) is not None and old > as_of
        )
        if stale and not self.force:
            newest = max(d for c in stale if (d := self.stored_as_of[c]) is not None)
            raise FileRefused(
                _(
                    "the file's data date is older than what is stored for {n} group(s) "
                    "(e.g. {group}: stored {stored:%d/%m/%Y}); use --force to load it anyway"
                ).format(n=len(stale), group=stale[0], stored=newest)
            )

    async def apply(self, batch: list[LoanRecord]) -> None:
        for r in batch:
            if r.as_of > self.group_as_of.get(r.group_code, date.min):
                self.group_as_of[r.group_code] = r.as_of
        await self._check_not_stale(batch)

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

        codes = {r.customer_code for r in batch}
        if not self.had_customers:  # only customers stored by an earlier batch of this file
            codes &= self.stored_codes
        stored_customers = await fetch_by_keys(self.conn, customers, customers.c.code, list(codes))
        customer_values: dict[str, dict[str, Any]] = {}
        phones_of: dict[str, list[str]] = {}
        for r in batch:
            if r.customer_code in customer_values:
                continue
            old = stored_customers.get(r.customer_code)
            id_last4, id_hash = (old.id_last4, old.id_hash) if old is not None else (None, None)
            if r.id_number is not None and not (
                id_last4 == r.id_number[-4:] and id_hash_matches(id_hash, r.id_number)
            ):
                id_last4 = r.id_number[-4:]
                id_hash = hash_id_number(r.id_number, f"{self.salt}{r.customer_code}")
            customer_values[r.customer_code] = {
                "full_name": r.customer_name,
                "group_id": self.group_ids[r.group_code],
                "id_last4": id_last4,
                "id_hash": id_hash,
                "address": r.address or None,
                "hamlet": r.hamlet or None,
                "savings_balance": r.savings_balance,
                "as_of_date": r.as_of,
            }
            if r.phones is not None:
                phones_of[r.customer_code] = r.phones
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
        await _replace_phones(
            self.conn,
            {customer_ids[c]: p for c, p in phones_of.items()},
            new_customers={customer_ids[c] for c in phones_of if c not in stored_customers},
        )

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
        self.in_file.update(loan_values)

    async def finish(self) -> None:
        if not self.in_file:
            raise FileRefused(_("no usable rows: nothing was stored"))
        self.report.as_of = max(self.group_as_of.values())
        if self.had_loans:  # on a first load every stored loan came from this very file
            await _close_missing(
                self.conn, self.group_ids, self.group_as_of, self.in_file, self.report
            )
        else:
            self.report.add("loans_closed", 0)
        await _infer_leaders(self.conn, self.group_ids, self.report)


async def _replace_phones(
    conn: AsyncConnection, phones_by_id: dict[int, list[str]], *, new_customers: set[int]
) -> None:
    """Make each customer's stored phones equal the file's, touching only what differs."""
    if not phones_by_id:
        return
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
    for customer_id, phones in phones_by_id.items():
        old = stored.get(customer_id, set())
        new = set(phones)
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
        for group_id, ids in matches.items():
            if len(ids) == 1:
                await conn.execute(
                    groups.update().where(groups.c.id == group_id).values(leader_customer_id=ids[0])
                )
                inferred += 1
    if inferred:
        report.notes.append(
            _(
                "{n} group leader(s) taken from the column Tên tổ trưởng (no leaders file yet)"
            ).format(n=inferred)
        )
