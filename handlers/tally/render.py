"""What the leader reads while filling in the tally: the member list, a member's line, the
running list after a change, the summary with its warnings (and how far the totals the
leader typed are from the members' lines), and the buttons under them. Only the summary
asks to submit."""

from __future__ import annotations

from handlers.buttons import TallyAction, TallyButton
from handlers.messages import Button, Reply
from handlers.rules import tally
from handlers.tally.draft import TallyDraft
from locales.formatting import format_money, format_weekday_date
from locales.i18n import _
from storage.tallies import GroupInfo
from storage.tally_form import Line


def start_buttons() -> list[list[Button]]:
    return [
        [Button(_("Confirm: everyone paid in full"), TallyButton(TallyAction.ALL).pack())],
        [Button(_("Cancel the tally"), TallyButton(TallyAction.CANCEL).pack())],
    ]


def summary_buttons() -> list[list[Button]]:
    return [
        [Button(_("Confirm submission"), TallyButton(TallyAction.SUBMIT).pack())],
        [
            Button(_("Edit"), TallyButton(TallyAction.EDIT).pack()),
            Button(_("Cancel the tally"), TallyButton(TallyAction.CANCEL).pack()),
        ],
    ]


def running_buttons() -> list[list[Button]]:
    return [
        [Button(_("See the summary"), TallyButton(TallyAction.SUMMARY).pack())],
        [Button(_("Cancel the tally"), TallyButton(TallyAction.CANCEL).pack())],
    ]


def noted(draft: TallyDraft, lines: list[Line], line: Line) -> Reply:
    """After a change: what was noted, everyone noted so far, and the next step. No submit
    button here, so a hurried "ok" cannot submit before the other changes are typed."""
    if line.changed:
        said = _("Noted: {name} → {what}.").format(name=line.name, what=describe(line))
    else:  # what was due: the line is not one of those who paid differently
        said = _("Noted: {name} → paid in full: interest {interest}, savings {savings}.").format(
            name=line.name,
            interest=format_money(line.interest_collected),
            savings=format_money(line.savings_deposited),
        )
    out = [said, "", *paid_differently(lines)]
    typed = draft.typed_totals
    if typed is not None:
        found = tally.gap(lines, typed)
        out.append(
            _(
                "Still apart from the totals you typed: interest {interest}, savings {savings}."
            ).format(interest=_signed(found.interest), savings=_signed(found.savings))
            if found.any
            else _("The members' lines now match the totals you typed.")
        )
    out += ["", _("Type the next change, or “xong” to see the summary.")]
    return Reply("\n".join(out), buttons=running_buttons(), reads_numbers=True)


def paid_differently(lines: list[Line]) -> list[str]:
    """How many members paid differently from what was due, and who: the rest count as paid
    in full."""
    changed = [f"{n}. {x.name} → {describe(x)}" for n, x in enumerate(lines, 1) if x.changed]
    if not changed:
        return [_("No one paid differently from what was due: everyone counts as paid in full.")]
    head = _(
        "Paid differently from what was due: {n}; everyone else counts as paid in full."
    ).format(n=len(changed))
    return [head, *changed]


def not_paid(lines: list[Line]) -> Reply:
    """ "Còn ai chưa đóng?" during the tally: who the draft has as not paying all their
    interest (absent or short), and that everyone else counts as paid in full."""
    unpaid = tally.warnings(lines).unpaid
    if not unpaid:
        text = _(
            "In this tally no one is noted as not paying yet: everyone counts as paid in "
            "full. Type who did not pay, e.g. “{example}”."
        ).format(example=_("5 absent"))
        return Reply(text, buttons=running_buttons(), reads_numbers=True)
    said = [
        _("{number}. {name}: absent, owes interest {amount}")
        if x.absent
        else _("{number}. {name}: owes interest {amount}")
        for x in unpaid
    ]
    numbers = {x.customer_id: n for n, x in enumerate(lines, 1)}
    out = [
        _("In this tally, {n} have not paid all their interest:").format(n=len(unpaid)),
        *(
            what.format(
                number=numbers[x.customer_id], name=x.name, amount=format_money(x.interest_unpaid)
            )
            for what, x in zip(said, unpaid, strict=True)
        ),
        _("Everyone else counts as paid in full."),
    ]
    return Reply("\n".join(out), buttons=running_buttons(), reads_numbers=True)


def member_list(lines: list[Line]) -> list[str]:
    rendered = []
    for number, line in enumerate(lines, start=1):
        text = _("{number}. {name}: interest {amount}").format(
            number=number, name=line.name, amount=format_money(line.interest_due)
        )
        if line.changed:
            text += " → " + describe(line)
        rendered.append(text)
    return rendered


def describe(line: Line) -> str:
    if line.absent:
        return _("absent, paid nothing")
    if line.put_off:
        return _("not paid (put off until later)")
    text = _("paid interest {interest}, savings {savings}").format(
        interest=format_money(line.interest_collected),
        savings=format_money(line.savings_deposited),
    )
    if line.principal_from_savings:
        text += ", " + _("principal from savings {amount}").format(
            amount=format_money(line.principal_from_savings)
        )
    return text


def how_to_edit() -> str:
    return _(
        "If someone paid differently, type their number and what they paid, e.g. "
        '"5 lãi 100k gửi 0" or "5 vắng"; or type the group totals, e.g. '
        '"thu lãi 4tr25, tiết kiệm 1tr8".'
    )


