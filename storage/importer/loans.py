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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.i18n import _
from bot.textfold import fold
from storage.importer.columns import Header
from storage.importer.common import (
    CommuneResolver,
    FileRefused,
    ImportReport,
    chunks,
    fetch_by_keys,
    is_blank_row,
    is_total_row,
)
from storage.schema import customer_phones, customers, groups, loans, programs
from storage.values import (
    is_blank,
    parse_code,
    parse_date,
    parse_money,
    parse_optional_date,
    parse_optional_money,
    parse_phones,
    parse_rate_ppm,
    parse_text,
)

_ID_DIGITS = re.compile(r"^\d{9}$|^\d{12}$")


@dataclass(slots=True)
class LoanRecord:
    line: int
    customer_code: str
    customer_name: str
    contract_no: str
    program_code: int | None
    program_name: str
    balance_current: int
    balance_overdue: int
    balance_frozen: int
    as_of: date
    group_code: str
    group_name: str
    commune_name: str
    commune_code: str
    phones: list[str] | None
    id_number: str | None
    rate_ppm: int | None
    disbursed_on: date | None
    maturity_contract: date | None
    maturity_extended: date | None
    amount_lent: int | None
    principal_paid: int | None
    interest_unpaid: int | None
    interest_month: int | None
    next_due_on: date | None
    next_due_amount: int | None
    savings_balance: int | None
    entrusted_org: str
    hamlet: str
    leader_name: str
    office_name: str
    status_text: str
    classification: str
    address: str


def hash_id_number(number: str) -> str:
    salt = secrets.token_hex(8)
    digest = hashlib.sha256((salt + number).encode()).hexdigest()
    return f"sha256${salt}${digest}"


def id_hash_matches(stored: str | None, number: str) -> bool:
    if not stored or stored.count("$") != 2:
        return False
    _algo, salt, digest = stored.split("$")
    return hmac.compare_digest(hashlib.sha256((salt + number).encode()).hexdigest(), digest)


class _RowError(Exception):
    pass


def _reader(
    header: Header, fld: str, parse: Callable[[Any], Any], what: str
) -> Callable[[list[object]], Any]:
    index = header.positions.get(fld)
    label = header.label_of(fld)

    def read(cells: list[object]) -> Any:
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        if is_blank(value):
            return None
        try:
            return parse(value)
        except ValueError:
            raise _RowError(
                _("column {column}: {value!r} is not {what}").format(
                    column=label, value=value, what=what
                )
            ) from None

    return read


