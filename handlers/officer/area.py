"""Which of an officer's communes a question is about ("hộ nào quá hạn ở xã Đại Tâm", "dư nợ
xã đại tâm bao nhiêu"): the one named, or all of theirs; a name not found, or a commune
outside their area, is said so. A name that is no commune's may be the initials officers
write ("xã ĐT", "xa DT"): the one commune of their area they fit, asked back when several
do. A group named with a commune that does not have it ("tổ 3 xã Đại Tâm") is said so, with
the commune's groups (`group_not_in_commune`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from handlers.context import Context
from handlers.messages import Reply
from handlers.officer.places import commune_anywhere, commune_in_text
from handlers.rules.group_names import closest_group, group_then_commune, groups_called
from handlers.rules.overdue import commune_named
from handlers.rules.places import Place as GroupPlace
from locales.i18n import _, ngettext
from locales.textfold import fold
from storage import audiences, audit, borrowers
from storage.audiences import Place

# "dư nợ của xã mình", "xã em", "địa bàn mình": the officer's own communes, not a name
_OWN_AREA = frozenset(
    f"{word}{after}"
    for word in ("minh", "em", "chi", "anh", "toi", "tui", "nha", "nay", "cua minh", "cua em")
    for after in ("", " nha", " a", " minh", " quan ly", " phu trach")
)
_OWN_FIRST = frozenset({"minh", "em", "toi", "tui"})


def _own_area(name: str) -> bool:
    """The "commune" typed is the officer's own ("mình", "em bao nhiêu"), not a name."""
    said = fold(name).strip(" ?.!")
    words = said.split()
    return said in _OWN_AREA or (bool(words) and words[0] in _OWN_FIRST)


MAX_INITIALS = 4  # "ĐT", "TTLP": a commune's name has at most four words
GROUPS_LISTED = 20
_VOWELS = re.compile(r"[aeiouy]")


@dataclass(frozen=True)
class Area:
    """The communes asked about, what to call them, and the name typed (None: all)."""

    communes: list[Place]
    label: str
    named: str | None


@dataclass(frozen=True)
class AreaView:
    """The area an officer's view is about, its communes' ids and the data date it rests on."""

    area: Area
    ids: list[int]
    as_of: date | None


async def viewed_area(ctx: Context, action: str) -> AreaView | list[Reply]:
    """The area asked about, audited as the officer's `action` ("portfolio_view"), with its
    data date; or the reply saying why there is none."""
    area = await asked_area(ctx)
    if isinstance(area, list):
        return area
    ids = [p.id for p in area.communes]
    as_of = await borrowers.as_of_in_communes(ctx.conn, ids)
    subject = None if area.named is None else area.label
    await audit.audit(ctx.conn, ctx.person, action, ctx.now, subject=subject)
    return AreaView(area, ids, as_of)


async def asked_area(ctx: Context) -> Area | list[Reply]:
    """The communes the question is about, or the reply saying why none can be."""
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    if not places:
        return [Reply(_("No commune is assigned to you in the officers file."))]
    text = ctx.inbound.text
    name = commune_named(text) or await commune_anywhere(ctx.conn, text)
    name = name or _initials_anywhere(places, text)
    if name is None or _own_area(name):  # "xã mình", "xã em bao nhiêu": the officer's
        return Area(places, _("Your area"), None)
    found = await audiences.find_commune(ctx.conn, name) or _starting(places, name)
    if found is None:  # "xa Phu My co ai qua han ko": the known name at that place
        split, known = await commune_in_text(ctx.conn, name)
        name = split.name
        found = await audiences.find_commune(ctx.conn, name) if known else None
    if found is None:
        initialled = by_initials(places, name)
        if len(initialled) > 1:
            return [Reply(which_commune(initialled))]
        found = initialled[0] if initialled else None
        name = found.name if found is not None else name
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


def which_commune(initialled: list[Place]) -> str:
    """Initials that fit several of the officer's communes: asked back."""
    names = ", ".join(p.name for p in initialled)
    return (
        _("Which commune do you mean: {names}?").format(names=names)
        + " "
        + _("Please write its full name, e.g. “xã {commune}”.").format(commune=initialled[0].name)
    )


def _starting(places: list[Place], name: str) -> Place | None:
    """The officer's commune the typed name starts with ("Đại Tâm ạ", "Đại Tâm nha")."""
    typed = fold(name)
    found = [p for p in places if typed.startswith(fold(p.name) + " ")]
    return found[0] if len(found) == 1 else None


# Officers' abbreviations of what they ask, never a commune's initials ("QH TP": quá hạn).
_ASKED_ABBREVIATIONS = frozenset({"qh", "dn", "tk", "ds", "bk", "tb", "hd", "sdt", "ls", "tt"})


def _initials_anywhere(places: list[Place], text: str) -> str | None:
    """ "QH TP", "bao nhiêu hộ QH ở TP": a word in capitals that is the initials of one of
    the officer's communes, without "xã" before it; None unless exactly one commune is named
    so."""
    found = {
        p.id: word
        for word in re.findall(r"[^\W\d_]+", text)
        if word.isupper() and fold(word) not in _ASKED_ABBREVIATIONS
        for p in by_initials(places, word)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def by_initials(places: list[Place], name: str) -> list[Place]:
    """The officer's communes whose initials the first word typed is ("ĐT", "dt" for Đại
    Tâm): written in capitals or without a vowel, so that a word is not taken for
    initials; none when the word is no such abbreviation."""
    words = name.split()
    typed = words[0].strip(",.;:!?") if words else ""
    if not (2 <= len(typed) <= MAX_INITIALS and typed.isalpha()):
        return []
    key = fold(typed)
    if not (typed.isupper() or not _VOWELS.search(key)):
        return []
    return [p for p in places if "".join(w[0] for w in fold(p.name).split()) == key]


async def group_not_in_commune(ctx: Context) -> list[Reply] | None:
    """ "tổ 3 xã Đại Tâm" where Đại Tâm, of the officer's area, has no group of that code or
    name: said so, with the commune's groups (and the closest name, when one is close); None
    when the group is there, or the text names no such pair."""
    asked = group_then_commune(ctx.inbound.text)
    if asked is None:
        return None
    split, known = await commune_in_text(ctx.conn, asked.commune_text)
    commune = await audiences.find_commune(ctx.conn, split.name) if known else None
    scope = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    if commune is None or commune.id not in {p.id for p in scope}:
        return None  # not a commune, or not theirs: the question's own answer says so
    groups = [
        GroupPlace(p.group_id, p.commune_id, p.code, p.group_name, p.hamlet, p.commune)
        for p in await borrowers.places(ctx.conn)
        if p.commune_id == commune.id
    ]
    typed = asked.group.strip()
    if any(g.code.casefold() == typed.casefold() for g in groups) or groups_called(typed, groups):
        return None
    groups.sort(key=lambda g: g.code)
    listed = ", ".join(f"{g.code} {g.group_name}" for g in groups[:GROUPS_LISTED])
    if len(groups) > GROUPS_LISTED:
        more = len(groups) - GROUPS_LISTED
        listed += " " + ngettext("and {n} more group", "and {n} more groups", more).format(n=more)
    text = _("{commune} commune has no group {group}; its groups: {groups}.").format(
        commune=commune.name, group=typed, groups=listed or "—"
    )
    guess = closest_group(typed, groups)
    if guess is not None:
        text += " " + _("Did you mean the group {group}?").format(
            group=f"{guess.code} {guess.group_name}"
        )
    return [Reply(text)]
