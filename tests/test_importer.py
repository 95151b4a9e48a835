"""The bank-file importer on small files built here: what is stored, skipped, rejected, refused."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import alembic_config, open_database
from storage.importer import import_file
from storage.schema import (
    communes,
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
from tests.bankfiles import (
    AS_OF,
    HEADER,
    assert_bank_file_stored,
    bank_rows,
    count,
    loan,
    write_csv,
    write_xlsx,
)


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
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
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
    monkeypatch.setattr("storage.importer.staged.CHUNK_RECORDS", 1)
    monkeypatch.setattr("storage.importer.staged.GROUP_SLACK", 1)
    path = write_xlsx(tmp_path / "hstd.xlsx", HEADER, bank_rows())
    report = await import_file(engine, path)
    assert report.error is None
    assert report.counts["customers_added"] == 2 and report.counts["loans_added"] == 3
    await assert_bank_file_stored(engine)
    again = await import_file(engine, path)
    assert not any(again.counts.values())
