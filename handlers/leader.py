"""What a group leader (or deputy) sees of their own group: who owes how much interest this
period, the minimum savings, who is overdue, and the group's expected totals; once the
session's tally is submitted, each member as the tally has them. Paged, so a 60-member group
fits Telegram's message limit.
"""

from __future__ import annotations

from datetime import date

from handlers.buttons import GroupPage, MemberButton
from handlers.context import Context
from handlers.messages import Button, Reply
from handlers.render import data_date_line, overdue_text
from handlers.rules.overdue import overdue_members
from handlers.rules.places import Place, names_another_place
from handlers.rules.sessions import Session, next_session
from handlers.tally.draft import kept_draft
from handlers.tally.render import describe
from locales.formatting import format_money, format_weekday_date
from locales.i18n import _
from storage import audit, borrowers, schedules, tallies
from storage.borrowers import GroupView, MemberLine, OverdueLine
from storage.tally_form import Line

PAGE_SIZE = 20


async def only_leaders(ctx: Context) -> list[Reply]:
    """A member asking about the whole group: what they can see instead."""
    instead = _('You can see your own household: ask "dư nợ", "lãi tháng này" or "tiền tiết kiệm".')
    return [Reply(_("Only the group leader (or deputy) can do this.") + " " + instead)]


async def group_page(ctx: Context, data: GroupPage) -> list[Reply]:
    return await group_status(ctx, data.page)


