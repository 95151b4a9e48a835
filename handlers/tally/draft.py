"""The tally draft a leader is filling in: which group and session, the members who paid
differently from what was due, the group totals they typed, and the member whose answer the
bot is waiting for. A typed dialog state (one database row), so it survives restarts and
hours of pause, and expires when the session day ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Self

from bot.nlu.tally_text import Answer, TypedTotals
from handlers import flow_state
from handlers.context import Context
from handlers.flow_state import FlowState
from storage.dialogs import Dialog
from storage.tallies import PaidLine
from storage.tally_form import Line

TALLY_FLOW = "tally"
_FIELDS = ("interest", "savings", "principal")
_PUT_OFF = 2  # in a change's last place: nothing paid, put off (1 is absent)


class TallyStep(StrEnum):
    LINES = "lines"  # the list is shown; a number and an answer, or totals, are expected
    MEMBER = "member"  # one member's answer is expected
    AMOUNT = "amount"  # yes or no to an amount read with doubt, or the amount again
    CHOOSING = "choosing"  # which of the members who fit a name is meant
    ALL_BUT = "allbut"  # yes or no to noting everyone but the members set apart in full
    SPLIT = "split"  # whether one amount said was the interest alone or included savings


@dataclass(frozen=True)
class TallyDraft(FlowState):
    FLOW = TALLY_FLOW

    group: int
    session: str  # the session day, ISO
    # customer id → [interest collected, savings deposited, principal from savings, absent
    # (1 absent, `_PUT_OFF` there but put off to a later session)]
    changes: dict[str, list[int]] = field(default_factory=dict)
    typed: list[int | None] | None = None  # [interest, savings] the leader typed for the group
    asking: int | None = None  # the member whose answer is awaited
    # An answer read with doubt ("trăm hai"), echoed back and not noted until confirmed:
    # [customer id, interest, savings, principal from savings (None: left as it was), which
    # of them were read with doubt (bits 1, 2, 4; absent in rows of earlier versions), and
    # bit 8 when it was one amount said in all ("đóng trăm hai"), read as interest and savings].
    pending: list[int | None] | None = None
    # The echoed answer the leader said no to ("không", "Sửa số tiền"), laid out as `pending`,
    # while that member's amount is asked again: what is typed next corrects it (only what it
    # names changes), never the line's defaults. Kept only while that member is asked.
    redo: list[int | None] | None = None
    # Several members fit the name typed ("Tam lai 38k"): their ids, in the order listed, and
    # what was said about them ("lai 38k"; "" when nothing), until the leader picks one.
    choosing: list[int] | None = None
    choice: str = ""
    # One amount said with no field named that may be the interest alone or include the
    # savings ("đóng 2 xị" from a member owing 113.000 đ interest): [customer id, amount],
    # until the leader says which.
    split: list[int] | None = None
    # "Delete this draft?" was asked and not yet answered: a yes typed once it is out of view
    # (after "tình hình tổ") asks it again, never deletes on a stale yes.
    deleting: bool = False
    # Echoes set aside, never confirmed, by a line about another member, each laid out as
    # `pending`: named in the summary until that member is typed again (else they count as
    # paid in full, which nobody said). A question of how one amount divides set aside the
    # same way is kept here as `split` is ([customer id, amount]).
    unconfirmed: list[list[int | None]] = field(default_factory=list)
    # The summary was asked for with echoes set aside: each is asked again, and the summary
    # comes once none is left.
    closing: bool = False
    # How many times in a row the one amount's reading was asked again after a yes or no
    # that answers neither: each time said differently, never the same text twice.
    split_reasked: int = 0
    # "Everyone paid in full except …" read and asked to be confirmed: the members set apart,
    # each as their line will be ([customer id, interest, savings, principal, absent as in
    # `changes`]), and the line as typed, until the leader says yes or no.
    all_but: list[list[int]] | None = None
    all_but_said: str = ""

    @property
    def session_day(self) -> date:
        return date.fromisoformat(self.session)

    @property
    def typed_totals(self) -> TypedTotals | None:
        return TypedTotals(*self.typed) if self.typed else None

    def lines(self, expected: list[Line]) -> list[Line]:
        """The expected lines with the leader's changes laid over them."""
        found = []
        for line in expected:
            change = self.changes.get(str(line.customer_id))
            found.append(line if change is None else with_change(line, change))
        return found

    @property
    def pending_answer(self) -> tuple[int, Answer] | None:
        """The member and the answer awaiting a yes, if any."""
        return _echoed(self.pending)

    @property
    def split_amount(self) -> tuple[int, int] | None:
        """The member and the one amount whose reading the leader is asked for, if any."""
        if not self.split or len(self.split) != 2:
            return None
        return self.split[0], self.split[1]

    @property
    def redo_answer(self) -> tuple[int, Answer] | None:
        """The member asked again and the echoed answer they said no to, if any."""
        return _echoed(self.redo) if self.asking is not None else None

    @property
    def echoed_in_all(self) -> bool:
        """The echo awaiting a yes read one amount said in all: said again after a no, the
        amount is read as a fresh line is (it may need the split asked)."""
        return _in_all(self.pending)

    @property
    def redone_in_all(self) -> bool:
        """As `echoed_in_all`, for the echo said no to."""
        return _in_all(self.redo)

    def echoing(self, customer: int, answer: Answer, *, in_all: bool = False) -> Self:
        """The draft with `answer` echoed back for `customer`, awaiting a yes; `in_all`: it
        was one amount said in all."""
        mask = sum(1 << bit for bit, field in enumerate(_FIELDS) if field in answer.doubtful_fields)
        mask |= _IN_ALL if in_all else 0
        pending = [customer, answer.interest, answer.savings, answer.principal_from_savings, mask]
        return replace(self, asking=customer, pending=pending, redo=None, split=None)

    def asking_set_aside(self) -> Self:
        """The draft with the first echo set aside awaiting a yes again, or the first
        question of how one amount divides set aside asked again (each still listed as set
        aside until it is answered); as it is when none is set aside."""
        first = next((x for x in self.unconfirmed if _echoed(x) or _split(x)), None)
        if first is None:
            return self
        if _split(first):
            again = replace(self, asking=first[0], pending=None, redo=None, closing=True)
            return replace(again, split=[x for x in first if x is not None])
        return replace(self, asking=first[0], pending=list(first), redo=None, closing=True)

    def setting_split_aside(self, split: tuple[int, int]) -> Self:
        """The draft with the question of how `split`'s amount divides set aside: asked
        again before the summary unless that member is typed again first."""
        kept = [x for x in self.unconfirmed if x and x[0] != split[0]]
        return replace(self, split=None, unconfirmed=[*kept, [split[0], split[1]]])

    @property
    def unconfirmed_answers(self) -> list[tuple[int, Answer]]:
        """The members and the echoed answers set aside unconfirmed."""
        return [x for x in map(_echoed, self.unconfirmed) if x is not None]

    def setting_aside(self) -> Self:
        """The draft with the echo awaiting a yes set aside, unconfirmed."""
        if self.pending is None or self.pending_answer is None:
            return self
        customer = self.pending_answer[0]
        kept = [x for x in self.unconfirmed if x and x[0] != customer]
        return replace(self, pending=None, unconfirmed=[*kept, self.pending])

    def dropping(self, customer: int) -> Self:
        """The draft with `customer` no longer asked about: the line stays as it was."""
        return replace(self.confirmed(customer), asking=None, pending=None, redo=None)

    def confirmed(self, customer: int) -> Self:
        """The draft once `customer`'s amounts are noted: no longer unconfirmed."""
        return replace(self, unconfirmed=[x for x in self.unconfirmed if x and x[0] != customer])

    def asking_again(self) -> Self:
        """The draft after a no to the echoed amount: that member is asked again, and what
        is typed next corrects the echo."""
        if self.pending_answer is None:
            return self
        customer = self.pending_answer[0]
        return replace(self, asking=customer, pending=None, redo=self.pending)

    def noting(self, lines: list[Line]) -> Self:
        """The draft with these lines' differences from what was due as its changes."""
        changes = {
            str(x.customer_id): [
                x.interest_collected,
                x.savings_deposited,
                x.principal_from_savings,
                _PUT_OFF if x.put_off else int(x.absent),
            ]
            for x in lines
            if x.changed
        }
        return replace(
            self,
            changes=changes,
            asking=None,
            pending=None,
            redo=None,
            choosing=None,
            choice="",
            split=None,
            all_but=None,
            all_but_said="",
        )


