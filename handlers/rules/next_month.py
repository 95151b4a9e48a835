"""What a household pays next month, or this month: a business rule.

"Tháng sau trả bao nhiêu" ("tháng này đóng tổng cộng bao nhiêu" alike): the interest of the
month plus every principal installment whose due date falls in the calendar month after
today (this month: from today to the month's end), and their total. Interest left unpaid
from earlier months is owed on top until it is paid; it is reported apart, not added to the
month's total.

This month's interest is the bank's own figure ("lãi dự thu trong tháng"). The bank has none
for next month, so it is figured as the bank accrues interest (docs/domain.md, interest
arithmetic): the monthly rate ÷ 30 for each day of the month, on the balance of each day,
which is the balance after the installments due since the data's date, and lower from the
day an installment falls due in the month. Frozen principal (khoanh) earns none. The figure
is exact unless the bank's may differ, and then it says why (`Interest.why_about`): it
counts an installment as paid on its day (paid later, interest runs on until it is), part of
the principal is overdue (the bank charges overdue interest on it), or a loan's rate is not
in the file (its figure is this month's). Where the bank's figures are rounded to the
thousand đồng (`bank_figure.rounded_to_thousand`: 38.000 đ for 5.000.000 đ at 0,75%), the
estimate is rounded the same way and says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bot.nlu.normalize import raw_tokens, tokens
from handlers.rules.bank_figure import THOUSAND, rounded_to_thousand
from storage.borrowers import LoanView
from storage.values import round_half_up

RATE_DAYS = 30  # a monthly rate is for 30 days; a month's interest counts its actual days
_PPM = 1_000_000


@dataclass(frozen=True)
class Interest:
    """A month's interest, and why the bank's figure may differ (none: it is exact)."""

    amount: int
    # installments counted as paid on their due date (paid later, interest runs on)
    paid_on_their_day: tuple[date, ...] = ()
    overdue: bool = False  # part of the principal is overdue: the bank adds overdue interest
    without_rate: bool = False  # a loan's rate is not in the file: this month's figure is used
    rounded: bool = False  # to the thousand đồng, as the bank's figure for the loan is

    @property
    def exact(self) -> bool:
        return not (self.paid_on_their_day or self.overdue or self.without_rate or self.rounded)


def loan_interest(loan: LoanView, month: date) -> Interest:
    """The interest of `loan` in the calendar month starting on `month` (its first day)."""
    if loan.rate_ppm is None:
        return Interest(loan.interest_month or 0, without_rate=True)
    end = first_of_next_month(month)
    days = (end - month).days
    balance = loan.balance_current + loan.balance_overdue  # frozen principal earns none
    balance_days = balance * days
    paid: tuple[date, ...] = ()
    due = loan.next_due_on
    amount = min(loan.next_due_amount or 0, balance)
    if due is not None and amount > 0 and loan.as_of < due < end:
        balance_days -= amount * (end - max(due, month)).days  # lower from the day it is due
        paid = (due,)
    figure = Decimal(balance_days) * loan.rate_ppm / (_PPM * RATE_DAYS)
    rounded = rounded_to_thousand(loan)
    amount = round_half_up(figure, THOUSAND if rounded else 1)
    return Interest(amount, paid, overdue=loan.balance_overdue > 0, rounded=rounded)


def month_interest(loans: Iterable[LoanView], month: date) -> Interest:
    """The household's interest in the month: each loan's, added up."""
    each = [loan_interest(loan, month) for loan in loans]
    return Interest(
        sum(x.amount for x in each),
        tuple(sorted({day for x in each for day in x.paid_on_their_day})),
        overdue=any(x.overdue for x in each),
        without_rate=any(x.without_rate for x in each),
        rounded=any(x.rounded for x in each),
    )


@dataclass(frozen=True)
class NextMonth:
    month: date  # the first day of the month (next month, or this month)
    interest: int
    installments: tuple[LoanView, ...]  # due next month, by due date
    later: LoanView | None  # the first installment after the month, when none falls in it
    unpaid_interest: int
    # How the interest was found: next month's is figured (`month_interest`), this month's
    # is the bank's own figure, exact.
    figured: Interest | None = field(default=None, compare=False)

    @property
    def exact(self) -> bool:
        return self.figured is None or self.figured.exact

    @property
    def principal(self) -> int:
        return sum(loan.next_due_amount or 0 for loan in self.installments)

    @property
    def total(self) -> int:
        return self.interest + self.principal


def first_of_next_month(today: date) -> date:
    return date(today.year + 1, 1, 1) if today.month == 12 else date(today.year, today.month + 1, 1)


def next_month(loans: Iterable[LoanView], today: date) -> NextMonth:
    """Next month's interest as figured (`month_interest`), its installments, the total."""
    loans = list(loans)
    start = first_of_next_month(today)
    figured = month_interest(loans, start)
    due = month_to_pay(loans, today, start)
    return NextMonth(
        due.month, figured.amount, due.installments, due.later, due.unpaid_interest, figured
    )


