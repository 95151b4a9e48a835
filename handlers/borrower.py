"""Answers about the borrower's own household: balance, due dates, interest, savings,
transaction day, programmes and whom to contact. Each figure answer ends with the data date.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import date

from bot.nlu import asks_own_too
from bot.nlu.normalize import tokens
from bot.nlu.people import (
    capital_after_title,
    is_clean_name,
    is_full_name,
    may_name_someone,
    names_the_asker,
    said_back,
    titled_name_of,
    without_title,
)
from handlers import leader
from handlers.consent import prompt as consent_prompt
from handlers.consent import reminder as consent_reminder
from handlers.context import Context
from handlers.linking import ask_to_link
from handlers.meetings import notices as meeting_notices
from handlers.messages import Reply, Role
from handlers.programmes import programme_name
from handlers.render import data_date_line, format_phone
from handlers.rules.bank_figure import asks_why_the_figure, by_rate, rounded_to_thousand
from handlers.rules.day_named import names_a_day
from handlers.rules.month_named import MonthNamed, month_named
from handlers.rules.names_known import as_stored, known_name_in
from handlers.rules.next_month import (
    Interest,
    NextMonth,
    asks_next_month,
    asks_this_months_total,
    first_of_next_month,
    is_last_installment,
    this_month,
)
from handlers.rules.next_month import next_month as rules_next_month
from handlers.rules.overdue import asks_if_overdue
from handlers.rules.own_title import asks_own_by_title
from handlers.rules.paid_already import asks_why_still_shown, says_paid
from handlers.rules.paying_late import asks_about_paying_late, asks_about_principal_late
from handlers.rules.savings_words import asks_savings_interest, asks_savings_to_deposit
from handlers.rules.sessions import Session, next_session, session_to_pay_at
from locales.formatting import (
    format_date,
    format_money,
    format_rate,
    format_relative_day,
    format_weekday_date,
)
from locales.i18n import _, ngettext
from locales.textfold import fold
from storage import audiences, audit, borrowers, meetings, schedules
from storage.borrowers import GroupView, Household, LoanView, MemberLine

Handler = Callable[[Context, Household], Awaitable[list[Reply]]]


_SENDS_AGAIN = re.compile(r"\b(?:gui|nhan|phat) (?:lai|di|luon)\b")


def asks_to_send_again(text: str) -> bool:
    """ "à khoan, gửi lại đi", "gửi đi": a go-ahead for a notice, from an officer."""
    return bool(_SENDS_AGAIN.search(fold(text)))


async def officer_has_no_household(ctx: Context) -> list[Reply]:
    """A household's question from an officer: a go-ahead with no notice open says how to
    start one; otherwise, what an officer can ask (with one of their communes)."""
    if asks_to_send_again(ctx.inbound.text):
        return [
            Reply(
                _(
                    "There is no notice open now (the last one was cancelled or sent). To "
                    "write one, type “gửi thông báo”."
                )
            )
        ]
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    commune = places[0].name if places else "Đại Tâm"
    return [
        Reply(
            _(
                "Balances of single households are for the households themselves. As a credit "
                "officer you can ask: “ai quá hạn ở xã {commune}” (the overdue households), "
                "“tình hình bảng kê” (the groups' tallies) or “gửi thông báo” (a notice)."
            ).format(commune=commune),
            show_menu=True,
        )
    ]


async def with_household(ctx: Context, action: str, handler: Handler) -> list[Reply]:
    """Figures only for a consenting borrower linked to a household (the registry lets only
    households through); every view goes to the audit log."""
    person = ctx.person
    if person.customer_id is None:
        return [ask_to_link()]
    if not person.consented:
        if action == "transaction_day":  # the commune's day is public: said before consent
            public = await borrowers.household(ctx.conn, person.customer_id)
            if public is not None:
                return await transaction_day_before_consent(ctx, public)
        return [await consent_prompt(ctx)]
    household = await borrowers.household(ctx.conn, person.customer_id)
    other = ctx.understanding.about_other if ctx.understanding else None
    text = ctx.inbound.text
    if other is None and action in _FIGURES and household is not None and may_name_someone(text):
        names = await borrowers.names_said_in_commune(ctx.conn, household.commune_id, text)
        other = known_name_in(text, names, household.name)  # "danh so phanh no bn"
        other = other or await member_titled(ctx)  # "thang khol dong chua"
    refused: list[Reply] = []
    own_after = False
    if other is not None and action in _FIGURES and not _is_own(other, household):
        refused = await someone_else(ctx, other)
        own_after = asks_own_by_title(text)  # "ông Hòa có quá hạn ko, còn bà thì sao"
        if not (asks_own_too(text) or own_after):  # "nợ của tui bn, còn bà Tư": both answered
            return refused
    if household is None:
        return [
            Reply(
                _(
                    "The bank's data about your household is no longer available. "
                    "Please contact your credit officer."
                )
            )
        ]
    await audit.audit(ctx.conn, person, action, ctx.now, subject=household.code)
    if action in _FIGURES | {"contact_officer"} and asks_why_still_shown(ctx.inbound.text):
        handler = paid_to_the_leader  # "đóng cho tổ trưởng rồi mà sao còn hiện…"
    elif action in _FIGURES and asks_why_the_figure(ctx.inbound.text):
        handler = interest  # "lãi 38 ngàn sao không phải 37 ngàn rưỡi": its note says why
    replies = await handler(ctx, household)
    if action in _FIGURES and replies:
        replies[0].text = whose(household) + "\n" + replies[0].text
    if refused and replies and own_after:  # the other asked first: the refusal first
        replies[0].text = refused[0].text + "\n\n" + replies[0].text
    elif refused and replies:
        replies[-1].text += "\n\n" + refused[0].text
    return replies


# Answers with the household's own figures: they open by naming whose they are, so nobody
# takes them for a neighbour's.
_FIGURES = frozenset({"balance", "due_date", "interest", "savings"})


async def member_titled(ctx: Context) -> str | None:
    """For a leader, a title before a word of a member's name ("thang khol", "o Khol"),
    which the words alone did not tell from common ones: that member is asked about."""
    person = ctx.person
    text = ctx.inbound.text
    if person.role is not Role.LEADER or person.group_id is None:
        return None
    if not may_name_someone(text) and not capital_after_title(text):
        return None
    view = await borrowers.group_view(ctx.conn, person.group_id)
    if view is None:
        return None
    return titled_name_of(
        text, [m.name for m in view.members if m.customer_id != person.customer_id]
    )


async def someone_else(ctx: Context, name: str) -> list[Reply]:
    """A question about another person's figures: a borrower sees only their own household;
    a leader sees a member of their own group (interest due, overdue), by name."""
    if ctx.person.role is Role.LEADER and ctx.person.group_id is not None:
        view = await borrowers.group_view(ctx.conn, ctx.person.group_id)
        if view is not None:
            if await leader.names_another_group(ctx, ctx.inbound.text.replace(name, " ")):
                return [leader.only_own_group(view.name)]  # never a namesake of their own
            return await _member_status(ctx, view, name)
    if not is_clean_name(name):  # "ông bảy kế", "hàng xóm": not said back as a name
        return [only_own_household()]
    return [
        Reply(
            _(
                "I can show only your own household's figures, not those of {name}. Each "
                "household links its own chat; your group leader can help them."
            ).format(name=await _said_as_stored(ctx, said_back(name)))
        )
    ]


def only_own_household() -> Reply:
    """A borrower asking about other people's figures, nobody named ("trong tổ ai còn nợ quá
    hạn"): the plain line that only their own household's are shown."""
    return Reply(
        _(
            "I can show only your own household's figures, not another person's. Each "
            "household links its own chat; your group leader can help them."
        )
    )


