"""What the tally stories share: the real bot polling the fake Bot API on a clock the test can
move (`clock`, a fixture for every test through conftest), one person's side of the chat, the
leader with the draft open, the submitted lines, and a group with several members named Tâm
(as the demo's first group has) for the stories about names."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.channels.telegram.updates import polling
from bot.inbound.router import Router
from bot.nlu import warm_up
from handlers.tally.export import write_csv as export_csv
from storage import link_codes
from storage import tallies as stored
from storage.importer import import_file
from storage.schema import customers, tallies, tally_lines
from tests.bankfiles import write_csv
from tests.bot_fixtures import AS_OF, LOAN_HEADER, NOW, SARI, TZ, Clock, Harness
from tests.test_officer_stories import buttons
from tests.test_telegram_stories import link

LEADER, MEMBER, OTHER_LEADER = 101, 102, 103


@pytest.fixture
def clock() -> Clock:
    return Clock()


@asynccontextmanager
async def bot(h: Harness, clock: Clock) -> AsyncIterator[None]:
    """`python -m bot run` in miniature: the real Application polling the fake, the intent
    model warmed first as `run` does (fitted inside the first message instead, it held the
    event loop past the replies' wait on a loaded machine)."""
    await asyncio.to_thread(warm_up)
    async with polling(h.settings, Router(h.engine, TZ, clock=clock), poll_timeout=0.5):
        yield


class Chat:
    """One person's side of the conversation: say or press, then read the next replies."""

    def __init__(self, h: Harness, chat: int) -> None:
        self.h, self.chat = h, chat

    async def says(self, text: str, replies: int = 1) -> list[str]:
        seen = len(self.h.fake.sent(self.chat))
        self.h.fake.user_says(self.chat, text)
        return await self.h.fake.replies(self.chat, replies, after=seen)

    async def presses(self, data: str, replies: int = 1) -> list[str]:
        """Raw button data: a forged or stale button."""
        seen = len(self.h.fake.sent(self.chat))
        self.h.fake.user_presses(self.chat, data)
        return await self.h.fake.replies(self.chat, replies, after=seen)

    async def taps(self, label: str, replies: int = 1) -> list[str]:
        """The button the person sees with this label."""
        seen = len(self.h.fake.sent(self.chat))
        self.h.fake.user_taps(self.chat, label)
        return await self.h.fake.replies(self.chat, replies, after=seen)

    def labels(self) -> list[str]:
        return [label for label, _data in buttons(self.h, self.chat)]


async def linked_leader(h: Harness, chat: int = LEADER, who: dict[str, str] = SARI) -> Chat:
    """The leader (Lâm Thị Sa Ri of T01 unless told) linked and agreeing, nothing open."""
    await link(h, chat, who)
    return Chat(h, chat)


async def open_tally(h: Harness, chat: int = LEADER, who: dict[str, str] = SARI) -> Chat:
    """The leader (Lâm Thị Sa Ri of T01 unless told) linked, with the tally's draft open."""
    leader = await linked_leader(h, chat, who)
    await leader.says("nộp bảng kê")
    return leader


async def current_lines(h: Harness) -> list[tuple[str, int, int, int, bool]]:
    """The current tally's lines: (customer code, interest collected, interest unpaid,
    savings deposited, absent)."""
    async with h.engine.begin() as conn:
        rows = await conn.execute(
            select(
                customers.c.code,
                tally_lines.c.interest_collected,
                tally_lines.c.interest_unpaid,
                tally_lines.c.savings_deposited,
                tally_lines.c.absent,
            )
            .join(tallies, tallies.c.id == tally_lines.c.tally_id)
            .join(customers, customers.c.id == tally_lines.c.customer_id)
            .where(tallies.c.is_current.is_(True))
            .order_by(tally_lines.c.seq)
        )
        return [tuple(r) for r in rows]


# Group T03 in Đại Tâm (session 17/12/2026), led by KH701, listed in this order:
# (code, name, this month's interest); the minimum saving is 200.000 đ.
TAM_GROUP = [
    ("KH702", "Bùi Thị Tâm", 275_000),
    ("KH701", "Danh Sô Phanh", 150_000),
    ("KH703", "Kim Sa Vát", 158_000),
    ("KH704", "Nguyễn Thị Ngọc Tâm", 165_000),
    ("KH705", "Trần Minh Tâm", 38_000),
]


async def load_tam_group(engine: AsyncEngine, folder: Path) -> None:
    """Group T03 (`TAM_GROUP`) through the real importer."""
    header = [*LOAN_HEADER[:10], "Lãi DT trong tháng"]
    rows = [
        [code, name, f"KU{code[2:]}", 1, 20_000_000, 0, AS_OF, "T03", "Tổ ấp 5", "Đại Tâm", due]
        for code, name, due in TAM_GROUP
    ]
    for path in (
        write_csv(folder / "t03.csv", header, rows),
        write_csv(
            folder / "t03_leader.csv",
            ["Mã tổ", "Mã KH tổ trưởng", "Tiền gửi tối thiểu"],
            [["T03", "KH701", "200.000"]],
        ),
    ):
        report = await import_file(engine, path)
        assert report.error is None, report.error


async def open_tam_tally(h: Harness, chat: int = 170) -> Chat:
    """T03's leader (Danh Sô Phanh) linked by a code, with the tally's draft open."""
    await load_tam_group(h.engine, h.folder)
    async with h.engine.begin() as conn:
        leader_id = await conn.scalar(select(customers.c.id).where(customers.c.code == "KH701"))
        code = await link_codes.create_link_code(conn, NOW, customer_id=leader_id)
    leader = Chat(h, chat)
    await leader.says(f"/start {code}", replies=2)
    await leader.taps("Xác nhận: tôi đồng ý")
    await leader.says("nộp bảng kê")
    return leader


async def exported_money(h: Harness, period: tuple[int, int] = (2026, 12)) -> list[list[str]]:
    """The submitted tallies' 13/TD export, as written to CSV: each line's Mã KH, then Lãi
    phải thu, Lãi thực thu, Lãi còn tồn, Tiền gửi, Thu nợ gốc từ tiền gửi."""
    async with h.engine.connect() as conn:
        exported = await stored.export_lines(conn, period)
    out = io.StringIO()
    export_csv(exported, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    return [[row[9], *row[12:]] for row in rows[1:]]


async def money_by_code(h: Harness, period: tuple[int, int] = (2026, 12)) -> dict[str, list[str]]:
    """`exported_money` by Mã KH: each member's Lãi phải thu, Lãi thực thu, Lãi còn tồn, Tiền
    gửi, Thu nợ gốc từ tiền gửi, as written to CSV."""
    return {row[0]: row[1:] for row in await exported_money(h, period)}