_IN_ALL = 8


def _split(values: list[int | None]) -> bool:
    """A question of how one amount divides, set aside: [customer id, amount]."""
    return len(values) == 2 and values[0] is not None and values[1] is not None


def _in_all(values: list[int | None] | None) -> bool:
    return bool(values and len(values) == 5 and (values[4] or 0) & _IN_ALL)


def _echoed(values: list[int | None] | None) -> tuple[int, Answer] | None:
    """A stored echo ([customer, interest, savings, principal, doubtful bits]) as the member
    and the answer; None when there is none."""
    if not values or len(values) not in (4, 5):
        return None
    customer, interest, savings, principal = values[:4]
    if customer is None:
        return None
    mask = values[4] if len(values) == 5 else None
    amounts = {"interest": interest, "savings": savings, "principal": principal}
    doubtful = tuple(
        field
        for bit, field in enumerate(_FIELDS)
        if amounts[field] is not None and (mask is None or mask & (1 << bit))
    )
    answer = Answer(
        interest=interest,
        savings=savings,
        principal_from_savings=principal,
        doubtful=True,
        doubtful_fields=doubtful,
    )
    return customer, answer


def with_change(line: Line, change: list[int]) -> Line:
    """A line as one change says ([interest, savings, principal, absent as in `changes`])."""
    interest, savings, principal, absent = change
    return replace(
        line,
        interest_collected=interest,
        savings_deposited=savings,
        principal_from_savings=principal,
        absent=absent == 1,
        put_off=absent == _PUT_OFF,
    )


