"""`python -m bot chat`: a conversation in the terminal on the same router and handlers.

Buttons become numbered options; the "share my phone" button asks for the number (or uses
`--phone`). On an empty database the demo data is loaded first and a few demo people are
printed to try.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.demo import DEMO_GROUP, seed_demo, write_demo_files
from bot.inbound.router import Router
from bot.outbound.progress import report_progress
from bot.outbound.sender import Sender
from handlers.messages import Button, Inbound, Kind, OutFile, Reply
from locales.i18n import _, use_locale
from locales.textfold import fold
from storage import audiences, borrowers, links
from storage.db import open_database

CHANNEL = "console"
SHARE_PHONE = "__share_phone__"
QUIT_WORDS = {"thoat", "exit", "quit", "q"}


class ConsoleChat:
    def __init__(self, router: Router, out: TextIO, reader: TextIO, phone: str | None) -> None:
        self.router = router
        self.out = out
        self.reader = reader
        self.phone = phone
        self.chat_id = f"console-{phone or 'local'}"
        self.user_id = self.chat_id
        self.options: list[tuple[str, str]] = []  # (label, button data) of the last message
        self.menu: list[str] = []
        self.sender: Sender | None = None
        self.downloads = Path("var") / "downloads"

    def show(self, replies: list[Reply]) -> None:
        self.options = []
        for reply in replies:
            self.out.write("\n" + reply.text + "\n")
            for row in reply.buttons:
                for button in row:
                    self.options.append((button.label, button.data))
            if reply.request_phone:
                self.options.append((reply.request_phone, SHARE_PHONE))
            if reply.menu is not None:
                self.menu = [label for row in reply.menu for label in row]
            if reply.remove_menu:
                self.menu = []
            if reply.document is not None:
                self.save(reply.document)
        for number, (label, _data) in enumerate(self.options, start=1):
            self.out.write(f"  {number}. {label}\n")
        if self.menu and not self.options:
            self.out.write(_("  (menu: {items})").format(items=" | ".join(self.menu)) + "\n")
        self.out.flush()

    def save(self, document: OutFile) -> None:
        """A file the bot sends (the tally form) is written where the terminal can open it."""
        self.downloads.mkdir(parents=True, exist_ok=True)
        path = self.downloads / Path(document.name).name
        path.write_bytes(document.content)
        self.out.write(
            _("  📎 {name} ({size} KB) saved as {path}").format(
                name=document.name, size=max(len(document.content) // 1024, 1), path=path
            )
            + "\n"
        )

    async def read(self, prompt: str) -> str | None:
        self.out.write(prompt)
        self.out.flush()
        line = await asyncio.to_thread(self.reader.readline)
        return None if line == "" else line.rstrip("\r\n")

    def inbound(self, **fields: object) -> Inbound:
        return Inbound(
            CHANNEL,
            self.chat_id,
            self.user_id,
            numbered_options=True,
            private=True,  # a terminal is one person's
            **fields,  # type: ignore[arg-type]
        )

    async def share_phone(self) -> Inbound | None:
        phone = self.phone or await self.read(_("Your phone number: "))
        if phone is None:
            return None
        return self.inbound(
            kind=Kind.CONTACT, contact_phone=phone.strip(), contact_user_id=self.user_id
        )

    async def handle(self, message: Inbound) -> None:
        """Answer, then any follow-up work, then what the outbox holds for this terminal."""
        outcome = await self.router.handle(message)
        self.show(outcome.replies)
        for job in outcome.later:
            self.show(await job())
        if self.sender is not None:
            await self.sender.drain(within=10)

    async def already_linked(self) -> bool:
        """This terminal's chat was linked in an earlier run (the database keeps it)."""
        engine = self.router.engine
        async with engine.begin() as conn:
            person = await links.load_person(
                conn, CHANNEL, self.chat_id, self.user_id, self.router.clock()
            )
        return person.linked and person.consented

    async def run(self) -> None:
        if await self.already_linked():
            # Linked before: no greeting, so the question left open last time (and its
            # options) still stands; a typed answer to it works after a restart.
            self.out.write(_("Linked as before. Ask your question, or answer the last one.") + "\n")
            self.out.flush()
        else:
            first = await self.share_phone() if self.phone else self.inbound(text="/start")
            if first is not None:
                await self.handle(first)
        while True:
            line = await self.read("\n> ")
            if line is None or fold(line) in QUIT_WORDS:
                self.out.write(_("Goodbye!") + "\n")
                return
            text = line.strip()
            if not text:
                continue
            message: Inbound | None
            if text.isdigit() and 1 <= int(text) <= len(self.options):
                _label, data = self.options[int(text) - 1]
                message = (
                    await self.share_phone()
                    if data == SHARE_PHONE
                    else self.inbound(kind=Kind.BUTTON, button=data)
                )
                if message is None:
                    return
            else:
                message = self.inbound(text=text)
            await self.handle(message)


