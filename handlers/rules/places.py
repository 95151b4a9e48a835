"""Whether a question names a group or commune other than the asker's own ("bà Tư bên Tâm
Kiên", "ông Sơn tổ T02", "xã Thạnh Phú", "tổ khác"): a leader sees only their own group's
members, so such a question is not answered with a namesake of their own group."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from locales.textfold import fold

# Words every group's name starts with: they name no group in particular.
GENERIC = {"to", "tk&vv", "tkvv", "tk", "vv", "&", "-", "nhom", "xa", "phuong", "thi", "tran"}
PLACE_WORDS = {"ap", "soc", "khom", "thon", "xom", "ban", "khu"}
_ANOTHER = re.compile(r"\b(?:to|xa|ap|soc|nhom|khom|thon)\s+(?:khac|kia|ben kia)\b")


@dataclass(frozen=True)
class Place:
    """A group and its commune, as the bank's files name them."""

    group_id: int
    commune_id: int
    code: str
    group_name: str
    hamlet: str | None
    commune: str


def phrases(name: str | None) -> set[str]:
    """The ways a text names this place: "ấp Tâm Kiên" and "Tâm Kiên", never a bare number
    or a lone word such as "ấp"."""
    if not name:
        return set()
    words = [w for w in fold(name).replace("&", " & ").split() if w not in GENERIC]
    found = set()
    for phrase in (words, words[1:] if words and words[0] in PLACE_WORDS else []):
        if (
            phrase and any(re.search(r"[a-z]", w) for w in phrase) and phrase[0] not in PLACE_WORDS
        ) or len(phrase) > 1:
            found.add(" ".join(phrase))
    return found


def _says(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w&]){re.escape(phrase)}(?![\w&])", folded) is not None


def names_another_place(text: str, own_group: int, places: Iterable[Place]) -> bool:
    """The text names a group (its code, name or hamlet) or a commune other than the one of
    `own_group`, or says "tổ khác"; the asker's own group and commune are not another."""
    folded = " ".join(fold(text).split())
    if _ANOTHER.search(folded):
        return True
    places = list(places)
    own = next((p for p in places if p.group_id == own_group), None)
    mine = set()
    if own is not None:
        mine = {own.code.casefold()} | phrases(own.group_name) | phrases(own.hamlet)
        mine |= phrases(own.commune)
    for place in places:
        if place.group_id == own_group:
            continue
        names = {place.code.casefold()} | phrases(place.group_name) | phrases(place.hamlet)
        if own is None or place.commune_id != own.commune_id:
            names |= phrases(place.commune)
        if any(_says(folded, name) for name in names - mine):
            return True
    return False


def groups_named(text: str, places: Iterable[Place]) -> list[Place]:
    """The groups the text names by their code, name or hamlet ("tổ Ấp 3", "to 0192041",
    "tổ Đại Nghĩa Thắng"), whatever commune they are in; when the names found overlap
    ("ấp Phú Hòa" and "Phú Hòa"), the groups named by the longest one."""
    folded = " ".join(fold(text).split())
    found: list[tuple[int, Place]] = []
    for place in places:
        names = {place.code.casefold()} | phrases(place.group_name) | phrases(place.hamlet)
        said = [len(name) for name in names if _says(folded, name)]
        if said:
            found.append((max(said), place))
    longest = max((length for length, _place in found), default=0)
    return [place for length, place in found if length == longest]
