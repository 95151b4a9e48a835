"""An officer's short questions read before the intent model (which knows households' and
leaders' questions best): the tallies asked in English ("tally status", "which groups
submitted", which the model took for a leader's tally), as of which date the figures are,
how to load the bank's file, and a follow-up naming only a place ("còn Thạnh Phú thì sao")
after an overdue list, which asks the same for that place."""

from __future__ import annotations

from datetime import timedelta

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer import overdue, tally_status
from handlers.officer.broadcast_words import asks_tallies_in_english
from handlers.render import data_date_line
from handlers.rules.officer_questions import asks_data_date, asks_how_to_load, follow_up_place
from locales.i18n import _
from storage import audiences, audit, borrowers

FOLLOW_UP_WITHIN = timedelta(minutes=30)


async def answer(ctx: Context) -> list[Reply] | None:
    """The answer, or None when the text is none of these questions."""
    text = ctx.inbound.text
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
