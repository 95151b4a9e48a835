"""An officer's notice to people in their scope: choose the audience, type the text, see a
preview with the count, confirm or cancel; then the outbox sends it, each copy opening with
a line naming the officer. A request that already names the audience and/or carries the
text ("gửi thông báo cho tổ trưởng xã Thạnh Phú: mai 8h họp giao ban") skips the steps it
answers (the scope is checked all the same); "gửi thông báo" typed inside the dialog starts
the choice again; a confirm or cancel word is the act it names, never the notice. Each edit
at the preview keeps the text before it in the draft's state (stored with the dialog), so
"quay lại bản trước" / "hoàn tác" / "undo" bring it back; an audience nobody has linked keeps
the text and asks for another."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from handlers import flow_state
from handlers.buttons import BroadcastAction, BroadcastButton
from handlers.context import Context
from handlers.flow_state import FlowState
from handlers.messages import Button, Reply, Role
from handlers.officer import broadcast_progress, recall
from handlers.officer.area import by_initials, which_commune
from handlers.officer.broadcast_progress import sender_header
from handlers.officer.broadcast_words import (
    AudienceChange,
    Request,
    Wanted,
    addressed,
    after_second_thoughts,
    asks_progress,
    audience_change,
    greeting_request,
    is_filler,
    only_starts,
    read_request,
    sends_now,
)
from handlers.officer.draft_questions import asks_the_bot
from handlers.officer.places import commune_in_text
from handlers.officer.progress_text import queued_text
from handlers.rules.group_names import closest_group, groups_called, split_group_name
from handlers.rules.notice_edit import Edit, asks_to_undo, correction
from handlers.rules.notice_text import has_question_words
from handlers.rules.place_guess import closest
from handlers.rules.places import Place
from handlers.rules.quiet_hours import quiet
from handlers.typed_answers import act_word, cancels, which_of_them, yes_or_stop
from locales.i18n import _, ngettext
from locales.textfold import fold
from storage import audiences, borrowers, broadcasts
from storage.audiences import Audience, AudienceKind
from storage.dialogs import Dialog

BROADCAST_FLOW = "broadcast"
MAX_NOTICE = 1000
MAX_EARLIER = 10  # versions of a draft kept for "quay lại bản trước"


class BroadcastStep(StrEnum):
    AUDIENCE = "audience"
    TEXT = "text"
    CONFIRM = "confirm"


@dataclass(frozen=True)
class BroadcastDraft(FlowState):
    """A notice being written: its audience (encoded), how it reads, and the text."""

    FLOW = BROADCAST_FLOW

    audience: str | None = None
    label: str | None = None
    text: str | None = None
    earlier: tuple[str, ...] = ()  # the texts before each edit, the last one last

    def __post_init__(self) -> None:
        object.__setattr__(self, "earlier", tuple(self.earlier))  # a list, read back stored

    def pushed(self) -> tuple[str, ...]:
        """The earlier texts with this one after them: the state before an edit of it."""
        if self.text is None:
            return self.earlier
        return (*self.earlier, self.text)[-MAX_EARLIER:]


def _earlier(ctx: Context) -> tuple[str, ...]:
    """The open draft's earlier texts, carried into its next state."""
    opened = flow_state.state_of(ctx.person.dialog, BroadcastDraft)
    return opened[0].earlier if opened is not None else ()


async def only_officers(ctx: Context) -> list[Reply]:
    """Who else asks to message many people, and what they can do instead."""
    if ctx.person.role is Role.LEADER:
        instead = _(
            'To tell your whole group, call a meeting, e.g. "họp tổ thứ Bảy 19h ở nhà văn '
            'hóa": every member on the chat hears of it and can answer.'
        )
    else:
        instead = _(
            "For news for the whole group, ask your group leader or the credit officer; "
            'type "liên hệ" for their phone numbers.'
        )
    return [Reply(_("Only credit officers can send notices.") + " " + instead)]


def _cancel_button() -> Button:
    return Button(_("Cancel"), BroadcastButton(BroadcastAction.CANCEL).pack())


def _audience_button(label: str, action: BroadcastAction, target: int | None = None) -> Button:
    return Button(label, BroadcastButton(action, target).pack())


async def start_broadcast(ctx: Context) -> list[Reply]:
    """`/thongbao` or "gửi thông báo": pick who should receive the notice (officers only:
    the registry checks). What the message already says is used: its audience, its text
    (after a change of mind: "thôi đổi ý, chỉ gửi xã Đại Tâm")."""
    text = after_second_thoughts(ctx.inbound.text)
    if asks_progress(text):
        return await broadcast_progress.progress(ctx)
    request = read_request(text)
    if request == Request() and addressed(text):  # "xã Đại Tâm: thứ 5 có phiên"
        request = read_request("gửi thông báo " + _with_cho(text))
    request = await _settle_name(ctx, request)
    note: str | None = None
    if request.text is not None and len(request.text) > MAX_NOTICE:
        return [_too_long(request.text)]
    if request.kind is not None:
        audience = await _resolve(ctx, request)
        if isinstance(audience, Audience):
            if not await audiences.in_scope(ctx.conn, audience, ctx.person.officer_id):
                await flow_state.close(ctx)
                return [Reply(_("That commune or group is outside your area."))]
            return await _choose(ctx, audience, request.text or _waiting_text(ctx))
        if isinstance(audience, Several):
            return await _which_group(ctx, audience, request.text or _waiting_text(ctx))
        note = audience
    return await _audience_menu(ctx, request.text, note)


