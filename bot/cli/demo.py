"""Demo data: a fixed, seeded Sóc Trăng data set written as bank files and loaded by the importer.

Dates follow the chosen data date (by default yesterday), so the demo always looks current:
installments fall next month, some loans are past maturity, transaction days come up soon.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

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
    year = day.year + month // 12
    month = month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return date(year, month, min(day.day, last))


def _name(rng: random.Random, khmer: bool) -> str:
    if khmer:
        return f"{rng.choice(KHMER_FAMILY)} {rng.choice(KHMER_GIVEN)}"
    return f"{rng.choice(VIET_FAMILY)} {rng.choice(VIET_MIDDLE)} {rng.choice(VIET_GIVEN)}"


def write_demo_files(folder: Path, as_of: date) -> DemoFiles:
    """Write the four bank files for the demo into `folder` (loans as a BCQUERY-style .xlsx)."""
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[list[object]] = []
    leaders: list[list[object]] = []
    people: list[DemoPerson] = []
    used_names: set[str] = set()
    contract = 0
    for g_index, (code, name, c_index, org, hamlet, size) in enumerate(GROUPS):
        commune, commune_code, office, *_ = COMMUNES[c_index]
        khmer_share = 0.8 if c_index == 2 else 0.35
        members: list[tuple[str, str, str, str]] = []
        for m in range(size):
            full = _name(rng, rng.random() < khmer_share)
            while full in used_names:
                full = _name(rng, rng.random() < khmer_share)
            used_names.add(full)
            customer = f"KH{commune_code}{g_index:01d}{m + 1:03d}"
            phone = f"09{rng.randrange(10_000_000, 99_999_999)}"
            id_number = f"0940{rng.randrange(10**7, 10**8)}"
            members.append((customer, full, phone, id_number))
        leader_name = members[0][1]
        for customer, full, phone, id_number in members:
            savings = rng.choice([0, 200_000, 500_000, 1_200_000, 2_500_000, 4_000_000])
            for _n in range(2 if rng.random() < 0.3 else 1):
                contract += 1
                p_code, p_name, rate, amounts = rng.choice(PROGRAMMES)
                lent = rng.choice(amounts) * 1_000_000
                months_ago = rng.randrange(6, 58)
                disbursed = _add_months(as_of, -months_ago)
                term = 60 if p_code != 6 else 48
                maturity = _add_months(disbursed, term)
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
                current = max(outstanding - overdue, 0)
                interest_month = round(outstanding * rate / 100 / 1000) * 1000
                unpaid = interest_month * rng.choice([1, 2]) if rng.random() < 0.12 else 0
                next_due = (
                    None
                    if overdue
                    else _add_months(as_of.replace(day=1), 1 + rng.randrange(0, 5))
                    + timedelta(days=rng.randrange(0, 27))
                )
                next_amount = None if next_due is None else lent // 10
                rows.append(
                    [
                        len(rows) + 1,
                        office,
                        commune_code,
                        commune,
                        hamlet,
                        code,
                        name,
                        leader_name,
                        ORGS[org],
                        customer,
                        full,
                        id_number,
                        phone,
                        f"DA{commune_code}{contract:05d}",
                        p_code,
                        p_name,
                        disbursed,
                        maturity,
                        extended,
                        lent,
                        paid,
                        current,
                        overdue,
                        0,
                        rate,
                        unpaid,
                        interest_month,
                        next_due,
                        next_amount,
                        savings,
                        as_of,
                    ]
                )
        deputy = members[1][0]
        leaders.append([code, members[0][0], deputy, rng.choice([50_000, 100_000, 200_000])])
        people.append(DemoPerson(members[0][1], members[0][2], members[0][3][-4:], "leader", name))
        people.append(
            DemoPerson(members[3][1], members[3][2], members[3][3][-4:], "borrower", name)
        )

    loans_path = folder / "demo_loans.xlsx"
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
    workbook.save(loans_path)

    schedule_path = folder / "demo_schedule.csv"
    moved = _add_months(as_of.replace(day=1), 1).replace(day=18)
    with schedule_path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["Tên xã", "Mã xã", "Ngày giao dịch", "Ngày", "Giờ", "Địa điểm", "Mã tổ"])
        for commune, commune_code, _office, day, time, place in COMMUNES:
            out.writerow([commune, commune_code, day, "", time, place, ""])
        out.writerow(
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
    leaders_path = folder / "demo_leaders.csv"
    with leaders_path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Mã tổ", "Mã KH tổ trưởng", "Mã KH tổ phó", "Tiền gửi tối thiểu"])
        out.writerows(leaders)
    officers_path = folder / "demo_officers.csv"
    with officers_path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Họ tên", "Số điện thoại", "Phạm vi"])
        out.writerow(OFFICER)
        out.writerow(OFFICER_ALL)
    people.append(DemoPerson(OFFICER[0], OFFICER[1], "", "officer", OFFICER[2]))
    return DemoFiles([loans_path, schedule_path, leaders_path, officers_path], people)
