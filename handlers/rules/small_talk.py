"""A bare acknowledgement or a greeting, with nothing else asked: business rules.

"ok", "đúng", "thôi", "ừ", "vâng", "👍" alone, with no question open, get a short friendly
line (not "I did not understand" and the menu); so does a bare "chưa" (not yet: nothing to
ask now, as after the thanks for agreeing), which the intent model read as a leader's "who
has not paid". Said in the language of the word when it is
clearly Vietnamese ("đúng", "thôi", "ừ", "vâng"), else in the chat's ("ok", "👍").
A greeting ("chào con", "xin chào", "hello") at a question the bot asked is greeted back and
the question asked again. A goodbye ("tạm biệt con", "bai bai", "bye", "thôi tui nghỉ nghen",
"chào nha con") alone gets a short goodbye, no menu.
"""

from __future__ import annotations

import re

from locales.textfold import fold

_VIETNAMESE = frozenset(
    {"dung", "dung roi", "thoi", "u", "uh", "uhm", "um", "o", "vang", "vang a", "da", "da vang"}
    | {"duoc", "dc", "de", "roi", "biet roi", "vay thoi", "thoi duoc", "u ha", "uk", "uki"}
    | {"chua", "chua a", "chua co", "chua co gi", "chua can", "da chua"}
)
_ANY = frozenset({"ok", "okay", "oke", "okie", "oki", "okela", "k", "kk", "yes", "yep", "sure"})
_SIGNS = frozenset("👍👌🙏🙂😊😀👏✅🆗❤♥️🤝")
_EDGES = re.compile(r"^[\s.!,~…]+|[\s.!,~…]+$")
_INNER = re.compile(r"\s+")


def acknowledgement(text: str) -> str | None:
    """ "vi" for a Vietnamese acknowledgement word, "" for one in no particular language
    ("ok", "👍"), None for anything else."""
    stripped = _EDGES.sub("", text)
    if stripped and all(ch in _SIGNS or ch.isspace() or ch == "\ufe0f" for ch in stripped):
        return ""
    said = _INNER.sub(" ", fold(stripped).lower())
    if said in _VIETNAMESE:
        return "vi"
    if said in _ANY:
        return ""
    return None


_GREETINGS = ("xin chao", "chao", "alo", "hello", "hi", "hey", "good morning", "good afternoon")
_TO_WHOM = frozenset({"con", "chau", "em", "ban", "bot", "anh", "chi", "co", "chu", "ba", "ong"})
_TO_WHOM |= {"a", "nha", "nhe", "oi", "there", "ca nha", "moi nguoi", "tro ly", "buoi sang"}


def is_greeting(text: str) -> bool:
    """ "chào con", "xin chào ạ", "alo", "hello": a greeting and nothing else."""
    said = _INNER.sub(" ", fold(_EDGES.sub("", text)).lower())
    for greeting in _GREETINGS:
        if said == greeting or said.startswith(greeting + " "):
            rest = said[len(greeting) :].split()
            return all(word in _TO_WHOM for word in rest)
    return False


# What says goodbye, folded; "chào" says it only with a closing particle ("chào nha con"),
# alone it greets ("chào con").
_GOODBYES: tuple[str, ...] = (
    "tam biet",
    "bai bai",
    "bye",
    "bb",
    "goodbye",
    "good bye",
    "see you",
    "thoi nghi",
)
_GOODBYES += ("chao nha", "chao nhe", "chao nghen", "chao nhen", "nghi nha", "nghi nghen")
_GOODBYES += ("nghi nhe", "di nha", "di nghen")
# Beside a goodbye, words that ask nothing.
_AROUND_GOODBYE = frozenset(
    {"thoi", "tui", "toi", "minh", "nghi", "nghen", "nha", "nhe", "nhen", "nghe", "con", "chau"}
    | {"em", "ban", "bot", "a", "da", "bai", "bye", "tam", "biet", "chao", "di", "roi", "ha"}
    | {"oi", "vay", "the", "good", "see", "you", "later", "ok", "oke", "cam", "on", "thank"}
    | {"thanks", "nhieu", "lan", "sau", "gap", "lai", "cu", "anh", "chi", "co", "chu", "bb"}
    | {"ad", "admin", "tro", "ly", "nay", "hen"}
    # How elderly people name themselves ("thôi bà nghỉ nghen"): kinship words, as "tui".
    | {"ba", "ong", "bac", "me", "ma", "cau", "mo", "thim", "duong", "ngoai", "noi", "nhe"}
)
_WORDS = re.compile(r"[a-z]+")


def is_goodbye(text: str) -> bool:
    """ "thôi tui nghỉ nghen, bai bai con", "tạm biệt con", "bye": a goodbye and nothing
    else; "bye, mà dư nợ còn bao nhiêu" asks something."""
    said = " ".join(_WORDS.findall(fold(text).lower()))
    if not said or not any(f" {phrase} " in f" {said} " for phrase in _GOODBYES):
        return False
    return all(word in _AROUND_GOODBYE for word in said.split())