@dataclass(frozen=True)
class Several:
    """A group's name that several of the officer's groups have ("tổ ấp 3"): asked back."""

    name: str
    groups: list[Place]


async def _settle_name(ctx: Context, request: Request) -> Request:
    """ "xã Đại Tâm mai 8h họp giao ban": the commune is the longest known name at that place
    and, with no text marked off, the rest of the line is the text. With no known name, the
    name is its first two words (the rest, again, the text) so "not found" quotes a name.
    A group's name is settled the same way among the officer's groups; a name alone
    ("cho Đại Tâm: …") is a commune, else a group, else (near neither) no audience at all."""
    if request.kind is Wanted.PLACE and request.name:
        return await _settle_place(ctx, request, request.name)
    if (
        request.kind is Wanted.GROUP
        and request.name
        and request.text is None
        and await audiences.find_group(ctx.conn, request.name.upper()) is None
    ):
        split = split_group_name(request.name, await _groups_in_area(ctx))
        if split is not None:
            return replace(request, name=split.name, text=_text_or_none(split.rest))
    if request.kind not in (Wanted.COMMUNE, Wanted.LEADERS) or not request.name:
        return request
    found, _known = await commune_in_text(ctx.conn, request.name)
    if request.text is not None:
        return replace(request, name=found.name) if _known else request
    return replace(request, name=found.name, text=None if is_filler(found.rest) else found.rest)


def _text_or_none(text: str | None) -> str | None:
    return None if is_filler(text) else text


async def _settle_place(ctx: Context, request: Request, name: str) -> Request:
    """A name alone: the commune of that name, else a group of the officer's, else left a
    name when one of the officer's communes or groups is close to it (the handler offers
    it), else no audience (the text waits for one, as a notice with none named does)."""
    if await audiences.find_commune(ctx.conn, name) is not None:
        return replace(request, kind=Wanted.COMMUNE)
    if groups_called(name, await _groups_in_area(ctx)):
        return replace(request, kind=Wanted.GROUP)
    if await _commune_guess(ctx, name) or closest_group(name, await _groups_in_area(ctx)):
        return request
    return Request(text=request.text)


async def _groups_in_area(ctx: Context) -> list[Place]:
    """The groups of the officer's communes, with their names and hamlets."""
    scope = {p.id for p in await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)}
    return [
        Place(p.group_id, p.commune_id, p.code, p.group_name, p.hamlet, p.commune)
        for p in await borrowers.places(ctx.conn)
        if p.commune_id in scope
    ]


async def _resolve(ctx: Context, request: Request) -> Audience | Several | str | None:
    """The audience the request names, the groups its name fits when several do, or why it
    cannot be found (None: ask with the menu)."""
    kind = request.kind
    if kind is Wanted.EVERYONE:
        return Audience(AudienceKind.EVERYONE)
    if kind is Wanted.OVERDUE:
        return Audience(AudienceKind.OVERDUE)
    if kind is Wanted.GROUP and request.name:
        return await _group_named(ctx, request.name)
    if kind is Wanted.PLACE and request.name:
        if await _commune_guess(ctx, request.name) is not None:
            return await _commune_not_found(ctx, request.name)
        return await _group_not_found(ctx, request.name, await _groups_in_area(ctx))
    if kind in (Wanted.COMMUNE, Wanted.LEADERS):
        audience_kind = AudienceKind.COMMUNE if kind is Wanted.COMMUNE else AudienceKind.LEADERS
        if request.name:
            commune = await _commune_named(ctx, request.name)
            if commune is None:
                return await _commune_not_found(ctx, request.name)
            if isinstance(commune, str):
                return commune
            return Audience(audience_kind, commune.id)
        places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
        if len(places) == 1:
            return Audience(audience_kind, places[0].id)
    return None


async def _commune_named(ctx: Context, name: str) -> audiences.Place | str | None:
    """The commune of that name, else the one of the officer's whose initials it is ("xã
    ĐT"); initials of several: which one, asked; none: None."""
    commune = await audiences.find_commune(ctx.conn, name)
    if commune is not None:
        return commune
    initialled = by_initials(
        await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id), name
    )
    if len(initialled) > 1:
        return which_commune(initialled)
    return initialled[0] if initialled else None


async def _group_named(ctx: Context, name: str) -> Audience | Several | str:
    """A group by its code (anywhere: the scope is checked after), else by its name among
    the officer's groups: one is the audience, several are asked back, none is said so."""
    group = await audiences.find_group(ctx.conn, name.upper())
    if group is not None:
        return Audience(AudienceKind.GROUP, group.id)
    mine = await _groups_in_area(ctx)
    called = groups_called(name, mine)
    if len(called) == 1:
        return Audience(AudienceKind.GROUP, called[0].group_id)
    if called:
        return Several(name, called)
    return await _group_not_found(ctx, name, mine)


