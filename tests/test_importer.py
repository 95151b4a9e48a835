"""The bank-file importer on small files built here: what is stored, skipped, rejected, refused."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import open_database
from storage.importer import import_file
from storage.schema import (
    communes,
    customer_phones,
    customers,
    groups,
    import_batches,
    loans,
    metadata,
    officer_communes,
    officers,
    programs,
    schedules,
)
from tests.bankfiles import write_csv, write_xlsx

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


async def test_bank_style_xlsx(engine: AsyncEngine, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hstd.xlsx", HEADER, bank_rows())
    report = await import_file(engine, path)
    assert report.error is None and report.kind == "loans"
    assert report.rows_read == 6
    assert (report.kept, report.skipped) == (3, 2)
    assert report.rejected == [(10, "thiếu Số khế ước")]
    assert report.counts["loans_added"] == 3 and report.counts["customers_added"] == 2
    await assert_bank_file_stored(engine)


async def test_same_data_as_semicolon_csv_with_bom(engine: AsyncEngine, tmp_path: Path) -> None:
    rows = [[c.strftime("%d/%m/%Y") if isinstance(c, date) else c for c in r] for r in bank_rows()]
    path = write_csv(tmp_path / "hstd.csv", HEADER, rows)
    report = await import_file(engine, path)
    assert report.error is None and report.kind == "loans"
    assert (report.kept, report.skipped, len(report.rejected)) == (3, 2, 1)
    assert report.rejected[0][0] == 6
    await assert_bank_file_stored(engine)


async def test_comma_csv_without_bom_and_trong_han_columns(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    header = [
        "Mã KH",
        "Tên KH",
        "Số khế ước",
        "Tên chương trình",
        "Dư nợ trong hạn",
        "Dư nợ quá hạn",
        "Ngày số liệu",
        "Mã tổ",
        "Tên tổ",
        "Tên xã",
    ]
    rows = [
        [
            "KH9",
            "Danh Sóc",
            "KU9",
            "Cho vay hộ cận nghèo",
            "10.000.000",
            "2.000.000",
            "31/10/2026",
            "T9",
            "Tổ 9",
            "Phú Mỹ",
        ]
    ]
    report = await import_file(
        engine, write_csv(tmp_path / "a.csv", header, rows, delimiter=",", bom=False)
    )
    assert report.error is None
    ku = await loan(engine, "KU9")
    assert (ku.program_code, ku.balance_current, ku.balance_overdue) == (19, 10_000_000, 2_000_000)


async def test_rejected_rows_name_line_and_reason_and_the_rest_is_applied(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    rows = bank_rows()
    rows[0][5] = "mười triệu"
    rows[1][7] = "31/02/2026"
    path = write_xlsx(tmp_path / "bad.xlsx", HEADER, rows)
    report = await import_file(engine, path)
    assert report.error is None
    reasons = dict(report.rejected)
    assert "Tổng dư nợ" in reasons[6] and "mười triệu" in reasons[6]
    assert "Ngày số liệu" in reasons[7]
    assert await count(engine, loans) == 1


async def test_duplicate_contract_in_one_file_is_rejected(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    rows = bank_rows()[:2]
    rows[1][3] = "KU001"
    report = await import_file(engine, write_xlsx(tmp_path / "d.xlsx", HEADER, rows))
    assert report.rejected and report.rejected[0][0] == 7
    assert "KU001" in report.rejected[0][1] and "6" in report.rejected[0][1]


async def test_reimporting_the_same_file_changes_nothing(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "hstd.xlsx", HEADER, bank_rows())
    await import_file(engine, path)
    async with engine.connect() as conn:
        before = [tuple(r) for r in await conn.execute(select(loans).order_by(loans.c.id))]
        cust_before = [
            tuple(r) for r in await conn.execute(select(customers).order_by(customers.c.id))
        ]
    again = await import_file(engine, path)
    assert again.error is None
    assert {k: v for k, v in again.counts.items() if v} == {}
    async with engine.connect() as conn:
        after = [tuple(r) for r in await conn.execute(select(loans).order_by(loans.c.id))]
        cust_after = [
            tuple(r) for r in await conn.execute(select(customers).order_by(customers.c.id))
        ]
    assert before == after and cust_before == cust_after


async def test_snapshot_closes_missing_loans_updates_changed_ones(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    await import_file(engine, write_xlsx(tmp_path / "oct.xlsx", HEADER, bank_rows()))
    newer = bank_rows(date(2026, 11, 30))
    del newer[1]  # KU002 repaid
    newer[0][5] = "1.000.000"
    report = await import_file(engine, write_xlsx(tmp_path / "nov.xlsx", HEADER, newer))
    assert report.error is None
    assert report.counts["loans_closed"] == 1 and report.counts["loans_updated"] == 2
    assert (await loan(engine, "KU002")).closed_on == date(2026, 11, 30)
    assert (await loan(engine, "KU001")).balance_current == 1_000_000
    assert (await loan(engine, "KU001")).closed_on is None


async def test_older_file_is_refused_unless_forced(engine: AsyncEngine, tmp_path: Path) -> None:
    await import_file(engine, write_xlsx(tmp_path / "oct.xlsx", HEADER, bank_rows()))
    older = bank_rows(date(2026, 9, 30))
    older[0][5] = "9.999.000"
    path = write_xlsx(tmp_path / "sep.xlsx", HEADER, older)
    refused = await import_file(engine, path)
    assert refused.error is not None and "--force" in refused.error and "T01" in refused.error
    assert (await loan(engine, "KU001")).balance_current == 1_250_000
    forced = await import_file(engine, path, force=True)
    assert forced.error is None
    assert (await loan(engine, "KU001")).balance_current == 9_999_000


async def test_schedule_file_monthly_day_and_moved_session(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    await import_file(engine, write_xlsx(tmp_path / "l.xlsx", HEADER, bank_rows()))
    header = ["STT", "Tên xã", "Ngày giao dịch", "Ngày", "Giờ", "Địa điểm", "Mã tổ"]
    rows = [
        [1, "Đại Tâm", 17, None, "7h30", "Trụ sở UBND xã Đại Tâm", None],
        [2, "dai tam", None, "18/12/2026", "07:00", "Trụ sở UBND xã Đại Tâm", None],
        [3, "Đại Tâm", 5, None, "19 giờ", "Nhà văn hóa ấp", "T01"],
        [4, "Đại Tâm", 45, None, None, None, None],
        [5, "Đại Tâm", 9, None, None, None, "T77"],
    ]
    path = write_xlsx(tmp_path / "lich.xlsx", header, rows, title=False)
    report = await import_file(engine, path)
    assert report.kind == "schedule" and report.error is None
    assert report.kept == 3 and [line for line, _ in report.rejected] == [5, 6]
    async with engine.connect() as conn:
        stored = (await conn.execute(select(schedules).order_by(schedules.c.id))).all()
    assert [(s.day_of_month, s.on_date, s.start_time) for s in stored] == [
        (17, None, "07:30"),
        (None, date(2026, 12, 18), "07:00"),
        (5, None, "19:00"),
    ]
    assert stored[2].group_id is not None
    again = await import_file(engine, path)
    assert not any(again.counts.values())
    assert await count(engine, communes) == 1


async def test_leaders_file_by_code_and_by_phone(engine: AsyncEngine, tmp_path: Path) -> None:
    await import_file(engine, write_xlsx(tmp_path / "l.xlsx", HEADER, bank_rows()))
    header = ["Mã tổ", "Mã KH tổ trưởng", "Số điện thoại tổ trưởng", "Mã KH tổ phó"]
    path = write_csv(
        tmp_path / "tt.csv",
        header,
        [
            ["T01", "", "0987654321", "KH001"],
            ["T99", "KH001", "", ""],
            ["T01", "KH404", "", ""],
        ],
    )
    report = await import_file(engine, path)
    assert report.kind == "leaders" and report.kept == 1
    assert [line for line, _ in report.rejected] == [3, 4]
    async with engine.connect() as conn:
        group = (await conn.execute(select(groups))).one()
        by_code = {r.id: r.code for r in await conn.execute(select(customers))}
    assert by_code[group.leader_customer_id] == "KH002"
    assert by_code[group.deputy_customer_id] == "KH001"


async def test_officers_file_with_scope(engine: AsyncEngine, tmp_path: Path) -> None:
    await import_file(engine, write_xlsx(tmp_path / "l.xlsx", HEADER, bank_rows()))
    path = write_csv(
        tmp_path / "cb.csv",
        ["Họ tên", "Số điện thoại", "Phạm vi"],
        [
            ["Trần Văn Bình", "901234567", "Đại Tâm"],
            ["Lê Thị Hồng", "0907654321", "*"],
            ["Võ Văn Tư", "0908000000", "Xã Không Có"],
        ],
    )
    report = await import_file(engine, path)
    assert report.kind == "officers" and report.kept == 2
    assert report.rejected[0][0] == 4 and "Xã Không Có" in report.rejected[0][1]
    async with engine.connect() as conn:
        stored = {r.phone: r for r in await conn.execute(select(officers))}
        scoped = (await conn.execute(select(officer_communes))).all()
    assert stored["0907654321"].scope_all and not stored["0901234567"].scope_all
    assert len(scoped) == 1


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.csv", b"", "rỗng"),
        ("blank.csv", b"\xef\xbb\xbf\n\n", "rỗng"),
        ("report.pdf", b"%PDF-1.4 ...", "không phải bảng tính"),
        ("fake.xlsx", b"this is not a zip file at all", "không đọc được"),
        ("other.csv", "Tên;Tuổi\nAn;30\n".encode(), "không phải một trong các tệp"),
        ("latin1.csv", "Mã KH;Tên KH\nKH1;L\xe2m\n".encode("latin-1"), "UTF-8"),
    ],
)
async def test_unusable_files_are_refused_with_one_clear_sentence(
    engine: AsyncEngine, tmp_path: Path, name: str, content: bytes, needle: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    report = await import_file(engine, path)
    assert report.error is not None and name in report.error and needle in report.error
    assert "\n" not in report.error
    assert await count(engine, import_batches) == 0


async def test_missing_required_column_names_it_and_stores_nothing(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    header = [h for h in HEADER if h != "NGÀY SỐ LIỆU"]
    rows = [[c for i, c in enumerate(r) if HEADER[i] != "NGÀY SỐ LIỆU"] for r in bank_rows()]
    report = await import_file(engine, write_xlsx(tmp_path / "x.xlsx", header, rows))
    assert report.error is not None and "Ngày số liệu" in report.error
    assert await count(engine, loans) == 0 and await count(engine, customers) == 0


async def test_header_below_row_15_is_not_found(engine: AsyncEngine, tmp_path: Path) -> None:
    path = tmp_path / "deep.csv"
    write_csv(path, HEADER, bank_rows())
    path.write_text("\n" * 15 + path.read_text(encoding="utf-8-sig"), encoding="utf-8")
    report = await import_file(engine, path)
    assert report.error is not None and "15" in report.error


async def test_migrations_from_empty_to_head(db_url: str) -> None:
    engine = await open_database(db_url)
    try:
        async with engine.connect() as conn:
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
            version = (
                await conn.exec_driver_sql("SELECT version_num FROM alembic_version")
            ).scalar()
            seeded = {r.code: r.rate_monthly_ppm for r in await conn.execute(select(programs))}
            sqlite = conn.dialect.name == "sqlite"
            journal = (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar() if sqlite else 0
            fks = (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar() if sqlite else 0
            drift = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), metadata)
            )
    finally:
        await engine.dispose()
    assert {"loans", "customers", "outbox", "tallies", "dialog_states", "audit_log"} <= tables
    assert {"broadcasts", "meetings", "meeting_answers"} <= tables
    assert "chat_options" in tables
    assert version == "0003_zalo"
    assert drift == []  # the migrations build exactly what storage/schema.py describes
    assert seeded[1] == 5500 and seeded[19] == 6600 and len(seeded) >= 10
    assert not sqlite or (journal == "wal" and fks == 1)
    again = await open_database(db_url)  # idempotent on an up-to-date database
    await again.dispose()


async def test_batch_log_records_each_import(engine: AsyncEngine, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hstd.xlsx", HEADER, bank_rows())
    await import_file(engine, path)
    async with engine.connect() as conn:
        batch = (await conn.execute(select(import_batches))).one()
    assert batch.kind == "loans" and batch.rows_kept == 3 and batch.as_of_date == AS_OF
    assert isinstance(batch.imported_at, datetime)


async def test_customer_split_across_batches_is_stored_once(
    engine: AsyncEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.importer.loans.BATCH_SIZE", 1)
    path = write_xlsx(tmp_path / "hstd.xlsx", HEADER, bank_rows())
    report = await import_file(engine, path)
    assert report.error is None
    assert report.counts["customers_added"] == 2 and report.counts["loans_added"] == 3
    await assert_bank_file_stored(engine)
    again = await import_file(engine, path)
    assert not any(again.counts.values())