async def _said_as_stored(ctx: Context, name: str) -> str:
    """A name the borrower typed ("ba Sau"), said back as the bank writes it when a member of
    their own group has it ("bà Hồ Hoàng Sáu"), else as typed."""
    group_id = ctx.person.group_id
    if group_id is None:
        return name
    return as_stored(name, await borrowers.member_names(ctx.conn, group_id))


async def _member_status(ctx: Context, view: GroupView, name: str) -> list[Reply]:
    typed = fold(without_title(name)).split()
    fits = [m for m in view.members if typed[-1:] == fold(m.name).split()[-1:]]
    full = [m for m in fits if fold(m.name).split()[-len(typed) :] == typed]
    whole = is_full_name(name)  # "Le Van Hoa": that person, never a namesake "… Hoa"
    found = full if whole else full or fits
    if len(typed) == 1 and not whole:  # "chú Sóc": Sơn Văn Sóc, and Sơn Sóc Khơl too
        found = found + [m for m in _inside(view, typed[0]) if m not in found]
    if (
        not found and not whole and not is_clean_name(name)
    ):  # "hàng xóm", "nhà bên": someone, unnamed
        return [
            Reply(
                _(
                    "Which member of your group do you mean? Please type their name, for "
                    "example “bà Lan còn nợ bao nhiêu”."
                )
            )
        ]
    if not found:
        return [Reply(_("No member of your group is called {name}.").format(name=said_back(name)))]
    if len(found) > 1:
        if len(typed) == 1:
            return [leader.which_member(found, 1, _as_written(found, typed[0]))]
        return [leader.which_member(found, len(typed) if full else 1)]
    return await leader.member_status(ctx, view, found[0])