async def _group_not_found(ctx: Context, name: str, mine: list[Place]) -> str:
    """ "Không tìm thấy tổ "Tam Kein"", and the closest of the officer's groups, if any."""
    note = _('I found no group "{text}".').format(text=name)
    guess = closest_group(name, mine)
    if guess is None:
        return note
    group = f"{guess.code} {guess.group_name}"
    return note + " " + _("Did you mean the group {group}?").format(group=group)


async def _commune_guess(ctx: Context, name: str) -> str | None:
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    return closest(name, [place.name for place in places])


async def _commune_not_found(ctx: Context, name: str) -> str:
    """ "Không tìm thấy xã "Dai Tan"", and the closest of the officer's communes, if any."""
    note = _('I found no commune "{text}".').format(text=name)
    guess = await _commune_guess(ctx, name)
    if guess is None:
        return note
    return note + " " + _("Did you mean the commune {commune}?").format(commune=guess)


async def _which_group(ctx: Context, several: Several, text: str | None) -> list[Reply]:
    """Several of the officer's groups have the name: each named, to choose (the text
    waits for the choice)."""
    named = [f"{group.code} {group.group_name} ({group.commune})" for group in several.groups]
    rows = [
        [_audience_button(label, BroadcastAction.GROUP, group.group_id)]
        for label, group in zip(named, several.groups, strict=True)
    ]
    rows.append([_cancel_button()])
    draft = BroadcastDraft(text=text, earlier=_earlier(ctx))
    await flow_state.save(ctx, draft, BroadcastStep.AUDIENCE)
    asked = _(
        "{count} of your groups are called “{name}”: {groups}. Which one should receive the notice?"
    ).format(count=len(named), name=several.name, groups="; ".join(named))
    return [Reply(asked, buttons=rows)]


def _too_long(text: str) -> Reply:
    return Reply(
        _("The notice is {length} characters; please keep it under {limit}.").format(
            length=len(text), limit=MAX_NOTICE
        )
    )


async def _audience_menu(
    ctx: Context, text: str | None, note: str | None, earlier: tuple[str, ...] | None = None
) -> list[Reply]:
    """The audiences within the officer's communes; a text already typed waits for it."""
    places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
    rows: list[list[Button]] = []
    for place in places[:12]:
        rows.append(
            [
                _audience_button(
                    _("Everyone in {commune}").format(commune=place.name),
                    BroadcastAction.COMMUNE,
                    place.id,
                ),
                _audience_button(
                    _("Leaders in {commune}").format(commune=place.name),
                    BroadcastAction.LEADERS,
                    place.id,
                ),
            ]
        )
    rows.append([_audience_button(_("One group…"), BroadcastAction.PICK_GROUP)])
    rows.append([_audience_button(_("People with overdue loans"), BroadcastAction.OVERDUE)])
    rows.append([_audience_button(_("Everyone in my area"), BroadcastAction.EVERYONE)])
    rows.append([_cancel_button()])
    kept = _earlier(ctx) if earlier is None else earlier
    await flow_state.save(ctx, BroadcastDraft(text=text, earlier=kept), BroadcastStep.AUDIENCE)
    question = _(
        "Who should receive the notice? Choose below, or type a group code (for example 0192041)."
    )
    return [Reply((note + "\n" if note else "") + question, buttons=rows)]


def _waiting_text(ctx: Context) -> str | None:
    """The text typed before the audience was chosen ("gửi thông báo: mai nghỉ", or with an
    audience that was not found), waiting for the audience."""
    opened = flow_state.state_of(ctx.person.dialog, BroadcastDraft)
    if opened is not None and opened[1] == BroadcastStep.AUDIENCE:
        return opened[0].text
    return None


async def _choose(ctx: Context, audience: Audience, text: str | None) -> list[Reply]:
    """The audience is chosen: the preview of `text` (the message's own text, or the one
    waiting for an audience: the caller says which), or else the question for the text."""
    if not await audiences.in_scope(ctx.conn, audience, ctx.person.officer_id):
        return [Reply(_("That commune or group is outside your area."))]
    label = await _audience_label(ctx, audience)
    if text:
        if len(text) > MAX_NOTICE:
            return [_too_long(text)]
        return await _preview(ctx, audience, label, text)
    if not await audiences.recipients(ctx.conn, audience, ctx.person.officer_id):
        note = await _nobody_linked(ctx, audience, label) + " " + _("Choose another audience.")
        return await _audience_menu(ctx, _waiting_text(ctx), note)
    return await _ask_for_text(ctx, audience, label)


async def _nobody_linked(ctx: Context, audience: Audience, label: str) -> str:
    """ "Chưa ai trong cả xã Thạnh Phú liên kết với trợ lý (12 hộ), …": the households there
    are counted when the bank's file has any."""
    count = await audiences.households(ctx.conn, audience, ctx.person.officer_id)
    if not count:
        return _(
            "Nobody in {audience} has linked the chat yet, so a notice would reach no one."
        ).format(audience=label)
    return ngettext(
        "Nobody in {audience} has linked the chat yet ({count} household there), so a notice "
        "would reach no one.",
        "Nobody in {audience} has linked the chat yet ({count} households there), so a notice "
        "would reach no one.",
        count,
    ).format(audience=label, count=count)


