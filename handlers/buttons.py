"""Button data as small typed records, like aiogram's `CallbackData`: each kind has a prefix
and fields, `pack()` writes `prefix:field:field` (at most 64 bytes, Telegram's limit) and
`unpack()` reads it back, or gives None for data that is not of this kind (a forged or stale
button). Trailing empty fields are left out, so `mt:send` and `mt:yes:12` are one kind.

The wire format is the one earlier versions wrote, so buttons already in people's chats keep
working.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Any, ClassVar, Self, get_type_hints

MAX_BYTES = 64


class CallbackData:
    """Base of the button kinds; subclasses are frozen dataclasses with a `PREFIX`."""

    PREFIX: ClassVar[str]

    def pack(self) -> str:
        values = [getattr(self, f.name) for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        while values and values[-1] is None:
            values.pop()
        packed = ":".join(
            [self.PREFIX, *(str(v.value if isinstance(v, StrEnum) else v) for v in values)]
        )
        if len(packed.encode()) > MAX_BYTES:
            raise ValueError(f"button data over {MAX_BYTES} bytes: {packed[:20]}…")
        return packed

    @classmethod
    def unpack(cls, data: str) -> Self | None:
        prefix, _sep, rest = data.partition(":")
        if prefix != cls.PREFIX or len(data.encode()) > MAX_BYTES:
            return None
        specs = _field_specs(cls)
        parts = rest.split(":", len(specs) - 1) if rest else []
        if len(parts) > len(specs):
            return None
        values: dict[str, Any] = {}
        for index, (name, kind, optional) in enumerate(specs):
            if index >= len(parts) or parts[index] == "":
                if not optional:
                    return None
                values[name] = None
                continue
            value = _convert(kind, parts[index])
            if value is None:
                return None
            values[name] = value
        return cls(**values)


_SPECS: dict[type, tuple[tuple[str, type, bool], ...]] = {}


def _field_specs(cls: type) -> tuple[tuple[str, type, bool], ...]:
    """(name, type, may be empty) of each field, from the dataclass's annotations."""
    if cls in _SPECS:
        return _SPECS[cls]
    hints = get_type_hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        args = [a for a in getattr(hint, "__args__", ()) if a is not type(None)]
        optional = bool(args) and len(args) < len(getattr(hint, "__args__", ()))
        specs.append((f.name, args[0] if optional else hint, optional))
    _SPECS[cls] = tuple(specs)
    return _SPECS[cls]


def _convert(kind: type, text: str) -> object | None:
    if kind is int:
        return int(text) if text.isdigit() and len(text) <= 18 else None
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        try:
            return kind(text)
        except ValueError:
            return None
    return text


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"


class ConsentAnswer(StrEnum):
    AGREE = "yes"
    DECLINE = "no"  # asks first: declining unlinks the chat
    DECLINE_CONFIRMED = "nook"
    LATER = "later"  # leave it as it is: still linked, the notice can be agreed later
    REVIEW = "read"  # the whole notice again


@dataclasses.dataclass(frozen=True)
class Consent(CallbackData):
    """The answer to the personal-data notice ("consent:yes", "consent:no" as before)."""

    PREFIX = "consent"
    answer: ConsentAnswer


@dataclasses.dataclass(frozen=True)
class Language(CallbackData):
    PREFIX = "lang"
    code: str


@dataclasses.dataclass(frozen=True)
class Ask(CallbackData):
    """A ready-made question: the intent it stands for."""

    PREFIX = "ask"
    intent: str


@dataclasses.dataclass(frozen=True)
class GroupPage(CallbackData):
    """A page of the leader's group status."""

    PREFIX = "group"
    page: int


class TallyAction(StrEnum):
    ALL = "all"  # everyone paid in full
    ALL_CONFIRMED = "allok"  # ... and forget the noted exceptions
    ALL_BUT = "allbut"  # everyone not yet noted paid in full, but the members set apart
    ALL_BUT_NO = "allbutno"  # ... not so: nothing of that line is noted
    CANCEL = "cancel"  # asks first
    CANCEL_CONFIRMED = "cancelok"
    KEEP = "keep"  # ... not so: the draft stays, nothing submitted
    EDIT = "edit"
    SUMMARY = "summary"
    SUBMIT = "submit"
    AMOUNT_OK = "amtok"  # the amount echoed back is right
    AMOUNT_NO = "amtno"  # ... is not: type it again
    INTEREST_ONLY = "oneint"  # one amount said: it was the interest alone
    WITH_SAVINGS = "onesav"  # ... it was the interest due and the rest savings


@dataclasses.dataclass(frozen=True)
class TallyButton(CallbackData):
    PREFIX = "tally"
    action: TallyAction


class BroadcastAction(StrEnum):
    # audiences (storage.audiences.AudienceKind values)
    EVERYONE = "all"
    COMMUNE = "commune"
    GROUP = "group"
    LEADERS = "leaders"
    OVERDUE = "overdue"
    # the dialog's own steps
    PICK_GROUP = "groups"
    SEND = "send"
    CANCEL = "cancel"
    STOP = "stop"  # the copies of a queued notice not sent yet: cancelled


@dataclasses.dataclass(frozen=True)
class BroadcastButton(CallbackData):
    PREFIX = "bc"
    action: BroadcastAction
    target: int | None = None  # the commune or group id (the notice's, to stop it)


class MeetingAction(StrEnum):
    COMING = "yes"
    NOT_COMING = "no"
    SEND = "send"
    EDIT = "edit"
    DROP = "drop"  # abandon the draft
    KEEP = "keep"
    STATUS = "status"
    MOVE = "move"
    CANCEL = "cancel"  # asks first
    CANCEL_CONFIRMED = "cancelok"
    MORNING = "am"  # "7 giờ sáng hay 7 giờ tối?"
    EVENING = "pm"


@dataclasses.dataclass(frozen=True)
class MeetingButton(CallbackData):
    PREFIX = "mt"
    action: MeetingAction
    meeting: int | None = None


@dataclasses.dataclass(frozen=True)
class Unlink(CallbackData):
    """The answer to "unlink this chat?"."""

    PREFIX = "unlink"
    answer: YesNo


@dataclasses.dataclass(frozen=True)
class NewsChannel(CallbackData):
    """Which channel's chat gets the person's reminders and notices ("telegram", "zalo")."""

    PREFIX = "news"
    channel: str


@dataclasses.dataclass(frozen=True)
class MemberButton(CallbackData):
    """One of the group's members, picked by the leader when a name fits several."""

    PREFIX = "member"
    customer: int


KINDS: tuple[type[CallbackData], ...] = (
    Unlink,
    Consent,
    Language,
    Ask,
    GroupPage,
    TallyButton,
    BroadcastButton,
    MeetingButton,
    NewsChannel,
    MemberButton,
)


def unpack(data: str) -> CallbackData | None:
    """The typed record of a pressed button, or None for data of no known kind."""
    for kind in KINDS:
        found = kind.unpack(data)
        if found is not None:
            return found
    return None