def _inside(view: GroupView, word: str) -> list[MemberLine]:
    """The members with `word` inside their name, after the family name ("Sóc" in Sơn Sóc
    Khơl; a family name like "Sơn" is shared by many and names nobody)."""
    return [m for m in view.members if word in fold(m.name).split()[1:-1]]


def _as_written(found: list[MemberLine], word: str) -> str:
    """The word as the bank writes it in those names ("soc" → "Sóc")."""
    for member in found:
        for written in member.name.split():
            if fold(written) == word:
                return written
    return word


def _is_own(name: str, household: Household | None) -> bool:
    """ "dư nợ của Lâm Thị Sa Ri" from Sa Ri herself is her own question; "thằng Út Tâm"
    from Trần Minh Tâm is not (bot/nlu/people.py)."""
    return household is not None and names_the_asker(name, household.name)


def whose(household: Household) -> str:
    return _("Household of {name}:").format(name=household.name)


def _narrowed(ctx: Context, household: Household) -> tuple[list[LoanView], str | None]:
    """The loans of the programme named in the question, if any; else all of them."""
    named = ctx.understanding.programmes if ctx.understanding else ()
    if not named:
        return household.loans, None
    chosen = [loan for loan in household.loans if loan.program_code in named]
    if chosen:
        return chosen, None
    return household.loans, _(
        "Your household has no loan in the programme you named; here are all your loans."
    )


def _no_loans(household: Household) -> list[Reply]:
    return [
        Reply(
            "\n".join(
                [_("Your household has no outstanding loan."), data_date_line(household.data_date)]
            )
        )
    ]


def _opening(ctx: Context, household: Household) -> tuple[list[LoanView], list[str]]:
    """The loans the question is about, and the answer's first lines (a note, if any)."""
    loans, note = _narrowed(ctx, household)
    return loans, [note] if note else []


async def balance(ctx: Context, household: Household) -> list[Reply]:
    if not household.loans:
        return _no_loans(household)
    loans, lines = _opening(ctx, household)
    total = sum(loan.outstanding for loan in loans)
    lines.append(_("Outstanding balance: {amount}").format(amount=format_money(total)))
    for loan in loans:
        lines.append(
            _("• {programme}: {amount}").format(
                programme=programme_name(loan.program_code, loan.program_name),
                amount=format_money(loan.outstanding),
            )
        )
        if loan.balance_overdue:
            lines.append(
                _("   of which overdue: {amount}").format(amount=format_money(loan.balance_overdue))
            )
        if loan.balance_frozen:
            lines.append(
                _("   of which frozen: {amount}").format(amount=format_money(loan.balance_frozen))
            )
    if says_paid(ctx.inbound.text) and household.data_date is not None:  # "mới đóng 1 triệu"
        lines.append(
            _(
                "A payment not in these figures yet shows here once the bank next updates "
                "them (these are as of {date})."
            ).format(date=format_date(household.data_date))
        )
    lines.append(data_date_line(household.data_date))
    return [Reply("\n".join(lines))]


_ASKS_PREPAY = (
    "truoc han",
    "tat toan",
    "tra som",
    "tra het no",
    "early",
    "pay off",
    "prepay",
)


def _asks_prepay(text: str) -> bool:
    """ "trả hết nợ trước hạn được không", "tat toan som", "can I pay off early"."""
    words = " ".join(tokens(text))
    return any(phrase in words for phrase in _ASKS_PREPAY)


def _prepay_answer(loans: list[LoanView]) -> str:
    outstanding = sum(loan.outstanding for loan in loans)
    return _(
        "Yes: you can repay principal before it is due, part or all of it, at the commune "
        "transaction session or at the bank's office. Principal still owed: {amount}. The "
        "interest up to the day you pay is added; your credit officer tells you the exact "
        "amount on the day."
    ).format(amount=format_money(outstanding))


def _overdue_answer(loans: list[LoanView], today: date) -> str:
    """ "Có bị quá hạn không?": yes or no first, the details follow."""
    late = [
        loan
        for loan in loans
        if loan.balance_overdue
        or (loan.maturity is not None and loan.maturity < today and loan.outstanding)
    ]
    if not late:
        return _("No: none of your loans is overdue.")
    return ngettext(
        "Yes: {n} of your loans is overdue (details below).",
        "Yes: {n} of your loans are overdue (details below).",
        len(late),
    ).format(n=len(late))


