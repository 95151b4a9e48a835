"""Demo data: a fixed, seeded Sóc Trăng data set written as bank files and loaded by the importer.

Dates follow the chosen data date (by default yesterday), so the demo always looks current:
installments fall next month, some loans are past maturity, transaction days come up soon.
"""

from __future__ import annotations

import calendar
import csv
import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from bot.config import Settings
from handlers.officer.import_report import render_import_report
from storage.db import open_database
from storage.importer import import_file
from storage.values import round_half_up

DEMO_GROUP = "0192041"  # the first demo group: its presence means the demo is loaded
SEED = 2026

COMMUNES = [
    ("Đại Tâm", "19204", "PGD Mỹ Xuyên", 17, "07:30", "Trụ sở UBND xã Đại Tâm"),
    ("Thạnh Phú", "19207", "PGD Mỹ Xuyên", 20, "07:00", "Nhà văn hóa ấp Phú Hòa, xã Thạnh Phú"),
    ("Phú Mỹ", "19252", "PGD Mỹ Tú", 12, "08:00", "Trụ sở UBND xã Phú Mỹ"),
]
ORGS = ["Hội nông dân", "Hội liên hiệp phụ nữ", "Hội cựu chiến binh", "Đoàn thanh niên"]
GROUPS = [
    ("0192041", "Tổ TK&VV ấp Đại Nghĩa Thắng", 0, 1, "Ấp Đại Nghĩa Thắng", 14),
    ("0192042", "Tổ TK&VV ấp Tâm Kiên", 0, 0, "Ấp Tâm Kiên", 12),
    ("0192071", "Tổ TK&VV ấp Phú Hòa", 1, 2, "Ấp Phú Hòa", 12),
    ("0192072", "Tổ TK&VV ấp Thạnh Lợi", 1, 3, "Ấp Thạnh Lợi", 10),
    ("0192521", "Tổ TK&VV sóc Tà Ân", 2, 1, "Sóc Tà Ân", 12),
]
KHMER_FAMILY = ["Thạch", "Lâm", "Sơn", "Kim", "Danh", "Lý"]
KHMER_GIVEN = [
    "Sa Ri",
    "Sóc Khơl",
    "Sa Vát",
    "Thị Sà Phiên",
    "Chanh Đa",
    "Thị Mỹ Linh",
    "Văn Sóc",
    "Thị Ngọc Hân",
    "Sô Phanh",
    "Thị Sa Pho",
]
VIET_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Dương", "Hồ"]
VIET_MIDDLE = ["Văn", "Thị", "Minh", "Thị Kim", "Hoàng", "Thị Ngọc"]
VIET_GIVEN = [
    "Lan",
    "Hùng",
    "Mai",
    "Tâm",
    "Phúc",
    "Hạnh",
    "Dũng",
    "Thu",
    "Năm",
    "Bảy",
    "Út",
    "Hoa",
    "Tư",
    "Sáu",
    "Lợi",
    "Hiền",
]
# (programme code, programme name, monthly rate in %, typical amount in millions)
PROGRAMMES = [
    (1, "Cho vay hộ nghèo", 0.55, (20, 50, 80, 100)),
    (19, "Cho vay hộ cận nghèo", 0.66, (30, 50, 100)),
    (9, "Cho vay hộ mới thoát nghèo", 0.6875, (30, 50, 80)),
    (6, "Cho vay nước sạch và vệ sinh môi trường nông thôn", 0.75, (12, 20, 25)),
    (10, "Cho vay sản xuất kinh doanh vùng khó khăn", 0.75, (30, 50)),
    (3, "Cho vay giải quyết việc làm", 0.55, (50, 100)),
]
OFFICER = ("Trần Văn Bình", "0901234567", "Đại Tâm, Thạnh Phú")
OFFICER_ALL = ("Lê Thị Hồng", "0907654321", "*")

LOAN_HEADER = [
    "STT",
    "Tên PGD",
    "Mã xã",
    "Tên xã",
    "Tên thôn",
    "Mã tổ",
    "Tên tổ",
    "Tên tổ trưởng",
    "Tên ĐVUT",
    "Mã KH",
    "Tên KH",
    "Số CMND",
    "Số điện thoại",
    "Số khế ước",
    "Mã chương trình",
    "Tên chương trình",
    "Ngày vay",
    "Ngày ĐH theo hợp đồng",
    "Ngày ĐH theo Gia hạn",
    "Mức vay",
    "Gốc đã trả",
    "Dư nợ trong hạn",
    "Dư nợ quá hạn",
    "Dư nợ khoanh",
    "Lãi suất",
    "Lãi tồn TH",
    "Lãi DT trong tháng",
    "Ngày đến hạn kỳ tới",
    "Số tiền kỳ tới",
    "Số dư tiền gửi",
    "Ngày số liệu",
]


