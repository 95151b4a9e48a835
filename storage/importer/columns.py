"""The four kinds of bank file, their columns, and finding the header row among the first 15."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from locales.i18n import N_
from locales.textfold import fold

HEADER_SEARCH_ROWS = 15


class Kind(StrEnum):
    LOANS = "loans"
    SCHEDULE = "schedule"
    LEADERS = "leaders"
    OFFICERS = "officers"


KIND_LABELS: dict[Kind, str] = {
    Kind.LOANS: N_("loans (HSTD credit file)"),
    Kind.SCHEDULE: N_("transaction schedule"),
    Kind.LEADERS: N_("group leaders"),
    Kind.OFFICERS: N_("officers"),
}


@dataclass(frozen=True)
class Spec:
    """Field name → accepted header names (as written by the bank), and what is required."""

    columns: dict[str, tuple[str, ...]]
    # Each entry is a set of alternatives; one of them must be present.
    required: tuple[tuple[str, ...], ...]


SPECS: dict[Kind, Spec] = {
    Kind.LOANS: Spec(
        columns={
            "customer_code": ("Mã KH", "Mã khách hàng"),
            "customer_name": ("Tên KH", "Tên khách hàng", "Họ tên khách hàng"),
            "contract_no": ("Số khế ước", "Số KU", "Số khế ước vay"),
            "program_code": ("Mã chương trình", "Mã CT", "Mã chương trình cho vay"),
            "program_name": ("Tên chương trình", "Tên CT", "Chương trình"),
            "balance_total": ("Tổng dư nợ", "Dư nợ"),
            "balance_current": ("Dư nợ trong hạn",),
            "balance_overdue": ("Dư nợ quá hạn",),
            "balance_frozen": ("Dư nợ khoanh",),
            "as_of": ("Ngày số liệu",),
            "group_code": ("Mã tổ", "Mã tổ TK&VV"),
            "group_name": ("Tên tổ", "Tên tổ TK&VV"),
            "commune_name": ("Tên xã",),
            "commune_code": ("Mã xã",),
            "phone": ("Số điện thoại", "SĐT", "Điện thoại"),
            "id_number": ("Số CMND", "Số CCCD", "Số CMND/CCCD", "CMND/CCCD"),
            "rate": ("Lãi suất",),
            "disbursed_on": ("Ngày vay", "Ngày giải ngân"),
            "maturity_contract": ("Ngày ĐH theo hợp đồng", "Ngày đến hạn theo hợp đồng"),
            "maturity_extended": ("Ngày ĐH theo Gia hạn", "Ngày đến hạn theo gia hạn"),
            "amount_lent": ("Mức vay", "Số tiền vay"),
            "principal_paid": ("Gốc đã trả",),
            "interest_unpaid": ("Lãi tồn TH", "Lãi tồn"),
            "interest_month": ("Lãi DT trong tháng", "Lãi dự thu trong tháng"),
            "next_due_on": ("Ngày đến hạn kỳ tới",),
            "next_due_amount": ("Số tiền kỳ tới",),
            "savings_balance": ("Số dư tiền gửi", "Số dư tiền gửi 105"),
            "entrusted_org": ("Tên ĐVUT",),
            "hamlet": ("Tên thôn", "Tên ấp"),
            "leader_name": ("Tên tổ trưởng",),
            "office_name": ("Tên PGD",),
            "status_text": ("Tình trạng món vay",),
            "classification": ("Phân loại",),
            "address": ("Địa chỉ",),
        },
        required=(
            ("customer_code",),
            ("customer_name",),
            ("contract_no",),
            ("program_code", "program_name"),
            ("balance_total", "balance_current"),
            ("as_of",),
            ("group_code",),
            ("group_name",),
            ("commune_name",),
        ),
    ),
    Kind.SCHEDULE: Spec(
        columns={
            "commune_name": ("Tên xã",),
            "commune_code": ("Mã xã",),
            "day_of_month": ("Ngày giao dịch",),
            "on_date": ("Ngày",),
            "time": ("Giờ", "Giờ giao dịch"),
            "place": ("Địa điểm", "Địa điểm giao dịch"),
            "group_code": ("Mã tổ",),
        },
        required=(("commune_name", "commune_code"), ("day_of_month", "on_date")),
    ),
    Kind.LEADERS: Spec(
        columns={
            "group_code": ("Mã tổ",),
            "leader_code": ("Mã KH tổ trưởng",),
            "leader_phone": ("Số điện thoại tổ trưởng", "SĐT tổ trưởng"),
            "deputy_code": ("Mã KH tổ phó",),
            "min_savings": ("Tiền gửi tối thiểu", "Mức gửi tối thiểu", "Tiết kiệm tối thiểu"),
        },
        required=(("group_code",), ("leader_code", "leader_phone")),
    ),
    Kind.OFFICERS: Spec(
        columns={
            "name": ("Họ tên", "Họ và tên"),
            "phone": ("Số điện thoại", "SĐT", "Điện thoại"),
            "scope": ("Phạm vi",),
        },
        required=(("name",), ("phone",), ("scope",)),
    ),
}

_PAREN_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


def header_key(cell: object) -> str:
    """`"Dư nợ\\n trong hạn"` and `"DƯ NỢ TRONG HẠN (đồng):"` → `"du no trong han"`."""
    if cell is None:
        return ""
    text = fold(str(cell)).rstrip(":*. ")
    return _PAREN_SUFFIX.sub("", text).strip()


_LOOKUP: dict[Kind, dict[str, str]] = {
    kind: {header_key(name): fld for fld, names in spec.columns.items() for name in names}
    for kind, spec in SPECS.items()
}


@dataclass
class Header:
    kind: Kind
    line: int
    # field name → column index
    positions: dict[str, int]
    missing: list[str]  # human labels of required columns that are absent

    def label_of(self, fld: str) -> str:
        return SPECS[self.kind].columns[fld][0]


def match_header(cells: list[object], kind: Kind) -> dict[str, int]:
    lookup = _LOOKUP[kind]
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        fld = lookup.get(header_key(cell))
        if fld is not None and fld not in positions:
            positions[fld] = index
    return positions


def find_header(rows: list[tuple[int, list[object]]]) -> Header | None:
    """The (row, kind) whose header matches the most known columns; at least two are needed."""
    best: tuple[int, int, Kind, dict[str, int]] | None = None
    for line, cells in rows[:HEADER_SEARCH_ROWS]:
        for kind in Kind:
            positions = match_header(cells, kind)
            score = len(positions)
            if score >= 2 and (best is None or score > best[0]):
                best = (score, line, kind, positions)
    if best is None:
        return None
    _score, line, kind, positions = best
    spec = SPECS[kind]
    missing = [
        " / ".join(spec.columns[alt][0] for alt in alternatives)
        for alternatives in spec.required
        if not any(alt in positions for alt in alternatives)
    ]
    return Header(kind=kind, line=line, positions=positions, missing=missing)