async def due_date(ctx: Context, household: Household) -> list[Reply]:
    if not household.loans:
        return _no_loans(household)
    loans, lines = _opening(ctx, household)
    if asks_if_overdue(ctx.inbound.text):
        lines.append(_overdue_answer(loans, ctx.today))
    if _asks_prepay(ctx.inbound.text):
        lines.append(_prepay_answer(loans))
    upcoming = sorted(
        (
            (loan.next_due_on, loan)
            for loan in loans
            if loan.next_due_on is not None and loan.next_due_on >= ctx.today
        ),
        key=lambda pair: pair[0],
    )
    if upcoming:
        due_on, first = upcoming[0]
        lines.append(
            _("Next principal installment: {date} ({relative}), {amount} ({programme}).").format(
                date=format_weekday_date(due_on),
                relative=format_relative_day(due_on, ctx.today),
                amount=format_money(first.next_due_amount or 0),
                programme=programme_name(first.program_code, first.program_name),
            )
        )
        commune_rules, _group_rules = await schedules.for_commune(
            ctx.conn, household.commune_id, household.group_id
        )
        session = next_session(commune_rules, ctx.today)
        pay_at = session_to_pay_at(commune_rules, ctx.today, due_on)
        if session is not None and due_on < session.day:
            lines.append(
                _(
                    "It falls before the next transaction session ({session}): pay it in time "
                    "at the commune transaction point, at the bank's office, or by transfer, "
                    "and ask your credit officer if you need help."
                ).format(session=format_weekday_date(session.day))
            )
        elif pay_at is not None:
            lines.append(
                _(
                    "Pay it at the commune transaction session on {session}: it is the last "
                    "one before the due date."
                ).format(session=format_weekday_date(pay_at.day))
            )
        if is_last_installment(first):
            lines.append(_last_installment(first, due_on))
    else:
        lines.append(_("No principal installment is scheduled in the bank's figures."))
    if asks_about_principal_late(ctx.inbound.text):  # "nếu trả trễ thì bị phạt ko"
        lines += _late_principal_answer(loans)
    said_last = upcoming[0][1] if upcoming and is_last_installment(upcoming[0][1]) else None
    for loan in loans:
        if loan.maturity is None or loan is said_last:  # its end was said with its last one
            continue
        text = _("Final due date of {programme}: {date}").format(
            programme=programme_name(loan.program_code, loan.program_name),
            date=format_date(loan.maturity),
        )
        if loan.extended:
            text += " " + _("(extended)")
        lines.append(text)
    lines += _overdue_warnings(loans, ctx.today)
    lines.append(
        _(
            "Principal is paid by you at the commune transaction point or by bank "
            "transfer, not to the group leader."
        )
    )
    lines.append(data_date_line(household.data_date))
    return [Reply("\n".join(lines))]


def _last_installment(loan: LoanView, due_on: date) -> str:
    """The installment that pays off the loan, said with the loan's final due date in one
    sentence: which date is the last payment, when the loan ends, what is owed at each."""
    figures = {
        "programme": programme_name(loan.program_code, loan.program_name),
        "amount": format_money(loan.next_due_amount or 0),
        "date": format_date(due_on),
    }
    if loan.maturity is None:
        return _(
            "This is the last principal installment of the {programme} loan: paying "
            "{amount} on {date} pays off all the principal still owed."
        ).format(**figures)
    end = format_date(loan.maturity)
    if due_on == loan.maturity:
        return _(
            "This is the last principal installment of the {programme} loan, on the loan's "
            "final due date ({date}): paying {amount} pays off all the principal still owed."
        ).format(**figures)
    if due_on < loan.maturity:
        return _(
            "This is the last principal installment of the {programme} loan: paying {amount} "
            "on {date} pays off all the principal. The loan's final due date is {end}; once "
            "this installment is paid, no principal is left to pay on that day."
        ).format(end=end, **figures)
    return _(
        "This is the last principal installment of the {programme} loan: {amount} due on "
        "{date}, after the loan's final due date ({end}). Please ask your credit officer "
        "which date applies."
    ).format(end=end, **figures)


def _late_principal_answer(loans: list[LoanView]) -> list[str]:
    """What follows principal paid late, as docs/domain.md has it: overdue debt at the
    programme's overdue rate, followed up by the leader and the officer; an extension or a
    rescheduling asked before the due date. No penalty beyond that is claimed."""
    rates = [loan.overdue_rate_pct for loan in loans if loan.overdue_rate_pct]
    if rates:
        overdue = _(
            "If principal is not paid when it is due, the unpaid part can become overdue debt, "
            "and overdue debt bears interest at {pct}% of the loan's rate."
        ).format(pct=max(rates))
    else:
        overdue = _(
            "If principal is not paid when it is due, the unpaid part can become overdue debt, "
            "which bears a higher interest rate."
        )
    return [
        overdue,
        _(
            "Your group leader and credit officer follow up overdue debt. If you cannot pay "
            "in time, tell them before the due date: you can ask for an extension or for "
            "the installments to be rescheduled."
        ),
    ]