async def _ask_for_text(
    ctx: Context, audience: Audience, label: str, earlier: tuple[str, ...] | None = None
) -> list[Reply]:
    kept = _earlier(ctx) if earlier is None else earlier
    draft = BroadcastDraft(audience.encode(), label, earlier=kept)
    await flow_state.save(ctx, draft, BroadcastStep.TEXT)
    asked = _("Notice to: {audience}.\nNow type the notice (at most {limit} characters).").format(
        audience=label, limit=MAX_NOTICE
    )
    if kept:
        asked += "\n" + _("The notice typed before is kept: type “undo” to use it again.")
    return [Reply(asked, buttons=[[_cancel_button()]])]


async def _audience_label(ctx: Context, audience: Audience) -> str:
    place = await audiences.describe(ctx.conn, audience)
    return {
        AudienceKind.EVERYONE: _("everyone in your area"),
        AudienceKind.COMMUNE: _("everyone in {place}"),
        AudienceKind.GROUP: _("group {place}"),
        AudienceKind.LEADERS: _("group leaders in {place}"),
        AudienceKind.OVERDUE: _("households with overdue loans in your area"),
    }[audience.kind].format(place=place)


async def _pick_group(ctx: Context) -> list[Reply]:
    rows: list[list[Button]] = []
    for commune in await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id):
        for group in await audiences.groups_in_commune(ctx.conn, commune.id):
            if len(rows) < 30:
                rows.append(
                    [
                        _audience_button(
                            f"{group.name} ({commune.name})", BroadcastAction.GROUP, group.id
                        )
                    ]
                )
    rows.append([_cancel_button()])
    return [Reply(_("Which group? Choose, or type its code."), buttons=rows)]


async def on_button(ctx: Context, data: BroadcastButton) -> list[Reply]:
    action = data.action
    if action is BroadcastAction.CANCEL:
        await flow_state.close(ctx)
        return [Reply(_("Cancelled; nothing was sent."))]
    if action is BroadcastAction.SEND:
        return await _confirm(ctx)
    if action is BroadcastAction.PICK_GROUP:
        return await _pick_group(ctx)
    if action is BroadcastAction.STOP:  # a notice already queued: its copies not sent yet
        return await recall.stop(ctx, data.target)
    audience = Audience(AudienceKind(action.value), data.target)
    return await _choose(ctx, audience, _waiting_text(ctx))


async def cancel(ctx: Context) -> list[Reply]:
    return await on_button(ctx, BroadcastButton(BroadcastAction.CANCEL))


