"""Replies and typed answers on a channel without buttons (Zalo, and the console when asked to
look like Zalo): the replies of one answer laid out as texts with numbered options, the
options remembered per chat in the database, and what the person types back read as the
button it names.

One answer's options are numbered on from one reply to the next (a confirmation, then a
question with two options: 1 and 2), as the console does. When no reply of an answer has
buttons but one asks for the person's menu, the menu's ready-made questions become the
options, so "choose from the menu below" means something on Zalo too.

Which options are in effect: those of the last answer of the conversation (an answer without
options clears them), or of a later outbox message that has options (a meeting notice). A
notice without options and the adapter's one-line answers (a sticker) leave them as they
were: the question the person is answering is still the one above.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.channels.zalo.render import Option, match_option, options, render
from handlers import registry
from handlers.buttons import Ask
from handlers.messages import Button, Inbound, Kind, Reply
from locales.i18n import _
from locales.textfold import fold
from storage import options as chat_options

MAX_ANSWER = 200  # characters of a typed text that may still name an option


def menu_buttons(menu: list[list[str]]) -> list[list[Button]]:
    """The menu's labels as buttons asking their question (in the current language)."""
    rows = []
    for row in menu:
        found = [(label, registry.menu_intent(fold(label))) for label in row]
        rows.append([Button(label, Ask(intent).pack()) for label, intent in found if intent])
    return [row for row in rows if row]


def file_line(name: str) -> str:
    return _(
        "The file {name} cannot be sent on Zalo: open the bot on Telegram to receive it, or "
        "ask for it at the transaction point."
    ).format(name=name)


def layout(replies: list[Reply]) -> tuple[list[str], list[Option]]:
    """The messages of one answer and the options they show, numbered on across replies.
    Call it in the person's language (the menu labels are matched in it)."""
    with_buttons = any(reply.buttons for reply in replies)
    pieces: list[str] = []
    shown: list[Option] = []
    for reply in replies:
        buttons = reply.buttons
        if not with_buttons and not shown and reply.menu:
            buttons = menu_buttons(reply.menu)
        text = reply.text
        if reply.document is not None:
            text = f"{text}\n\n{file_line(reply.document.name)}"
        start = 1 + sum(1 for o in shown if o.number)
        numbered = not reply.reads_numbers  # a member's number or an amount is typed here
        pieces += render(text, buttons, start=start, numbered=numbered)
        shown += options(buttons, start, numbered=numbered)
    return pieces, shown


class NumberedChat:
    """The options of each chat of one channel, kept in the database."""

    def __init__(self, engine: AsyncEngine, channel: str, clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self.channel = channel
        self.clock = clock

    async def remember(self, chat_id: str, shown: list[Option]) -> None:
        """These are the chat's options now (none: it has none)."""
        async with self.engine.begin() as conn:
            await chat_options.remember_numbered(
                conn,
                self.channel,
                chat_id,
                [(o.number, o.label, o.data) for o in shown],
                self.clock(),
            )

    async def read(
        self, chat_id: str, user_id: str | None, text: str, update_id: int | None = None
    ) -> Inbound:
        """What the person typed: the press of the option it names, else the text itself
        (saying whether the options in effect were all shown numbered: then a number that
        names none is told which numbers are valid)."""
        choices: list[Option] = []
        if len(text) <= MAX_ANSWER:
            async with self.engine.connect() as conn:
                stored = await chat_options.recall_numbered(
                    conn, self.channel, chat_id, self.clock()
                )
            choices = [Option(n, label, data) for n, label, data in stored]
            data = match_option(text, choices)
            if data is not None:
                return Inbound(
                    self.channel,
                    chat_id,
                    user_id,
                    kind=Kind.BUTTON,
                    button=data,
                    update_id=update_id,
                    private=True,
                )
        # Only one-to-one chats come here (the adapter answers groups with one line). Options
        # are numbered here, except the tally's unnumbered lists (numbers there are the
        # tally's); a number with none open picks the main menu's (bot/inbound).
        return Inbound(
            self.channel,
            chat_id,
            user_id,
            text=text,
            update_id=update_id,
            private=True,
            numbered_options=all(o.number > 0 for o in choices),
        )