@dataclass(frozen=True)
class DemoPerson:
    name: str
    phone: str
    id_last4: str
    role: str
    group: str


@dataclass
class DemoFiles:
    paths: list[Path]
    people: list[DemoPerson]


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _name(rng: random.Random, khmer: bool) -> str:
    if khmer:
        return f"{rng.choice(KHMER_FAMILY)} {rng.choice(KHMER_GIVEN)}"
    return f"{rng.choice(VIET_FAMILY)} {rng.choice(VIET_MIDDLE)} {rng.choice(VIET_GIVEN)}"


@dataclass(frozen=True)
class _Member:
    customer: str
    name: str
    phone: str
    id_number: str


def _members(
    rng: random.Random, used: set[str], commune_code: str, g_index: int, size: int, khmer: float
) -> list[_Member]:
    """A group's members, each with a unique name, a phone and an ID number."""
    members = []
    for m in range(size):
        full = _name(rng, rng.random() < khmer)
        while full in used:
            full = _name(rng, rng.random() < khmer)
        used.add(full)
        members.append(
            _Member(
                f"KH{commune_code}{g_index:01d}{m + 1:03d}",
                full,
                f"09{rng.randrange(10_000_000, 99_999_999)}",
                f"0940{rng.randrange(10**7, 10**8)}",
            )
        )
    return members


@dataclass(frozen=True)
class _LoanFigures:
    programme: tuple[int, str, float, tuple[int, ...]]
    disbursed: date
    maturity: date
    extended: date | None
    lent: int
    paid: int
    current: int
    overdue: int
    unpaid: int
    interest_month: int
    next_due: date | None
    next_amount: int | None