async def group_status(ctx: Context, page: int = 0) -> list[Reply]:
    """The leader's own group (the registry lets only leaders through)."""
    person = ctx.person
    if person.group_id is None:
        return await only_leaders(ctx)
    view = await borrowers.group_view(ctx.conn, person.group_id)
    if view is None:
        return [Reply(_("The bank's data about your group is no longer available."))]
    await audit.audit(ctx.conn, person, "group_status", ctx.now, subject=view.code)
    commune_rules, _group_rules = await schedules.for_commune(
        ctx.conn, view.commune_id, view.group_id
    )
    session = next_session(commune_rules, ctx.today)
    lines = _totals(view, session)
    paid: dict[int, tallies.PaidLine] | None = None
    if session is not None:
        lines.append(await _tally_line(ctx, view.group_id, session.day))
        submitted = await tallies.lines_in_current(ctx.conn, view.group_id, session.day)
        if submitted is not None:  # the list then says what the tally says each one paid
            paid = {x.customer_id: x for x in submitted}
    pages = max((len(view.members) + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(max(page, 0), pages - 1)
    lines += _member_lines(view.members, page, paid)
    if pages > 1:
        lines.append(_("Page {page} of {pages}").format(page=page + 1, pages=pages))
    lines.append(data_date_line(view.as_of))
    buttons = []
    if page > 0:
        buttons.append(Button(_("◀ Previous"), GroupPage(page - 1).pack()))
    if page < pages - 1:
        buttons.append(Button(_("Next ▶"), GroupPage(page + 1).pack()))
    return [Reply("\n".join(lines), buttons=[buttons] if buttons else [])]


async def overdue(ctx: Context) -> list[Reply]:
    """ "ai quá hạn": the leader's own group's members with overdue principal (never another
    group's, whatever commune the message names)."""
    person = ctx.person
    if person.group_id is None:
        return await only_leaders(ctx)
    view = await borrowers.group_view(ctx.conn, person.group_id)
    if view is None:
        return [Reply(_("The bank's data about your group is no longer available."))]
    await audit.audit(ctx.conn, person, "overdue_view", ctx.now, subject=view.code)
    lines = [
        OverdueLine("", view.code, view.name, m.name, m.overdue, view.as_of)
        for m in overdue_members(view.members)
    ]
    return [Reply(overdue_text(view.name, lines, view.as_of, by_group=False))]


def _totals(view: GroupView, session: Session | None) -> list[str]:
    """The group's head lines: members, next session, interest to collect, savings, overdue."""
    members = view.members
    due = sum(m.interest_month + m.interest_unpaid for m in members)
    carried = sum(m.interest_unpaid for m in members)
    lines = [_("{group}: {n} members").format(group=view.name, n=len(members))]
    if session is not None:
        lines.append(
            _("Next transaction session: {date}").format(date=format_weekday_date(session.day))
        )
    lines.append(
        _("Interest to collect: {amount} (of which carried over: {carried})").format(
            amount=format_money(due), carried=format_money(carried)
        )
    )
    if view.min_monthly_savings:
        lines.append(
            _("Minimum savings: {n} × {each} = {total}").format(
                n=len(members),
                each=format_money(view.min_monthly_savings),
                total=format_money(len(members) * view.min_monthly_savings),
            )
        )
    overdue = sum(1 for m in members if m.overdue)
    lines.append(_("Members with overdue principal: {n}").format(n=overdue))
    return lines


async def _tally_line(ctx: Context, group_id: int, session_day: date) -> str:
    """Whether this session's tally was submitted, and who still owes interest."""
    unpaid = await tallies.unpaid_in_current(ctx.conn, group_id, session_day)
    if unpaid is None:
        return _("No tally submitted yet for this session.")
    if unpaid:
        return _("Tally submitted; still owing interest ({n}): {names}").format(
            n=len(unpaid),
            names=", ".join(f"{name} {format_money(amount)}" for name, amount in unpaid),
        )
    return _("Tally submitted; everyone paid their interest.")


def _member_lines(
    members: list[MemberLine], page: int, paid: dict[int, tallies.PaidLine] | None = None
) -> list[str]:
    """One page of members: interest due (carried over), overdue principal; once the
    session's tally is submitted, what it says each member paid or still owes."""
    start = page * PAGE_SIZE
    lines = []
    for number, m in enumerate(members[start : start + PAGE_SIZE], start=start + 1):
        line = paid.get(m.customer_id) if paid is not None else None
        if line is not None:
            lines.append(_paid_line(number, m, line))
            continue
        text = _("{number}. {name}: interest {amount}").format(
            number=number, name=m.name, amount=format_money(m.interest_month + m.interest_unpaid)
        )
        if paid is not None:
            text += " " + _("(not in the tally)")
        if m.interest_unpaid:
            text += " " + _("(carried over {amount})").format(
                amount=format_money(m.interest_unpaid)
            )
        if m.overdue:
            text += " " + _("⚠ overdue {amount}").format(amount=format_money(m.overdue))
        lines.append(text)
    return lines


def _paid_line(number: int, m: MemberLine, line: tallies.PaidLine) -> str:
    """A member as the submitted tally has them: paid, or still owing (absent)."""
    if line.interest_unpaid:
        text = _("{number}. {name}: still owes interest {amount}").format(
            number=number, name=m.name, amount=format_money(line.interest_unpaid)
        )
        if line.absent:
            text += " " + _("(absent)")
        elif line.put_off:
            text += " " + _("(put off until later)")
        elif line.interest_collected:
            text += " " + _("(paid {amount})").format(amount=format_money(line.interest_collected))
    else:
        text = _("{number}. {name}: paid interest {amount}").format(
            number=number, name=m.name, amount=format_money(line.interest_collected)
        )
    if m.overdue:
        text += " " + _("⚠ overdue {amount}").format(amount=format_money(m.overdue))
    return text


async def names_another_group(ctx: Context, text: str) -> bool:
    """The question names a group or commune other than the leader's own ("bên Tâm Kiên",
    "tổ T02", "xã Thạnh Phú", "tổ khác")."""
    if ctx.person.group_id is None:
        return False
    places = [
        Place(p.group_id, p.commune_id, p.code, p.group_name, p.hamlet, p.commune)
        for p in await borrowers.places(ctx.conn)
    ]
    return names_another_place(text, ctx.person.group_id, places)


def only_own_group(view_name: str) -> Reply:
    return Reply(
        _(
            "You can see only the members of your own group ({group}); I cannot show anyone "
            "of another group or commune."
        ).format(group=view_name)
    )


def which_member(found: list[MemberLine], said: int, name: str | None = None) -> Reply:
    """A name that fits several members ("bà Tâm"): which one, each an option (numbered
    where options are, as on Zalo). The name is said back as the bank writes it, its last
    `said` words (or `name`, a word inside them), without the title the leader used ("Tâm",
    not "ba Tam")."""
    name = name or " ".join(found[0].name.split()[-said:])
    return Reply(
        _("Several members of your group are called {name}. Which one do you mean?").format(
            name=name
        ),
        buttons=[[Button(m.name, MemberButton(m.customer_id).pack())] for m in found],
    )


async def member_picked(ctx: Context, data: MemberButton) -> list[Reply]:
    """The member picked among those of one name: her status, if she is in the leader's
    group (a stale or forged button shows nobody else's)."""
    person = ctx.person
    if person.group_id is None:
        return await only_leaders(ctx)
    view = await borrowers.group_view(ctx.conn, person.group_id)
    if view is None:
        return [Reply(_("The bank's data about your group is no longer available."))]
    member = next((m for m in view.members if m.customer_id == data.customer), None)
    if member is None:
        return [Reply(_("That person is not in your group's data (any more)."))]
    return await member_status(ctx, view, member)


async def member_status(ctx: Context, view: GroupView, member: MemberLine) -> list[Reply]:
    """One member of the leader's group: her balance, the interest due this month, overdue
    principal, and what this session's tally (the draft being filled in, the one submitted)
    has for her."""
    await audit.audit(
        ctx.conn, ctx.person, "member_status", ctx.now, subject=f"customer:{member.customer_id}"
    )
    due = member.interest_month + member.interest_unpaid
    interest = _("Interest due this month: {amount}").format(amount=format_money(due))
    if member.interest_unpaid:
        interest += " " + _("(carried over {amount})").format(
            amount=format_money(member.interest_unpaid)
        )
    lines = [
        f"{member.name}:",
        _("Balance: {amount}").format(amount=format_money(member.outstanding)),
        interest,
        *await _savings_asked(ctx, member),
        _("⚠ overdue {amount}").format(amount=format_money(member.overdue))
        if member.overdue
        else _("No overdue principal."),
        *await _in_the_tally(ctx, view, member),
        data_date_line(view.as_of),
    ]
    return [Reply("\n".join(lines))]


async def _savings_asked(ctx: Context, member: MemberLine) -> list[str]:
    """Her savings balance, when the leader asked about savings ("thằng Khol còn tiền tiết
    kiệm bao nhiêu"): the leader sees it on the tally (Bảng kê 13/TD) as well."""
    understood = ctx.understanding
    if understood is None or "savings" not in (understood.intent, *understood.intents):
        return []
    household = await borrowers.household(ctx.conn, member.customer_id)
    if household is None or household.savings_balance is None:
        return [_("The bank's figures have no savings balance for this member.")]
    return [_("Savings: {amount}").format(amount=format_money(household.savings_balance))]


async def _in_the_tally(ctx: Context, view: GroupView, member: MemberLine) -> list[str]:
    """What the draft being filled in and the submitted tally of the session say she paid."""
    found = []
    opened = kept_draft(ctx.person.dialog)  # also under a meeting being called
    group = await tallies.group_info(ctx.conn, view.group_id)
    draft = opened[0] if opened is not None and opened[0].group == view.group_id else None
    if draft is not None and group is not None:
        lines = draft.lines(await tallies.expected_lines(ctx.conn, group))
        line = next((x for x in lines if x.customer_id == member.customer_id), None)
        if line is not None:
            found.append(_draft_says(line))
    commune_rules, _group_rules = await schedules.for_commune(
        ctx.conn, view.commune_id, view.group_id
    )
    session = next_session(commune_rules, ctx.today)
    day = draft.session_day if draft is not None else session.day if session else None
    if day is None:
        return found
    submitted = await tallies.lines_in_current(ctx.conn, view.group_id, day)
    paid = next((x for x in submitted or [] if x.customer_id == member.customer_id), None)
    if paid is not None:
        found.append(_submitted_says(paid))
    elif draft is None:
        found.append(
            _("Not in a tally yet for the session of {date}.").format(date=format_weekday_date(day))
        )
    return found


def _draft_says(line: Line) -> str:
    if line.changed:
        return _("Tally being filled in (not submitted yet): {what}.").format(what=describe(line))
    return _(
        "Tally being filled in (not submitted yet): counted as paid in full, interest "
        "{interest}, savings {savings}."
    ).format(
        interest=format_money(line.interest_collected),
        savings=format_money(line.savings_deposited),
    )


def _submitted_says(paid: tallies.PaidLine) -> str:
    if paid.absent:
        return _("Tally submitted: absent, still owes interest {unpaid}.").format(
            unpaid=format_money(paid.interest_unpaid)
        )
    if paid.put_off:
        return _(
            "Tally submitted: not paid (put off until later), still owes interest {unpaid}."
        ).format(unpaid=format_money(paid.interest_unpaid))
    if paid.interest_unpaid:
        return _("Tally submitted: paid interest {paid}, still owes interest {unpaid}.").format(
            paid=format_money(paid.interest_collected), unpaid=format_money(paid.interest_unpaid)
        )
    return _("Tally submitted: paid interest {paid}.").format(
        paid=format_money(paid.interest_collected)
    )