async def on_text(ctx: Context, dialog: Dialog) -> list[Reply] | None:
    """A typed answer inside the broadcast dialog; "hủy" leaves it."""
    text = ctx.inbound.text.strip()
    act = act_word(text) or ("unclear" if yes_or_stop(text) else None)
    if cancels(text) or act == "cancel":
        return await on_button(ctx, BroadcastButton(BroadcastAction.CANCEL))
    found = flow_state.state_of(dialog, BroadcastDraft)
    if found is not None and asks_progress(text):
        return None  # "tiến độ gửi thông báo", "how is my last notice going": the draft waits
    if found is None or only_starts(text):
        return await start_broadcast(ctx)  # "gửi thông báo" again: the choice starts over
    draft, step = found
    if step == BroadcastStep.CONFIRM and act == "affirm":
        return await _confirm(ctx)
    if step == BroadcastStep.CONFIRM and act == "unclear" and draft.audience and draft.text:
        chosen = Audience.decode(draft.audience)  # "dung": "đúng" or "dừng"? The preview again
        shown = await _preview(ctx, chosen, draft.label or "", draft.text)
        shown[-1].text = which_of_them() + "\n\n" + shown[-1].text
        return shown
    if step == BroadcastStep.CONFIRM and act is None and _asks(ctx, text):
        return None  # answered as usual; the preview comes back under it (`still_waiting`)
    if step == BroadcastStep.AUDIENCE and sends_now(text):  # "send it" with no audience yet
        return await _audience_menu(ctx, draft.text, _choose_first())
    if act is not None:  # "xác nhận", "ok", "không": an act, never the notice or a name
        if step == BroadcastStep.TEXT and draft.audience is not None:
            return await _choose(ctx, Audience.decode(draft.audience), None)
        return await _audience_menu(ctx, draft.text, None)
    if step == BroadcastStep.AUDIENCE:
        if read_request(text) != Request():  # "gửi thông báo cho xã Đại Tâm: …" again
            return await start_broadcast(ctx)
        if _asks(ctx, text):  # "dư nợ xã Đại Tâm bao nhiêu": never a notice "bao nhiêu"
            return None  # answered as usual; the text typed first waits (`still_waiting`)
        greeting = greeting_request(text)
        if greeting is not None:  # "Bà con xã Thạnh Phú lưu ý: …": all of it is the notice
            return await _at_the_menu(ctx, text, await _settle_name(ctx, greeting), draft.text)
        group = await audiences.find_group(ctx.conn, text.upper().replace(" ", ""))
        if group is not None:
            return await _choose(ctx, Audience(AudienceKind.GROUP, group.id), draft.text)
        commune = await audiences.find_commune(ctx.conn, text)
        if commune is not None:
            return await _choose(ctx, Audience(AudienceKind.COMMUNE, commune.id), draft.text)
        called = groups_called(text, await _groups_in_area(ctx))  # "Tâm Kiên" typed alone
        if len(called) == 1:
            audience = Audience(AudienceKind.GROUP, called[0].group_id)
            return await _choose(ctx, audience, draft.text)
        if called:
            return await _which_group(ctx, Several(text, called), draft.text)
        edit = correction(draft.text, text) if draft.text else None
        if edit is not None:  # "sửa 8h thành 9h": the waiting text is edited, never replaced
            return await _edit_waiting(ctx, draft, edit)
        # "tổ trưởng xã Đại Tâm", "xã Đại Tâm: ngày 15 có phiên" (its own text wins).
        named = await _settle_name(ctx, read_request("gửi thông báo " + _with_cho(text)))
        if named.kind is not None and named.text and has_question_words(named.text):
            return None  # "xã Đại Tâm thì sao": a question naming a place, never the notice
        return await _at_the_menu(ctx, text, named, draft.text)
    if step == BroadcastStep.TEXT and draft.audience is not None:
        request = await _settle_name(ctx, read_request(text))
        if request.kind is not None:  # a whole new request: it starts over
            return await start_broadcast(ctx)
        if _asks(ctx, text):
            return None  # answered as usual; the draft waits (`still_waiting` says so)
        text = request.text or text  # "gửi thông báo: mai nghỉ" is the text "mai nghỉ"
        if len(text) > MAX_NOTICE:
            return [_too_long(text)]
        return await _preview(ctx, Audience.decode(draft.audience), draft.label or "", text)
    if step == BroadcastStep.CONFIRM and draft.audience and draft.text:
        chosen = Audience.decode(draft.audience)
        if len(text.split()) >= NEW_DRAFT_WORDS and fold(text) != fold(draft.text):
            if len(text) > MAX_NOTICE:  # a whole notice typed again: the new draft
                return [_too_long(text)]
            shown = await _preview(ctx, chosen, draft.label or "", text, draft.pushed())
            shown[-1].text = _replaced_at_preview(draft.text) + "\n\n" + shown[-1].text
            return shown
        shown = await _preview(ctx, chosen, draft.label or "", draft.text)
        shown[-1].text = _at_the_preview() + "\n\n" + shown[-1].text  # never thrown away
        return shown
    return await start_broadcast(ctx)


async def _edit_waiting(ctx: Context, draft: BroadcastDraft, edit: Edit) -> list[Reply]:
    """An edit of the text waiting for its audience: the menu again, saying what it reads."""
    waiting = draft.text or ""
    if edit.text is not None:
        if len(edit.text) > MAX_NOTICE:
            return [_too_long(edit.text)]
        note = _("The notice's text is now “{text}”. Now choose who should receive it.")
        return await _audience_menu(
            ctx, edit.text, note.format(text=_shown(edit.text)), draft.pushed()
        )
    why = _not_edited(edit)
    return await _audience_menu(ctx, waiting, (why + " " if why else "") + _kept(waiting))


def _not_edited(edit: Edit) -> str | None:
    """Why an edit changed nothing: the words are not in the notice, or it has no one place
    for the place named; None: the new text is asked."""
    if edit.missing is not None:
        return _("“{words}” is not in the notice, so nothing was changed.").format(
            words=_shown(edit.missing)
        )
    if edit.place is not None:
        return _(
            "The notice has no place (“at …”) I could replace with “{place}”, so nothing was "
            "changed. Type what to change, e.g. “change the hall to {place}”, or “rewrite it” "
            "to type the notice again."
        ).format(place=_shown(edit.place))
    if edit.unclear is not None:
        return _(
            "I could not tell what to change with “{words}”, so nothing was changed. Type, "
            "e.g., “change 7:30 to 8:00”, or “rewrite it” to type the notice again."
        ).format(words=_shown(edit.unclear))
    return None


NEW_DRAFT_WORDS = 10  # a line this long at the preview, no edit nor question: a new text


def _replaced_at_preview(old: str) -> str:
    return _(
        "The new text replaced the one before, “{old}” (type “undo” to bring it back)."
    ).format(old=_shown(old))


def _choose_first() -> str:
    return _("Choose who should receive the notice first; nothing was sent yet.")


def _at_the_preview() -> str:
    return _(
        "The notice below is waiting: type “xác nhận” to send it, “sửa lại 8g chứ không "
        "phải 7g30” to change a part, or “hủy” to drop it."
    )


MAX_NAME_WORDS = 3  # "Ấp Phú Mỹ": a line this short at the menu may be a name not found


