"""What an officer's file may change (their communes, loans and schedule files only), and what
happens to linked chats when an import changes who a customer is (phones, CCCD)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import options
from storage.importer import ImportScope, import_file, officer_scope
from storage.schema import (
    audit_log,
    chat_links,
    chat_options,
    communes,
    customers,
    groups,
    officers,
    outbox,
    schedules,
)
from tests.bankfiles import HEADER, bank_rows, count, loan, write_csv, write_xlsx

COL = {name: HEADER.index(name) for name in HEADER}
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def two_communes() -> list[list[Any]]:
    """KH001 (KU001, KU002) in group T01 of Đại Tâm; KH002 (KU003) in group T02 of Phú Mỹ."""
    rows = bank_rows()
    kh002 = rows[3]
    kh002[COL["Mã tổ"]], kh002[COL["Tên tổ"]], kh002[COL["Tên xã"]] = "T02", "Tổ 2", "Phú Mỹ"
    return [rows[0], rows[1], kh002]


def row_like(base: list[Any], **changes: Any) -> list[Any]:
    out = list(base)
    for column, value in changes.items():
        out[COL[column]] = value
    return out


async def commune_id(engine: AsyncEngine, name: str) -> int:
    async with engine.connect() as conn:
        return int(
            (await conn.execute(select(communes.c.id).where(communes.c.name == name))).scalar_one()
        )


async def loaded(engine: AsyncEngine, tmp_path: Path) -> ImportScope:
    """The two communes loaded from the command line; the scope of an officer of Đại Tâm."""
    report = await import_file(engine, write_xlsx(tmp_path / "all.xlsx", HEADER, two_communes()))
    assert report.error is None and report.kept == 3
    return ImportScope(commune_ids=frozenset({await commune_id(engine, "Đại Tâm")}))


# ---- officer scope ----


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (["Họ tên", "Số điện thoại", "Phạm vi"], ["Trần Văn Bình", "0901234567", "*"]),
        (["Mã tổ", "Mã KH tổ trưởng"], ["T01", "KH001"]),
    ],
)
async def test_an_officer_cannot_load_officers_or_leaders(
    engine: AsyncEngine, tmp_path: Path, header: list[str], row: list[str]
) -> None:
    scope = await loaded(engine, tmp_path)
    report = await import_file(engine, write_csv(tmp_path / "f.csv", header, [row]), scope=scope)
    assert report.error is not None and "\n" not in report.error
    assert "f.csv" in report.error and "lệnh nhập" in report.error
    assert await count(engine, officers) == 0
    async with engine.connect() as conn:
        assert (await conn.execute(select(groups.c.leader_customer_id))).scalars().all() != [None]


async def test_an_officer_loads_their_communes_and_the_rest_is_refused_by_line(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    scope = await loaded(engine, tmp_path)
    ku001, ku002, ku003 = two_communes()
    rows = [
        row_like(ku001, **{"Tổng dư nợ": "1.000.000"}),  # line 6: Đại Tâm, applied
        ku002,  # line 7
        row_like(ku003, **{"Tổng dư nợ": "9.000.000"}),  # line 8: Phú Mỹ
        row_like(ku003, **{"Mã KH": "KH009", "Số khế ước": "KU009", "Tên xã": "Đại Tâm"}),
        row_like(ku001, **{"Mã KH": "KH002", "Số khế ước": "KU010"}),  # KH002 lives in Phú Mỹ
    ]
    report = await import_file(
        engine, write_xlsx(tmp_path / "mine.xlsx", HEADER, rows), scope=scope
    )
    assert report.error is None and report.kept == 2
    why = dict(report.rejected)
    assert sorted(why) == [8, 9, 10]
    assert "Phú Mỹ" in why[8] and "T02" in why[9] and "KH002" in why[10]
    assert (await loan(engine, "KU001")).balance_current == 1_000_000
    assert (await loan(engine, "KU003")).balance_current == 20_000_000
    async with engine.connect() as conn:
        t02 = (await conn.execute(select(groups).where(groups.c.code == "T02"))).one()
        kh002 = (await conn.execute(select(customers).where(customers.c.code == "KH002"))).one()
        kh009 = (await conn.execute(select(customers).where(customers.c.code == "KH009"))).first()
    assert t02.commune_id == await commune_id(engine, "Phú Mỹ")
    assert kh002.group_id == t02.id and kh009 is None


async def test_an_officer_cannot_take_over_a_contract_stored_elsewhere(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    scope = await loaded(engine, tmp_path)
    ku001, ku002, _ku003 = two_communes()
    rows = [ku001, ku002, row_like(ku001, **{"Mã KH": "KH011", "Số khế ước": "KU003"})]
    report = await import_file(engine, write_xlsx(tmp_path / "m.xlsx", HEADER, rows), scope=scope)
    assert report.error is None and [line for line, _ in report.rejected] == [8]
    assert "KU003" in report.rejected[0][1]
    async with engine.connect() as conn:
        owner = await conn.scalar(
            select(customers.c.code).where(
                customers.c.id == (await loan(engine, "KU003")).customer_id
            )
        )
    assert owner == "KH002"


async def test_an_officer_of_some_communes_cannot_add_a_commune(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    scope = await loaded(engine, tmp_path)
    ku001, _ku002, _ku003 = two_communes()
    rows = [
        ku001,
        row_like(
            ku001, **{"Mã KH": "KH020", "Số khế ước": "KU020", "Mã tổ": "T20", "Tên xã": "Xã Mới"}
        ),
    ]
    report = await import_file(engine, write_xlsx(tmp_path / "n.xlsx", HEADER, rows), scope=scope)
    assert report.error is None and [line for line, _ in report.rejected] == [7]
    assert "Xã Mới" in report.rejected[0][1]
    assert await count(engine, communes) == 2


async def test_an_officer_of_every_commune_may(engine: AsyncEngine, tmp_path: Path) -> None:
    await loaded(engine, tmp_path)
    ku001, _ku002, _ku003 = two_communes()
    rows = [
        row_like(
            ku001, **{"Mã KH": "KH020", "Số khế ước": "KU020", "Mã tổ": "T20", "Tên xã": "Xã Mới"}
        )
    ]
    everywhere = ImportScope(commune_ids=None)
    report = await import_file(
        engine, write_xlsx(tmp_path / "n.xlsx", HEADER, rows), scope=everywhere
    )
    assert report.error is None and report.kept == 1 and await count(engine, communes) == 3


async def test_a_schedule_file_changes_only_the_officers_communes(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    scope = await loaded(engine, tmp_path)
    path = write_csv(
        tmp_path / "lich.csv",
        ["Tên xã", "Ngày giao dịch", "Giờ", "Mã tổ"],
        [
            ["Đại Tâm", 17, "7h30", ""],
            ["Phú Mỹ", 18, "7h30", ""],
            ["Đại Tâm", 5, "19h", "T02"],
            ["Xã Mới", 9, "7h", ""],
        ],
    )
    report = await import_file(engine, path, scope=scope)
    assert report.error is None and report.kept == 1
    why = dict(report.rejected)
    assert sorted(why) == [3, 4, 5] and "Phú Mỹ" in why[3] and "T02" in why[4]
    async with engine.connect() as conn:
        stored = (await conn.execute(select(schedules))).all()
    assert [(s.commune_id, s.day_of_month) for s in stored] == [
        (await commune_id(engine, "Đại Tâm"), 17)
    ]
    assert await count(engine, communes) == 2


async def test_the_scope_of_an_officer_is_what_the_officers_file_says(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    await loaded(engine, tmp_path)
    path = write_csv(
        tmp_path / "cb.csv",
        ["Họ tên", "Số điện thoại", "Phạm vi"],
        [["Trần Văn Bình", "0901234567", "Đại Tâm"], ["Lê Thị Hồng", "0907654321", "*"]],
    )
    assert (await import_file(engine, path)).error is None
    async with engine.connect() as conn:
        ids = {r.phone: r.id for r in await conn.execute(select(officers))}
        binh = await officer_scope(conn, ids["0901234567"])
        hong = await officer_scope(conn, ids["0907654321"])
    assert binh.commune_ids == frozenset({await commune_id(engine, "Đại Tâm")})
    assert hong.every_commune and hong.officer_id == ids["0907654321"]


# ---- who a customer is ----


async def link(engine: AsyncEngine, customer_code: str, chat_id: str) -> None:
    """A chat linked to the customer, with a reminder waiting to be sent to it and the
    options of the last message it was shown."""
    async with engine.begin() as conn:
        customer = await conn.scalar(
            select(customers.c.id).where(customers.c.code == customer_code)
        )
        await conn.execute(
            chat_links.insert().values(
                channel="telegram",
                chat_id=chat_id,
                customer_id=customer,
                role="borrower",
                locale="vi",
                created_at=NOW,
                linked_at=NOW,
            )
        )
        await conn.execute(
            outbox.insert().values(
                channel="telegram",
                chat_id=chat_id,
                text="Dư nợ của bạn còn 1.250.000 đ",
                kind="reminder",
                dedupe_key=f"test:{chat_id}",
                next_attempt_at=NOW,
                created_at=NOW,
            )
        )
        await options.remember(conn, "telegram", chat_id, [("Xác nhận", "consent:yes")], NOW)


async def links_and_waiting(engine: AsyncEngine) -> tuple[list[str], list[str]]:
    async with engine.connect() as conn:
        linked = sorted((await conn.execute(select(chat_links.c.chat_id))).scalars())
        waiting = sorted(
            (
                await conn.execute(select(outbox.c.chat_id).where(outbox.c.status == "pending"))
            ).scalars()
        )
    return linked, waiting


@pytest.mark.parametrize(
    ("column", "value"),
    [("Số điện thoại", "0977 000 111"), ("Số CMND", "079123450000")],
)
async def test_a_new_phone_or_cccd_unlinks_the_customers_chats(
    engine: AsyncEngine, tmp_path: Path, column: str, value: str
) -> None:
    rows = two_communes()
    await import_file(engine, write_xlsx(tmp_path / "a.xlsx", HEADER, rows))
    await link(engine, "KH001", "111")
    await link(engine, "KH002", "222")
    changed = [row_like(rows[0], **{column: value}), row_like(rows[1], **{column: value}), rows[2]]
    report = await import_file(engine, write_xlsx(tmp_path / "b.xlsx", HEADER, changed))
    assert report.error is None and report.counts["chats_unlinked"] == 1
    assert any("1" in note and "liên kết lại" in note for note in report.notes)
    assert await links_and_waiting(engine) == (["222"], ["222"])
    async with engine.connect() as conn:
        shown = sorted((await conn.execute(select(chat_options.c.chat_id))).scalars())
    assert shown == ["222"]  # a "1" typed in the unlinked chat presses nothing
    async with engine.connect() as conn:
        kh001 = await conn.scalar(select(customers.c.id).where(customers.c.code == "KH001"))
        audit = (await conn.execute(select(audit_log))).one()
    assert (audit.action, audit.subject) == ("import_identity_change", f"customer:{kh001}")


async def test_the_same_file_again_unlinks_nobody(engine: AsyncEngine, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", HEADER, two_communes())
    await import_file(engine, path)
    await link(engine, "KH001", "111")
    again = await import_file(engine, path)
    assert again.error is None and again.counts["chats_unlinked"] == 0
    assert await links_and_waiting(engine) == (["111"], ["111"])
    assert await count(engine, audit_log) == 0
