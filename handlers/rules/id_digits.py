"""The citizen-ID (CCCD) digits in what someone typed: a business rule.

Linking by phone asks for the last 4 digits of the CCCD. People type them alone ("7414"),
with words around them ("4 số cuối là 7414", "so cuoi cccd cua ba la 2 0 0 4": spaced out,
as read off the card), or type the whole 12-digit ID ("cccd tui 079188007414 do"). A phone
number is never such an answer. Typed when no digits are asked for (on Zalo, or once linked,
out of habit), a message that is only such digits asks nothing.
"""

from __future__ import annotations

import re

from locales.textfold import fold

# Channels whose app can send the person's own, verified phone number: only there does
# linking ask for the CCCD digits (anywhere else, Zalo, a chat links with a one-time code).
PHONE_CHANNELS = frozenset({"telegram", "console"})
CCCD_DIGITS = 12  # a citizen ID (căn cước công dân) has 12 digits
_DIGIT_RUNS = re.compile(r"\d+")
# Digits read out in groups ("2 0 0 4", "079 188 007 414", "20.04"): one number.
_SPACED = re.compile(r"(?<=\d)[ .\-]{1,2}(?=\d)")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# The words that can stand around the digits in an answer that is only the digits: what they
# are, whose, and the particles ("số cuối CCCD của bà là 2004 nè").
_ID_WORDS = frozenset(
    {"so", "cuoi", "bon", "4", "cccd", "cmnd", "can", "cuoc", "cong", "dan", "chung", "minh"}
    | {"the", "ma", "cua", "la", "day", "nay", "ne", "do", "nha", "nhe", "a", "da", "vang"}
    | {"tui", "toi", "em", "con", "chau", "ba", "ong", "bac", "co", "chu", "t", "minh"}
    | {"id", "my", "last", "digits", "four", "are", "is", "of"}
)


def links_by_phone(channel: str) -> bool:
    """Whether a chat on this channel can prove its phone (else: a one-time code only)."""
    return channel in PHONE_CHANNELS


def _joined(text: str) -> str:
    """The text with digits read out in groups joined into one number."""
    return _SPACED.sub("", text)


def typed_whole_id(text: str) -> bool:
    """A whole 12-digit citizen ID typed alone, with words around it ("so cccd cua tui la
    079188007414"); not a phone number written with +84."""
    text = _joined(text)
    runs = list(_DIGIT_RUNS.finditer(text))
    if len(runs) != 1 or len(runs[0].group(0)) != CCCD_DIGITS:
        return False
    return not text[: runs[0].start()].rstrip().endswith("+")


def typed_last4(text: str) -> str | None:
    """The four digits in what was typed: "7414", "4 số cuối là 7414", "so cuoi: 7414",
    "2 0 0 4", or the last 4 of a whole 12-digit ID ("cccd tui 079188007414 do"); None when
    there is no run of exactly four digits or more than one (a phone number is not an
    answer)."""
    if typed_whole_id(text):
        whole: str = _DIGIT_RUNS.findall(_joined(text))[0]
        return whole[-4:]
    runs: list[str] = _DIGIT_RUNS.findall(_joined(text))
    fours = [run for run in runs if len(run) == 4]
    if len(fours) != 1 or any(len(run) > 4 for run in runs):
        return None
    return fours[0]


def only_id_digits(text: str) -> bool:
    """A message that is only CCCD digits, with at most the words that say what they are
    ("7414", "2 0 0 4", "so cuoi cccd cua ba la 2004"): it answers the CCCD question, and
    asks nothing."""
    if len(text) > 80 or typed_last4(text) is None:
        return False
    words = _NOT_WORD.sub(" ", fold(_joined(text))).split()
    return all(word.isdigit() or word in _ID_WORDS for word in words)