def _overdue_warnings(loans: list[LoanView], today: date) -> list[str]:
    """A warning for each loan past its final due date or with overdue principal."""
    warnings: list[str] = []
    for loan in loans:
        if loan.maturity is not None and loan.maturity < today and loan.outstanding:
            warnings.append(
                _(
                    "⚠ Your {programme} loan passed its final due date ({date}): "
                    "{amount} is still owed. Please pay it at the commune transaction "
                    "point or contact your credit officer soon."
                ).format(
                    programme=programme_name(loan.program_code, loan.program_name),
                    date=format_date(loan.maturity),
                    amount=format_money(loan.outstanding),
                )
            )
        elif loan.balance_overdue:
            warnings.append(
                _(
                    "⚠ Your {programme} loan is overdue: {amount}. Please pay it at the "
                    "commune transaction point or contact your credit officer soon."
                ).format(
                    programme=programme_name(loan.program_code, loan.program_name),
                    amount=format_money(loan.balance_overdue),
                )
            )
    return warnings


async def _session(ctx: Context, household: Household) -> tuple[Session | None, Session | None]:
    commune_rules, group_rules = await schedules.for_commune(
        ctx.conn, household.commune_id, household.group_id
    )
    return next_session(commune_rules, ctx.today), next_session(group_rules, ctx.today)


async def interest(ctx: Context, household: Household) -> list[Reply]:
    if not household.loans:
        return _no_loans(household)
    loans, lines = _opening(ctx, household)
    month_total = sum(loan.interest_month or 0 for loan in loans)
    unpaid_total = sum(loan.interest_unpaid or 0 for loan in loans)
    lines.append(_("Interest this month: {amount}").format(amount=format_money(month_total)))
    for loan in loans:
        rate = format_rate(loan.rate_ppm) if loan.rate_ppm is not None else "—"
        lines.append(
            _("• {programme}: {amount} (rate {rate})").format(
                programme=programme_name(loan.program_code, loan.program_name),
                amount=format_money(loan.interest_month or 0),
                rate=rate,
            )
        )
    lines += _bank_figure_notes(loans)
    if unpaid_total:
        lines.append(
            _("Unpaid interest from earlier months: {amount}").format(
                amount=format_money(unpaid_total)
            )
        )
        lines.append(
            _("Total to pay: {amount}").format(amount=format_money(month_total + unpaid_total))
        )
    session, _meeting = await _session(ctx, household)
    if session is not None:
        lines.append(
            _("Interest is paid to your group leader before the transaction day, {date}.").format(
                date=format_weekday_date(session.day)
            )
        )
    else:
        lines.append(_("Interest is paid to your group leader before the commune transaction day."))
    if asks_about_paying_late(ctx.inbound.text):
        lines.append(paid_late())
    lines.append(data_date_line(household.data_date))
    return [Reply("\n".join(lines))]


def _bank_figure_notes(loans: list[LoanView]) -> list[str]:
    """Why a loan's interest is not its balance × its rate: the bank's figure, rounded to the
    thousand đồng or reckoned by the bank (handlers/rules/bank_figure.py)."""
    notes = []
    for loan in loans:
        plain = by_rate(loan)
        if plain is None or loan.interest_month is None or plain == loan.interest_month:
            continue
        figures = {
            "balance": format_money(loan.balance_current + loan.balance_overdue),
            "rate": format_rate(loan.rate_ppm or 0),
            "plain": format_money(plain),
            "bank": format_money(loan.interest_month),
        }
        if rounded_to_thousand(loan):
            note = _(
                "{bank} is the bank's figure, the one your group leader collects: by the rate, "
                "{balance} × {rate} = {plain}, and the bank's figures are rounded to the "
                "thousand đồng."
            )
        else:
            note = _(
                "{bank} is the bank's figure, the one your group leader collects: by the rate "
                "alone, {balance} × {rate} = {plain}; the bank reckons the interest on the days "
                "of the month and each day's balance."
            )
        notes.append(note.format(**figures))
    return notes


async def paid_to_the_leader(ctx: Context, household: Household) -> list[Reply]:
    """ "Tui đóng lãi cho tổ trưởng rồi mà sao còn hiện 38 ngàn": the figures are the bank's
    as of its data date, and a payment to the leader shows after the leader pays it in at
    the commune's session (handlers/rules/paid_already.py)."""
    if household.data_date is None:
        return [Reply(data_date_line(None))]
    session, _meeting = await _session(ctx, household)
    as_of = format_date(household.data_date)
    if session is not None:
        text = _(
            "These are the bank's figures as of {date}. Money you paid to your group leader "
            "is paid in to the bank by the leader at the commune's transaction session, "
            "{session}; the figures change after that, so a payment made to the leader shows "
            "later."
        ).format(date=as_of, session=format_weekday_date(session.day))
    else:
        text = _(
            "These are the bank's figures as of {date}. Money you paid to your group leader "
            "is paid in to the bank by the leader at the commune's next transaction session; "
            "the figures change after that, so a payment made to the leader shows later."
        ).format(date=as_of)
    more = _("If it still shows after that session, ask your group leader or your credit officer.")
    return [Reply(text + "\n" + more)]


