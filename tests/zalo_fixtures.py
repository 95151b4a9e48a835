"""The real bot on Zalo, as `python -m bot run` runs it with ZALO_BOT_TOKEN: the Zalo channel
long polling the fake Zalo API (tests/fake_zalo.py) into the real router, and the outbox
sender delivering through the Zalo delivery, on the known data of tests/bot_fixtures.py."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime

import pytest_asyncio

from bot.channels.zalo.adapter import ZaloRuntime, polling
from bot.config import Settings
from bot.inbound.router import Router
from bot.nlu import warm_up
from bot.outbound.progress import report_progress
from bot.outbound.sender import Sender
from storage import link_codes, links
from tests.bot_fixtures import NOW, TZ, Harness
from tests.fake_zalo import TOKEN, FakeZalo

HOTLINE = "1900 1234"


@dataclass
class ZaloRig:
    h: Harness
    fake: FakeZalo
    settings: Settings
    runtime: ZaloRuntime | None = None
    sender: Sender | None = None

    async def says(
        self, chat: str, text: str, replies: int = 1, *, within: float = 10.0, **options: str
    ) -> list[str]:
        return await self.fake.says(chat, text, replies, within=within, **options)

    async def code_for(self, customer_code: str, at: datetime = NOW) -> str:
        """A one-time code an officer printed for the household."""
        async with self.h.engine.begin() as conn:
            customer_id = await links.customer_by_code(conn, customer_code)
            assert customer_id is not None
            return await link_codes.create_link_code(conn, at, customer_id=customer_id)

    async def link(self, chat: str, who: dict[str, str], at: datetime = NOW) -> None:
        """The whole Zalo linking story: the code, then consent typed as "1"."""
        code = await self.code_for(who["code"], at)
        confirmed, consent = await self.says(chat, f"LIENKET {code}", 2)
        assert confirmed == "Đã xác minh." and "1. Xác nhận: tôi đồng ý" in consent
        [thanks] = await self.says(chat, "1")
        assert "Cảm ơn" in thanks


def zalo_settings(h: Harness, fake: FakeZalo) -> Settings:
    return replace(
        h.settings,
        zalo_bot_token=TOKEN,
        zalo_api_url=fake.api_url,
        bank_hotline=HOTLINE,
        quiet_hours=None,
    )


@asynccontextmanager
async def zalo_running(
    rig: ZaloRig, clock: Callable[[], datetime] = lambda: NOW
) -> AsyncIterator[ZaloRig]:
    await asyncio.to_thread(warm_up)  # as `run` does, before anyone writes
    router = Router(rig.h.engine, TZ, clock=clock)
    async with polling(rig.settings, router, poll=1) as runtime:
        sender = Sender(
            rig.h.engine,
            runtime.delivery,
            TZ,
            rate=rig.settings.zalo_send_rate,
            clock=clock,
            idle_poll=0.05,
            quiet_hours=None,
            on_progress=report_progress,
        )
        stop = asyncio.Event()
        task = asyncio.create_task(sender.run(stop))
        rig.runtime, rig.sender = runtime, sender
        try:
            yield rig
        finally:
            stop.set()
            await task


@pytest_asyncio.fixture
async def zalo_rig(harness: Harness) -> AsyncIterator[ZaloRig]:
    """The fake Zalo API and the settings that point at it (the bot not yet running)."""
    fake = FakeZalo()
    await fake.start()
    try:
        yield ZaloRig(harness, fake, zalo_settings(harness, fake))
    finally:
        await fake.stop()
    assert fake.violations == [], fake.violations


@pytest_asyncio.fixture
async def zalo_bot(zalo_rig: ZaloRig) -> AsyncIterator[ZaloRig]:
    """The bot running on Zalo (long polling) with its outbox sender."""
    async with zalo_running(zalo_rig) as rig:
        yield rig
