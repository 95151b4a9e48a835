"""A question about a member of the group by the number in its list ("số 5 còn nợ bao
nhiêu", "stt 3 đóng chưa", "thành viên số 2 quá hạn không", "member 7 overdue?"): the
numbers asked about. The number is the member's place in the group's list, the one the
group status and the tally show. A tally's line ("số 5 nộp đủ", "stt 3 lãi 100k") asks
nothing and names no one here, and neither does an amount ("số 2 triệu"). Pure text
reading."""

from __future__ import annotations

import re

from bot.nlu.spoken import NUMBER_WORDS
from handlers.rules.notice_text import has_question_words
from locales.textfold import fold

MAX_MEMBER = 999

_TAG = re.compile(
    r"(?:^|[\s,(])(?:thanh vien(?: so)?|tv(?: so)?|stt|so|member(?: no| number)?|number|#)"
    r"\s*(\d{1,3}(?![\d.,])|(?<=\s)(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi)\b"
    r"(?!\s+(?:nay|truoc|toi|ngoai|nua|lan)\b))"
    r"(?!\s*(?:tr|trieu|k|nghin|ngan|ngin|vnd|%|tram|chuc|thang|ngay|gio|h|g|phut|"
    r"nam|lan|to)\b)"
)
# Asking without a question word: what a tally's line never says.
_ASKS = re.compile(
    r"\b(?:qua han|tre han|du no|how much|overdue|status|balance|what about|how about)\b"
)


def numbers_asked(text: str) -> list[int]:
    """The members' numbers a question asks about, in the order said; [] when the text asks
    about none (no number tag, or nothing asked)."""
    folded = fold(text).replace("thanh vien so", "thanh vien")
    if not (has_question_words(text) or _ASKS.search(folded)):
        return []
    found: list[int] = []
    for match in _TAG.finditer(folded):
        said = match.group(1)
        number = int(said) if said.isdigit() else NUMBER_WORDS[said]  # "số ba": one to ten in words
        if 1 <= number <= MAX_MEMBER and number not in found:
            found.append(number)
    return found