def paid_late() -> str:
    """What happens to interest paid late (docs/domain.md: carried over as lãi tồn; more
    than three months of it flags the loan, the step before overdue)."""
    return _(
        "If the interest is not paid on time, it is carried over as unpaid interest (lãi "
        "tồn) and paid with the next month's, to your group leader. When unpaid interest "
        "grows beyond three months of interest, the bank flags the loan, the step before it "
        "becomes overdue. Pay it as soon as you can; your group leader or credit officer can "
        "help."
    )


async def next_month(ctx: Context, household: Household) -> list[Reply]:
    """ "tháng sau trả bao nhiêu": next month's interest, the principal falling due next
    month with its date, and the total (handlers/rules/next_month.py)."""
    return await _month_to_pay(ctx, household, this=False)


async def this_months_total(ctx: Context, household: Household) -> list[Reply]:
    """ "tháng này đóng tổng cộng bao nhiêu": the same answer for this month (the
    installments still ahead in it)."""
    return await _month_to_pay(ctx, household, this=True)


def _month_lines(due: NextMonth, this: bool) -> list[str]:
    month = f"{due.month.month:02d}/{due.month.year}"
    if this:
        lines = [
            _("To pay this month ({month}):").format(month=month),
            _("• Interest: {amount}").format(amount=format_money(due.interest)),
        ]
    else:
        interest = (
            _("• Interest: {amount}") if due.exact else _("• Interest: about {amount}")
        ).format(amount=format_money(due.interest))
        lines = [
            _("To pay next month ({month}):").format(month=month),
            interest,
            *_why_about(due.figured),
        ]
    for loan in due.installments:
        line = (
            _("• Principal due on {date}: {amount} ({programme}), the last installment")
            if is_last_installment(loan)
            else _("• Principal due on {date}: {amount} ({programme})")
        )
        lines.append(
            line.format(
                date=format_weekday_date(loan.next_due_on or due.month),
                amount=format_money(loan.next_due_amount or 0),
                programme=programme_name(loan.program_code, loan.program_name),
            )
        )
    later = due.later.next_due_on if due.later is not None else None
    if not due.installments and this:
        if later is not None:
            lines.append(
                _("No principal installment falls due this month (the next one: {date}).").format(
                    date=format_date(later)
                )
            )
        else:
            lines.append(_("No principal installment falls due this month."))
    elif not due.installments:
        if later is not None:
            lines.append(
                _("No principal installment falls due next month (the next one: {date}).").format(
                    date=format_date(later)
                )
            )
        else:
            lines.append(_("No principal installment falls due next month."))
    if this or due.exact:
        lines.append(_("Total: {amount}").format(amount=format_money(due.total)))
    else:
        lines.append(_("Total: about {amount}").format(amount=format_money(due.total)))
    return lines


def _why_about(figured: Interest | None) -> list[str]:
    """Why next month's interest is "about": what the bank's figure may differ by."""
    if figured is None:
        return []
    why = []
    if figured.paid_on_their_day:
        why.append(
            _(
                "  About, because it counts the principal due on {dates} as paid on that day: "
                "paid later, interest runs on it until it is paid."
            ).format(dates=", ".join(format_date(day) for day in figured.paid_on_their_day))
        )
    if figured.overdue:
        why.append(
            _(
                "  About, because part of the principal is overdue: the bank also charges "
                "overdue interest on it until it is repaid."
            )
        )
    if figured.rounded:
        why.append(
            _(
                "  About: figured by the interest rate, rounded to the thousand đồng as the "
                "bank's figures are; the bank's own figure is the one your group leader collects."
            )
        )
    if figured.without_rate:
        why.append(
            _(
                "  About, because the bank's data has no interest rate for a loan: its "
                "interest is this month's figure."
            )
        )
    return why


async def _month_to_pay(ctx: Context, household: Household, *, this: bool) -> list[Reply]:
    if not household.loans:
        return _no_loans(household)
    loans, lines = _opening(ctx, household)
    due = (this_month if this else rules_next_month)(loans, ctx.today)
    lines += _month_lines(due, this)
    if due.unpaid_interest:
        unpaid = _("Unpaid interest from earlier months: {amount}, owed on top until it is paid.")
        lines.append(unpaid.format(amount=format_money(due.unpaid_interest)))
    commune_rules, _group_rules = await schedules.for_commune(
        ctx.conn, household.commune_id, household.group_id
    )
    session = next_session(commune_rules, max(due.month, ctx.today))
    if session is not None and session.day < first_of_next_month(due.month):
        lines.append(
            _("Interest is paid to your group leader before the transaction day, {date}.").format(
                date=format_weekday_date(session.day)
            )
        )
    if due.installments:
        lines.append(
            _(
                "Principal is paid by you at the commune transaction point or by bank "
                "transfer, not to the group leader."
            )
        )
    lines += _overdue_warnings(loans, ctx.today)
    lines.append(data_date_line(household.data_date))
    return [Reply("\n".join(lines))]


