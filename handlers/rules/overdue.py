"""Who is overdue: whether a message asks it ("ai quá hạn", "hộ nào quá hạn ở xã Đại Tâm"),
the commune it names, who counts (a member with overdue principal on an open loan, as the
leader's group status counts them), and the list as shown: by group, the first `SHOWN`
households and how many more."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bot.nlu.normalize import raw_tokens, tokens
from locales.textfold import fold
from storage.borrowers import MemberLine, OverdueLine

SHOWN = 20
MAX_NAME = 60

_OVERDUE = re.compile(r"\b(?:qua han|tre han|no xau|overdue|qh)\b")  # "QH": officers' quá hạn
_QH = re.compile(r"(?<![\w&/])qh(?![\w&/])")
_WHO = re.compile(
    r"\b(?:ai|ho nao|nhung ho|nhung ai|nguoi nao|may ho|bao nhieu ho|cac ho|danh sach|ds|"
    r"liet ke|who|which|list)\b"
)
_COMMUNE = re.compile(r"\b(?:xa|phuong|thi tran)\s+(.+)$")
_AFTER_NAME = re.compile(
    r"(?:\s+(?:vay|the|nhi|nhe|nha|ha|khong|ko|chua|roi|do|ne|hien nay|bay gio))+$"
)


_ASKS_IF_OVERDUE = re.compile(
    r"\b(?:qua han|tre han|tre no|no xau|overdue|late|behind|arrears|past due|missed)\b"
)


def asks_if_overdue(text: str) -> bool:
    """ "có bị quá hạn không", "co bi qua hn chua", "am I overdue", "is she behind on
    payments?", "any arrears": whether the asker's own loans are overdue."""
    said = " ".join(tokens(text)) + " | " + " ".join(raw_tokens(text))
    return bool(_ASKS_IF_OVERDUE.search(said))


def mentions_overdue(text: str) -> bool:
    """ "hộ quá hạn xã Đại Tâm": an officer, who has no household, means other people's."""
    return bool(_OVERDUE.search(fold(text)))


def says_qh(text: str) -> bool:
    """ "QH xã ĐT", "ds hộ QH": the officers' abbreviation of "quá hạn"."""
    return bool(_QH.search(fold(text)))


def asks_who_is_overdue(text: str) -> bool:
    """ "ai quá hạn", "hộ nào trễ hạn", "danh sách nợ quá hạn" (not "tôi có bị quá hạn không")."""
    folded = fold(text)
    return bool(_OVERDUE.search(folded) and _WHO.search(folded))


_ASKS_WHO = re.compile(
    r"\b(?:ai|ho nao|nguoi nao|may ho|bao nhieu ho|nhung ai|who|which|how many)\b|\?"
)


def asks_which_are_overdue(text: str) -> bool:
    """ "hộ nào quá hạn", "ai quá hạn ở xã Đại Tâm", "who is overdue": a question, never an
    audience ("các hộ quá hạn" is one, at a notice's audience step)."""
    folded = fold(text)
    return bool(_OVERDUE.search(folded) and _ASKS_WHO.search(folded))


def commune_named(text: str) -> str | None:
    """The commune after "xã" / "phường" / "thị trấn", as typed ("ở xã Đại Tâm vậy?")."""
    nfc = unicodedata.normalize("NFC", text)
    folded = "".join((fold(ch) or " ")[:1] for ch in nfc)
    found = _COMMUNE.search(folded)
    if found is None:
        return None
    name_folded = folded[found.start(1) :].rstrip(" ?.!,")
    tail = _AFTER_NAME.search(name_folded)
    if tail is not None:
        name_folded = name_folded[: tail.start()]
    name = nfc[found.start(1) : found.start(1) + len(name_folded)].strip(" ,.")
    return name[:MAX_NAME] or None


def overdue_members(members: Sequence[MemberLine]) -> list[MemberLine]:
    """The members who are overdue, in the group's order."""
    return [m for m in members if m.overdue > 0]


@dataclass(frozen=True)
class GroupShown:
    commune: str
    code: str
    name: str
    count: int  # the group's overdue households, shown or not
    lines: list[OverdueLine]


@dataclass(frozen=True)
class Shown:
    groups: list[GroupShown]
    total: int
    amount: int
    rest: int  # households not shown


def first_shown(lines: Sequence[OverdueLine], limit: int = SHOWN) -> Shown:
    """The lines by group (in their order), at most `limit` shown in all."""
    groups: list[GroupShown] = []
    for index, line in enumerate(lines):
        key = (line.commune, line.group_code, line.group_name)
        if not groups or (groups[-1].commune, groups[-1].code, groups[-1].name) != key:
            groups.append(GroupShown(*key, 0, []))
        group = groups[-1]
        shown = [*group.lines, line] if index < limit else group.lines
        groups[-1] = GroupShown(*key, group.count + 1, shown)
    return Shown(
        [g for g in groups if g.lines],
        len(lines),
        sum(line.overdue for line in lines),
        max(len(lines) - limit, 0),
    )
