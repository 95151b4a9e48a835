"""A small known data set (through the real importer) and the real bot against the fake API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest_asyncio
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.channels.telegram.delivery import telegram_delivery
from bot.channels.telegram.updates import polling
from bot.config import Settings
from bot.inbound.router import Router
from bot.nlu import warm_up
from bot.outbound.progress import report_progress
from bot.outbound.sender import Sender
from storage.db import open_database
from storage.importer import import_file
from storage.schema import customers
from tests.bankfiles import write_csv, write_xlsx
from tests.fake_telegram import FakeTelegram

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)  # 10:00 in Sóc Trăng, a Thursday
AS_OF = date(2026, 10, 31)

# Two households in group T01 (Đại Tâm), one in T02 (Thạnh Phú).
SARI = {"code": "KH001", "phone": "0912345678", "last4": "6789", "name": "Lâm Thị Sa Ri"}
SON = {"code": "KH002", "phone": "0987654321", "last4": "1111", "name": "Thạch Sơn"}
LAN = {"code": "KH003", "phone": "0909000111", "last4": "2222", "name": "Nguyễn Thị Lan"}

LOAN_HEADER = [
    "Mã KH",
    "Tên KH",
    "Số khế ước",
    "Mã chương trình",
    "Dư nợ trong hạn",
    "Dư nợ quá hạn",
    "Ngày số liệu",
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
    "Ngày ĐH theo hợp đồng",
    "Ngày ĐH theo Gia hạn",
    "Số dư tiền gửi",
]
LOAN_ROWS = [
    [
        "KH001",
        SARI["name"],
        "KU001",
        1,
        50_000_000,
        0,
        AS_OF,
        "T01",
        "Tổ ấp 3",
        "Đại Tâm",
        SARI["phone"],
        "079123456789",
        0.55,
        0,
        275_000,
        date(2026, 12, 15),
        5_000_000,
        date(2028, 3, 20),
        None,
        1_200_000,
    ],
    [
        "KH001",
        SARI["name"],
        "KU002",
        6,
        20_000_000,
        0,
        AS_OF,
        "T01",
        "Tổ ấp 3",
        "Đại Tâm",
        SARI["phone"],
        "079123456789",
        0.75,
        150_000,
        150_000,
        date(2027, 2, 10),
        2_000_000,
        date(2027, 9, 30),
        None,
        1_200_000,
    ],
    [
        "KH002",
        SON["name"],
        "KU003",
        19,
        8_000_000,
        2_000_000,
        AS_OF,
        "T01",
        "Tổ ấp 3",
        "Đại Tâm",
        SON["phone"],
        "079000001111",
        0.66,
        66_000,
        66_000,
        None,
        None,
        date(2026, 9, 30),
        None,
        300_000,
    ],
    [
        "KH003",
        LAN["name"],
        "KU004",
        1,
        30_000_000,
        0,
        AS_OF,
        "T02",
        "Tổ Phú Hòa",
        "Thạnh Phú",
        LAN["phone"],
        "079000002222",
        0.55,
        0,
        165_000,
        date(2027, 1, 5),
        3_000_000,
        date(2029, 1, 5),
        None,
        500_000,
    ],
]


async def load_known_data(engine: AsyncEngine, folder: Path) -> None:
    files = [
        write_xlsx(folder / "hstd.xlsx", LOAN_HEADER, LOAN_ROWS),
        write_csv(
            folder / "lich.csv",
            ["Tên xã", "Ngày giao dịch", "Ngày", "Giờ", "Địa điểm"],
            [
                ["Đại Tâm", 17, "", "7h30", "Trụ sở UBND xã Đại Tâm"],
                ["Thạnh Phú", 20, "", "7h", "Nhà văn hóa ấp Phú Hòa"],
                ["Thạnh Phú", "", "18/12/2026", "7h", "Nhà văn hóa ấp Phú Hòa"],
            ],
        ),
        write_csv(
            folder / "to_truong.csv",
            ["Mã tổ", "Mã KH tổ trưởng", "Tiền gửi tối thiểu"],
            [["T01", "KH001", "100.000"], ["T02", "KH003", "50.000"]],
        ),
        write_csv(
            folder / "can_bo.csv",
            ["Họ tên", "Số điện thoại", "Phạm vi"],
            [["Trần Văn Bình", "0901234567", "Đại Tâm"]],
        ),
    ]
    for path in files:
        report = await import_file(engine, path)
        assert report.error is None, report.error


async def load_sixty_member_group(engine: AsyncEngine, folder: Path) -> dict[str, int]:
    """Group T60 in Đại Tâm: 60 members KH601…KH660 (KH601 leads), 110.000 đ interest and
    a minimum saving of 50.000 đ each. Returns customer ids by code."""
    header = [*LOAN_HEADER[:10], "Lãi DT trong tháng"]
    rows = [
        [
            f"KH6{n:02d}",
            f"Thành viên số {n:02d}",
            f"KU6{n:02d}",
            1,
            20_000_000,
            0,
            AS_OF,
            "T60",
            "Tổ sáu mươi",
            "Đại Tâm",
            110_000,
        ]
        for n in range(1, 61)
    ]
    leaders = [["T60", "KH601", "50.000"]]
    for path in (
        write_csv(folder / "t60.csv", header, rows),
        write_csv(
            folder / "t60_leader.csv", ["Mã tổ", "Mã KH tổ trưởng", "Tiền gửi tối thiểu"], leaders
        ),
    ):
        report = await import_file(engine, path)
        assert report.error is None, report.error
    async with engine.begin() as conn:
        found = await conn.execute(
            select(customers.c.id, customers.c.code).where(customers.c.code.like("KH6%"))
        )
        return {r.code: r.id for r in found}


@dataclass
class Clock:
    """An injected clock a test can move: starts at NOW."""

    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Harness:
    fake: FakeTelegram
    engine: AsyncEngine
    settings: Settings
    folder: Path
    sender: Sender | None = None


def settings_for(fake: FakeTelegram, db_url: str) -> Settings:
    return Settings(
        bot_token="123456:TEST-token",
        telegram_api_url=fake.api_url,
        database_url=db_url,
        timezone=TZ,
        webhook_url=None,
        webhook_secret=None,
        port=8080,
    )


@pytest_asyncio.fixture
async def harness(tmp_path: Path, db_url: str) -> AsyncIterator[Harness]:
    fake = FakeTelegram()
    await fake.start()
    engine = await open_database(db_url, inline=True)
    await load_known_data(engine, tmp_path)
    try:
        yield Harness(fake, engine, settings_for(fake, db_url), tmp_path)
    finally:
        await engine.dispose()
        await fake.stop()
    assert fake.violations == [], fake.violations


@pytest_asyncio.fixture
async def running(harness: Harness) -> AsyncIterator[Harness]:
    """The real bot, long polling the fake API, with the clock fixed at NOW, and the outbox
    sender running beside it as in `python -m bot run` (the intent model warmed first, as
    `run` does)."""
    await asyncio.to_thread(warm_up)
    router = Router(harness.engine, TZ, clock=lambda: NOW)
    async with (
        polling(harness.settings, router, poll_timeout=0.5),
        telegram_delivery(harness.settings) as delivery,
    ):
        sender = Sender(
            harness.engine,
            delivery,
            TZ,
            clock=lambda: NOW,
            idle_poll=0.05,
            on_progress=report_progress,
        )
        stop = asyncio.Event()
        task = asyncio.create_task(sender.run(stop))
        harness.sender = sender
        try:
            yield harness
        finally:
            stop.set()
            await task
