"""The officer's view of a commune's loans ("dư nợ xã Đại Tâm bao nhiêu", "tổng dư nợ địa
bàn"): the outstanding principal summed, by group, with the overdue part; and of its
savings ("tiết kiệm xã Đại Tâm", "TK xã ĐT"): the members' savings balances summed, by group;
never one household's figures (those are for the household)."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.area import viewed_area
from handlers.render import data_date_line
from locales.formatting import format_money
from locales.i18n import _, ngettext
from storage import borrowers
from storage.borrowers import GroupPortfolio, GroupSavings


async def portfolio(ctx: Context) -> list[Reply]:
    """Officers only (the registry checks)."""
    view = await viewed_area(ctx, "portfolio_view")
    if isinstance(view, list):
        return view
    groups = await borrowers.portfolio_in_communes(ctx.conn, view.ids)
    return [Reply(portfolio_text(view.area.label, groups) + "\n" + data_date_line(view.as_of))]


async def savings(ctx: Context) -> list[Reply]:
    """Officers only (the registry or the officer's questions check)."""
    view = await viewed_area(ctx, "savings_view")
    if isinstance(view, list):
        return view
    groups = await borrowers.savings_in_communes(ctx.conn, view.ids)
    return [Reply(savings_text(view.area.label, groups) + "\n" + data_date_line(view.as_of))]


def savings_text(place: str, groups: Sequence[GroupSavings]) -> str:
    """ "Đại Tâm: tiền gửi tiết kiệm 1.500.000 đ, 2 hộ.", then each group."""
    households = sum(g.households for g in groups)
    lines = [
        _("{place}: savings {amount}, {households}.").format(
            place=place,
            amount=format_money(sum(g.savings for g in groups)),
            households=ngettext("{n} household", "{n} households", households).format(n=households),
        )
    ]
    several = len({g.commune for g in groups}) > 1
    for g in groups:
        title = _group_title(g, several=several)
        lines.append(
            ngettext(
                "• {group}: {amount} ({households} household)",
                "• {group}: {amount} ({households} households)",
                g.households,
            ).format(group=title, amount=format_money(g.savings), households=g.households)
        )
    return "\n".join(lines)


def portfolio_text(place: str, groups: Sequence[GroupPortfolio]) -> str:
    """ "Đại Tâm: dư nợ 1.230.000.000 đ, 45 hộ, 60 món vay; quá hạn …", then each group."""
    households = sum(g.households for g in groups)
    loans = sum(g.loans for g in groups)
    lines = [
        _("{place}: outstanding {amount}, {households}, {loans}.").format(
            place=place,
            amount=format_money(sum(g.outstanding for g in groups)),
            households=ngettext("{n} household", "{n} households", households).format(n=households),
            loans=ngettext("{n} loan", "{n} loans", loans).format(n=loans),
        ),
        _overdue(sum(g.overdue for g in groups), sum(g.overdue_households for g in groups)),
    ]
    several = len({g.commune for g in groups}) > 1
    for g in groups:
        title = _group_title(g, several=several)
        line = ngettext(
            "• {group}: {amount} ({households} household)",
            "• {group}: {amount} ({households} households)",
            g.households,
        ).format(group=title, amount=format_money(g.outstanding), households=g.households)
        if g.overdue:
            line += "; " + _("overdue {amount}").format(amount=format_money(g.overdue))
        lines.append(line)
    return "\n".join(lines)


def _overdue(amount: int, households: int) -> str:
    if not amount:
        return _("No overdue principal.")
    return ngettext(
        "Overdue principal: {amount} ({households} household).",
        "Overdue principal: {amount} ({households} households).",
        households,
    ).format(amount=format_money(amount), households=households)


def _group_title(group: GroupPortfolio | GroupSavings, *, several: bool) -> str:
    """ "0192041 Tổ Bà Ba", with its commune when the answer spans several."""
    title = f"{group.group_code} {group.group_name}"
    return title + (f" – {group.commune}" if several else "")
