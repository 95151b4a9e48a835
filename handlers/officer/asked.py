"""An officer's short questions read before the intent model (which knows households' and
leaders' questions best): a group named with a commune that does not have it ("tổ 3 xã Đại
Tâm"), the tallies' file ("xuất file bảng kê", "export the tallies"), the tallies asked in
English ("tally status", "which groups submitted", which the model took for a leader's
tally), a commune's outstanding loans or savings ("Cho chị xem tổng dư nợ xã Đại Tâm", which
the model took for the tally status; "DN xã ĐT", "outstanding portfolio of Dai Tam", "TK xã
Đại Tâm"), as of which date the figures are, how to load the bank's file, and a follow-up
naming only a place ("còn Thạnh Phú thì sao") after an overdue list, which asks the same
for that place."""

from __future__ import annotations

from datetime import timedelta

from handlers import borrower
from handlers.context import Context
from handlers.messages import Reply
from handlers.officer import month_summary, overdue, portfolio, tally_status
from handlers.officer.area import group_not_in_commune
from handlers.officer.broadcast_words import asks_progress, asks_tallies_in_english
from handlers.officer.places import commune_anywhere
from handlers.render import data_date_line
from handlers.rules.month_words import month_summary_asked
from handlers.rules.officer_questions import (
    asks_data_date,
    asks_how_to_load,
    asks_to_export_tallies,
    follow_up_place,
    names_a_figure_alone,
    names_a_group,
    names_loans_or_savings,
    names_totals,
)
from handlers.rules.overdue import says_qh
from handlers.rules.places import Place, groups_named
from locales.i18n import _
from storage import audiences, audit, borrowers

FOLLOW_UP_WITHIN = timedelta(minutes=30)


async def answer(ctx: Context) -> list[Reply] | None:
    """The answer, or None when the text is none of these questions."""
    text = ctx.inbound.text
    missing = await group_not_in_commune(ctx)
    if missing is not None:  # "tổ 3 xã Đại Tâm": that commune has no such group
        return missing
    if asks_to_export_tallies(text):
        return await tally_status.export(ctx)
    period = month_summary_asked(text, ctx.today)
    if period is not None:  # "tổng kết tháng 11 xã ĐT": that month's tallies
        return await month_summary.summary(ctx, period)
    if says_qh(text) and not asks_progress(text):  # "QH xã ĐT", "bao nhiêu hộ QH ở TP"
        return await overdue.overdue(ctx)
    totals = await _totals_asked(ctx)
    if totals is not None:
        return totals
    if asks_tallies_in_english(text):  # "tally status", "which groups submitted"
        return await tally_status.or_named_group(tally_status.tally_status)(ctx)
    if asks_data_date(text):
        return await data_date(ctx)
    if asks_how_to_load(text):
        return [how_to_load()]
    if follow_up_place(text) is not None:
        last = await audit.last_action(
            ctx.conn, ctx.person.channel, ctx.person.chat_id, ctx.now - FOLLOW_UP_WITHIN
        )
        if last == "overdue_view":
            return await overdue.overdue(ctx)
    return None


async def _totals_asked(ctx: Context) -> list[Reply] | None:
    """A commune's (or the area's) outstanding loans or savings; a person's: not for
    officers (what they can ask instead)."""
    text = ctx.inbound.text
    kind = names_totals(text)
    group_kind = kind if kind in ("portfolio", "savings") else names_loans_or_savings(text)
    if group_kind is not None and names_a_group(text):
        groups = groups_named(text, await _places(ctx))
        if groups:  # "DN tổ 0192042", "TK tổ Ấp 3": that group's, never the commune's
            return await portfolio.group_figures(ctx, group_kind, groups)
    if kind is None:  # "dư nợ Đại Tâm": no "xã", a known commune named
        named = names_loans_or_savings(text)
        kind = named if named and await commune_anywhere(ctx.conn, text) else None
    if kind is None:  # "DN hiện tại", "tổng dn": no place said, the officer's whole area
        kind = names_a_figure_alone(text)
    if kind == "person":
        return await borrower.officer_has_no_household(ctx)
    if kind == "portfolio":
        return await portfolio.portfolio(ctx)
    if kind == "savings":
        return await portfolio.savings(ctx)
    return None


async def _places(ctx: Context) -> list[Place]:
    return [
        Place(p.group_id, p.commune_id, p.code, p.group_name, p.hamlet, p.commune)
        for p in await borrowers.places(ctx.conn)
    ]


async def data_date(ctx: Context) -> list[Reply]:
    """The date of the figures for the officer's communes (the last bank file imported)."""
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    as_of = await borrowers.as_of_in_communes(ctx.conn, [p.id for p in places])
    lines = [data_date_line(as_of)]
    if as_of is not None:
        lines.append(_("That is the date of the last bank file (HSTD) imported for your area."))
    lines.append(how_to_load().text)
    return [Reply("\n".join(lines))]


def how_to_load() -> Reply:
    return Reply(
        _(
            "To load the bank's new file (the HSTD export, .xlsx or .csv): send it here as a "
            "file (📎); it is imported and you get a report of what was read, kept and "
            "rejected. On the server: ./dev import FILE."
        )
    )
