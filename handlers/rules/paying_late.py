"""Whether a question is about paying interest late or forgetting it: a business rule.

"hôm nay tui quên đóng lãi thì sao", "tui quên mất ngày đóng lãi rồi", "what if I pay the
interest late": the interest answer then says what happens (docs/domain.md: interest left
unpaid is carried over as "lãi tồn" and owed with the next month's; more than three months
of it flags the loan, the step before overdue).
"""

from __future__ import annotations

from bot.nlu.normalize import raw_tokens, tokens

_LATE = frozenset({"quen", "tre", "muon", "cham", "lo", "forgot", "forget", "forgotten", "late"})
_LATE_PHRASES = ("qua ngay", "qua han dong", "chua dong", "chua kip", "miss", "khong kip")


_FORGOT = frozenset({"quen", "forgot", "forget", "forgotten"})
# After "quên", what makes it forgetting to pay ("quên đóng lãi", "quên mất ngày đóng"),
# not forgetting a figure ("tháng này phải đóng bao nhiêu … bà quên rồi").
_FORGOT_WHAT = frozenset({"dong", "tra", "nop", "ngay", "han", "lai", "pay", "paying", "to"})
_WHAT_THEN = ("thi sao", "lam sao", "what if", "what happens", "what now")


def _forgot_to_pay(words: list[str], said: str) -> bool:
    return any(
        word in _FORGOT and _FORGOT_WHAT.intersection(words[index + 1 : index + 4])
        for index, word in enumerate(words)
    ) or any(phrase in said for phrase in _WHAT_THEN)


# "muon" is "muộn" (late) after paying ("đóng lãi muộn", "bị muộn", "muộn 2 ngày"), and
# "muốn" (want) before a verb ("bà muốn hỏi"): only the first counts.
_LATE_BEFORE = frozenset({"dong", "tra", "nop", "lai", "goc", "bi", "hoi", "qua", "rat", "da"})
_LATE_AFTER = frozenset({"", "thi", "roi", "may", "vai", "1", "2", "3", "mot", "hai", "ba"})


def _late_words(words: list[str]) -> set[str]:
    found = set()
    for index, word in enumerate(words):
        if word not in _LATE:
            continue
        before = words[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(words) else ""
        if word == "muon" and before not in _LATE_BEFORE and after not in _LATE_AFTER:
            continue  # "bà muốn hỏi"
        found.add(word)
    return found


def asks_about_paying_late(text: str) -> bool:
    words = tokens(text)
    typed = raw_tokens(text)  # English read as typed: "forgot to pay"
    said = " ".join(words)
    late = _late_words(words) | _late_words(typed)
    if late and late <= _FORGOT:
        return _forgot_to_pay(words, said) or _forgot_to_pay(typed, " ".join(typed))
    return bool(late) or any(phrase in said for phrase in _LATE_PHRASES)


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
