"""`python -m bot chat`: a conversation in the terminal on the same router and handlers.

Buttons become numbered options; the "share my phone" button asks for the number (or uses
`--phone`). On an empty database the demo data is loaded first and a few demo people are
printed to try.

`--channel zalo` makes the terminal a Zalo chat (channel "zalo"): replies are laid out as the
Zalo adapter lays them out (bot/channels/zalo/options.py: texts in pieces under 2000
characters, each printed as its own message, buttons and the menu as numbered lines, no
"share my phone", a file named instead of sent), what is typed back is read as the adapter
reads it (the number or the option's words, against the options kept in the database), a
broadcast's progress is one final report (Zalo cannot edit), and linking is by one-time
code only, as on Zalo: with `--phone`, a code for that demo person is made and printed.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.channels.zalo.options import NumberedChat, layout
from bot.config import Settings
from bot.demo import DEMO_GROUP, seed_demo, write_demo_files
from bot.inbound.router import Router
from bot.outbound.progress import report_progress
from bot.outbound.sender import Sender
from handlers.messages import Button, Inbound, Kind, OutFile, Reply
from locales.i18n import _, current_locale, use_locale
from locales.textfold import fold
from storage import audiences, borrowers, link_codes, links
from storage import options as chat_options
from storage.db import open_database

CHANNEL = "console"
ZALO = "zalo"
SHARE_PHONE = "__share_phone__"
QUIT_WORDS = {"thoat", "exit", "quit", "q"}
PIECE_LINE = "───"  # between two Zalo messages of one answer


class ConsoleChat:
    def __init__(
        self,
        router: Router,
        out: TextIO,
        reader: TextIO,
        phone: str | None,
        channel: str = CHANNEL,
    ) -> None:
        self.router = router
        self.out = out
        self.reader = reader
        self.phone = phone
        self.channel = channel
        prefix = "console" if channel == CHANNEL else f"console-{channel}"
        self.chat_id = f"{prefix}-{phone or 'local'}"
        self.user_id = self.chat_id
        self.options: list[tuple[str, str]] = []  # (label, button data) of the last message
        # The numbers printed last time, reopened: the options the database kept (`keep`)
        self.reopened: dict[int, tuple[str, str]] = {}
        self.menu: list[str] = []
        self.locale: str | None = None  # the language of the last answer, for the goodbye
        self.sender: Sender | None = None
        self.downloads = Path("var") / "downloads"
        # A channel without buttons (Zalo): its rendering and its typed answers.
        self.numbered: NumberedChat | None = None
        if channel == ZALO:
            self.numbered = NumberedChat(router.engine, channel, router.clock)

    async def show_as_zalo(self, replies: list[Reply], locale: str) -> None:
        """The replies as the Zalo adapter sends them: each piece one message."""
        assert self.numbered is not None
        with use_locale(locale):
            pieces, shown = layout(replies)
        if replies:  # no answer (a repeat): the options stand, as on Zalo
            await self.numbered.remember(self.chat_id, shown)
        for index, piece in enumerate(pieces):
            if index:
                self.out.write(PIECE_LINE + "\n")
            self.out.write("\n" + piece + "\n")
        self.out.flush()

    async def present(self, replies: list[Reply], locale: str = "vi") -> None:
        if self.numbered is not None:
            await self.show_as_zalo(replies, locale)
        else:
            with use_locale(locale):  # the terminal's own lines too ("(menu: …)")
                self.show(replies)
            if replies:  # no answer: the options stand
                await self.keep(replies[-1])

    async def keep(self, last: Reply) -> None:
        """The numbers printed beside the options the router kept (the last reply's buttons;
        0 for those a typed number does not pick), so a reopened console picks the same."""
        if not last.buttons:
            return  # none kept (the router forgot them)
        mine = [(b.label, b.data) for row in last.buttons for b in row]
        after = len(mine) + bool(last.request_phone)  # the phone's option comes last
        first = 1 + len(self.options) - (0 if last.reads_numbers else after)
        numbered = [
            (0 if last.reads_numbers else first + i, label, data)
            for i, (label, data) in enumerate(mine)
        ]
        async with self.router.engine.begin() as conn:
            await chat_options.remember_numbered(
                conn, self.channel, self.chat_id, numbered, self.router.clock()
            )

    async def reopen(self) -> None:
        """The options printed before quitting, by the numbers they had."""
        async with self.router.engine.connect() as conn:
            kept = await chat_options.recall_numbered(
                conn, self.channel, self.chat_id, self.router.clock()
            )
        self.reopened = {n: (label, data) for n, label, data in kept if n > 0}

    def show(self, replies: list[Reply]) -> None:
        self.options = []
        self.reopened = {}
        for reply in replies:
            self.out.write("\n" + reply.text + "\n")
            for row in reply.buttons:
                for button in row:
                    if reply.reads_numbers:  # a typed number is the text's: type the words
                        self.out.write(f"  • {button.label}\n")
                    else:
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
            self.channel,
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
        self.locale = outcome.locale
        await self.present(outcome.replies, outcome.locale)
        for job in outcome.later:
            await self.present(await job(), outcome.locale)
        if self.sender is not None:
            await self.sender.drain(within=10)

    async def already_linked(self) -> bool:
        """This terminal's chat was linked in an earlier run (the database keeps it)."""
        engine = self.router.engine
        async with engine.begin() as conn:
            person = await links.load_person(
                conn, self.channel, self.chat_id, self.user_id, self.router.clock()
            )
        if person.linked and person.consented:
            self.locale = person.locale  # the greeting in the language chosen before
            return True
        return False

    async def typed(self, text: str) -> Inbound | None:
        """What a typed line is: on Zalo, as the adapter reads it; else a number picks one of
        the options printed last (the phone button asks for the number)."""
        if self.numbered is not None:
            return await self.numbered.read(self.chat_id, self.user_id, text)
        shown = dict(enumerate(self.options, start=1)) or self.reopened
        if text.isdigit() and int(text) in shown:
            _label, data = shown[int(text)]
            if data == SHARE_PHONE:
                return await self.share_phone()
            return self.inbound(kind=Kind.BUTTON, button=data)
        return self.inbound(text=text)

    async def first_message(self) -> Inbound | None:
        if self.phone is None:
            return self.inbound(text="/start")
        if self.numbered is None:
            return await self.share_phone()
        code = await self.code_for_phone(self.phone)
        if code is None:
            self.out.write(_("Nobody in the data has the phone {phone}.").format(phone=self.phone))
            self.out.write("\n")
            return self.inbound(text="/start")
        self.out.write(
            _(
                "On Zalo a chat links with a one-time code (an officer prints it on a slip); "
                "this one is for {phone}: {code}"
            ).format(phone=self.phone, code=code)
            + f"\n\n> LIENKET {code}\n"
        )
        self.out.flush()
        return self.inbound(text=f"LIENKET {code}")

    async def code_for_phone(self, phone: str) -> str | None:
        """A one-time code for the household with this phone (the first, if several)."""
        engine = self.router.engine
        async with engine.begin() as conn:
            found = await links.customers_with_phone(conn, phone.strip())
            if not found:
                return None
            return await link_codes.create_link_code(
                conn, self.router.clock(), customer_id=found[0]
            )

    async def run(self) -> None:
        if await self.already_linked():
            # Linked before: no greeting, so the question left open last time (and its
            # options) still stands; a typed answer to it works after a restart.
            await self.reopen()
            with use_locale(self.locale or current_locale()):
                said = _("Linked as before. Ask your question, or answer the last one.")
            self.out.write(said + "\n")
            self.out.flush()
        else:
            first = await self.first_message()
            if first is not None:
                await self.handle(first)
        while True:
            line = await self.read("\n> ")
            if line is None or fold(line) in QUIT_WORDS:
                with use_locale(self.locale or current_locale()):
                    self.out.write(_("Goodbye!") + "\n")
                return
            text = line.strip()
            if not text:
                continue
            message = await self.typed(text)
            if message is None:
                return
            await self.handle(message)


