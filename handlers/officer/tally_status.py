"""The officer's view of the tallies: for each commune in scope, its session, the groups that
submitted (totals, members still owing, version) and those that did not, and the submitted
tallies as an .xlsx laid out like the 13/TD form. A question that names a group ("tổ Ấp 3
nộp bảng kê chưa") gets that group's tally for its session: submitted or not, when, how
many lines; a group outside the officer's communes is refused without figures. Asked for
the file ("xuất file bảng kê", "export the tallies"), the officer gets the same, with how to
export another month from the server (`export-tallies`, the contract's command)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from handlers.context import Context
from handlers.messages import OutFile, Reply
from handlers.rules.places import Place, groups_named
from handlers.rules.sessions import next_session
from handlers.tally.export import xlsx_bytes
from locales.formatting import format_money, format_weekday_date
from locales.i18n import _, ngettext
from storage import audiences, audit, borrowers, schedules, tallies
from storage.tallies import GroupStatus

Handler = Callable[[Context], Awaitable[list[Reply]]]


def or_named_group(otherwise: Handler) -> Handler:
    """An officer's question that names a group ("tổ Ấp 3 nộp bảng kê chưa", read as a
    tally or a status question): that group's tally; anything else goes to `otherwise`."""

    async def run(ctx: Context) -> list[Reply]:
        places = [
            Place(p.group_id, p.commune_id, p.code, p.group_name, p.hamlet, p.commune)
            for p in await borrowers.places(ctx.conn)
        ]
        named = groups_named(ctx.inbound.text, places)
        if named:
            return await group_tally(ctx, named)
        return await otherwise(ctx)

    return run


async def group_tally(ctx: Context, named: list[Place]) -> list[Reply]:
    """The named groups within the officer's communes, each with its tally for the session
    (the commune's next or today's, the one its leader submits for); none within them: the
    refusal, with no figure."""
    scope = {p.id for p in await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)}
    mine = [place for place in named if place.commune_id in scope]
    if not mine:
        return [Reply(_("That commune or group is outside your area."))]
    lines = [await _group_line(ctx, place) for place in mine]
    for place in mine:
        await audit.audit(ctx.conn, ctx.person, "tally_status", ctx.now, subject=place.code)
    return [Reply("\n".join(lines))]


async def _group_line(ctx: Context, place: Place) -> str:
    rules, _group_rules = await schedules.for_commune(ctx.conn, place.commune_id, place.group_id)
    session = next_session(rules, ctx.today)
    if session is None:
        return _("{commune}: no transaction schedule loaded.").format(commune=place.commune)
    group = f"{place.code} {place.group_name}"
    day = format_weekday_date(session.day)
    current = await tallies.current_tally(ctx.conn, place.group_id, session.day)
    if current is None:
        return _("{group}, session {date}: the tally is not submitted yet.").format(
            group=group, date=day
        )
    count = len(await tallies.lines_in_current(ctx.conn, place.group_id, session.day) or [])
    at = current.submitted_at.astimezone(ctx.timezone)
    totals = current.submitted.totals
    return _(
        "{group}, session {date}: the tally was submitted at {time} on {day} (version "
        "{version}), {lines}; interest {collected} of {due}, savings {savings}."
    ).format(
        group=group,
        date=day,
        time=at.strftime("%H:%M"),
        day=at.strftime("%d/%m/%Y"),
        version=current.submitted.version,
        lines=ngettext("{count} line", "{count} lines", count).format(count=count),
        collected=format_money(totals.interest_collected),
        due=format_money(totals.interest_due),
        savings=format_money(totals.savings_collected),
    )


async def tally_status(ctx: Context) -> list[Reply]:
    """For each commune in scope: its next (or today's) session, the groups that submitted
    and those that did not, the totals; and the submitted tallies as an .xlsx document.
    Officers only (the registry checks)."""
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    lines: list[str] = []
    sessions: dict[str, date] = {}
    for place in places:
        rules, _group_rules = await schedules.for_commune(ctx.conn, place.id, None)
        session = next_session(rules, ctx.today)
        if session is None:
            lines.append(_("{commune}: no transaction schedule loaded.").format(commune=place.name))
            continue
        sessions[place.name] = session.day
        found = await tallies.status_of_groups(ctx.conn, place.id, session.day)
        lines += _commune_lines(place.name, session.day, found)
    await audit.audit(ctx.conn, ctx.person, "tally_status", ctx.now)
    if not places:
        return [Reply(_("No commune is assigned to you in the officers file."))]
    replies = [Reply("\n".join(lines))]
    exported = [
        x
        for x in await tallies.export_lines(ctx.conn, None, [p.id for p in places])
        if sessions.get(x.commune) == x.session_date
    ]
    if exported:
        replies.append(
            Reply(
                _("The submitted tallies, laid out like the 13/TD form:"),
                document=OutFile(
                    f"bang_ke_13TD_{ctx.today:%Y%m%d}.xlsx", xlsx_bytes(exported, ctx.timezone)
                ),
            )
        )
    return replies


async def export(ctx: Context) -> list[Reply]:
    """ "xuất file bảng kê tháng này": the tallies' status and, when any was submitted, the
    .xlsx (what the chat can send); and the command that exports any month on the server."""
    replies = await tally_status(ctx)
    if not any(reply.document is not None for reply in replies):
        replies[0].text += "\n" + _("No tally is submitted for this session yet, so no file.")
    replies[0].text += "\n" + _(
        "Another month, or as CSV: on the server, ./dev export-tallies --period {period} "
        "--format xlsx (or csv) --out FILE."
    ).format(period=f"{ctx.today:%Y-%m}")
    return replies


def _commune_lines(commune: str, session_day: date, found: list[GroupStatus]) -> list[str]:
    """A commune's session: how many groups submitted, each one's totals, who has not."""
    done = [(g, g.tally) for g in found if g.tally is not None]
    missing = [g for g in found if g.tally is None]
    lines = [
        _("{commune}, session {date}: {done} of {total} groups submitted.").format(
            commune=commune,
            date=format_weekday_date(session_day),
            done=len(done),
            total=len(found),
        )
    ]
    for g, submitted in done:
        total = submitted.totals
        owing = (
            ngettext(
                "{count} member owes interest", "{count} members owe interest", g.unpaid_members
            ).format(count=g.unpaid_members)
            if g.unpaid_members
            else _("nobody owes interest")
        )
        lines.append(
            "  "
            + _(
                "{code} {name}: interest {collected} of {due}, savings {savings}, cash {cash}; "
                "{owing} (version {version})"
            ).format(
                code=g.code,
                name=g.name,
                collected=format_money(total.interest_collected),
                due=format_money(total.interest_due),
                savings=format_money(total.savings_collected),
                cash=format_money(total.cash_to_hand_over),
                owing=owing,
                version=submitted.version,
            )
        )
    if missing:
        lines.append(
            "  "
            + _("Not submitted yet: {groups}").format(
                groups=", ".join(f"{g.code} {g.name}" for g in missing)
            )
        )
    return lines
