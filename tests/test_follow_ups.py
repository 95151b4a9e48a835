"""A short follow-up asking only when or where ("may gio vay, o dau") right after the
transaction day was answered got "I did not understand" (a stranger, session 7): it is asked
about that answer, and answered again. The rule, then the console."""

from __future__ import annotations

from datetime import timedelta

import pytest

from handlers.rules.follow_ups import asks_when_or_where
from tests.bot_fixtures import SARI, Clock, Harness
from tests.test_consent_stories import Console


@pytest.mark.parametrize(
    "text", ["may gio vay, o dau", "mấy giờ vậy?", "ở đâu", "o dau vay con", "what time?"]
)
def test_a_bare_when_or_where(text: str) -> None:
    assert asks_when_or_where(text)


@pytest.mark.parametrize(
    "text", ["ngày giao dịch ở đâu", "mấy giờ họp tổ", "dư nợ bao nhiêu", "vay ở đâu được", ""]
)
def test_not_a_bare_follow_up(text: str) -> None:
    assert not asks_when_or_where(text)


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def test_when_and_where_after_the_transaction_day(harness: Harness, clock: Clock) -> None:
    console = Console(harness, SARI, clock)
    await console.links()
    await console.says("đồng ý")
    first = await console.says("ngay giao dich khi nao")
    assert "Phiên giao dịch tới của xã" in first
    again = await console.says("may gio vay, o dau")
    assert "Phiên giao dịch tới của xã" in again, again
    clock.now += timedelta(hours=2)  # long after: a question of its own, not understood
    assert "Phiên giao dịch tới của xã" not in await console.says("may gio vay, o dau")
