"""One Zalo update (a webhook body or a getUpdates result) read into a small typed record.

Zalo sends one object per update, either enveloped (`{"ok": true, "result": {...}}`, as the
webhook and getUpdates do) or bare (`{"event_name": ..., "message": {...}}`); both are read.
Everything in it comes from the network: the raw bytes are bounded (size, nesting), every
field is checked for its type and length, and anything unusable gives None, never an
exception. A chat whose type is unknown is taken for a group, so nothing private is
answered into a chat that may have other people in it.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024  # bytes of one update or one API answer
MAX_DEPTH = 16  # nesting of JSON objects and arrays (a real update has 3)
MAX_TEXT = 4000  # characters kept of a person's text
MAX_NAME = 100  # characters kept of a display name
MAX_ID = 64  # characters of a chat, user or message id (Zalo's are 20-character hex)
MAX_EVENT = 64


class UnreadableJson(ValueError):
    """Bytes that are not a bounded JSON document."""


class ChatType(StrEnum):
    PRIVATE = "PRIVATE"
    GROUP = "GROUP"


class MessageKind(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    STICKER = "sticker"
    VOICE = "voice"
    # Zalo's compliance event: for some senders (children, people with disabilities, ...)
    # it sends this instead of the content. Answer with a neutral "contact the branch".
    UNSUPPORTED = "unsupported"
    OTHER = "other"  # an event this module does not know (Zalo adds events over time)


EVENTS = {
    "message.text.received": MessageKind.TEXT,
    "message.image.received": MessageKind.IMAGE,
    "message.sticker.received": MessageKind.STICKER,
    "message.voice.received": MessageKind.VOICE,
    "message.unsupported.received": MessageKind.UNSUPPORTED,
}


@dataclass(frozen=True)
class ZaloUpdate:
    event_name: str  # "" when the update did not say
    message_id: str
    chat_id: str  # where to reply
    chat_type: ChatType
    user_id: str | None
    kind: MessageKind
    text: str = field(default="", repr=False)  # the text, or an image's caption
    display_name: str = field(default="", repr=False)
    from_bot: bool = False
    date_ms: int | None = None

    @property
    def dedupe_key(self) -> str:
        """Zalo documents no retry policy; the same event and message id is the same update."""
        return f"{self.event_name}:{self.message_id}"


def load_json(raw: bytes, *, max_bytes: int = MAX_BODY, max_depth: int = MAX_DEPTH) -> object:
    """The decoded document; UnreadableJson when it is too big, too deep or not JSON."""
    if len(raw) > max_bytes:
        raise UnreadableJson(f"{len(raw)} bytes, more than {max_bytes}")
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise UnreadableJson(type(error).__name__) from None
    if _depth(value) > max_depth:
        raise UnreadableJson(f"nested more than {max_depth} deep")
    return value


def _depth(value: object) -> int:
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = list(item)
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def clean_text(value: object, limit: int) -> str:
    """A string field made safe to keep: control characters (but newline and tab) dropped,
    NFC, at most `limit` characters. Anything that is not a string gives ""."""
    if not isinstance(value, str):
        return ""
    kept = "".join(
        ch for ch in value[: limit * 2] if ch in "\n\t" or unicodedata.category(ch) != "Cc"
    )
    return unicodedata.normalize("NFC", kept)[:limit]


def _id(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    if not 1 <= len(text) <= MAX_ID or not all("!" <= ch <= "~" for ch in text):
        return None
    return text


def _mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, dict) else {}


def _body(payload: Mapping[str, object]) -> Mapping[str, object] | None:
    """The update itself, out of its envelope if it has one."""
    if "result" not in payload:
        return payload
    if payload.get("ok") is not True:
        return None
    result = payload["result"]
    if isinstance(result, list):  # the docs say one object; a list of one is read too
        if len(result) != 1:
            log.warning("an update came as a list of %d; only single updates are read", len(result))
            return None
        result = result[0]
    return result if isinstance(result, dict) else None


def _kind(event_name: str, message: Mapping[str, object]) -> MessageKind:
    if event_name:
        return EVENTS.get(event_name, MessageKind.OTHER)
    if isinstance(message.get("text"), str):
        return MessageKind.TEXT
    if "photo" in message:
        return MessageKind.IMAGE
    if "sticker" in message:
        return MessageKind.STICKER
    if "voice_url" in message:
        return MessageKind.VOICE
    return MessageKind.OTHER


def _chat_type(value: object, chat_id: str, user_id: str | None) -> ChatType:
    if isinstance(value, str) and value.upper() in ChatType.__members__:
        return ChatType(value.upper())
    if value is None and user_id == chat_id:  # a private chat's id is the person's
        return ChatType.PRIVATE
    return ChatType.GROUP


def parse_update(payload: object) -> ZaloUpdate | None:
    """The update in a decoded webhook body or getUpdates answer; None when unusable."""
    if not isinstance(payload, dict):
        return None
    body = _body(payload)
    if body is None:
        return None
    message = body.get("message")
    if not isinstance(message, dict):
        return None
    chat = _mapping(message.get("chat"))
    sender = _mapping(message.get("from"))
    chat_id = _id(chat.get("id"))
    message_id = _id(message.get("message_id"))
    if chat_id is None or message_id is None:
        return None
    event = body.get("event_name")
    event_name = event if isinstance(event, str) and len(event) <= MAX_EVENT else ""
    kind = _kind(event_name, message)
    user_id = _id(sender.get("id"))
    text = ""
    if kind is MessageKind.TEXT:
        text = clean_text(message.get("text"), MAX_TEXT)
    elif kind is MessageKind.IMAGE:
        text = clean_text(message.get("caption"), MAX_TEXT)
    date = message.get("date")
    return ZaloUpdate(
        event_name=event_name,
        message_id=message_id,
        chat_id=chat_id,
        chat_type=_chat_type(chat.get("chat_type"), chat_id, user_id),
        user_id=user_id,
        kind=kind,
        text=text,
        display_name=clean_text(sender.get("display_name"), MAX_NAME),
        from_bot=sender.get("is_bot") is True,
        date_ms=date if isinstance(date, int) and not isinstance(date, bool) and date > 0 else None,
    )


def parse_body(raw: bytes) -> ZaloUpdate | None:
    """The update in a webhook request's raw body; None when unreadable or unusable."""
    try:
        return parse_update(load_json(raw))
    except UnreadableJson:
        return None
