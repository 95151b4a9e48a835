"""This month's interest as the bank's file gives it, against the balance times the rate: a
business rule.

The interest shown for this month is the bank's own "Lãi DT trong tháng" (interest accrued
this month, docs/import-format.md): what the group leader collects. It may differ from the
balance × the monthly rate (5.000.000 đ × 0,75% = 37.500 đ): when it is that figure rounded
half up to the thousand đồng (38.000 đ), the file's figures are rounded so, and an estimate
figured by the rate (next month's) is rounded the same way; any other difference is the
bank's own reckoning (it accrues on the days of the month, on each day's balance:
docs/domain.md, interest arithmetic), which the bot does not redo.
"""

from __future__ import annotations

from decimal import Decimal

from bot.nlu.normalize import raw_tokens, tokens
from storage.borrowers import LoanView
from storage.values import round_half_up

THOUSAND = 1000
_PPM = 1_000_000


def by_rate(loan: LoanView) -> int | None:
    """The balance × the monthly rate, to the đồng; None without a rate."""
    if loan.rate_ppm is None:
        return None
    balance = loan.balance_current + loan.balance_overdue  # frozen principal earns none
    return round_half_up(Decimal(balance) * loan.rate_ppm / _PPM)


def rounded_to_thousand(loan: LoanView) -> bool:
    """The bank's figure is the balance × the rate rounded half up to the thousand, and not
    that figure itself (38.000 đ for 37.500 đ)."""
    plain = by_rate(loan)
    bank = loan.interest_month
    return (
        plain is not None
        and bank is not None
        and bank != plain
        and round_half_up(plain, THOUSAND) == bank
    )


_WHY = frozenset({"sao", "why", "tai", "vi"})
_INTEREST = frozenset({"lai", "interest"})
_AMOUNT_WORDS = frozenset({"ngan", "nghin", "k", "thousand", "dong", "ruoi", "phai", "not"})


def asks_why_the_figure(text: str) -> bool:
    """ "lai 38 ngan sao ko phai 37 ngan ruoi", "why is the interest 38 thousand": a question
    why the interest is the figure it is; "lãi tháng này bao nhiêu": no."""
    for words in (tokens(text), raw_tokens(text)):
        present = set(words)
        number = any(w.isdigit() for w in words) or bool(present & _AMOUNT_WORDS)
        if present & _INTEREST and present & _WHY and number:
            return True
    return False