MARK = "📩"


def _marked(text: str) -> str:
    """A message the bot sends unasked, marked once: a notice's first line has the mark
    already ("📩 Thông báo từ NHCSXH…"), a reminder gets it here."""
    return text if text.startswith(MARK) else f"{MARK} {text}"


class ConsoleDelivery:
    """The outbox seen from the terminal: notices and reminders for this chat are printed
    (marked 📩) as soon as they are due; progress edits are printed as updates."""

    def __init__(self, chat: ConsoleChat) -> None:
        self.chat = chat
        self.channel = chat.channel
        self.can_edit = chat.numbered is None  # Zalo cannot edit: one final report instead
        self.count = 0

    async def send(self, chat_id: str, text: str, buttons: list[list[Button]]) -> str | None:
        self.count += 1
        await self.chat.present([Reply(_marked(text), buttons=buttons)])
        return str(self.count)

    async def edit(self, chat_id: str, message_id: str, text: str) -> None:
        if not self.can_edit:
            return
        self.chat.out.write("\n" + _marked(text) + "\n")
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
    lines.append(
        _("As on Zalo (numbered options, linking by code): ./dev chat --channel zalo --phone PHONE")
    )
    for p in (p for p in people if p.role == "officer"):
        lines.append(
            _(
                "Credit officer {name} ({phone}, {scope}): print a link code with "
                "./dev link-code --officer {phone}, then type /start CODE in the chat."
            ).format(name=p.name, phone=p.phone, scope=p.group)
        )
    return "\n".join(lines)


async def run_console(
    settings: Settings,
    phone: str | None,
    reader: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    channel: str = CHANNEL,
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
        # Messages queued for this terminal (a meeting notice, a reminder, a broadcast's
        # progress) are shown right after each answer; the terminal keeps no quiet hours, so
        # its answers never promise a notice for 07:00 that it then shows at once.
        router = Router(engine, settings.timezone, quiet_hours=None)
        chat = ConsoleChat(router, out, reader, phone, channel)
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
