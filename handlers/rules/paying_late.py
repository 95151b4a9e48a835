"""Whether a question is about paying interest late or forgetting it: a business rule.

"hôm nay tui quên đóng lãi thì sao", "tui quên mất ngày đóng lãi rồi", "what if I pay the
interest late": the interest answer then says what happens (docs/domain.md: interest left
unpaid is carried over as "lãi tồn" and owed with the next month's; more than three months
of it flags the loan, the step before overdue).
"""

from __future__ import annotations

from bot.nlu.normalize import tokens

_LATE = frozenset({"quen", "tre", "muon", "cham", "lo", "forgot", "forget", "forgotten", "late"})
_LATE_PHRASES = ("qua ngay", "qua han dong", "chua dong", "chua kip", "miss", "khong kip")


def asks_about_paying_late(text: str) -> bool:
    words = tokens(text)
    said = " ".join(words)
    return bool(_LATE.intersection(words)) or any(phrase in said for phrase in _LATE_PHRASES)