async def _at_the_menu(ctx: Context, text: str, named: Request, waiting: str | None) -> list[Reply]:
    """A line typed at the audience menu that is no known group or commune: an audience it
    names (its own text, if any, wins over the one waiting), else a short line is a name not
    found, else the line is the notice's text, kept. The menu, with all its options, comes
    back whenever no audience is chosen."""
    if named.kind is not None:
        audience = await _resolve(ctx, named)
        if isinstance(audience, Audience):
            return await _choose(ctx, audience, named.text or waiting)
        if isinstance(audience, Several):
            return await _which_group(ctx, audience, named.text or waiting)
        return await _audience_menu(ctx, named.text or waiting, audience)
    if len(text.split()) <= MAX_NAME_WORDS:
        return await _audience_menu(ctx, waiting, _not_found(text))
    if len(text) > MAX_NOTICE:
        return [_too_long(text)]
    if waiting and fold(waiting) != fold(text):  # never silently: the text it replaced, shown
        return await _audience_menu(ctx, text, _replaced(text, waiting))
    return await _audience_menu(ctx, text, _kept(text))


def _not_found(text: str) -> str:
    return _('I found no group or commune "{text}".').format(text=text[:40])


KEPT_SHOWN = 80  # characters of a kept text quoted back


def _shown(text: str) -> str:
    return text if len(text) <= KEPT_SHOWN else text[: KEPT_SHOWN - 1] + "…"


def _replaced(text: str, old: str) -> str:
    return _(
        "The notice's text is now “{text}”; it replaced the one typed before, “{old}” "
        "(type “hủy” to drop both). Now choose who should receive it."
    ).format(text=_shown(text), old=_shown(old))


def _kept(text: str) -> str:
    shown = _shown(text)
    return _("The notice's text is kept: “{text}”. Now choose who should receive it.").format(
        text=shown
    )


async def reads_first(ctx: Context, dialog: Dialog) -> list[Reply] | None:
    """Read before the options' words: at the preview, "ok gửi đi" sends and a correction
    ("sửa lại 8g chứ không phải 7g30") edits the draft; once the audience is chosen, a new
    one ("à thôi khoan, gửi cho xã Đại Tâm trước", "thôi đổi ý, chỉ gửi tổ 0192041 thôi")
    is taken, the text kept. Anything else: None (read as usual)."""
    found = flow_state.state_of(dialog, BroadcastDraft)
    text = ctx.inbound.text.strip()
    if found is not None and asks_to_undo(text):  # "quay lại bản trước", "hoàn tác", "undo"
        return await _undo(ctx, *found)
    if found is None or found[0].audience is None:
        return None
    draft, step = found
    chosen = found[0].audience
    if step == BroadcastStep.CONFIRM and sends_now(text):
        return await _confirm(ctx)
    if step not in (BroadcastStep.TEXT, BroadcastStep.CONFIRM):
        return None
    change = audience_change(after_second_thoughts(text))
    if change is not None:  # "đổi người nhận thành cả xã ĐT", "thêm xã Thạnh Phú"
        return await _changed_audience(ctx, draft, change)
    request = await _settle_name(ctx, read_request(after_second_thoughts(text)))
    if request.kind is not None:
        return await _retarget(ctx, request, draft.text)
    if step == BroadcastStep.CONFIRM and draft.text is not None:
        edit = correction(draft.text, text)
        if edit is not None:
            audience = Audience.decode(chosen)
            if edit.text is not None:
                if len(edit.text) > MAX_NOTICE:
                    return [_too_long(edit.text)]
                return await _preview(ctx, audience, draft.label or "", edit.text, draft.pushed())
            why = _not_edited(edit)
            if why is not None:  # the words are not in it: said so, the draft as it was
                shown = await _preview(ctx, audience, draft.label or "", draft.text)
                shown[-1].text = why + "\n\n" + shown[-1].text
                return shown
            return await _ask_for_text(ctx, audience, draft.label or "", draft.pushed())
    return None


async def _undo(ctx: Context, draft: BroadcastDraft, step: str) -> list[Reply]:
    """The draft as it was before its last edit (its preview, or the menu when it waits for
    an audience); with no edit to undo, said so, the draft as it is."""
    audience = Audience.decode(draft.audience) if draft.audience else None
    label = draft.label or ""
    if draft.earlier:
        text, earlier = draft.earlier[-1], draft.earlier[:-1]
        said = _("Back to the notice as it was before the last change.")
        if audience is None:
            return await _audience_menu(ctx, text, said + " " + _kept(text), earlier)
        shown = await _preview(ctx, audience, label, text, earlier)
    else:
        said = _("There is no earlier version to go back to; the notice is as it was typed.")
        if audience is None:
            return await _audience_menu(ctx, draft.text, said)
        if step != BroadcastStep.CONFIRM or draft.text is None:
            shown = await _ask_for_text(ctx, audience, label)
        else:
            shown = await _preview(ctx, audience, label, draft.text)
    shown[-1].text = said + "\n\n" + shown[-1].text
    return shown


async def _retarget(ctx: Context, request: Request, kept: str | None) -> list[Reply]:
    """Another audience for the draft (its name settled): its text is the request's own,
    else the one kept."""
    audience = await _resolve(ctx, request)
    if isinstance(audience, Audience):
        if not await audiences.in_scope(ctx.conn, audience, ctx.person.officer_id):
            return [Reply(_("That commune or group is outside your area."))]
        return await _choose(ctx, audience, request.text or kept)
    if isinstance(audience, Several):
        return await _which_group(ctx, audience, request.text or kept)
    return await _audience_menu(ctx, request.text or kept, audience)


