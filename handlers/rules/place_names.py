"""A commune named inside free text, where nothing marks where its name ends ("xã Đại Tâm mai
8h họp giao ban", "xa Phu My co ai qua han ko"): the name is the longest KNOWN name at that
place (compared folded, without diacritics), and the rest of the line is the rest (a notice's
text, a question's words). When no known name fits, the name is taken as its first two words
(most commune names have two) so that "not found" quotes the name, not the whole line.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from locales.textfold import fold

MAX_WORDS = 6  # "Thị trấn Long Phú", "Phường 1": no known name is longer than this
GUESSED_WORDS = 2
_WORD = re.compile(r"\S+")
_PUNCTUATION = ",.;:!?()\"'"


@dataclass(frozen=True)
class NameSplit:
    """The name as typed, and what follows it as typed (None when nothing does)."""

    name: str
    rest: str | None


def _words(typed: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(typed))


def _key(words: list[re.Match[str]], count: int) -> str:
    return " ".join(fold(w.group().strip(_PUNCTUATION)) for w in words[:count]).strip()


def name_keys(typed: str) -> list[str]:
    """The folded names the start of `typed` could be, longest first (to look up at once)."""
    words = _words(typed)
    keys = [_key(words, count) for count in range(min(len(words), MAX_WORDS), 0, -1)]
    return [key for key in dict.fromkeys(keys) if key]


def _split(typed: str, words: list[re.Match[str]], count: int) -> NameSplit:
    name = typed[: words[count - 1].end()].strip(" " + _PUNCTUATION)
    rest = typed[words[count - 1].end() :].strip(" " + _PUNCTUATION.replace("?", ""))
    rest = rest.lstrip("?").strip()
    return NameSplit(name, rest or None)


def split_at_known(typed: str, known: Collection[str]) -> NameSplit | None:
    """The longest name in `known` (folded keys) that `typed` starts with, whole words only,
    and what follows it; None when none does."""
    words = _words(typed)
    for count in range(min(len(words), MAX_WORDS), 0, -1):
        if _key(words, count) in known:
            return _split(typed, words, count)
    return None


def split_guessed(typed: str) -> NameSplit:
    """No known name fits: the first two words are taken for the name."""
    words = _words(typed)
    if len(words) <= GUESSED_WORDS:
        return NameSplit(typed.strip(" " + _PUNCTUATION), None)
    return _split(typed, words, GUESSED_WORDS)