def _loan(rng: random.Random, as_of: date) -> _LoanFigures:
    """One loan's figures: most are current, some past maturity, some extended."""
    programme = rng.choice(PROGRAMMES)
    p_code, _p_name, rate, amounts = programme
    lent = rng.choice(amounts) * 1_000_000
    months_ago = rng.randrange(6, 58)
    disbursed = _add_months(as_of, -months_ago)
    maturity = _add_months(disbursed, 60 if p_code != 6 else 48)
    overdue = 0
    extended: date | None = None
    situation = rng.random()
    if situation < 0.08:  # past maturity, part unpaid
        maturity = _add_months(as_of, -rng.randrange(1, 5))
        overdue = rng.choice([2, 5, 10]) * 1_000_000
    elif situation < 0.12:  # extended
        extended = _add_months(maturity, 12)
    paid = min(lent - 1_000_000, (months_ago // 6) * lent // 10)
    outstanding = lent - paid
    # To the thousand, halves up (a plain `round` would go half to even: 112.000 but 38.000).
    interest_month = round_half_up(Decimal(outstanding) * Decimal(str(rate)) / 100, 1000)
    unpaid = interest_month * rng.choice([1, 2]) if rng.random() < 0.12 else 0
    next_due = (
        None
        if overdue
        else _add_months(as_of.replace(day=1), 1 + rng.randrange(0, 5))
        + timedelta(days=rng.randrange(0, 27))
    )
    return _LoanFigures(
        programme,
        disbursed,
        maturity,
        extended,
        lent,
        paid,
        max(outstanding - overdue, 0),
        overdue,
        unpaid,
        interest_month,
        next_due,
        None if next_due is None else lent // 10,
    )


def _loan_rows(
    rng: random.Random, as_of: date
) -> tuple[list[list[object]], list[list[object]], list[DemoPerson]]:
    """The loans export's rows, the leaders file's rows and the people to try."""
    rows: list[list[object]] = []
    leaders: list[list[object]] = []
    people: list[DemoPerson] = []
    used: set[str] = set()
    for g_index, (code, name, c_index, org, hamlet, size) in enumerate(GROUPS):
        commune, commune_code, office, *_ = COMMUNES[c_index]
        members = _members(rng, used, commune_code, g_index, size, 0.8 if c_index == 2 else 0.35)
        for member in members:
            savings = rng.choice([0, 200_000, 500_000, 1_200_000, 2_500_000, 4_000_000])
            for _n in range(2 if rng.random() < 0.3 else 1):
                loan = _loan(rng, as_of)
                p_code, p_name, rate, _amounts = loan.programme
                contract = f"DA{commune_code}{len(rows) + 1:05d}"
                place = [office, commune_code, commune, hamlet, code, name, members[0].name]
                who = [ORGS[org], member.customer, member.name, member.id_number, member.phone]
                what = [contract, p_code, p_name, loan.disbursed, loan.maturity, loan.extended]
                money = [loan.lent, loan.paid, loan.current, loan.overdue, 0, rate, loan.unpaid]
                due = [loan.interest_month, loan.next_due, loan.next_amount]
                rows.append([len(rows) + 1, *place, *who, *what, *money, *due, savings, as_of])
        leaders.append(
            [code, members[0].customer, members[1].customer, rng.choice([50_000, 100_000, 200_000])]
        )
        people.append(
            DemoPerson(members[0].name, members[0].phone, members[0].id_number[-4:], "leader", name)
        )
        people.append(
            DemoPerson(
                members[3].name, members[3].phone, members[3].id_number[-4:], "borrower", name
            )
        )
    return rows, leaders, people


def _write_loans(path: Path, rows: list[list[object]], as_of: date) -> None:
    """A BCQUERY-style .xlsx: a title block, the header on row 5, a totals row at the end."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("BCQUERY")
    sheet.append(["NGÂN HÀNG CHÍNH SÁCH XÃ HỘI - CHI NHÁNH SÓC TRĂNG"])
    sheet.append(["BÁO CÁO CHI TIẾT DƯ NỢ THEO KHÁCH HÀNG"])
    sheet.append([f"Ngày số liệu: {as_of:%d/%m/%Y}"])
    sheet.append([])
    sheet.append(LOAN_HEADER)
    for row in rows:
        sheet.append(row)
    total_row: list[object] = ["Tổng cộng", *([None] * 20), sum(int(str(r[21])) for r in rows)]
    sheet.append(total_row)
    workbook.save(path)


def _write_csv(
    path: Path, header: list[str], rows: list[list[object]], delimiter: str = ","
) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=delimiter)
        out.writerow(header)
        out.writerows(rows)


def write_demo_files(folder: Path, as_of: date) -> DemoFiles:
    """Write the four bank files for the demo into `folder` (loans as a BCQUERY-style .xlsx)."""
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    rows, leaders, people = _loan_rows(rng, as_of)
    paths = [
        folder / name
        for name in (
            "demo_loans.xlsx",
            "demo_schedule.csv",
            "demo_leaders.csv",
            "demo_officers.csv",
        )
    ]
    _write_loans(paths[0], rows, as_of)
    moved = _add_months(as_of.replace(day=1), 1).replace(day=18)
    sessions: list[list[object]] = [
        [c, code, day, "", time, place, ""] for c, code, _o, day, time, place in COMMUNES
    ]
    sessions.append(
        [
            "Thạnh Phú",
            "19207",
            "",
            f"{moved:%d/%m/%Y}",
            "07:00",
            "Nhà văn hóa ấp Phú Hòa, xã Thạnh Phú",
            "",
        ]
    )
    _write_csv(
        paths[1],
        ["Tên xã", "Mã xã", "Ngày giao dịch", "Ngày", "Giờ", "Địa điểm", "Mã tổ"],
        sessions,
        ";",
    )
    _write_csv(
        paths[2], ["Mã tổ", "Mã KH tổ trưởng", "Mã KH tổ phó", "Tiền gửi tối thiểu"], leaders
    )
    _write_csv(paths[3], ["Họ tên", "Số điện thoại", "Phạm vi"], [list(OFFICER), list(OFFICER_ALL)])
    people.append(DemoPerson(OFFICER[0], OFFICER[1], "", "officer", OFFICER[2]))
    return DemoFiles(paths, people)


async def seed_demo(settings: Settings, as_of: date | None = None) -> list[str]:
    """Load the demo files into the configured database; returns the rendered reports."""
    day = as_of or (datetime.now(settings.timezone).date() - timedelta(days=1))
    engine = await open_database(settings.database_url)
    texts: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="bot-demo-") as folder:
            files = write_demo_files(Path(folder), day)
            for path in files.paths:
                report = await import_file(engine, path, force=True)
                texts.append(render_import_report(report))
                if report.error:
                    raise DemoLoadFailed(report.error)
    finally:
        await engine.dispose()
    return texts


class DemoLoadFailed(RuntimeError):
    """A demo file was refused: the importer and the demo disagree (a bug, not bad input)."""
