"""The collection tally's arithmetic as plain rules: what a leader's answer does to a
member's line, the group's totals, the warnings before submitting, and the gap between the
totals a leader typed (and so the cash they say they hold) and the members' lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.nlu.tally_text import Answer, TypedTotals
from storage.tally_form import Line, Totals


def resolve(line: Line, answer: Answer) -> Answer:
    """The answer with each field said to be paid with no amount ("chỉ gửi tiết kiệm, lãi
    chưa đóng") given what was due for it."""
    if not answer.as_due:
        return answer
    return replace(
        answer,
        interest=line.interest_due if "interest" in answer.as_due else answer.interest,
        savings=line.min_savings if "savings" in answer.as_due else answer.savings,
        as_due=(),
    )


def apply(line: Line, answer: Answer) -> Line:
    answer = resolve(line, answer)
    if answer.absent:
        return replace(
            line, interest_collected=0, savings_deposited=0, principal_from_savings=0, absent=True
        )
    if answer.in_full:
        return line.as_paid_in_full()
    return replace(
        line,
        interest_collected=line.interest_collected if answer.interest is None else answer.interest,
        savings_deposited=line.savings_deposited if answer.savings is None else answer.savings,
        principal_from_savings=(
            line.principal_from_savings
            if answer.principal_from_savings is None
            else answer.principal_from_savings
        ),
        absent=False,
    )


def totals(lines: list[Line]) -> Totals:
    return Totals(
        sum(x.interest_due for x in lines),
        sum(x.interest_collected for x in lines),
        sum(x.interest_unpaid for x in lines),
        sum(x.savings_deposited for x in lines),
        sum(x.principal_from_savings for x in lines),
    )


@dataclass(frozen=True)
class Warnings:
    over_collected: list[Line]  # interest collected above what was due
    below_minimum: list[Line]  # savings under the group's minimum (absent members excluded)
    unpaid: list[Line]  # still owing interest (absent members included)


def warnings(lines: list[Line]) -> Warnings:
    return Warnings(
        [x for x in lines if x.interest_collected > x.interest_due],
        [x for x in lines if not x.absent and x.savings_deposited < x.min_savings],
        [x for x in lines if x.interest_unpaid > 0],
    )


def differences(lines: list[Line], typed: TypedTotals) -> tuple[int, int]:
    """(interest, savings): typed total minus what the lines add up to; 0 when not typed."""
    now = totals(lines)
    interest = 0 if typed.interest is None else typed.interest - now.interest_collected
    savings = 0 if typed.savings is None else typed.savings - now.savings_collected
    return interest, savings


@dataclass(frozen=True)
class Gap:
    """The totals the leader typed against what the members' lines add up to."""

    interest: int  # typed minus the lines; 0 when not typed or equal
    savings: int
    typed: TypedTotals
    lines: Totals

    @property
    def any(self) -> bool:
        return bool(self.interest or self.savings)

    @property
    def stated_cash(self) -> int | None:
        """The cash the leader says they hold: both totals typed; None otherwise."""
        if self.typed.interest is None or self.typed.savings is None:
            return None
        return self.typed.interest + self.typed.savings


def gap(lines: list[Line], typed: TypedTotals) -> Gap:
    interest, savings = differences(lines, typed)
    return Gap(interest, savings, typed, totals(lines))