def this_month(loans: Iterable[LoanView], today: date) -> NextMonth:
    """This month's interest and the installments still ahead in it (from today on)."""
    return month_to_pay(loans, today, today.replace(day=1))


def month_to_pay(loans: Iterable[LoanView], today: date, start: date) -> NextMonth:
    """What to pay in the calendar month starting on `start`: the bank's interest of this
    month, the installments due from today."""
    loans = list(loans)
    end = first_of_next_month(start)
    dated = sorted(
        (loan for loan in loans if loan.next_due_on is not None and loan.next_due_on >= today),
        key=lambda loan: loan.next_due_on or today,
    )
    due = tuple(
        loan for loan in dated if loan.next_due_on is not None and start <= loan.next_due_on < end
    )
    after = [loan for loan in dated if loan.next_due_on is not None and loan.next_due_on >= end]
    return NextMonth(
        month=start,
        interest=sum(loan.interest_month or 0 for loan in loans),
        installments=due,
        later=None if due or not after else after[0],
        unpaid_interest=sum(loan.interest_unpaid or 0 for loan in loans),
    )


_NEXT = ("thang sau", "thang toi", "thang ke tiep", "thang ke toi", "next month")
_EVERY = ("moi", "hang", "mot", "1", "each", "every")


def asks_next_month(text: str) -> bool:
    """ "tháng sau", "thág tới", "next month" in the question (folded, abbreviations
    expanded); not "mỗi tháng tôi" (`thang toi` is also "tháng, tôi") nor "tháng sau nữa"."""
    words = tokens(text)
    if "tháng tôi" in text.lower() or "thang sau nua" in " ".join(words):
        return False
    for index in range(len(words) - 1):
        pair = f"{words[index]} {words[index + 1]}"
        triple = " ".join(words[index : index + 3])
        if pair in _NEXT or triple in _NEXT:
            if pair == "thang toi" and index and words[index - 1] in _EVERY:
                continue
            return True
    return False


_THIS = ("thang nay", "this month")
_TOTAL = ("tong", "total", "all together", "altogether", "in all", "ca goc", "ca lai lan goc")
_PAY = frozenset({"tra", "dong", "nop", "pay", "paying"})
_INTEREST = frozenset({"lai", "interest"})


def asks_this_months_total(text: str) -> bool:
    """ "tháng này tui phải đóng tổng cộng bao nhiêu", "thang nay dong bn tien", "how much do
    I pay this month": all that is due this month. "lãi tháng này", "tháng này đóng lãi bao
    nhiêu" stay this month's interest."""
    words = [*tokens(text), "|", *raw_tokens(text)]  # English is read as typed too
    said = " ".join(words)
    if not any(phrase in said for phrase in _THIS):
        return False
    if any(phrase in said for phrase in _TOTAL):
        return True
    return bool(_PAY.intersection(words)) and not _INTEREST.intersection(words)


def is_last_installment(loan: LoanView) -> bool:
    """The installment falling due pays off all the principal still owed: the loan's last,
    whatever final due date the contract gives (a demo loan: 5.000.000 đ left, all due on
    27/01/2027, final due date 01/03/2027)."""
    amount = loan.next_due_amount
    return amount is not None and loan.outstanding > 0 and amount >= loan.outstanding


_PAYING = frozenset({"tra", "dong", "nop", "pay", "paying", "due", "owe", "owes"})


def asks_next_months_payment(text: str) -> bool:
    """What to pay next month, asked in any words ("what does she need to pay next month?",
    "how much is due next month in total"): next month and a word for paying."""
    return asks_next_month(text) and bool(_PAYING.intersection(tokens(text)))
