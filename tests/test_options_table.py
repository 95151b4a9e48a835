"""One table for the options a chat was last shown (storage/options.py): Zalo's numbered
options, which had a table of their own in 0006, move into it on upgrade; unlinking a chat
forgets them, so a "1" typed after `/huy` presses nothing of the person's old session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from alembic import command
from sqlalchemy import inspect, text

from bot.channels.zalo.options import NumberedChat
from bot.channels.zalo.render import Option
from storage import links, options
from storage.db import alembic_config, open_database
from tests.bot_fixtures import NOW, Harness


def upgrade_to(revision: str) -> Callable[[object], None]:
    def run(connection: object) -> None:
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)

    return run


async def test_the_upgrade_moves_zalo_options_into_the_one_table(db_url: str) -> None:
    engine = await open_database(db_url, migrate=False)
    older = NOW - timedelta(minutes=1)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(upgrade_to("0006"))
            generic = "INSERT INTO chat_options (channel, chat_id, options, at) VALUES "
            zalo = "INSERT INTO zalo_options (channel, chat_id, options, updated_at) VALUES "
            for statement, chat, kept, at in (
                (generic, "telegram:1", '[["Xác nhận", "consent:yes"]]', NOW),
                (generic, "zalo:z1", '[["Hủy", "tally:cancel"]]', older),  # the router's
                (zalo, "zalo:z1", '[["Xác nhận nộp", "tally:ok"], ["Hủy", "tally:cancel"]]', NOW),
                (zalo, "zalo:z2", '[["Xác nhận: tôi đồng ý", "consent:yes"]]', NOW),
            ):
                channel, chat_id = chat.split(":")
                await conn.execute(
                    text(statement + "(:channel, :chat_id, :options, :at)"),
                    {"channel": channel, "chat_id": chat_id, "options": kept, "at": at},
                )
        async with engine.begin() as conn:
            await conn.run_sync(upgrade_to("head"))
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
            z1 = await options.recall(conn, "zalo", "z1", NOW)
            z2 = await options.recall(conn, "zalo", "z2", NOW)
            telegram = await options.recall(conn, "telegram", "1", NOW)
    finally:
        await engine.dispose()
    assert "zalo_options" not in tables
    assert z1 == (("Xác nhận nộp", "tally:ok"), ("Hủy", "tally:cancel"))  # all Zalo showed
    assert z2 == (("Xác nhận: tôi đồng ý", "consent:yes"),)
    assert telegram == (("Xác nhận", "consent:yes"),)


async def test_unlinking_forgets_the_numbered_options(harness: Harness) -> None:
    engine = harness.engine
    numbered = NumberedChat(engine, "zalo", lambda: NOW)
    await numbered.remember("z1", [Option(1, "Xác nhận: tôi đồng ý", "consent:yes")])
    pressed = await numbered.read("z1", "z1", "1")
    assert pressed.button == "consent:yes"
    async with engine.begin() as conn:
        await links.forget_chat(conn, "zalo", "z1")
    typed = await numbered.read("z1", "z1", "1")
    assert typed.button is None and typed.text == "1"
