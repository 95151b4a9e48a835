"""Reading the loans file's rows: each row checked and turned into a `LoanRecord`, or refused.

Nothing here touches the database; `loans.py` applies the records this module yields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from locales.formatting import format_money
from locales.i18n import _
from locales.textfold import fold
from storage.importer.ceilings import MONEY_CEILINGS, first_over_ceiling, first_too_long
from storage.importer.columns import Header
from storage.importer.common import ImportReport, RowError, is_total_row, too_long, too_much
from storage.values import (
    AmountTooLarge,
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
            except AmountTooLarge:
                raise too_much(
                    self.header.label_of(name), repr(value), MONEY_CEILINGS[name]
                ) from None
            except ValueError:
                raise RowError(
                    _("column {column}: {value!r} is not {what}").format(
                        column=self.header.label_of(name), value=value, what=self.what[name]
                    )
                ) from None
        return out


@dataclass(frozen=True)
class Programmes:
    """The programmes the database knows: codes, and folded names and short names → code."""

    codes: set[int]
    names: dict[str, int]


def parse_loan_rows(
    header: Header,
    rows: Iterable[tuple[int, list[object]]],
    report: ImportReport,
    programmes: Programmes,
) -> Iterator[LoanRecord]:
    """Check every row; yield the usable ones, report the rest with line numbers and reasons."""
    plan = _RowPlan(header)
    has_phone = "phone" in header.positions
    has_total = "balance_total" in header.positions
    seen = _SeenInFile()
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
            values = plan.values(cells)
            check_bounds(header, values)
            record = build_record(values, line, has_phone, has_total, programmes, report)
            seen.check(record)
        except RowError as exc:
            report.rejected.append((line, str(exc)))
            continue
        report.kept += 1
        yield record


class _SeenInFile:
    """A contract appears once in a file, and a customer belongs to one group in it."""

    def __init__(self) -> None:
        self.first_line_of: dict[str, int] = {}
        self.group_of_customer: dict[str, str] = {}

    def check(self, record: LoanRecord) -> None:
        earlier = self.first_line_of.get(record.contract_no)
        if earlier is not None:
            raise RowError(
                _("contract {contract} already appears on line {line}").format(
                    contract=record.contract_no, line=earlier
                )
            )
        known_group = self.group_of_customer.setdefault(record.customer_code, record.group_code)
        if known_group != record.group_code:
            raise RowError(
                _("customer {code} is in group {group} on an earlier line, not {other}").format(
                    code=record.customer_code, group=known_group, other=record.group_code
                )
            )
        self.first_line_of[record.contract_no] = record.line


def check_bounds(header: Header, v: dict[str, Any]) -> None:
    """Amounts within what a loan can be, texts within what their columns store."""
    over = first_over_ceiling(v)
    if over is not None:
        field, amount, _ceiling = over
        raise too_much(header.label_of(field), format_money(amount), MONEY_CEILINGS[field])
    long = first_too_long(v)
    if long is not None:
        field, limit = long
        raise too_long(header.label_of(field), limit)


def _need(v: dict[str, Any], fld: str, label: str) -> Any:
    value = v[fld]
    if value is None or value == "":
        raise RowError(_("missing {column}").format(column=label))
    return value


def build_record(
    v: dict[str, Any],
    line: int,
    has_phone: bool,
    has_total: bool,
    programmes: Programmes,
    report: ImportReport,
) -> LoanRecord:
    """The row's parsed cells as a record; raises RowError with the reason it cannot be one."""
    contract_no = _need(v, "contract_no", "Số khế ước")
    customer_name = _need(v, "customer_name", "Tên KH")
    as_of = _need(v, "as_of", "Ngày số liệu")
    group_code = _need(v, "group_code", "Mã tổ")
    group_name = _need(v, "group_name", "Tên tổ")
    commune_name = _need(v, "commune_name", "Tên xã")
    program_code = _programme(v, line, programmes, report)
    current, overdue, frozen = _balances(v, has_total)
    return LoanRecord(
        line=line,
        contract_no=contract_no,
        customer_code=v["customer_code"],
        group_code=group_code,
        as_of=as_of,
        loan=_loan_columns(v, contract_no, program_code, current, overdue, frozen, as_of),
        customer_name=customer_name,
        savings_balance=v["savings_balance"],
        address=v["address"] or "",
        hamlet=v["hamlet"] or "",
        phones=(v["phone"] or []) if has_phone else None,
        id_number=_id_number(v, line, report),
        group_name=group_name,
        commune_name=commune_name,
        commune_code=v["commune_code"] or "",
        office_name=v["office_name"] or "",
        entrusted_org=v["entrusted_org"] or "",
        leader_name=v["leader_name"] or "",
    )


def _programme(
    v: dict[str, Any], line: int, programmes: Programmes, report: ImportReport
) -> int | None:
    """The programme's code from `Mã chương trình` (an unknown code is a warning) or its name."""
    raw_code = v["program_code"]
    program_name = v["program_name"] or ""
    if not raw_code and not program_name:
        raise RowError(_("missing {column}").format(column="Mã chương trình / Tên chương trình"))
    if not raw_code:
        return programmes.names.get(fold(program_name))
    try:
        program_code = int(raw_code)
    except ValueError:
        raise RowError(_("programme code {code!r} is not a number").format(code=raw_code)) from None
    if program_code in programmes.codes:
        return program_code
    report.warnings.append(
        (
            line,
            _("unknown programme code {code}; kept without a programme").format(code=program_code),
        )
    )
    return None


def _balances(v: dict[str, Any], has_total: bool) -> tuple[int, int, int]:
    """Current, overdue and frozen balances; `Tổng dư nợ` is split when the file has it."""
    overdue = v["balance_overdue"] or 0
    frozen = v["balance_frozen"] or 0
    if not has_total:
        return _need(v, "balance_current", "Dư nợ trong hạn"), overdue, frozen
    current = _need(v, "balance_total", "Tổng dư nợ") - overdue - frozen
    if current < 0:
        raise RowError(_("overdue and frozen balances exceed the total balance"))
    return current, overdue, frozen


def _id_number(v: dict[str, Any], line: int, report: ImportReport) -> str | None:
    """A CCCD/CMND of 9 or 12 digits; anything else is a warning and is not stored."""
    raw_id = v["id_number"]
    if not raw_id:
        return None
    digits = _NON_DIGITS.sub("", raw_id)
    if _ID_DIGITS.match(digits):
        return digits
    report.warnings.append((line, _("ID number is not 9 or 12 digits; not stored")))
    return None


def _loan_columns(
    v: dict[str, Any],
    contract_no: str,
    program_code: int | None,
    current: int,
    overdue: int,
    frozen: int,
    as_of: date,
) -> dict[str, Any]:
    return {
        "contract_no": contract_no,
        "program_code": program_code,
        "program_name": v["program_name"] or None,
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
    }
