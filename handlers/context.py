"""What every handler gets: the message, the sender, one database transaction and the clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.nlu import Understanding
from handlers.messages import Inbound, Reply
from handlers.rules.quiet_hours import NIGHT, QuietHours
from storage import links
from storage.dialogs import Dialog
from storage.links import Person


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
    # When the outbox sends nothing (local hours); None where it keeps no night (the console)
    quiet_hours: QuietHours | None = NIGHT
    # Set when the message changed who the chat is (linked, unlinked, language): the router
    # then reads the person again for menus and commands.
    identity_changed: bool = False
    # The whole personal-data notice is in this message's answer (handlers.consent).
    notice_shown: bool = False
    # Set on agreeing to the notice: the question asked before it, for the router to answer
    # under the thanks (handlers.consent).
    asked_before: str | None = None
    # The message chose the language (/ngonngu, "english please"): no hint how to choose.
    language_chosen: bool = False
    # A dialog this message closed gave back the one it had interrupted (storage.dialogs):
    # the router says, under the answer, that it still waits.
    resumed: Dialog | None = None

    @property
    def today(self) -> date:
        """Today where the person lives (Asia/Ho_Chi_Minh by default)."""
        return self.now.astimezone(self.timezone).date()

    async def update_link(self, **values: object) -> None:
        """Change the chat's link (language, consent, reminders, who it is)."""
        await links.set_link_fields(self.conn, self.person.link_id, **values)
        self.identity_changed = True

    async def link_to(
        self, *, customer_id: int | None = None, officer_id: int | None = None
    ) -> None:
        if officer_id is not None:
            await links.link_officer(self.conn, self.person.link_id, officer_id, self.now)
        elif customer_id is not None:
            await links.link_customer(self.conn, self.person.link_id, customer_id, self.now)
        self.identity_changed = True

    async def forget_chat(self) -> None:
        """The link, its dialog and the chat's identity are removed."""
        await links.forget_chat(self.conn, self.person.channel, self.person.chat_id)
        self.identity_changed = True
