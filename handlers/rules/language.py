"""Which language to answer in: a business rule.

A language chosen with /ngonngu always wins. A chat that never chose is answered in the
language it writes: a clear English sentence switches it to English, a clear Vietnamese one
back to Vietnamese, anything else (a word, a number, a code) leaves it as it was, so a
typed "1" or a menu label is read in the language the options were shown in. The language
followed is kept in the chat's link, so reminders and notices follow it too. The first time
a chat is answered in English without choosing, it is told once how to choose. "/ngonngu
en", "/language vi", "/lang tiếng Việt": the language named after the command, at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from locales.textfold import fold

DEFAULT = "vi"


@dataclass(frozen=True)
class Answering:
    locale: str
    hint: bool  # say now, once, how to choose the language


def answering_in(stored: str, chosen: bool, hint_given: bool, written: str | None) -> Answering:
    """`written`: the language of the message ("en", "vi", or None when it cannot be told:
    bot.nlu.language.written_in)."""
    if chosen or written is None or written == stored:
        return Answering(stored, False)
    return Answering(written, written != DEFAULT and not hint_given)


_NAMES = {
    "vi": ("tieng viet", "vietnamese", "viet nam", "tieng me de"),
    "en": ("tieng anh", "english", "anh van", "tieng my"),
}


def named_language(text: str) -> str | None:
    """The language a request names ("nói tiếng Việt đi con" → "vi", "speak english pls" →
    "en"), or None ("đổi ngôn ngữ": the choice is shown)."""
    said = " ".join(fold(text).lower().split())
    found = [code for code, names in _NAMES.items() if any(name in said for name in names)]
    return found[0] if len(found) == 1 else None


_CODES = {"vi": "vi", "vn": "vi", "vie": "vi", "viet": "vi", "en": "en", "eng": "en", "anh": "en"}


def language_argument(argument: str) -> str | None:
    """The language a command's argument names ("en", "VI", "english", "tiếng Việt"), or
    None (nothing, or no language: the choice is shown)."""
    said = " ".join(fold(argument).lower().split())
    return _CODES.get(said) or (named_language(said) if said else None)
