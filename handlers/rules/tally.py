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


def short_of_due(line: Line, answer: Answer) -> Answer:
    """What is still owed, said instead of what was paid ("bà Út còn thiếu 10 ngàn" of her
    110.000 đ interest), as what was paid: the amount due less what is owed (never below 0),
    read with doubt so it is echoed back before it is noted."""
    if answer.interest_short is None and answer.savings_short is None:
        return answer
    interest, savings = answer.interest, answer.savings
    fields = list(answer.doubtful_fields)
    if answer.interest_short is not None and interest is None:
        interest = max(0, line.interest_due - answer.interest_short)
        fields.append("interest")
    if answer.savings_short is not None and savings is None:
        savings = max(0, line.min_savings - answer.savings_short)
        fields.append("savings")
    return replace(
        answer,
        interest=interest,
        savings=savings,
        interest_short=None,
        savings_short=None,
        doubtful=True,
        doubtful_fields=tuple(dict.fromkeys(fields)),
        unnamed=False,
    )


def on_top(line: Line, answer: Answer) -> Answer:
    """More paid on top of what is noted for the member ("đưa thêm 145 nữa là đủ lãi" after
    350.000 đ): the amounts added to it, read with doubt so the sum is echoed first. For a
    member with nothing noted, or said with no amount, the answer as it is."""
    if not answer.more or not line.changed or answer.absent or answer.in_full:
        return answer
    if answer.interest is None and answer.savings is None:
        return answer
    fields = [f for f, x in (("interest", answer.interest), ("savings", answer.savings)) if x]
    return replace(
        answer,
        interest=None if answer.interest is None else line.interest_collected + answer.interest,
        savings=None if answer.savings is None else line.savings_deposited + answer.savings,
        more=False,
        doubtful=True,
        doubtful_fields=tuple(fields),
        unnamed=False,
    )


def paid_in_all(line: Line, answer: Answer) -> list[Answer]:
    """One amount said with no field named ("đóng 2 xị", "150k") is what the member handed
    over in all (domain notes §1.2: the leader collects interest and savings together). Never
    two fields from one amount. One rule, the same for every amount: no more than the interest
    due is all interest, no savings; exactly the interest and the minimum savings due is both
    paid in full; anything else above the interest due is asked, always with the same two
    readings in the same order: the interest alone (perhaps with interest carried over), then
    the interest due with the rest as savings. The leader says which; the bot never picks
    the split by itself, however far above the interest due the amount is. Any other answer
    is returned as it is."""
    if not answer.unnamed or answer.interest is None or answer.absent or answer.in_full:
        return [answer]
    if answer.savings is not None or answer.principal_from_savings is not None:
        return [answer]
    total, due = answer.interest, line.interest_due
    doubtful = ("interest", "savings") if answer.doubtful else ()
    base = replace(answer, unnamed=False, doubtful_fields=doubtful)
    if total <= due:
        return [replace(base, interest=total, savings=0)]
    both = replace(base, interest=due, savings=total - due)
    if total == due + line.min_savings:
        return [both]
    return [replace(base, interest=total, savings=0), both]


def explicit(line: Line, answer: Answer) -> tuple[Answer, tuple[str, ...]]:
    """The answer with every amount the line will hold once it is applied, and which of them
    the leader did not say (kept as the line has them): what an echo must name. Absent and
    paid in full are left as they are."""
    if answer.absent or answer.in_full:
        return answer, ()
    answer = resolve(line, answer)
    kept = []
    if answer.interest is None:
        kept.append("interest")
    if answer.savings is None:
        kept.append("savings")
    if answer.principal_from_savings is None and line.principal_from_savings:
        kept.append("principal")
    filled = replace(
        answer,
        interest=line.interest_collected if answer.interest is None else answer.interest,
        savings=line.savings_deposited if answer.savings is None else answer.savings,
        principal_from_savings=(
            line.principal_from_savings if "principal" in kept else answer.principal_from_savings
        ),
    )
    return filled, tuple(kept)


def as_correction(answer: Answer) -> Answer:
    """The answer as a correction of what was noted or echoed: a field set to 0 only because
    the line said "only" ("à nhầm, gửi 1 trăm thôi") is left as it was."""
    if not answer.only_zeroed:
        return answer
    return replace(
        answer,
        interest=None if "interest" in answer.only_zeroed else answer.interest,
        savings=None if "savings" in answer.only_zeroed else answer.savings,
        only_zeroed=(),
    )


def correct(echoed: Answer, correction: Answer) -> Answer:
    """The echoed answer as the leader's correction of it ("không, 15 nghìn", "không, lãi
    160") has it: only what the correction names changes, the other echoed amounts stay as
    echoed; one amount naming no field corrects the first amount read with doubt. A
    correction saying the member was absent or paid in full stands alone."""
    if correction.absent or correction.in_full:
        return correction
    if correction.as_due:  # "không, lãi đóng đủ rồi": that field as due, the rest as echoed
        return replace(
            echoed,
            interest=None if "interest" in correction.as_due else echoed.interest,
            savings=None if "savings" in correction.as_due else echoed.savings,
            as_due=correction.as_due,
            doubtful=False,
            doubtful_fields=(),
            unnamed=False,
        )
    correction = as_correction(correction)
    if correction.unnamed and correction.interest is not None:
        fields = ("interest", "savings", "principal")
        amounts = (echoed.interest, echoed.savings, echoed.principal_from_savings)
        said = [f for f, x in zip(fields, amounts, strict=True) if x is not None]
        field = next((f for f in fields if f in echoed.doubtful_fields), None)
        field = field or (said[0] if said else "interest")
        amount = correction.interest
        return replace(
            echoed,
            interest=amount if field == "interest" else echoed.interest,
            savings=amount if field == "savings" else echoed.savings,
            principal_from_savings=(
                amount if field == "principal" else echoed.principal_from_savings
            ),
            doubtful=correction.doubtful,
            doubtful_fields=(field,) if correction.doubtful else (),
            unnamed=False,
        )
    return replace(
        echoed,
        interest=echoed.interest if correction.interest is None else correction.interest,
        savings=echoed.savings if correction.savings is None else correction.savings,
        principal_from_savings=(
            echoed.principal_from_savings
            if correction.principal_from_savings is None
            else correction.principal_from_savings
        ),
        doubtful=correction.doubtful,
        doubtful_fields=correction.doubtful_fields,
        unnamed=False,
    )


def apply(line: Line, answer: Answer) -> Line:
    answer = resolve(line, answer)
    if answer.absent:  # nothing paid: absent, or there and put off to a later session
        return replace(
            line,
            interest_collected=0,
            savings_deposited=0,
            principal_from_savings=0,
            absent=not answer.put_off,
            put_off=answer.put_off,
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
        put_off=False,
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