class ConsoleDelivery:
    """The outbox seen from the terminal: notices and reminders for this chat are printed
    (marked 📩) as soon as they are due; progress edits are printed as updates."""

    channel = CHANNEL

    def __init__(self, chat: ConsoleChat) -> None:
        self.chat = chat
        self.count = 0

    async def send(self, chat_id: str, text: str, buttons: list[list[Button]]) -> str | None:
        self.count += 1
        self.chat.show([Reply("📩 " + text, buttons=buttons)])
        return str(self.count)

    async def edit(self, chat_id: str, message_id: str, text: str) -> None:
        self.chat.out.write("\n📩 " + text + "\n")
        self.chat.out.flush()


async def _demo_present(settings: Settings) -> tuple[bool, bool]:
    """(the database has customers, the demo groups are among them)."""
    engine = await open_database(settings.database_url)
    try:
        async with engine.connect() as conn:
            count = await borrowers.customer_count(conn)
            demo = await audiences.find_group(conn, DEMO_GROUP)
    finally:
        await engine.dispose()
    return count > 0, demo is not None


def _demo_people_text(settings: Settings) -> str:

    with tempfile.TemporaryDirectory() as folder:
        day = datetime.now(settings.timezone).date() - timedelta(days=1)
        people = write_demo_files(Path(folder), day).people
    roles = {"leader": _("group leader"), "borrower": _("borrower"), "officer": _("officer")}
    lines = [_("Demo people to try (phone, last 4 CCCD digits):")]
    shown = [p for p in people if p.role == "borrower"][:2] + [
        p for p in people if p.role == "leader"
    ][:1]
    for p in shown:
        lines.append(f"  {p.phone}  {p.id_last4}  {p.name} ({roles[p.role]}, {p.group})")
    lines.append(_("Start as one of them with: ./dev chat --phone PHONE"))
    for p in (p for p in people if p.role == "officer"):
        lines.append(
            _(
                "Credit officer {name} ({phone}, {scope}): print a link code with "
                "./dev link-code --officer {phone}, then type /start CODE in the chat."
            ).format(name=p.name, phone=p.phone, scope=p.group)
        )
    return "\n".join(lines)


async def run_console(
    settings: Settings, phone: str | None, reader: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> int:
    with use_locale("vi"):
        has_data, demo = await _demo_present(settings)
        if not has_data:
            out.write(_("The database is empty: loading the demo data first…") + "\n")
            await seed_demo(settings)
            demo = True
        if demo:
            out.write(_demo_people_text(settings) + "\n")
        out.write(
            _("Chat with the assistant. Type a number to choose an option, “thoát” to leave.")
            + "\n"
        )
        out.flush()
    engine = await open_database(settings.database_url, inline=True)
    try:
        chat = ConsoleChat(Router(engine, settings.timezone), out, reader, phone)
        # Messages queued for this terminal (a meeting notice, a reminder, a broadcast's
        # progress) are shown right after each answer; the terminal keeps no quiet hours.
        chat.sender = Sender(
            engine,
            ConsoleDelivery(chat),
            settings.timezone,
            quiet_hours=None,
            only_chat=chat.chat_id,
            on_progress=report_progress,
        )
        await chat.run()
    finally:
        await engine.dispose()
    return 0