def summary(group: GroupInfo, draft: TallyDraft, lines: list[Line]) -> Reply:
    total = tally.totals(lines)
    warn = tally.warnings(lines)
    typed = draft.typed_totals
    found = tally.gap(lines, typed) if typed is not None else None
    apart = found if found is not None and found.any else None
    out = [
        _("Tally of group {code}, session {date}:").format(
            code=group.code, date=format_weekday_date(draft.session_day)
        ),
        _("Interest due: {amount}").format(amount=format_money(total.interest_due)),
        _("Interest collected: {amount}").format(amount=format_money(total.interest_collected)),
        _("Interest still unpaid: {amount}").format(amount=format_money(total.interest_unpaid)),
        _("Savings collected: {amount}").format(amount=format_money(total.savings_collected)),
        _("Principal repaid from savings: {amount}").format(
            amount=format_money(total.principal_from_savings)
        ),
        _cash_line(total.cash_to_hand_over, apart),
    ]
    if warn.unpaid:
        out.append(
            _("Did not pay all their interest ({n}): {names}").format(
                n=len(warn.unpaid), names=", ".join(x.name for x in warn.unpaid)
            )
        )
    elif apart is None:  # with typed totals apart, the lines' "everyone paid" is not so
        out.append(_("Everyone paid their interest."))
    if warn.over_collected:
        out.append(
            "⚠ "
            + _("Interest collected is above what is due for: {names}").format(
                names=", ".join(x.name for x in warn.over_collected)
            )
        )
    if warn.below_minimum:
        out.append(
            "⚠ "
            + _("Savings below the group's minimum for: {names}").format(
                names=", ".join(x.name for x in warn.below_minimum)
            )
        )
    if apart is not None:
        out += _gap_lines(apart)
    never = unconfirmed(draft, lines)
    if never is not None:
        out.append("⚠ " + never)
    out.append(_("Submit this tally?"))
    # A member's number typed at the summary ("1", then "vắng") is that member's, never the
    # first button's (Xác nhận nộp): the buttons are answered by their words.
    return Reply("\n".join(out), buttons=summary_buttons(), reads_numbers=True)


def unconfirmed(draft: TallyDraft, lines: list[Line]) -> str | None:
    """The echoed amounts set aside and never confirmed, by member ("Not confirmed: Hồ Thị
    Kim Tư 50.000 đ interest"), and that those members count as their lines show; None when
    there are none."""
    names = {x.customer_id: x.name for x in lines}
    said = []
    for customer, answer in draft.unconfirmed_answers:
        if customer not in names:
            continue
        amounts = [
            what.format(amount=format_money(amount))
            for amount, what in (
                (answer.interest, _("{amount} interest")),
                (answer.savings, _("{amount} savings")),
                (answer.principal_from_savings, _("{amount} principal from savings")),
            )
            if amount is not None
        ]
        said.append(f"{names[customer]} {', '.join(amounts)}")
    if not said:
        return None
    return _(
        "Not confirmed: {members}. Those members count as the tally has them (paid in full "
        "unless typed otherwise); type them again if that is not right."
    ).format(members="; ".join(said))


def _cash_line(cash: int, apart: tally.Gap | None) -> str:
    """The cash to hand over; beside what the leader said they hold when that differs."""
    stated = apart.stated_cash if apart is not None else None
    if stated is None or stated == cash:
        return _("Cash to hand over at the transaction point: {amount}").format(
            amount=format_money(cash)
        )
    return _(
        "Cash to hand over by the members' lines: {amount}; you said you hold {stated} "
        "({gap} apart). Submitting now records the members' lines."
    ).format(
        amount=format_money(cash), stated=format_money(stated), gap=format_money(abs(stated - cash))
    )


def _gap_lines(apart: tally.Gap) -> list[str]:
    """How far each typed total is from the lines, and who to ask about."""
    out = ["⚠ " + _("The totals you typed do not match the members' lines:")]
    for what, typed, lines, gap in (
        (_("interest"), apart.typed.interest, apart.lines.interest_collected, apart.interest),
        (_("savings"), apart.typed.savings, apart.lines.savings_collected, apart.savings),
    ):
        if typed is None or not gap:
            continue
        said = (
            _(
                "{what}: you said {typed}, the members' lines add up to {lines}: you said "
                "{gap} less, so someone paid less than their line"
            )
            if gap < 0
            else _(
                "{what}: you said {typed}, the members' lines add up to {lines}: you said "
                "{gap} more, so someone paid more than their line (or a payment is not noted)"
            )
        )
        out.append(
            "  "
            + said.format(
                what=what,
                typed=format_money(typed),
                lines=format_money(lines),
                gap=format_money(abs(gap)),
            )
        )
    # One question, whichever way each total is apart: who paid otherwise than their line.
    example = _("2 interest 100k") if apart.interest else _("2 savings 200k")
    out.append(
        _(
            "Who paid differently from their line? Type their number and what they paid, "
            "e.g. “{example}”; or submit the members' lines as they are."
        ).format(example=example)
    )
    return out


def _signed(amount: int) -> str:
    if amount > 0:
        return "+" + format_money(amount)
    if amount < 0:
        return "−" + format_money(-amount)
    return format_money(0)
