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


# Asked of principal: "nếu trả trễ thì bị phạt ko", "không trả được nợ thì sao".
_PRINCIPAL_LATE = _LATE | {"phat", "penalty", "penalties", "fine", "fined"}
_CANNOT_PAY = ("khong tra duoc", "khong tra noi", "tra khong noi", "khong co tien tra", "can't pay")
_CANNOT_PAY_EN = ("cannot pay", "unable to pay")


def asks_about_principal_late(text: str) -> bool:
    """A due-date question that asks what follows when the principal is paid late or not at
    all: the due-date answer then says so (docs/domain.md §3: overdue debt, its rate)."""
    words = tokens(text)
    said = " ".join(words)
    return bool(_PRINCIPAL_LATE.intersection(words)) or any(
        p in said for p in _CANNOT_PAY + _CANNOT_PAY_EN
    )
