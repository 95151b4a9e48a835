"""What every handler gets: the message, the sender, one database transaction and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core import Inbound
from bot.nlu import Understanding
from storage.people import Person


@dataclass
class Context:
    inbound: Inbound
    person: Person
    conn: AsyncConnection  # the message's transaction: committed when the handler returns
    now: datetime  # UTC
    timezone: ZoneInfo
    understanding: Understanding | None = None

    @property
    def today(self) -> date:
        """Today where the person lives (Asia/Ho_Chi_Minh by default)."""
        return self.now.astimezone(self.timezone).date()
