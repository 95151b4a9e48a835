"""Whether a line typed where a notice's text is expected reads as a question to the bot
("tổ 0192041 nộp bảng kê chưa", "lãi tháng này của tổ thu được bn rồi") rather than the
notice: it has a question mark or a question word (chưa, không, bao nhiêu, bn, mấy, sao …)
AND the intent model is sure it asks something else (an intent, not a notice and not
"unknown"). A statement is the notice's text, whatever it talks about ("Phiên giao dịch dời
sang 18/12").
"""

from __future__ import annotations

import re

from locales.textfold import fold

# Anywhere in the line: words that only ask.
_ASKS = re.compile(
    r"\?|\b(?:bao nhieu|bn|may|sao|the nao|ra sao|nhu the nao|khi nao|bao gio|o dau)\b"
)
# At the end of the line (before "rồi", "vậy", "ạ" …): chưa, không, hả.
_ENDS_ASKING = re.compile(
    r"\b(?:chua|khong|ko|k|hong|hok|ha|hem)(?:\s+(?:roi|vay|z|a|nhi|nha|nhe|the|day))*\s*$"
)
NOT_A_QUESTION = frozenset({"broadcast", "unknown"})


def has_question_words(text: str) -> bool:
    folded = fold(text).strip(" .!")
    return bool(_ASKS.search(folded) or _ENDS_ASKING.search(folded))


_ENGLISH_ASKS = re.compile(
    r"^(?:who|what|which|how|when|where|why|is|are|does|did|could|has|have)\s"
)


def english_question(text: str) -> bool:
    """ "who is overdue in Thanh Phu", "how is my last notice going": opens as a question
    does in English."""
    return bool(_ENGLISH_ASKS.match(fold(text).strip()))


def reads_as_question(text: str, intent: str) -> bool:
    """See the module: question words or marks, and another intent the model is sure of."""
    return intent not in NOT_A_QUESTION and has_question_words(text)
