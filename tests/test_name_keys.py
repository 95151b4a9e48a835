"""Customers' names said in a question are looked up by a folded key with an index
(storage/name_keys.py, migration 0013): the key is the name as people type it (no diacritics,
any case, a hyphen as a space), a message's runs of words are bounded however long it is, and
the upgrade gives the customers already stored their keys."""

from __future__ import annotations

from sqlalchemy import text

from storage import borrowers
from storage.db import open_database
from storage.name_keys import WORDS_READ, name_key, spans
from tests.test_options_table import upgrade_to


def test_a_name_is_keyed_as_people_type_it() -> None:
    assert name_key("Thạch Thị Sa-Ri") == name_key("thach thi sa ri") == "thach thi sa ri"
    assert name_key("ĐỖ VĂN ƠN") == "do van on"
    assert "thach thi sa ri" in spans("co Thach Thi Sa Ri no bao nhieu")
    assert "so phanh" in spans("danh so phanh no bn")


def test_a_long_message_is_read_for_names_only_so_far() -> None:
    flood = " ".join(f"w{n}" for n in range(10_000))
    keys = spans(flood)
    assert len(keys) <= 5 * WORDS_READ
    assert f"w{WORDS_READ - 2} w{WORDS_READ - 1}" in keys
    assert f"w{WORDS_READ} w{WORDS_READ + 1}" not in keys


async def test_the_upgrade_keys_the_names_already_stored(db_url: str) -> None:
    engine = await open_database(db_url, migrate=False)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(upgrade_to("0012"))
            for statement in (
                "INSERT INTO communes (id, name, name_key) VALUES (1, 'Đại Tâm', 'dai tam'),"
                " (2, 'Phú Mỹ', 'phu my')",
                "INSERT INTO groups (id, code, name, commune_id) VALUES (1, 'T01', 'Tổ 1', 1),"
                " (2, 'T02', 'Tổ 2', 2)",
                "INSERT INTO customers (id, code, full_name, group_id) VALUES"
                " (1, 'C1', 'Danh Sô Phanh', 1), (2, 'C2', 'Kim Sa Vát', 2)",
            ):
                await conn.execute(text(statement))
        async with engine.begin() as conn:
            await conn.run_sync(upgrade_to("head"))
            here = await borrowers.names_said_in_commune(conn, 1, "danh so phanh no bn")
            elsewhere = await borrowers.names_said_in_commune(conn, 1, "kim sa vat no bn")
            there = await borrowers.names_said_in_commune(conn, 2, "KIM SA VAT con no bao nhieu")
    finally:
        await engine.dispose()
    assert here == ["Danh Sô Phanh"]
    assert elsewhere == []  # of another commune
    assert there == ["Kim Sa Vát"]
