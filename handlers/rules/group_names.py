"""Which of an officer's groups a name typed for a notice's audience means: "Tâm Kiên", "ap
tam kien", "TÂM KIÊN", "Tổ TK&VV ấp Tâm Kiên" all name "Tổ TK&VV ấp Tâm Kiên". Names are
compared folded (no diacritics, any case), without the words every group's name has ("tổ",
"TK&VV"), as the group's name or its hamlet whole; with none whole, a name of two words or
more is a group whose name starts with it ("Tâm Kiên" for "Tâm Kiên 1" and "Tâm Kiên 2").
A name with the notice's text after it and nothing between ("Tâm Kiên mai họp lúc 8h") is
the longest start that names a group. A name matching nothing gets the closest group's name,
as a misspelt commune does (`place_guess`). A group named with its commune after it ("tổ 3
xã Đại Tâm") is split there (`group_then_commune`). Pure text reading over the groups given."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from handlers.rules.place_guess import closest
from handlers.rules.place_names import NameSplit, split_at_known
from handlers.rules.places import GENERIC, PLACE_WORDS, Place, phrases
from locales.textfold import fold

MIN_START_WORDS = 2  # "Tâm Kiên" may start "Tâm Kiên 1"; "ấp" or "Tâm" alone starts nothing
MAX_GROUP_WORDS = 6
_GROUP_IN_COMMUNE = re.compile(
    r"(?:^|[\s,.;:!?(])to\s+(?P<group>[^\s,.;:!?].*?)\s*,?\s+"
    r"(?:(?:o|cua|thuoc|ben|tai|in|of)\s+)?(?P<kind>xa|phuong|thi tran)\s+(?P<commune>\S.*)$"
)
# "tổ trưởng xã …", "tổ nào xã … chưa nộp", "tổ khác": no group's name.
_NOT_A_GROUP = {"truong", "pho", "vien", "nao", "khac", "kia", "nay", "do", "ay", "cac", "moi"}


def name_key(typed: str) -> str:
    """The typed name folded, without the words every group's name has: "tổ Tâm Kiên" →
    "tam kien"."""
    words = fold(typed).replace("&", " & ").strip(" .,:;!?").split()
    return " ".join(w for w in words if w not in GENERIC)


def _names(place: Place) -> set[str]:
    """The folded names a group goes by: its name and hamlet, with and without "ấp"."""
    found = phrases(place.group_name) | phrases(place.hamlet)
    whole = name_key(place.group_name)
    return found | ({whole} if whole else set())


def groups_called(typed: str, places: Iterable[Place]) -> list[Place]:
    """The groups `typed` names whole; else, for a name of two words or more (not counting
    "ấp"), those whose name starts with it; none: []."""
    key = name_key(typed)
    if not key:
        return []
    places = list(places)
    whole = [place for place in places if key in _names(place)]
    if whole:
        return whole
    words = key.split()
    if len([w for w in words if w not in PLACE_WORDS]) < MIN_START_WORDS:
        return []
    return [place for place in places if any(name.startswith(key + " ") for name in _names(place))]


def split_group_name(typed: str, places: Iterable[Place]) -> NameSplit | None:
    """ "Tâm Kiên mai họp lúc 8h": the longest start of `typed` that names a group, and what
    follows it; None when no start does."""
    known: set[str] = set()
    for place in places:
        known |= _names(place)
        known |= {fold(place.group_name).strip(), " ".join(fold(place.group_name).split()[1:])}
    found = split_at_known(typed, known)
    if found is not None:
        return found
    words = typed.split()
    if words and fold(words[0]) in GENERIC:  # "TK&VV Tâm Kiên mai họp": "tổ" was taken off
        rest = split_at_known(" ".join(words[1:]), known)
        if rest is not None:
            return NameSplit(words[0] + " " + rest.name, rest.rest)
    return None


def closest_group(typed: str, places: Iterable[Place]) -> Place | None:
    """The group whose name is closest to `typed`, if close enough ("Tam Kein" → "Tâm
    Kiên"); a name with other numbers ("ấp 5" for "ấp 3") is another group, no guess."""
    by_name: dict[str, Place] = {}
    for place in places:
        for name in sorted(_names(place)):
            by_name.setdefault(name, place)
    guess = closest(name_key(typed), list(by_name))
    return by_name[guess] if guess is not None else None


@dataclass(frozen=True)
class GroupInCommune:
    """ "tổ 3 xã Đại Tâm nộp chưa": the group as typed ("3") and the text from the commune's
    name on ("Đại Tâm nộp chưa"), as typed."""

    group: str
    commune_text: str


def group_then_commune(text: str) -> GroupInCommune | None:
    """A group named with its commune after it ("tổ 3 xã Đại Tâm", "to ap 3 o xa dai tam",
    "tổ TK&VV ấp 3, xã Đại Tâm"); None when the text names no such pair (or "tổ trưởng xã …",
    "tổ nào xã …")."""
    nfc = unicodedata.normalize("NFC", text)
    folded = "".join((fold(ch) or " ")[:1] for ch in nfc)  # one folded letter per letter
    found = _GROUP_IN_COMMUNE.search(folded)
    if found is None:
        return None
    group = nfc[found.start("group") : found.end("group")].strip(" ,")
    words = fold(group).split()
    if not words or words[0] in _NOT_A_GROUP or len(words) > MAX_GROUP_WORDS:
        return None
    return GroupInCommune(group, nfc[found.start("commune") :].strip())