_PAY_WORDS = frozenset({"tra", "dong", "nop", "pay", "paying"})


def or_next_month(answer: Handler, *, needs_pay_word: bool = False) -> Handler:
    """The answer to a question about next month ("tháng sau trả bao nhiêu") is what to pay
    next month, whichever of interest, due dates (or, said with a word for paying, balance)
    the words leaned to; one about all of this month ("tháng này đóng tổng cộng bao nhiêu")
    is the same answer for this month. A month named ("tháng 1", "tháng giêng", "January")
    is answered as next month or this month when it is one of them, and said plainly to be
    gone or too far ahead otherwise (handlers/rules/month_named.py)."""

    async def run(ctx: Context, household: Household) -> list[Reply]:
        understood = ctx.understanding
        text = understood.asked if understood is not None else ctx.inbound.text
        paying = bool(_PAY_WORDS.intersection(tokens(text)))
        if asks_next_month(text) and (not needs_pay_word or paying):
            return await next_month(ctx, household)
        named = month_named(text, ctx.today)  # "tháng 1 trả bao nhiêu", "lãi tháng giêng"
        if named is not None and needs_pay_word and not paying:
            named = None  # "dư nợ tháng 1": the balance
        if named is not None and named.where == "next":
            return await next_month(ctx, household)
        if named is not None and named.where != "this":
            return await month_not_figured(ctx, household, named)
        if asks_this_months_total(text) or (named is not None and paying):
            return await this_months_total(ctx, household)
        return await answer(ctx, household)

    return run


async def month_not_figured(ctx: Context, household: Household, named: MonthNamed) -> list[Reply]:
    """A month gone, or two or more ahead: said plainly. For a month gone, what is to pay
    now follows; for one ahead, the principal the bank's schedule has due in it, if any."""
    month = f"{named.month.month:02d}/{named.month.year}"
    if named.where == "past":
        line = _(
            "Month {month} has passed: the bank's figures here show what is owed now, not what "
            "was due or paid in earlier months. What to pay now:"
        ).format(month=month)
        replies = await this_months_total(ctx, household)
        replies[0].text = line + "\n" + replies[0].text
        return replies
    upcoming = first_of_next_month(ctx.today)
    lines = [
        _(
            "Month {month} is too far ahead to say: the bank's figures tell what to pay this "
            "month and next month ({next}). Ask again nearer the time, or ask your credit "
            "officer."
        ).format(month=month, next=f"{upcoming.month:02d}/{upcoming.year}")
    ]
    end = first_of_next_month(named.month)
    for loan in household.loans:
        if loan.next_due_on is not None and named.month <= loan.next_due_on < end:
            lines.append(
                _("• Principal due on {date}: {amount} ({programme})").format(
                    date=format_weekday_date(loan.next_due_on),
                    amount=format_money(loan.next_due_amount or 0),
                    programme=programme_name(loan.program_code, loan.program_name),
                )
            )
    lines.append(data_date_line(household.data_date))
    return [Reply("\n".join(lines))]


async def savings(ctx: Context, household: Household) -> list[Reply]:
    lines = []
    if asks_savings_interest(ctx.inbound.text):  # "tiền gửi có lãi không": answered first
        lines.append(
            _(
                "Your group savings (tiền gửi tổ viên) are a non-term deposit account with "
                "the bank. Whether they earn interest now, and at what rate, your credit "
                "officer or the commune transaction point can tell you: the bank's figures "
                "here have no rate for them."
            )
        )
        lines += await officer_lines(ctx, household)
    minimum = household.min_monthly_savings
    if minimum and asks_savings_to_deposit(ctx.inbound.text):  # "đóng tiết kiệm bao nhiêu"
        lines.append(
            _("Savings to deposit each month (your group's minimum): {amount}").format(
                amount=format_money(minimum)
            )
        )
        minimum = None  # said once
    if household.savings_balance is None:
        lines.append(_("The bank's figures have no savings balance for you."))
    else:
        lines.append(
            _("Your savings balance: {amount}").format(
                amount=format_money(household.savings_balance)
            )
        )
    if minimum:
        lines.append(
            _("Your group's minimum monthly deposit: {amount}").format(amount=format_money(minimum))
        )
    lines.append(
        _(
            "Savings are deposited through your group leader; to withdraw, go to the "
            "commune transaction point with your CCCD."
        )
    )
    lines.append(data_date_line(household.data_date))
    return [Reply("\n".join(lines))]


