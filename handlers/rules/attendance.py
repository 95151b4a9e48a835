"""Whether a typed answer to "Anh/chị có đến được không?" says coming or not coming, the way
people say it: "có tui", "tui đi được", "ok", "dc" come; "ko đi được", "tui ko di dc dau,
ban roi", "ko toi dc", "bận", "vắng" do not.

A message is read only when every word in it belongs to the small vocabulary of such
answers (pronouns, particles, coming words, negations, reasons for not coming), so a
sentence about something else ("tui đi chợ") is not taken for an answer. A negation or a
reason anywhere makes it "not coming"; otherwise a coming word makes it "coming". "vắng"
(absent) and "vâng" (yes) fold alike, so that word is read with its diacritics.
"""

from __future__ import annotations

import re
import unicodedata

from locales.textfold import fold

_PRONOUNS = frozenset(
    [
        "tui",
        "toi",
        "em",
        "chi",
        "anh",
        "minh",
        "con",
        "chau",
        "ba",
        "ong",
        "bac",
        "co",
        "di",
        "chu",
        "cau",
        "tao",
        "e",
        "c",
        "a",
        "t",
        "nha",
        "ho",
        "gia",
        "dinh",
    ]
)
_PARTICLES = frozenset(
    [
        "thoi",
        "a",
        "nhe",
        "nha",
        "nhen",
        "ne",
        "roi",
        "r",
        "dau",
        "oi",
        "day",
        "luon",
        "chac",
        "chan",
        "se",
        "nhat",
        "dinh",
        "van",
        "cung",
        "ma",
        "la",
        "ha",
        "he",
        "vay",
        "xin",
        "phep",
        "nghe",
        "kip",
        "lam",
        "qua",
        "hom",
        "do",
        "nay",
        "hop",
        "buoi",
        "to",
        "di",
        "va",
        "voi",
        "nua",
        "duoc",
        "dc",
        "sao",
        "khi",
        "ay",
    ]
)
_COMING = frozenset(
    [
        "co",
        "di",
        "den",
        "toi",
        "tham",
        "gia",
        "mat",
        "duoc",
        "dc",
        "ok",
        "oke",
        "okie",
        "okay",
        "u",
        "uh",
        "yes",
        "y",
        "da",
        "dong",
    ]
)
_NOT = frozenset(["khong", "ko", "k", "hong", "hok", "hem", "kg", "khg", "chua", "no", "ch"])
_REASONS = frozenset(
    [
        "ban",
        "ket",
        "om",
        "benh",
        "met",
        "viec",
        "nghi",
        "vang",
        "mac",
        "bi",
        "ve",
        "que",
        "xa",
        "vo",
        "sinh",
        "dam",
        "cuoi",
        "gio",
    ]
)
_STRONG_COMING = frozenset(
    ["co", "di", "den", "duoc", "dc", "ok", "oke", "okie", "okay", "u", "uh", "yes", "tham", "mat"]
)
_WORD = re.compile(r"[0-9a-z]+")
_ABSENT_WORD = re.compile(r"\bvắng\b")
_YES_WORD = re.compile(r"\bvâng\b")


def read_attendance(text: str) -> bool | None:
    """True (coming), False (not coming) or None (not an answer to the question)."""
    lowered = unicodedata.normalize("NFC", text.lower())
    words = _WORD.findall(fold(text))
    if not words or len(words) > 12:
        return None
    vocabulary = _PRONOUNS | _PARTICLES | _COMING | _NOT | _REASONS
    if any(word not in vocabulary for word in words):
        return None
    absent = bool(_ABSENT_WORD.search(lowered))
    reasons = {w for w in words if w in _REASONS} - ({"vang"} if not absent else set())
    if any(w in _NOT for w in words) or reasons:
        return False
    if _YES_WORD.search(lowered) or any(w in _STRONG_COMING for w in words):
        return True
    return None
