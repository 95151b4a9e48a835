"""Whether a question about savings asks if they earn interest: a business rule.

"tiền gửi của tui có lãi không", "tiết kiệm có được tính lãi ko", "lãi suất tiền gửi bao
nhiêu", "does my savings earn interest". Paying interest out of the savings ("lấy tiền tiết
kiệm trả lãi") is not that question.
"""

from __future__ import annotations

import re

from bot.nlu.normalize import tokens

_EARNS = re.compile(
    r"\b(?:co|duoc|tinh|sinh|an|huong) lai\b"  # "có lãi", "được tính lãi", "sinh lãi"
    r"|\blai suat\b"
    r"|\blai (?:khong|chua|bao nhieu|nhieu|may|the nao)\b"
    r"|\b(?:earn|earns|earning|interest rate|any interest|get interest|pay interest)\b"
)
_PAYING = re.compile(r"\b(?:tra|dong|nop) lai\b")  # interest paid, not earned


def asks_savings_interest(text: str) -> bool:
    said = " ".join(tokens(text))
    return bool(_EARNS.search(said)) and not _PAYING.search(said)
