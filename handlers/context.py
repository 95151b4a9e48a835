"""What every handler gets: the message, the sender, one database transaction and the clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.core import Inbound, Reply
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
    # Work to do after the message's transaction is committed (an import sent as a file);
    # each returns more replies, sent when it finishes.
    later: list[Callable[[], Awaitable[list[Reply]]]] = field(default_factory=list)
    import_engine: AsyncEngine | None = None  # for imports, outside the message's transaction
    quiet_hours: tuple[int, int] | None = (20, 7)  # when the outbox sends nothing (local hours)

    @property
    def today(self) -> date:
        """Today where the person lives (Asia/Ho_Chi_Minh by default)."""
        return self.now.astimezone(self.timezone).date()