async def transaction_day_before_consent(ctx: Context, household: Household) -> list[Reply]:
    """The commune's session day asked before the notice is agreed: the day is the commune's,
    posted at its transaction point, not the household's data, so it is said (nothing of the
    household's or the group's with it), then the notice is recalled, with its buttons."""
    session, _meeting = await _session(ctx, household)
    lines = _session_lines(ctx, household, session)
    reminder = await consent_reminder(ctx)
    return [Reply("\n".join(lines) + "\n\n" + reminder.text, buttons=reminder.buttons)]


def _session_lines(ctx: Context, household: Household, session: Session | None) -> list[str]:
    """The commune's next transaction session: day, time, place (or that none is loaded)."""
    lines = []
    if session is None:
        lines.append(
            _(
                "The transaction schedule of {commune} has not been loaded yet; ask "
                "your group leader."
            ).format(commune=household.commune_name)
        )
    else:
        asked = _day_asked(ctx)
        if asked is not None and asked != session.day:  # "mai đi giao dịch ở đâu"
            lines.append(_no_session_on(asked, ctx.today))
        lines.append(
            _("Next transaction session of {commune}: {date} ({relative})").format(
                commune=household.commune_name,
                date=format_weekday_date(session.day),
                relative=format_relative_day(session.day, ctx.today),
            )
        )
        if session.start_time:
            lines.append(_("Time: {time}").format(time=session.start_time))
        if session.place:
            lines.append(_("Place: {place}").format(place=session.place))
        if session.moved:
            lines.append(_("This month's session was moved to this date."))
    return lines


async def transaction_day(ctx: Context, household: Household) -> list[Reply]:
    session, meeting = await _session(ctx, household)
    lines = _session_lines(ctx, household, session)
    called = await meetings.next_for_group(ctx.conn, household.group_id, ctx.now)
    buttons = []
    if called is not None:
        text = _("Your group meets on {when}, at {place}.").format(
            when=meeting_notices.when(called, ctx.timezone), place=called.place
        )
        if called.purpose:
            text += " " + _("Agenda: {purpose}").format(purpose=called.purpose)
        lines.append(text)
        if called.called_by != ctx.person.customer_id:  # the caller answers nobody
            buttons = meeting_notices.answer_buttons(called)
    elif meeting is not None:
        text = _("Your group meets on {date}").format(date=format_weekday_date(meeting.day))
        if meeting.start_time:
            text += " " + _("at {time}").format(time=meeting.start_time)
        if meeting.place:
            text += ", " + meeting.place
        lines.append(text + ".")
    elif "hop" in tokens(ctx.inbound.text):  # "khi nào họp tổ": say there is none
        lines.append(_("Your group has no meeting scheduled at the moment."))
    lines.append(data_date_line(household.data_date))
    return [Reply("\n".join(lines), buttons=buttons)]


def _day_asked(ctx: Context) -> date | None:
    """The one day the question names ("mai", "hôm nay", "ngày 5", "thứ Năm"), if any."""
    understood = ctx.understanding
    if understood is None or not understood.dates or not names_a_day(ctx.inbound.text):
        return None
    return understood.dates[0]


def _no_session_on(day: date, today: date) -> str:
    delta = (day - today).days
    when = format_weekday_date(day)
    if delta == 0:
        return _("There is no transaction session today ({date}).").format(date=when)
    if delta == 1:
        return _("There is no transaction session tomorrow ({date}).").format(date=when)
    return _("There is no transaction session on {date}.").format(date=when)


async def contact_lines(
    ctx: Context, household: Household, roles: frozenset[str] = frozenset()
) -> list[str]:
    """ "Credit officer for Đại Tâm: Trần Văn Bình, 0901 234 567", one line a contact (of
    `roles` only, when given)."""
    found = await borrowers.contacts(ctx.conn, household.group_id, household.commune_id)
    labels = {
        "leader": _("Group leader"),
        "deputy": _("Deputy leader"),
        "officer": _("Credit officer for {commune}").format(commune=household.commune_name),
    }
    return [
        _("{role}: {name}, {phone}").format(
            role=labels[c.role], name=c.name, phone=format_phone(c.phone)
        )
        for c in found
        if not roles or c.role in roles
    ]


async def officer_lines(ctx: Context, household: Household) -> list[str]:
    """The household's credit officer(s), name and phone; none known, nothing."""
    return await contact_lines(ctx, household, frozenset({"officer"}))


async def contact_officer(ctx: Context, household: Household) -> list[Reply]:
    lines = await contact_lines(ctx, household)
    if not lines:
        lines.append(
            _("No contact is known for your group yet; ask at the commune transaction point.")
        )
    return [Reply("\n".join(lines))]
