"""What a typed answer to the personal-data notice says: agreeing ("đồng ý", "tôi đồng ý nha",
"i agree"), declining ("ko đồng ý", "từ chối"), leaving it for later ("thôi", "để sau",
"chưa", "để tui suy nghĩ"), or asking to read it again ("xem lại", "đọc lại thông báo").

Only a whole message of such words is read (with the person's own words around it: a title or
pronoun before, "bà đồng ý", "ờ mà thôi bác cũng đồng ý"; "rồi", "luôn", "nha con" after), so a
question ("dư nợ còn bao nhiêu") or a sentence about something else is never an answer. A yes
said with fillers and resignation around it ("thôi được rồi đồng ý luôn", "bà nội ok đồng ý
luôn nha", "đồng ý mà") agrees: "thôi" opening it is "oh well", not a no; only a negation
touching it ("thôi không đồng ý đâu", "khỏi đồng ý", "chưa đồng ý") turns it around. Asking
someone first or waiting ("để con hỏi bà cái đã", "chờ chút") is leaving it for later. A bare
"ok" or "có" is not read by `read_consent`: under a yes/no question it is the yes to that
question; `read_yes` reads it, for when the notice is the one question pending.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.nlu.normalize import tokens
from locales.textfold import fold

ConsentWord = Literal["agree", "decline", "later", "review"]

_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Before the answer: fillers ("ờ mà thôi", "ừ thì"), a yes word ("ok đồng ý"), and the
# pronoun or title people call themselves by ("bà", "bác", "qua", "tui"), with "cũng".
_LEADING = frozenset(
    {"u", "uh", "um", "uhm", "o", "a", "da", "vang", "thi", "ma", "thoi", "ok", "oke", "okie"}
    | {"vay", "the", "i", "well", "cung", "duoc", "dc"}
    | {"tui", "toi", "em", "con", "chau", "minh", "anh", "chi", "t", "e", "tao", "tau", "qua"}
    | {"ba", "ong", "bac", "co", "chu", "di", "cau", "mo", "thim", "duong", "bo", "me", "ma"}
)
# After it: particles ("rồi", "luôn", "nha", "nghen") and whom it is said to ("nha con").
_TRAILING = frozenset(
    {"nha", "nhe", "nhen", "nghen", "a", "ah", "ak", "luon", "lun", "roi", "r", "rui", "di"}
    | {"ha", "he", "hen", "nghe", "ne", "do", "day", "dau", "vay", "the", "ca", "het"}
    | {"con", "chau", "em", "ban", "nhe", "please"}
)
# A short yes ("được", "ừ", "oke con"): the notice's yes only when it is the one question
# pending (`read_yes`).
_YES = frozenset(
    {"ok", "oke", "okie", "oki", "okay", "u", "uh", "um", "uhm", "uk", "duoc", "dc", "co"}
    | {"da", "vang", "da vang", "da duoc", "duoc roi", "ok luon", "yes", "y", "yep", "sure"}
)
_AGREE = ("dong y", "chap nhan", "da dong y", "dong y het", "dong y voi thong bao", "agree")
_DECLINE = (
    "khong dong y",
    "khong chiu",
    "khong chiu dau",
    "khong muon",
    "khong chap nhan",
    "tu choi",
    "do not agree",
    "don t agree",
    "dont agree",
    "not agree",
    "disagree",
)
_LATER = (
    "thoi",
    "thoi khoi",
    "khoi",
    "de sau",
    "thoi de sau",
    "de khi khac",
    "khi khac",
    "de mai",
    "tinh sau",
    "chua",
    "chua dong y",
    "khoan",
    "khoan da",
    "tu tu",
    "suy nghi them",
    "de suy nghi",
    "de suy nghi them",
    "de toi suy nghi",
    "de tui suy nghi",
    "de nguyen",
    "giu nguyen",
    "later",
    "not now",
    "not yet",
    "maybe later",
)
_REVIEW = (
    "xem lai",
    "doc lai",
    "xem lai thong bao",
    "doc lai thong bao",
    "xem thong bao",
    "doc thong bao",
    "xem lai dieu khoan",
    "xem dieu khoan",
    "xem noi dung",
    "read again",
    "read it again",
    "read the notice",
    "read the notice again",
    "show the notice",
)
_KINDS: tuple[tuple[ConsentWord, tuple[str, ...]], ...] = (
    ("agree", _AGREE),
    ("decline", _DECLINE),
    ("later", _LATER),
    ("review", _REVIEW),
)
_PHRASES: dict[str, ConsentWord] = {phrase: kind for kind, phrases in _KINDS for phrase in phrases}


def _bare(words: list[str]) -> str:
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    while len(words) > 1 and words[-1] in _TRAILING:
        words = words[:-1]
    return " ".join(words)


# Said around a yes without changing it: fillers and resignation ("thôi được rồi", "ờ vậy",
# "ok"), whom it is said by or for ("bà nội", "ba ngoại"), and particles ("mà", "rồi", "nha").
_AROUND_A_YES = (
    _LEADING
    | _TRAILING
    | {"roi", "r", "rui", "ma", "noi", "ngoai", "luon", "lun", "cai", "nghen", "hen", "voi"}
    | {"oki", "okay", "uk", "dc", "duoc", "vay", "thoi", "thi", "cung", "nay", "nhe", "nha"}
)
# A word that turns the yes it touches into a no ("không đồng ý", "khỏi đồng ý"), or into a
# not-yet ("chưa đồng ý").
_NEGATIONS = frozenset({"khong", "ko", "k", "kg", "hong", "hok", "hem", "chang", "cha", "khoi"})
_NEGATIONS_EN = frozenset({"not", "dont", "don", "never", "no"})
_NOT_YET = frozenset({"chua"})
_YES_PHRASES = (("dong", "y"), ("chap", "nhan"), ("agree",))


def _polarity(words: list[str]) -> ConsentWord | None:
    """A yes ("đồng ý", "chấp nhận") said with fillers around it: "thôi được rồi đồng ý luôn",
    "bà nội ok đồng ý luôn nha", "đồng ý mà". A negation touching it makes it a no ("thôi
    không đồng ý đâu"), "chưa" a not-yet; a negation elsewhere, or any other word (a
    question, a sentence about something else), and it is not read."""
    for phrase in _YES_PHRASES:
        size = len(phrase)
        at = next(
            (i for i in range(len(words) - size + 1) if tuple(words[i : i + size]) == phrase),
            None,
        )
        if at is None:
            continue
        before, after = words[:at], words[at + size :]
        touching = before[-2:] if before[-1:] in (["chiu"], ["muon"]) else before[-1:]
        if any(word in _NEGATIONS or word in _NEGATIONS_EN for word in touching):
            return "decline"
        if any(word in _NOT_YET for word in touching):
            return "later"
        rest = before + after
        if all(word in _AROUND_A_YES for word in rest):
            return "agree"
        return None
    return None


_FIRST_WORDS = r"(?:(?:u|uh|uhm|um|o|a|da|vang|thoi|vay|the|thi|ma|ok|oke)\s+)*"
_PERSON = r"(?:(?:tui|toi|em|con|chau|minh|anh|chi|t|e|ba|ong|bac|co|chu|di)\s+)?"
# Leaving it for later to ask someone first or to wait a little: "để con hỏi bà cái đã",
# "để tui bàn với con tui trước", "chờ chút", "đợi xíu nha".
_ASKS_FIRST = re.compile(
    _FIRST_WORDS + r"(?:"
    r"(?:de|cho)\s+" + _PERSON + r"(?:hoi|ban|noi|coi|xem|nghi|tinh)\b(?:\s+\w+){0,4}?"
    r"\s+(?:cai da|da|truoc|sau|xiu|chut|ti|lai)"
    r"|(?:cho|doi)\s+(?:chut|xiu|ti|mot chut|mot lat|lat)"
    r")(?:\s+(?:nha|nhe|nghen|con|chau|em|a|di))*"
)


def read_consent(text: str) -> ConsentWord | None:
    """The answer a message gives to the notice, or None when it is not such an answer."""
    if len(text) > 60:
        return None
    folded = _NOT_WORD.sub(" ", fold(text)).split()
    if _ASKS_FIRST.fullmatch(" ".join(folded)):
        return "later"
    for words in (folded, tokens(text)):  # as typed, and with teen-code read ("ko", "k")
        found = _PHRASES.get(_bare(list(words)))
        if found is not None:
            return found
    for words in (folded, tokens(text)):
        found = _polarity(list(words)) or _PHRASES.get(_around(list(words)))
        if found is not None:
            return found
    return None


def _around(words: list[str]) -> str:
    """The words without any filler around them ("bà nội ko chịu đâu" → "khong chiu")."""
    while len(words) > 1 and words[0] in _AROUND_A_YES:
        words = words[1:]
    while len(words) > 1 and words[-1] in _TRAILING | {"dau"}:
        words = words[:-1]
    return " ".join(words)


# Before a short yes, resignation ("thôi ok", "thôi được rồi", "ờ vậy được"): still a yes.
_RESIGNED = frozenset({"thoi", "o", "u", "vay", "thi", "ma", "the", "well"})


def read_yes(text: str) -> bool:
    """A short yes with the particles around it ("được", "ừ", "ok", "oke con", "dạ được"):
    the yes to whatever single question is pending."""
    if len(text) > 30:
        return False
    folded = _NOT_WORD.sub(" ", fold(text)).split()
    for words in (folded, tokens(text)):
        said = list(words)
        while len(said) > 1 and said[0] in _RESIGNED:  # "thôi được rồi", "ờ vậy ok"
            said = said[1:]
        while len(said) > 1 and said[-1] in _TRAILING:
            said = said[:-1]
        if said and " ".join(said) in _YES:
            return True
    return False
