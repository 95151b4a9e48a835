"""Whether a question about savings asks if they earn interest: a business rule.

"tiền gửi của tui có lãi không", "tiết kiệm có được tính lãi ko", "lãi suất tiền gửi bao
nhiêu", "does my savings earn interest". Paying interest out of the savings ("lấy tiền tiết
kiệm trả lãi") is not that question.
"""

from __future__ import annotations

import re

from bot.nlu.normalize import raw_tokens, tokens

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


_DEPOSIT = re.compile(r"\b(?:dong|nop|gui|goi|bo|deposit|put in|pay)\b")
_HOW_MUCH = re.compile(r"\b(?:bao nhieu|bn|nhieu|how much|what)\b")
_SAVINGS = re.compile(r"\b(?:tiet kiem|tk|tien gui|savings?)\b")


def asks_savings_to_deposit(text: str) -> bool:
    """ "tháng này phải đóng bao nhiêu tiền lãi với tiền tiết kiệm", "gửi tiết kiệm bao
    nhiêu", "how much savings do I deposit": the amount to put in, which is the group's
    minimum monthly deposit. "tiết kiệm còn bao nhiêu" asks the balance."""
    said = " ".join(tokens(text)) + " | " + " ".join(raw_tokens(text))
    paying = _DEPOSIT.search(said.replace("tien gui", "tien_gui"))  # "tiền gửi": savings
    return bool(_SAVINGS.search(said) and paying and _HOW_MUCH.search(said))
