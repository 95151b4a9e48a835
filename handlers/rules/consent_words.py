"""What a typed answer to the personal-data notice says: agreeing ("đồng ý", "tôi đồng ý nha",
"i agree"), declining ("ko đồng ý", "từ chối"), leaving it for later ("thôi", "để sau",
"chưa", "để tui suy nghĩ"), or asking to read it again ("xem lại", "đọc lại thông báo").

Only a whole message of such words is read (with the pronouns and particles around it), so a
question ("dư nợ còn bao nhiêu") or a sentence about something else is never an answer. A bare
"ok" or "có" is not read here: under a yes/no question it is the yes to that question.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.nlu.normalize import tokens
from locales.textfold import fold

ConsentWord = Literal["agree", "decline", "later", "review"]

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_LEADING = frozenset(
    {"u", "uh", "um", "da", "vang", "thi", "ok", "oke", "vay", "the", "i"}
    | {"tui", "toi", "em", "con", "chau", "minh", "anh", "chi", "t", "e"}
)
_TRAILING = frozenset(
    {"nha", "nhe", "nhen", "a", "ah", "luon", "lun", "roi", "di", "ha", "nghe", "ne", "do"}
    | {"day", "dau"}
)
_AGREE = ("dong y", "chap nhan", "da dong y", "dong y het", "dong y voi thong bao", "agree")
_DECLINE = (
    "khong dong y",
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


def read_consent(text: str) -> ConsentWord | None:
    """The answer a message gives to the notice, or None when it is not such an answer."""
    if len(text) > 60:
        return None
    folded = _NOT_WORD.sub(" ", fold(text)).split()
    for words in (folded, tokens(text)):  # as typed, and with teen-code read ("ko", "k")
        found = _PHRASES.get(_bare(list(words)))
        if found is not None:
            return found
    return None
