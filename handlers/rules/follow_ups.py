"""A short follow-up that asks only when or where ("mấy giờ vậy, ở đâu", "ở đâu", "what
time?"), with nothing else it is about: a business rule. What was answered last decides what
it asks about (the router looks it up)."""

from __future__ import annotations

import re
from datetime import timedelta

from locales.textfold import fold

# A follow-up is about the last answer only this soon after it.
FOLLOW_UP_WITHIN = timedelta(minutes=30)

_ASKS = ("luc may gio", "may gio", "o dau", "cho nao", "noi nao", "dia diem", "what time")
_ASKS_ALONE = frozenset({"where", "when"})
# Words around the question that ask nothing themselves.
_AROUND = frozenset(
    {"vay", "va", "the", "a", "ha", "z", "nhi", "nua", "ne", "nhe", "nha", "con", "thi", "ma"}
    | {"la", "luc", "oi", "chau", "em", "co", "chi", "anh", "ba", "bac", "ad", "bot", "vs"}
    | {"vậy", "and", "then", "at", "is", "it", "s"}
)
_NOT_WORDS = re.compile(r"[^0-9a-z]+")


def asks_when_or_where(text: str) -> bool:
    """Only "when" or "where", with particles and forms of address around it."""
    said = " " + _NOT_WORDS.sub(" ", fold(text)).strip() + " "
    found = False
    for phrase in _ASKS:
        if f" {phrase} " in said:
            said = said.replace(f" {phrase} ", " ")
            found = True
    words = said.split()
    found = found or any(w in _ASKS_ALONE for w in words)
    return found and all(w in _AROUND or w in _ASKS_ALONE for w in words)
