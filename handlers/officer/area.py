"""Which of an officer's communes a question is about ("hộ nào quá hạn ở xã Đại Tâm", "dư nợ
xã đại tâm bao nhiêu"): the one named, or all of theirs; a name not found, or a commune
outside their area, is said so."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.places import commune_anywhere, commune_in_text
from handlers.rules.overdue import commune_named
from locales.i18n import _
from locales.textfold import fold
from storage import audiences
from storage.audiences import Place


@dataclass(frozen=True)
class Area:
    """The communes asked about, what to call them, and the name typed (None: all)."""

    communes: list[Place]
    label: str
    named: str | None


async def asked_area(ctx: Context) -> Area | list[Reply]:
    """The communes the question is about, or the reply saying why none can be."""
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    if not places:
        return [Reply(_("No commune is assigned to you in the officers file."))]
    name = commune_named(ctx.inbound.text) or await commune_anywhere(ctx.conn, ctx.inbound.text)
    if name is None:
        return Area(places, _("Your area"), None)
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
    return Area([found], found.name, name)


def _starting(places: list[Place], name: str) -> Place | None:
    """The officer's commune the typed name starts with ("Đại Tâm ạ", "Đại Tâm nha")."""
    typed = fold(name)
    found = [p for p in places if typed.startswith(fold(p.name) + " ")]
    return found[0] if len(found) == 1 else None
