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


# Before a word for paying, these make it a payment to make, not one made ("bà phải đóng
# cho tổ trưởng bao nhiêu … bà quên rồi": "rồi" is the forgetting).
_TO_MAKE = frozenset({"phai", "can", "se", "de", "must", "need", "needs", "to", "will"})


def _pays_done(words: list[str], paid: frozenset[str]) -> bool:
    """A word for paying that is not a payment still to make, and a word saying it is done."""
    made = any(
        word in paid and (index == 0 or words[index - 1] not in _TO_MAKE)
        for index, word in enumerate(words)
    )
    return made and bool(_DONE.intersection(words))


def _says_paid_the_leader(words: list[str]) -> bool:
    """ "tui đóng cho tổ trưởng 38 ngàn rồi", "đưa tổ trưởng rồi", "paid the group leader
    already": a payment to the leader said to be done."""
    said = " ".join(words)
    return (
        _pays_done(words, _GAVE)
        and "chua" not in words  # "đã đóng cho tổ trưởng chưa": whether it was paid
        and any(leader in said for leader in _LEADER)
    )


def asks_why_still_shown(text: str) -> bool:
    """ "đóng lãi cho tổ trưởng rồi mà sao còn hiện 38 ngàn": yes; "lãi tháng này còn bao
    nhiêu", "đóng lãi rồi" alone: no."""
    for words in (tokens(text), raw_tokens(text)):  # English is read as typed too
        said = " ".join(words)
        paid = _pays_done(words, _PAID)
        if paid and any(phrase in said for phrase in _STILL):
            return True
        if _says_paid_the_leader(words):
            return True
    return False


def says_paid(text: str) -> bool:
    """ "bà mới đóng 1 triệu hôm qua rồi", "I paid 500k yesterday": a payment said to be
    made (not "đã đóng chưa", which asks it, nor "phải đóng rồi mới…", one to make)."""
    for words in (tokens(text), raw_tokens(text)):
        if "chua" in words:
            continue
        if _pays_done(words, _GAVE) or {"paid", "payed"}.intersection(words):
            return True
    return False
