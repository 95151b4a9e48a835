"""Bank-style files for tests: a BCQUERY `.xlsx` with a title block, or `;` CSV with BOM,
the loans file's header and rows, and counting what was stored."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.schema import customer_phones, customers, groups, loans

TITLE = [
    ["NGÂN HÀNG CHÍNH SÁCH XÃ HỘI"],
    ["BÁO CÁO CHI TIẾT DƯ NỢ"],
    ["Chi nhánh Sóc Trăng"],
    [],
]


def write_xlsx(
    path: Path,
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    *,
    title: bool = True,
    sheet: str = "BCQUERY",
) -> Path:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = sheet
    for line in TITLE if title else []:
        ws.append(list(line))
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    workbook.save(path)
    return path


def write_csv(
    path: Path,
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    *,
    delimiter: str = ";",
    bom: bool = True,
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=delimiter)
        out.writerow(header)
        for row in rows:
            out.writerow(["" if v is None else v for v in row])
    return path


HEADER = [
    "STT",
    "Mã KH",
    "Tên KH",
    "Số khế ước",
    "Mã chương trình",
    "Tổng dư nợ",
    "Dư nợ\n quá hạn",
    "NGÀY SỐ LIỆU",
    "Mã tổ",
    "Tên tổ",
    "Tên xã",
    "Số điện thoại",
    "Số CMND",
    "Lãi suất",
    "Lãi tồn TH",
    "Lãi DT trong tháng",
    "Ngày đến hạn kỳ tới",
    "Số tiền kỳ tới",
    "Số dư tiền gửi",
    "Ngày ĐH theo hợp đồng",
    "Tên tổ trưởng",
]
AS_OF = date(2026, 10, 31)


def bank_rows(as_of: Any = AS_OF) -> list[list[Any]]:
    """Text and float amounts, phones without 0 and with +84, Excel and text dates, a blank
    row, a total row and a row without contract number."""
    return [
        [
            1,
            "KH001",
            "Lâm Thị Sa Ri",
            "KU001",
            1,
            "1.250.000",
            0,
            as_of,
            "T01",
            "Tổ ấp 3",
            "Đại Tâm",
            912345678,
            "079123456789",
            "0,55",
            "0",
            6875,
            "15/12/2026",
            "500.000",
            "300.000",
            "20/03/2028",
            "Lâm Thị Sa Ri",
        ],
        [
            2,
            "KH001",
            "Lâm Thị Sa Ri",
            "KU002",
            19,
            18000000.0,
            "500.000",
            as_of,
            "T01",
            "Tổ ấp 3",
            "Đại Tâm",
            "+84 912 345 678",
            "079123456789",
            0.66,
            118800.0,
            118800.0,
            None,
            None,
            "300.000",
            "2026-09-30",
            "Lâm Thị Sa Ri",
        ],
        [None] * len(HEADER),
        [
            3,
            "KH002",
            "Thạch Sơn",
            "KU003",
            6,
            "20,000,000",
            0,
            as_of.strftime("%d/%m/%Y") if isinstance(as_of, date) else as_of,
            "T01",
            "Tổ ấp 3",
            "Đại Tâm",
            "0987 654 321; 0912 000 111",
            "",
            "0,75",
            0,
            150000,
            None,
            None,
            0,
            None,
            "Lâm Thị Sa Ri",
        ],
        [
            4,
            "KH003",
            "Nguyễn Văn Năm",
            "",
            1,
            "5.000.000",
            0,
            as_of,
            "T01",
            "Tổ ấp 3",
            "Đại Tâm",
            "",
            "",
            "0,55",
            0,
            0,
            None,
            None,
            0,
            None,
            "Lâm Thị Sa Ri",
        ],
        [
            "Tổng cộng",
            None,
            None,
            None,
            None,
            39250000,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
    ]


async def count(engine: AsyncEngine, table: Any) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(table))).scalar_one())


async def loan(engine: AsyncEngine, contract: str) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(select(loans).where(loans.c.contract_no == contract))).one()


async def assert_bank_file_stored(engine: AsyncEngine) -> None:
    assert await count(engine, customers) == 2
    assert await count(engine, loans) == 3
    ku1, ku2, ku3 = [await loan(engine, c) for c in ("KU001", "KU002", "KU003")]
    assert (ku1.balance_current, ku1.balance_overdue) == (1_250_000, 0)
    assert (ku2.balance_current, ku2.balance_overdue) == (17_500_000, 500_000)
    assert ku3.balance_current == 20_000_000
    assert ku1.rate_monthly_ppm == 5500 and ku2.rate_monthly_ppm == 6600
    assert ku1.next_due_on == date(2026, 12, 15) and ku1.next_due_amount == 500_000
    assert ku1.maturity_contract == date(2028, 3, 20)
    assert ku2.maturity_contract == date(2026, 9, 30)
    assert ku2.interest_unpaid == 118_800 and ku1.interest_month == 6_875
    assert {ku1.as_of_date, ku3.as_of_date} == {AS_OF}
    async with engine.connect() as conn:
        phones = sorted(
            (r.phone, r.code)
            for r in await conn.execute(
                select(customer_phones.c.phone, customers.c.code).join(customers)
            )
        )
        sari = (await conn.execute(select(customers).where(customers.c.code == "KH001"))).one()
        group = (await conn.execute(select(groups))).one()
    assert phones == [("0912000111", "KH002"), ("0912345678", "KH001"), ("0987654321", "KH002")]
    assert sari.id_last4 == "6789" and "079123456789" not in (sari.id_hash or "")
    assert sari.savings_balance == 300_000
    assert group.leader_customer_id == sari.id


def with_sheet_xml(path: Path, sheet_xml: str) -> Path:
    """The `.xlsx` at `path` with its first sheet's XML replaced: a file no library would
    write, as a hostile or broken exporter might."""
    original = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def sheet_xml(cells: str, dimension: str | None = None) -> str:
    """A worksheet's XML around `cells` (`<row>` elements)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{main}">{dim}<sheetData>{cells}</sheetData></worksheet>'


def inline_row(number: int, texts: Sequence[str], first: str = "A") -> str:
    """A `<row>` of text cells from column `first` (one letter, or `AZ`, `XFD` for one cell)."""
    refs = [first] if len(first) > 1 else [chr(ord(first) + i) for i in range(len(texts))]
    cells = "".join(
        f'<c r="{ref}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
        for ref, text in zip(refs, texts, strict=True)
    )
    return f'<row r="{number}">{cells}</row>'