async def _changed_audience(
    ctx: Context, draft: BroadcastDraft, change: AudienceChange
) -> list[Reply]:
    """Another audience for the draft, its text kept; one more (`added`): the officer's
    whole area when the two communes are all of it, the same one when it is inside the one
    chosen, else said that a notice goes to one audience (the draft as it was)."""
    request = await _settle_name(ctx, change.request)
    if not change.added or draft.audience is None:
        return await _retarget(ctx, request, draft.text)
    chosen = Audience.decode(draft.audience)
    audience = await _resolve(ctx, request)
    if not isinstance(audience, Audience):
        return await _retarget(ctx, request, draft.text)
    scope = {p.id for p in await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)}
    both = {chosen.target_id, audience.target_id}
    communes = chosen.kind is AudienceKind.COMMUNE and audience.kind is AudienceKind.COMMUNE
    if communes and both == scope:  # "thêm xã Thạnh Phú" to Đại Tâm, the officer's two
        return await _choose(ctx, Audience(AudienceKind.EVERYONE), draft.text)
    if audience == chosen or chosen.kind is AudienceKind.EVERYONE:
        note = _("{audience} already receives this notice.")
        note = note.format(audience=(await _audience_label(ctx, audience)).capitalize())
    else:
        note = _(
            "A notice goes to one audience: a commune, a group, its leaders, or your whole "
            "area. Send this one first, then the same text to {audience} (“gửi thông báo cho "
            "…: …”), or type “gửi cho tất cả địa bàn” to send it to your whole area."
        ).format(audience=await _audience_label(ctx, audience))
    if draft.text is None:
        shown = await _ask_for_text(ctx, chosen, draft.label or "")
    else:
        shown = await _preview(ctx, chosen, draft.label or "", draft.text)
    shown[-1].text = note + "\n\n" + shown[-1].text
    return shown


def _asks(ctx: Context, text: str) -> bool:
    """ "tổ Ấp 3 nộp bảng kê chưa", "dư nợ xã Đại Tâm bao nhiêu", "tình hình bảng kê", "hộ
    nào quá hạn": a question to the bot, typed where the notice's audience, text or
    confirmation is awaited (`draft_questions`)."""
    return asks_the_bot(text, ctx.today)


def still_waiting(dialog: Dialog) -> str | Reply | None:
    """Said under an answer given while the notice's text, or its confirmation, is awaited."""
    found = flow_state.state_of(dialog, BroadcastDraft)
    if found is None:
        return None
    audience = found[0].label or ""
    if found[1] == BroadcastStep.AUDIENCE:
        return _waits_for_audience(found[0].text)
    if found[1] == BroadcastStep.TEXT:
        return _("The notice to {audience} is still waiting for its text.").format(
            audience=audience
        )
    if found[1] == BroadcastStep.CONFIRM and found[0].text:  # the preview again, its buttons
        return Reply(
            _(
                "The notice to {audience} is still waiting for your confirmation:\n\n{text}"
                "\n\nType “xác nhận” to send it, or “hủy” to drop it."
            ).format(audience=audience, text=found[0].text),
            buttons=[
                [_audience_button(_("Confirm sending"), BroadcastAction.SEND), _cancel_button()]
            ],
        )
    return None


def _waits_for_audience(text: str | None) -> str:
    """Under an answer given at the audience menu: the notice (its text, if typed) waits."""
    how = _(
        "type “gửi xã” and the commune's name, or “gửi tổ” and the group's code (“hủy” drops it)."
    )
    if text is None:
        return _("The notice is still waiting for who should receive it:") + " " + how
    shown = text if len(text) <= KEPT_SHOWN else text[: KEPT_SHOWN - 1] + "…"
    waits = _("The notice “{text}” is still waiting for who should receive it:")
    return waits.format(text=shown) + " " + how


def _with_cho(text: str) -> str:
    """ "cho tổ trưởng xã Đại Tâm …" as typed, or "cho " put before an audience typed alone."""
    return text if fold(text).startswith(("cho ", "toi ", "den ")) else "cho " + text