def from_previous(draft: TallyDraft, expected: list[Line], previous: list[PaidLine]) -> TallyDraft:
    """A new version's draft starting from what the previous version said each member paid
    (members who joined since start as paid in full; those who left are not carried)."""
    paid = {x.customer_id: x for x in previous}
    lines = []
    for line in expected:
        was = paid.get(line.customer_id)
        if was is not None:
            line = replace(
                line,
                interest_collected=was.interest_collected,
                savings_deposited=was.savings_deposited,
                principal_from_savings=was.principal_from_savings,
                absent=was.absent,
                put_off=was.put_off,
            )
        lines.append(line)
    return draft.noting(lines)


def open_draft(dialog: Dialog | None) -> tuple[TallyDraft, TallyStep] | None:
    found = flow_state.state_of(dialog, TallyDraft)
    if found is None:
        return None
    draft, step = found
    if step.startswith("member:"):  # written by earlier versions
        return replace(draft, asking=int(step.removeprefix("member:"))), TallyStep.MEMBER
    return draft, TallyStep(step) if step in TallyStep.__members__.values() else TallyStep.LINES


def kept_draft(dialog: Dialog | None) -> tuple[TallyDraft, TallyStep] | None:
    """The draft open, or parked under another dialog that interrupted it (a meeting being
    called): "tiếp tục bảng kê" goes back to it, never to a new one."""
    opened = open_draft(dialog)
    if opened is not None or dialog is None:
        return opened
    return next((x for p in reversed(dialog.parked) if (x := open_draft(p))), None)


def _expires(session_day: date, ctx: Context) -> datetime:
    end = datetime.combine(session_day + timedelta(days=1), time(0, 0), ctx.timezone)
    return end.astimezone(ctx.now.tzinfo)


async def save(ctx: Context, draft: TallyDraft) -> None:
    redo = draft.redo_answer
    if draft.redo is not None and (redo is None or redo[0] != draft.asking or draft.pending):
        draft = replace(draft, redo=None)  # another member, or a new echo: the no is over
    step = TallyStep.MEMBER if draft.asking is not None else TallyStep.LINES
    if draft.pending is not None:
        step = TallyStep.AMOUNT
    if draft.choosing:
        step = TallyStep.CHOOSING
    if draft.split:
        step = TallyStep.SPLIT
    if draft.all_but is not None:
        step = TallyStep.ALL_BUT
    ttl = _expires(draft.session_day, ctx) - ctx.now
    await flow_state.save(ctx, draft, step.value, ttl=ttl)
