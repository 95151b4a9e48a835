"""An officer's notice to people in their scope: choose the audience, type the text, see a
preview with the count, confirm or cancel; then the outbox sends it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handlers import flow_state
from handlers.buttons import BroadcastAction, BroadcastButton
from handlers.context import Context
from handlers.flow_state import FlowState
from handlers.messages import Button, Reply, Role
from handlers.officer.progress_text import queued_text
from handlers.render import CANCEL_WORDS
from handlers.rules.quiet_hours import quiet
from locales.i18n import _
from locales.textfold import fold
from storage import audiences, broadcasts
from storage.audiences import Audience, AudienceKind
from storage.dialogs import Dialog

BROADCAST_FLOW = "broadcast"
MAX_NOTICE = 1000


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
    the registry checks)."""
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
    await flow_state.save(ctx, BroadcastDraft(), BroadcastStep.AUDIENCE)
    return [
        Reply(
            _(
                "Who should receive the notice? Choose below, or type a group code "
                "(for example 0192041)."
            ),
            buttons=rows,
        )
    ]


async def _choose(ctx: Context, audience: Audience) -> list[Reply]:
    if not await audiences.in_scope(ctx.conn, audience, ctx.person.officer_id):
        return [Reply(_("That commune or group is outside your area."))]
    label = await _audience_label(ctx, audience)
    await flow_state.save(ctx, BroadcastDraft(audience.encode(), label), BroadcastStep.TEXT)
    return [
        Reply(
            _("Notice to: {audience}.\nNow type the notice (at most {limit} characters).").format(
                audience=label, limit=MAX_NOTICE
            ),
            buttons=[[_cancel_button()]],
        )
    ]


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
    return await _choose(ctx, Audience(AudienceKind(action.value), data.target))


async def cancel(ctx: Context) -> list[Reply]:
    return await on_button(ctx, BroadcastButton(BroadcastAction.CANCEL))


async def on_text(ctx: Context, dialog: Dialog) -> list[Reply] | None:
    """A typed answer inside the broadcast dialog; "hủy" leaves it."""
    text = ctx.inbound.text.strip()
    if fold(text) in CANCEL_WORDS:
        return await on_button(ctx, BroadcastButton(BroadcastAction.CANCEL))
    found = flow_state.state_of(dialog, BroadcastDraft)
    if found is None:
        return await start_broadcast(ctx)
    draft, step = found
    if step == BroadcastStep.AUDIENCE:
        group = await audiences.find_group(ctx.conn, text.upper().replace(" ", ""))
        if group is not None:
            return await _choose(ctx, Audience(AudienceKind.GROUP, group.id))
        commune = await audiences.find_commune(ctx.conn, text)
        if commune is not None:
            return await _choose(ctx, Audience(AudienceKind.COMMUNE, commune.id))
        return [
            Reply(
                _(
                    'I found no group or commune "{text}". Choose a button or type a group code.'
                ).format(text=text[:40]),
                buttons=[[_cancel_button()]],
            )
        ]
    if step == BroadcastStep.TEXT and draft.audience is not None:
        if len(text) > MAX_NOTICE:
            return [
                Reply(
                    _("The notice is {length} characters; please keep it under {limit}.").format(
                        length=len(text), limit=MAX_NOTICE
                    )
                )
            ]
        return await _preview(ctx, Audience.decode(draft.audience), draft.label or "", text)
    return await start_broadcast(ctx)


async def _preview(ctx: Context, audience: Audience, label: str, text: str) -> list[Reply]:
    found = await audiences.recipients(ctx.conn, audience, ctx.person.officer_id)
    if not found:
        await flow_state.close(ctx)
        return [
            Reply(
                _(
                    "Nobody in {audience} has linked the chat yet, so there is no one to send "
                    "to. Nothing was sent."
                ).format(audience=label)
            )
        ]
    await flow_state.save(
        ctx, BroadcastDraft(audience.encode(), label, text), BroadcastStep.CONFIRM
    )
    lines = [
        _("Preview of the notice to {audience}:").format(audience=label),
        "",
        text,
        "",
        _("Recipients: {count} (people who linked the chat and did not block the bot).").format(
            count=len(found)
        ),
    ]
    if ctx.quiet_hours is not None and quiet(ctx.now, ctx.timezone, ctx.quiet_hours):
        lines.append(
            _("It is night now: sending starts at {hour:02d}:00.").format(hour=ctx.quiet_hours[1])
        )
    return [
        Reply(
            "\n".join(lines),
            buttons=[
                [_audience_button(_("Confirm sending"), BroadcastAction.SEND), _cancel_button()]
            ],
        )
    ]


async def _confirm(ctx: Context) -> list[Reply]:
    opened = flow_state.state_of(ctx.person.dialog, BroadcastDraft)
    draft = opened[0] if opened is not None and opened[1] == BroadcastStep.CONFIRM else None
    if draft is None or draft.audience is None or draft.text is None:
        return [Reply(_("There is no notice waiting to be sent. Type /thongbao to start one."))]
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
        status_text=lambda broadcast_id: queued_text(broadcast_id, len(found)),
        now=ctx.now,
        not_before=ctx.now,
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