async def _preview(
    ctx: Context,
    audience: Audience,
    label: str,
    text: str,
    earlier: tuple[str, ...] | None = None,
) -> list[Reply]:
    """The notice as it will be sent, its count and the buttons (the draft kept at its
    preview, with the `earlier` texts, else the open draft's); an audience nobody has linked
    keeps the text waiting for another audience."""
    found = await audiences.recipients(ctx.conn, audience, ctx.person.officer_id)
    if not found:
        nobody = await _nobody_linked(ctx, audience, label)
        kept = _previous_draft(ctx, audience)
        if kept is not None:  # "thôi đổi ý, gửi cho …" nobody there: the first draft stays
            shown = await _preview(
                ctx, Audience.decode(kept.audience or ""), kept.label or "", kept.text or ""
            )
            still = _(
                "I still keep the notice to {audience}: type “confirm” to send it, or "
                "“cancel” to drop it."
            ).format(audience=kept.label or "")
            nobody += " " + _("Nothing was sent.")
            shown[-1].text = nobody + " " + still + "\n\n" + shown[-1].text
            return shown
        return await _audience_menu(ctx, text, nobody + " " + _kept(text), earlier)
    kept_texts = _earlier(ctx) if earlier is None else earlier
    await flow_state.save(
        ctx, BroadcastDraft(audience.encode(), label, text, kept_texts), BroadcastStep.CONFIRM
    )
    officer = await broadcasts.officer_name(ctx.conn, ctx.person.officer_id or 0)
    lines = [
        _("Preview of the notice to {audience}:").format(audience=label),
        "",
        sender_header(officer)(ctx.person.locale),
        text,
        "",
        _("Recipients: {count} (people who linked the chat and did not block the bot).").format(
            count=len(found)
        ),
    ]
    missed = await audiences.unreached_leaders(ctx.conn, audience, found)
    if missed:
        lines.append(unreached_line(missed))
    starts_at = _starts_at(ctx)
    if starts_at is not None:
        lines.append(_("It is night now: sending starts at {hour:02d}:00.").format(hour=starts_at))
    return [
        Reply(
            "\n".join(lines),
            buttons=[
                [_audience_button(_("Confirm sending"), BroadcastAction.SEND), _cancel_button()]
            ],
        )
    ]


def _previous_draft(ctx: Context, audience: Audience) -> BroadcastDraft | None:
    """The draft at its preview for another audience, kept when the new one reaches nobody."""
    opened = flow_state.state_of(ctx.person.dialog, BroadcastDraft)
    if opened is None or opened[1] != BroadcastStep.CONFIRM:
        return None
    draft = opened[0]
    if draft.audience is None or draft.text is None or draft.audience == audience.encode():
        return None
    return draft


def nothing_waiting() -> Reply:
    """ "ok gửi đi", "xác nhận" with no notice at its preview: never taken for thanks."""
    return Reply(
        _(
            "There is no notice waiting to be sent, so nothing was sent. Type /thongbao "
            "to start one."
        )
    )


def go_ahead_without_notice(ctx: Context) -> list[Reply] | None:
    """An officer's "ok gửi đi", "xác nhận" with no notice open: said that none waits."""
    dialog = ctx.person.dialog
    if ctx.person.role is not Role.OFFICER or (
        dialog is not None and dialog.flow == BROADCAST_FLOW
    ):
        return None
    text = ctx.inbound.text
    if fold(text).strip() in ("gui", "phat", "send") or not sends_now(text):
        return None  # "gửi" alone may start a notice
    return [nothing_waiting()]


UNREACHED_NAMED = 10  # leaders named in a preview; the rest are counted


def unreached_line(missed: list[audiences.UnreachedGroup]) -> str:
    """The groups whose leaders the notice will not reach, named, so the officer can phone
    them ("Thành viên số 01 (Tổ sáu mươi)"), the first UNREACHED_NAMED and a count of the
    rest."""
    named = [
        f"{group.leader} ({group.group})" if group.leader else group.group
        for group in missed[:UNREACHED_NAMED]
    ]
    rest = len(missed) - len(named)
    listed = ", ".join(named)
    if rest:
        listed += " " + ngettext("and {n} more group", "and {n} more groups", rest).format(n=rest)
    return _(
        "Not reached in the chat (no linked chat, or the bot is blocked), to phone instead: "
        "{groups}."
    ).format(groups=listed)


def _starts_at(ctx: Context) -> int | None:
    """The hour sending starts when it is night now (quiet hours), else None."""
    if ctx.quiet_hours is not None and quiet(ctx.now, ctx.timezone, ctx.quiet_hours):
        return ctx.quiet_hours[1]
    return None


async def _confirm(ctx: Context) -> list[Reply]:
    opened = flow_state.state_of(ctx.person.dialog, BroadcastDraft)
    draft = opened[0] if opened is not None and opened[1] == BroadcastStep.CONFIRM else None
    if draft is None or draft.audience is None or draft.text is None:
        return [nothing_waiting()]
    audience = Audience.decode(draft.audience)
    found = await audiences.recipients(ctx.conn, audience, ctx.person.officer_id)
    if not found:
        await flow_state.close(ctx)
        return [Reply(_("Nobody can receive it any more. Nothing was sent."))]
    broadcast_id = await broadcasts.create(
        ctx.conn,
        officer_id=ctx.person.officer_id,
        audience=audience,
        audience_text=draft.label or "",
        text=draft.text,
        recipients=found,
        status_chat=broadcasts.StatusChat(ctx.person.channel, ctx.person.chat_id),
        status_text=lambda broadcast_id: queued_text(broadcast_id, len(found), _starts_at(ctx)),
        now=ctx.now,
        not_before=ctx.now,
        header=sender_header(await broadcasts.officer_name(ctx.conn, ctx.person.officer_id or 0)),
    )
    await flow_state.close(ctx)
    return [
        Reply(
            _(
                "Notice #{id} is queued for {count} people. The next message shows how the "
                "sending goes."
            ).format(id=broadcast_id, count=len(found))
        )
    ]
