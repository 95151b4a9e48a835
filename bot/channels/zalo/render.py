"""Zalo text out and choices back in, as pure functions.

Zalo Bot messages carry 1 to 2000 characters and no buttons. A long text is split at line
boundaries (then at spaces, then anywhere); a reply's buttons become numbered options at the
end of its last message ("1. Xác nhận nộp"); `match_option` maps what the person types back
to the option: its number ("1", "số 1", "1.") or its label with or without diacritics.

Length is counted in UTF-16 code units: Zalo does not say what its 2000 counts, its text
styles are UTF-16 offsets, and UTF-16 is never shorter than counting code points, so a text
that fits here fits whichever Zalo means.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from handlers.messages import Button
from locales.textfold import fold

MAX_TEXT = 2000


def length(text: str) -> int:
    """Length in UTF-16 code units (a character outside the BMP, such as an emoji, is 2)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(frozen=True)
class Option:
    number: int
    label: str
    data: str


def options(buttons: list[list[Button]], start: int = 1, *, numbered: bool = True) -> list[Option]:
    """The buttons, row by row, numbered from `start` (1: the first option of a message);
    `numbered=False`: number 0, answered by their words only (the text reads bare numbers)."""
    flat = [button for row in buttons for button in row]
    if not numbered:
        return [Option(0, b.label, b.data) for b in flat]
    return [Option(n, b.label, b.data) for n, b in enumerate(flat, start=start)]


def option_lines(choices: list[Option]) -> str:
    return "\n".join(f"{o.number}. {o.label}" if o.number else f"• {o.label}" for o in choices)


def _cut(text: str, limit: int) -> int:
    """Where to cut `text` so the head fits `limit`: after the last newline, else the last
    space, else as far as fits (but never just before a combining mark, which would part an
    accent from its letter)."""
    fits = 0
    used = 0
    for index, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > limit:
            break
        fits = index + 1
    head = text[:fits]
    for separator in ("\n", " "):
        at = head.rfind(separator)
        if at > 0:
            return at + 1
    while fits > 1 and unicodedata.combining(text[fits]):
        fits -= 1
    return max(fits, 1)


def split(text: str, limit: int = MAX_TEXT) -> list[str]:
    """`text` as messages of at most `limit` UTF-16 units, cut where a reader expects a
    break. Blank pieces are dropped; an empty text gives no message."""
    if limit < 2:
        raise ValueError("a message holds at least 2 UTF-16 units (one emoji)")
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        if length(rest) <= limit:
            pieces.append(rest)
            break
        at = _cut(rest, limit)
        head = rest[:at].rstrip()
        if head:
            pieces.append(head)
        rest = rest[at:].lstrip()
    return pieces


def render(
    text: str,
    buttons: list[list[Button]],
    limit: int = MAX_TEXT,
    start: int = 1,
    *,
    numbered: bool = True,
) -> list[str]:
    """The messages that carry `text` and its buttons as numbered options (from `start`; as
    "• label" lines when not `numbered`): the options end the last message and are never
    separated from the text's end when they fit together."""
    choices = options(buttons, start, numbered=numbered)
    if not choices:
        return split(text, limit)
    block = option_lines(choices)
    pieces = split(text, limit)
    if pieces and length(pieces[-1]) + 2 + length(block) <= limit:
        pieces[-1] = f"{pieces[-1]}\n\n{block}"
        return pieces
    return pieces + split(block, limit)


_NUMBER = re.compile(r"(?:so|chon|lua chon|phuong an|#)?\s*(\d{1,3})\s*[.)]?")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def _words(text: str) -> str:
    return _NOT_WORD.sub(" ", fold(text)).strip()


def match_option(text: str, choices: list[Option]) -> str | None:
    """The data of the option `text` names, by number or label; None when it names none
    (or more than one: two options whose labels fold alike are not guessed between)."""
    if not choices or len(text) > 200:
        return None
    folded = fold(text).rstrip(" .!?")
    number = _NUMBER.fullmatch(folded)
    if number:
        wanted = int(number.group(1))
        return next((o.data for o in choices if o.number == wanted and wanted > 0), None)
    words = _words(text)
    if not words:
        return None
    found = [o.data for o in choices if _words(o.label) == words]
    return found[0] if len(found) == 1 else None
