"""The officer's list of overdue households ("hộ nào quá hạn ở xã Đại Tâm"): in the commune
named, or in all the officer's communes, by group, bounded (`handlers.rules.overdue`); a
commune outside the officer's area is refused."""

from __future__ import annotations

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.places import commune_anywhere, commune_in_text
from handlers.render import overdue_text
from handlers.rules.overdue import commune_named
from locales.i18n import _
from locales.textfold import fold
from storage import audiences, audit, borrowers
from storage.audiences import Place


async def overdue(ctx: Context) -> list[Reply]:
    """Officers only (the registry checks)."""
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    if not places:
        return [Reply(_("No commune is assigned to you in the officers file."))]
    name = commune_named(ctx.inbound.text) or await commune_anywhere(ctx.conn, ctx.inbound.text)
    chosen, label = places, _("Your area")
    if name is not None:
        found = await audiences.find_commune(ctx.conn, name) or _starting(places, name)
        if found is None:  # "xa Phu My co ai qua han ko": the known name at that place
            split, known = await commune_in_text(ctx.conn, name)
            name = split.name
            found = await audiences.find_commune(ctx.conn, name) if known else None
        if found is None:
            return [
                Reply(
                    _('I found no commune "{text}".').format(text=name)
                    + " "
                    + _("Your communes: {names}.").format(names=", ".join(p.name for p in places))
                )
            ]
        if found.id not in {p.id for p in places}:
            return [Reply(_("That commune or group is outside your area."))]
        chosen, label = [found], found.name
    ids = [p.id for p in chosen]
    lines = await borrowers.overdue_in_communes(ctx.conn, ids)
    as_of = await borrowers.as_of_in_communes(ctx.conn, ids)
    await audit.audit(
        ctx.conn, ctx.person, "overdue_view", ctx.now, subject=None if name is None else label
    )
    return [Reply(overdue_text(label, lines, as_of, by_group=True))]


def _starting(places: list[Place], name: str) -> Place | None:
    """The officer's commune the typed name starts with ("Đại Tâm ạ", "Đại Tâm nha")."""
    typed = fold(name)
    found = [p for p in places if typed.startswith(fold(p.name) + " ")]
    return found[0] if len(found) == 1 else None
