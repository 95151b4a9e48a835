"""The officer's view of a commune's loans ("dư nợ xã Đại Tâm bao nhiêu", "tổng dư nợ địa
bàn"): the outstanding principal summed, by group, with the overdue part; and of its
savings ("tiết kiệm xã Đại Tâm", "TK xã ĐT"): the members' savings balances summed, by group;
one group's the same way ("DN tổ 0192042", "TK tổ Ấp 3"); never one household's figures
(those are for the household)."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.area import viewed_area
from handlers.render import data_date_line
from handlers.rules.places import Place
from locales.formatting import format_money
from locales.i18n import _, ngettext
from storage import audiences, audit, borrowers
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


async def group_figures(ctx: Context, kind: str, named: list[Place]) -> list[Reply]:
    """ "DN tổ 0192042", "TK tổ Ấp 3": the group's outstanding loans (`kind` "portfolio") or
    savings, summed over its households, as a commune's are; a group outside the officer's
    communes: refused without a figure. Officers only (the caller checks)."""
    scope = {p.id for p in await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)}
    mine = [place for place in named if place.commune_id in scope]
    if not mine:
        return [Reply(_("That commune or group is outside your area."))]
    ids = sorted({place.commune_id for place in mine})
    codes = {place.code for place in mine}
    as_of = await borrowers.as_of_in_communes(ctx.conn, ids)
    for place in mine:
        await audit.audit(ctx.conn, ctx.person, f"{kind}_view", ctx.now, subject=place.code)
    texts: list[str] = []
    if kind == "portfolio":
        figures = await borrowers.portfolio_in_communes(ctx.conn, ids)
        texts = [
            portfolio_text(f"{g.group_code} {g.group_name}", [g], by_group=False)
            for g in figures
            if g.group_code in codes
        ]
    else:
        saved = await borrowers.savings_in_communes(ctx.conn, ids)
        texts = [
            savings_text(f"{g.group_code} {g.group_name}", [g], by_group=False)
            for g in saved
            if g.group_code in codes
        ]
    if not texts:  # no open loan, or no savings: the group named, with nothing
        empty = _portfolio_of_nothing if kind == "portfolio" else _savings_of_nothing
        texts = [empty(f"{place.code} {place.group_name}") for place in mine]
    return [Reply("\n".join(texts) + "\n" + data_date_line(as_of))]


def _portfolio_of_nothing(group: str) -> str:
    return portfolio_text(group, [], by_group=False)


def _savings_of_nothing(group: str) -> str:
    return savings_text(group, [], by_group=False)


def savings_text(place: str, groups: Sequence[GroupSavings], *, by_group: bool = True) -> str:
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
    for g in groups if by_group else []:
        title = _group_title(g, several=several)
        lines.append(
            ngettext(
                "• {group}: {amount} ({households} household)",
                "• {group}: {amount} ({households} households)",
                g.households,
            ).format(group=title, amount=format_money(g.savings), households=g.households)
        )
    return "\n".join(lines)


def portfolio_text(place: str, groups: Sequence[GroupPortfolio], *, by_group: bool = True) -> str:
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
    for g in groups if by_group else []:
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
