"""The message contract: what a person sent (`Inbound`) and what the bot answers (`Reply`),
channel-neutral. Channel adapters (Telegram, the console, Zalo) translate to and from these;
`Role` is the sender's role as the data says it (storage works it out).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from storage.links import Role

__all__ = ["Button", "Inbound", "InboundFile", "Kind", "OutFile", "Reply", "Role"]


class Kind(StrEnum):
    TEXT = "text"
    CONTACT = "contact"
    BUTTON = "button"
    FILE = "file"
    MEDIA = "media"  # photo, sticker, voice, video: nothing the bot can read
    EDITED = "edited"  # a change to a message sent earlier


@dataclass(frozen=True)
class InboundFile:
    name: str
    size: int
    file_id: str


@dataclass(frozen=True)
class Inbound:
    channel: str
    chat_id: str
    user_id: str | None
    kind: Kind = Kind.TEXT
    text: str = ""
    contact_phone: str | None = None
    contact_user_id: str | None = None
    button: str | None = None  # the data of a pressed button
    file: InboundFile | None = None
    update_id: int | None = None  # the platform's id, to process a re-delivery only once
    # A one-to-one chat with the bot. Linking, consent and figures happen only there; in a
    # group the router only points to a private chat. Each adapter sets it (Telegram:
    # chat.type == "private"; the console is private); left unset, a chat counts as a group.
    private: bool = False
    # The channel shows options as numbered lines (the console, Zalo): a typed "2" is the
    # second option. On Telegram options are buttons, and a number is just a number.
    numbered_options: bool = False
    # Downloads the sent file's bytes (set by adapters that can receive files).
    fetch_file: Callable[[], Awaitable[bytes]] | None = field(
        default=None, compare=False, repr=False
    )

    @property
    def command(self) -> tuple[str, str] | None:
        """`("start", "ABC123")` for `/start ABC123`; None when the text is not a command."""
        if self.kind is not Kind.TEXT or not self.text.startswith("/"):
            return None
        head, _, rest = self.text[1:].partition(" ")
        return head.split("@", 1)[0].lower(), rest.strip()


class Button(NamedTuple):
    """A choice under a message. `data` comes back in `Inbound.button` (at most 64 bytes).
    A (label, data) pair, which is how the outbox stores it."""

    label: str
    data: str


@dataclass(frozen=True)
class OutFile:
    name: str
    content: bytes


@dataclass
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    menu: list[list[str]] | None = None  # a persistent keyboard of ready-made questions
    show_menu: bool = False  # the person's main menu goes under it (the router fills `menu`)
    request_phone: str | None = None  # label of a "share my phone" button
    document: OutFile | None = None
    remove_menu: bool = False
    # A bare number typed back answers the text (a member's number, an amount), not one of
    # the buttons: where buttons are shown as numbered lines (Zalo, the console) they are
    # listed unnumbered, to be answered by their words.
    reads_numbers: bool = False
