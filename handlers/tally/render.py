"""What the leader reads while filling in the tally: the member list, a member's line, the
summary with its warnings, and the buttons under them."""

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
        _("Cash to hand over at the transaction point: {amount}").format(
            amount=format_money(total.cash_to_hand_over)
        ),
    ]
    if warn.unpaid:
        out.append(
            _("Did not pay all their interest ({n}): {names}").format(
                n=len(warn.unpaid), names=", ".join(x.name for x in warn.unpaid)
            )
        )
    else:
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
    typed = draft.typed_totals
    if typed is not None:
        interest, savings = tally.differences(lines, typed)
        if interest or savings:
            out.append(
                "⚠ "
                + _(
                    "The totals you typed differ from the members' lines: interest {interest}, "
                    "savings {savings}. Tell me who paid differently, or submit as it is."
                ).format(interest=_signed(interest), savings=_signed(savings))
            )
    out.append(_("Submit this tally?"))
    return Reply("\n".join(out), buttons=summary_buttons())


def _signed(amount: int) -> str:
    if amount > 0:
        return "+" + format_money(amount)
    if amount < 0:
        return "−" + format_money(-amount)
    return format_money(0)