def parse_loan_rows(
    header: Header,
    rows: Iterable[tuple[int, list[object]]],
    report: ImportReport,
    program_codes: set[int],
    program_names: dict[str, int],
) -> list[LoanRecord]:
    """Check every row; keep the usable ones, report the rest with line numbers and reasons."""
    amount, a_date, rate = _("an amount"), _("a date"), _("a monthly rate in %")
    get = {
        "customer_code": _reader(header, "customer_code", parse_code, ""),
        "contract_no": _reader(header, "contract_no", parse_code, ""),
        "customer_name": _reader(header, "customer_name", parse_text, ""),
        "program_code": _reader(header, "program_code", parse_code, ""),
        "program_name": _reader(header, "program_name", parse_text, ""),
        "balance_total": _reader(header, "balance_total", parse_money, amount),
        "balance_current": _reader(header, "balance_current", parse_money, amount),
        "balance_overdue": _reader(header, "balance_overdue", parse_money, amount),
        "balance_frozen": _reader(header, "balance_frozen", parse_money, amount),
        "as_of": _reader(header, "as_of", parse_date, a_date),
        "group_code": _reader(header, "group_code", parse_code, ""),
        "group_name": _reader(header, "group_name", parse_text, ""),
        "commune_name": _reader(header, "commune_name", parse_text, ""),
        "commune_code": _reader(header, "commune_code", parse_code, ""),
        "phone": _reader(header, "phone", parse_phones, _("a phone number")),
        "id_number": _reader(header, "id_number", parse_code, ""),
        "rate": _reader(header, "rate", parse_rate_ppm, rate),
        "disbursed_on": _reader(header, "disbursed_on", parse_optional_date, a_date),
        "maturity_contract": _reader(header, "maturity_contract", parse_optional_date, a_date),
        "maturity_extended": _reader(header, "maturity_extended", parse_optional_date, a_date),
        "amount_lent": _reader(header, "amount_lent", parse_optional_money, amount),
        "principal_paid": _reader(header, "principal_paid", parse_optional_money, amount),
        "interest_unpaid": _reader(header, "interest_unpaid", parse_optional_money, amount),
        "interest_month": _reader(header, "interest_month", parse_optional_money, amount),
        "next_due_on": _reader(header, "next_due_on", parse_optional_date, a_date),
        "next_due_amount": _reader(header, "next_due_amount", parse_optional_money, amount),
        "savings_balance": _reader(header, "savings_balance", parse_optional_money, amount),
    }
    plain = {
        fld: _reader(header, fld, parse_text, "")
        for fld in (
            "entrusted_org",
            "hamlet",
            "leader_name",
            "office_name",
            "status_text",
            "classification",
            "address",
        )
    }
    has_phone = "phone" in header.positions
    has_total = "balance_total" in header.positions
    records: list[LoanRecord] = []
    first_line_of: dict[str, int] = {}
    group_of_customer: dict[str, str] = {}
    for line, cells in rows:
        if line <= header.line:
            continue
        report.rows_read += 1
        if is_blank_row(cells) or is_total_row(cells):
            report.skipped += 1
            continue
        try:
            customer_code = get["customer_code"](cells)
            if not customer_code:
                report.skipped += 1
                continue
            record = _build(
                get, plain, cells, line, has_phone, has_total, program_codes, program_names, report
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
        records.append(record)
    report.kept = len(records)
    return records


def _build(
    get: dict[str, Callable[[list[object]], Any]],
    plain: dict[str, Callable[[list[object]], Any]],
    cells: list[object],
    line: int,
    has_phone: bool,
    has_total: bool,
    program_codes: set[int],
    program_names: dict[str, int],
    report: ImportReport,
) -> LoanRecord:
    def need(fld: str, label: str) -> Any:
        value = get[fld](cells)
        if value is None or value == "":
            raise _RowError(_("missing {column}").format(column=label))
        return value

    contract_no = need("contract_no", "Số khế ước")
    customer_name = need("customer_name", "Tên KH")
    as_of = need("as_of", "Ngày số liệu")
    group_code = need("group_code", "Mã tổ")
    group_name = need("group_name", "Tên tổ")
    commune_name = get["commune_name"](cells) or ""
    commune_code = get["commune_code"](cells) or ""
    if not commune_name:
        raise _RowError(_("missing {column}").format(column="Tên xã"))

    program_code: int | None = None
    raw_code = get["program_code"](cells)
    program_name = get["program_name"](cells) or ""
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

    overdue = get["balance_overdue"](cells) or 0
    frozen = get["balance_frozen"](cells) or 0
    if has_total:
        total = get["balance_total"](cells)
        if total is None:
            raise _RowError(_("missing {column}").format(column="Tổng dư nợ"))
        current = total - overdue - frozen
        if current < 0:
            raise _RowError(_("overdue and frozen balances exceed the total balance"))
    else:
        current = get["balance_current"](cells)
        if current is None:
            raise _RowError(_("missing {column}").format(column="Dư nợ trong hạn"))

    id_number: str | None = None
    raw_id = get["id_number"](cells)
    if raw_id:
        digits = re.sub(r"\D", "", raw_id)
        if _ID_DIGITS.match(digits):
            id_number = digits
        else:
            report.warnings.append((line, _("ID number is not 9 or 12 digits; not stored")))

    return LoanRecord(
        line=line,
        customer_code=get["customer_code"](cells),
        customer_name=customer_name,
        contract_no=contract_no,
        program_code=program_code,
        program_name=program_name,
        balance_current=current,
        balance_overdue=overdue,
        balance_frozen=frozen,
        as_of=as_of,
        group_code=group_code,
        group_name=group_name,
        commune_name=commune_name,
        commune_code=commune_code,
        phones=(get["phone"](cells) or []) if has_phone else None,
        id_number=id_number,
        rate_ppm=get["rate"](cells),
        disbursed_on=get["disbursed_on"](cells),
        maturity_contract=get["maturity_contract"](cells),
        maturity_extended=get["maturity_extended"](cells),
        amount_lent=get["amount_lent"](cells),
        principal_paid=get["principal_paid"](cells),
        interest_unpaid=get["interest_unpaid"](cells),
        interest_month=get["interest_month"](cells),
        next_due_on=get["next_due_on"](cells),
        next_due_amount=get["next_due_amount"](cells),
        savings_balance=get["savings_balance"](cells),
        entrusted_org=plain["entrusted_org"](cells) or "",
        hamlet=plain["hamlet"](cells) or "",
        leader_name=plain["leader_name"](cells) or "",
        office_name=plain["office_name"](cells) or "",
        status_text=plain["status_text"](cells) or "",
        classification=plain["classification"](cells) or "",
        address=plain["address"](cells) or "",
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
) -> dict[str, int]:
    """Insert the new keys, update the changed ones; returns key → id for all of `wanted`."""
    if existing is None:
        existing = await fetch_by_keys(conn, table, table.c[key], list(wanted))
    inserts = [dict(values, **{key: k}) for k, values in wanted.items() if k not in existing]
    updates = [
        dict(values, _id=existing[k].id)
        for k, values in wanted.items()
        if k in existing and _changed(existing[k], values, fields)
    ]
    if inserts:
        for part in chunks(inserts, 5000):
            await conn.execute(table.insert(), list(part))
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
    ids = {k: row.id for k, row in existing.items()}
    if inserts:
        ids.update(
            {
                k: row.id
                for k, row in (
                    await fetch_by_keys(conn, table, table.c[key], [i[key] for i in inserts])
                ).items()
            }
        )
    return ids


async def apply_loans(
    conn: AsyncConnection, records: list[LoanRecord], report: ImportReport, *, force: bool
) -> None:
    if not records:
        raise FileRefused(_("no usable rows: nothing was stored"))
    group_as_of: dict[str, date] = {}
    for r in records:
        if r.as_of > group_as_of.get(r.group_code, date.min):
            group_as_of[r.group_code] = r.as_of
    report.as_of = max(group_as_of.values())

    stored_groups = await fetch_by_keys(conn, groups, groups.c.code, list(group_as_of))
    stale = sorted(
        code
        for code, row in stored_groups.items()
        if row.as_of_date is not None and row.as_of_date > group_as_of[code]
    )
    if stale and not force:
        newest = max(stored_groups[c].as_of_date for c in stale)
        raise FileRefused(
            _(
                "the file's data date is older than what is stored for {n} group(s) "
                "(e.g. {group}: stored {stored:%d/%m/%Y}); use --force to load it anyway"
            ).format(n=len(stale), group=stale[0], stored=newest)
        )

    resolver = CommuneResolver(conn, report, create=True)
    group_values: dict[str, dict[str, Any]] = {}
    for r in records:
        if r.group_code not in group_values:
            commune_id = await resolver.resolve(r.commune_name, r.commune_code, r.office_name)
            group_values[r.group_code] = {
                "name": r.group_name,
                "commune_id": commune_id,
                "entrusted_org": r.entrusted_org or None,
                "hamlet": r.hamlet or None,
                "leader_name": r.leader_name or None,
                "as_of_date": group_as_of[r.group_code],
            }
    group_ids = await _upsert(conn, groups, "code", group_values, _GROUP_FIELDS, report, "groups")

    stored_customers = await fetch_by_keys(
        conn, customers, customers.c.code, list({r.customer_code for r in records})
    )
    customer_values: dict[str, dict[str, Any]] = {}
    phones_of: dict[str, list[str]] = {}
    for r in records:
        if r.customer_code in customer_values:
            continue
        old = stored_customers.get(r.customer_code)
        id_last4, id_hash = (old.id_last4, old.id_hash) if old is not None else (None, None)
        if r.id_number is not None and not (
            id_last4 == r.id_number[-4:] and id_hash_matches(id_hash, r.id_number)
        ):
            id_last4, id_hash = r.id_number[-4:], hash_id_number(r.id_number)
        customer_values[r.customer_code] = {
            "full_name": r.customer_name,
            "group_id": group_ids[r.group_code],
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
        conn,
        customers,
        "code",
        customer_values,
        _CUSTOMER_FIELDS,
        report,
        "customers",
        existing=stored_customers,
    )
    await _replace_phones(conn, {customer_ids[c]: p for c, p in phones_of.items()})

    loan_values = {
        r.contract_no: {
            "customer_id": customer_ids[r.customer_code],
            "program_code": r.program_code,
            "program_name": r.program_name or None,
            "balance_current": r.balance_current,
            "balance_overdue": r.balance_overdue,
            "balance_frozen": r.balance_frozen,
            "amount_lent": r.amount_lent,
            "principal_paid": r.principal_paid,
            "rate_monthly_ppm": r.rate_ppm,
            "disbursed_on": r.disbursed_on,
            "maturity_contract": r.maturity_contract,
            "maturity_extended": r.maturity_extended,
            "interest_unpaid": r.interest_unpaid,
            "interest_month": r.interest_month,
            "next_due_on": r.next_due_on,
            "next_due_amount": r.next_due_amount,
            "status_text": r.status_text or None,
            "classification": r.classification or None,
            "as_of_date": r.as_of,
            "closed_on": None,
        }
        for r in records
    }
    await _upsert(conn, loans, "contract_no", loan_values, _LOAN_FIELDS, report, "loans")
    await _close_missing(conn, group_ids, group_as_of, set(loan_values), report)
    await _infer_leaders(conn, group_ids, report)


async def _replace_phones(conn: AsyncConnection, phones_by_id: dict[int, list[str]]) -> None:
    """Make each customer's stored phones equal the file's, touching only what differs."""
    if not phones_by_id:
        return
    stored: dict[int, set[str]] = {}
    for part in chunks(list(phones_by_id)):
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
    for part in chunks(inserts, 5000):
        await conn.execute(customer_phones.insert(), list(part))


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
