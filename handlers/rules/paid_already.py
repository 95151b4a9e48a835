"""Whether a borrower says they have paid and asks why the figures still show it: a business
rule.

"tui đóng lãi cho tổ trưởng rồi mà sao còn hiện 38 ngàn", "đã nộp rồi sao vẫn còn nợ",
"I paid the leader, why does it still show": the figures are the bank's as of its data date,
and money paid to the group leader reaches the bank when the leader pays it in at the
commune's transaction session (docs/domain.md), so the payment shows after that. Saying
only that it was paid to the leader ("đóng cho tổ trưởng rồi", "đưa tổ trưởng 38 ngàn rồi",
"paid the group leader already") asks the same.
"""

from __future__ import annotations

from bot.nlu.normalize import raw_tokens, tokens

_PAID = frozenset({"dong", "nop", "tra", "gui", "paid", "pay", "payed"})
_DONE = frozenset({"roi", "da", "xong", "paid", "already"})
_STILL = (
    "sao con",
    "van con",
    "con hien",
    "van hien",
    "sao hien",
    "chua cap nhat",
    "chua thay doi",
    "chua doi",
    "chua giam",
    "chua tru",
    "still",
)


_GAVE = _PAID | {"dua", "giao", "gave", "give", "given", "handed"}
_LEADER = ("to truong", "group leader", "the leader", "my leader", "leader")


def _says_paid_the_leader(words: list[str]) -> bool:
    """ "tui đóng cho tổ trưởng 38 ngàn rồi", "đưa tổ trưởng rồi", "paid the group leader
    already": a payment to the leader said to be done."""
    said = " ".join(words)
    return (
        bool(_GAVE.intersection(words))
        and bool(_DONE.intersection(words))
        and "chua" not in words  # "đã đóng cho tổ trưởng chưa": whether it was paid
        and any(leader in said for leader in _LEADER)
    )


def asks_why_still_shown(text: str) -> bool:
    """ "đóng lãi cho tổ trưởng rồi mà sao còn hiện 38 ngàn": yes; "lãi tháng này còn bao
    nhiêu", "đóng lãi rồi" alone: no."""
    for words in (tokens(text), raw_tokens(text)):  # English is read as typed too
        said = " ".join(words)
        paid = bool(_PAID.intersection(words)) and bool(_DONE.intersection(words))
        if paid and any(phrase in said for phrase in _STILL):
            return True
        if _says_paid_the_leader(words):
            return True
    return False
