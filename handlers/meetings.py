"""Group meetings in the chat: the leader (or deputy) calls one in a message or two (the bot
asks for what is missing and shows a summary to confirm), members answer with a button, the
leader sees who comes, and can move or cancel it; everyone already told hears of it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from bot import meetings as rules
from bot.meeting_notices import answer_buttons, tell_cancelled, tell_members, when
from handlers.context import Context
from handlers.messages import Button, Reply, Role
from handlers.render import CANCEL_WORDS
from locales.formatting import format_weekday_date
from locales.i18n import _
from locales.textfold import fold
from storage import audit, dialogs, meetings, tallies
from storage.meetings import Meeting

MEETING_FLOW = "meeting"
_CANCEL_WORDS = CANCEL_WORDS | {"khong hop nua"}
_STATUS_WORDS = ("tra loi", "ai den", "ai chua", "bao nhieu nguoi", "ai se den", "danh sach")
_MOVE_WORDS = ("doi hop", "doi lich", "hoan hop", "doi sang", "doi ngay", "lui hop")
_DROP_WORDS = ("huy hop", "huy cuoc hop", "huy lich hop", "khong hop nua")


def _only_leaders() -> list[Reply]:
    return [Reply(_("Only the group leader (or deputy) can call a group meeting."))]


def _draft_of(data: dict[str, Any]) -> rules.MeetingDraft:
    return rules.MeetingDraft(
        date.fromisoformat(data["day"]) if data.get("day") else None,
        time.fromisoformat(data["at"]) if data.get("at") else None,
        data.get("place"),
        data.get("purpose"),
    )


def _data_of(draft: rules.MeetingDraft, group_id: int, move: int | None) -> dict[str, Any]:
    return {
        "group": group_id,
        "day": draft.day.isoformat() if draft.day else None,
        "at": draft.at.strftime("%H:%M") if draft.at else None,
        "place": draft.place,
        "purpose": draft.purpose,
        "move": move,
    }


async def on_intent(ctx: Context) -> list[Reply]:
    """ "họp tổ tối thứ Bảy 19h ở nhà văn hóa", "ai chưa trả lời họp", "hủy họp", "dời họp"."""
    if ctx.person.role is not Role.LEADER or ctx.person.group_id is None:
        return await _for_a_member(ctx)
    folded = fold(ctx.inbound.text)
    leader = await meetings.leader_name(ctx.conn, ctx.person.group_id)
    draft = rules.parse(ctx.inbound.text, ctx.today, leader)
    upcoming = await meetings.next_for_group(ctx.conn, ctx.person.group_id, ctx.now)
    if upcoming is not None:
        if any(word in folded for word in _DROP_WORDS):
            return _confirm_cancel(upcoming, ctx)
        if any(word in folded for word in _MOVE_WORDS):
            return await _start_move(ctx, upcoming, draft)
        if any(word in folded for word in _STATUS_WORDS) and draft == rules.MeetingDraft():
            return await status(ctx, upcoming)
    elif any(word in folded for word in (*_STATUS_WORDS, *_DROP_WORDS, *_MOVE_WORDS)) and (
        draft.day is None
    ):
        return [
            Reply(
                _(
                    "Your group has no meeting coming up. To call one, write for example "
                    '"họp tổ thứ Bảy 19h ở nhà văn hóa ấp".'
                )
            )
        ]
    return await _ask(ctx, draft, None)


async def _for_a_member(ctx: Context) -> list[Reply]:
    """A member asking about meetings ("họp tổ mấy giờ") hears of the next one and can
    answer; only the leader or deputy may call one."""
    group_id = ctx.person.group_id
    said = rules.parse(ctx.inbound.text, ctx.today)
    if group_id is None or (said.day is not None and said.place is not None):
        return _only_leaders()
    upcoming = await meetings.next_for_group(ctx.conn, group_id, ctx.now)
    if upcoming is None:
        return [Reply(_("No meeting of your group is planned at the moment."))]
    text = _("Your group meets on {when}, at {place}.").format(
        when=when(upcoming, ctx.timezone), place=upcoming.place
    )
    if upcoming.purpose:
        text += "\n" + _("Agenda: {purpose}").format(purpose=upcoming.purpose)
    return [Reply(text, buttons=answer_buttons(upcoming))]


async def _ask(ctx: Context, draft: rules.MeetingDraft, move: int | None) -> list[Reply]:
    """Check the draft, ask for what is missing, or show the summary to confirm."""
    assert ctx.person.group_id is not None
    reason = rules.refusal(draft, ctx.now.astimezone(ctx.timezone))
    if reason is not None:
        limit = rules.MAX_DAYS_AHEAD
        text = (
            _("That date has already passed. Which day should the group meet?")
            if reason == "past"
            else _("That is more than {days} days ahead; please choose a nearer date.").format(
                days=limit
            )
        )
        draft = rules.MeetingDraft(None, draft.at, draft.place, draft.purpose)
        await _save(ctx, draft, move, "day")
        return [Reply(text, buttons=[[Button(_("Cancel"), "mt:drop")]])]
    missing = draft.missing
    if missing:
        step = missing[0]
        await _save(ctx, draft, move, step)
        question = {
            "day": _('On which day? (e.g. "thứ Bảy", "20/12")'),
            "at": _('At what time? (e.g. "19h", "7 giờ sáng")'),
            "place": _('Where? (e.g. "nhà văn hóa ấp")'),
        }[step]
        known = _known(draft)
        return [
            Reply(
                (known + "\n" if known else "") + question,
                buttons=[[Button(_("Cancel"), "mt:drop")]],
            )
        ]
    await _save(ctx, draft, move, "confirm")
    found = await meetings.members(ctx.conn, ctx.person.group_id)
    others = [m for m in found if m.customer_id != ctx.person.customer_id]
    reachable = sum(1 for m in others if m.chats)
    lines = [
        _("Meeting of your group (moved):") if move else _("Meeting of your group:"),
        _known(draft),
        _(
            "{told} members will be told on the chat; {not_told} have not linked the chat and "
            "must be told in person."
        ).format(told=reachable, not_told=len(others) - reachable),
    ]
    return [
        Reply(
            "\n".join(lines),
            buttons=[
                [Button(_("Confirm sending"), "mt:send")],
                [Button(_("Edit"), "mt:edit"), Button(_("Cancel"), "mt:drop")],
            ],
        )
    ]


async def _start_move(ctx: Context, meeting: Meeting, said: rules.MeetingDraft) -> list[Reply]:
    """Moving keeps what the leader does not change (the time, the place, the agenda)."""
    local = meeting.local(ctx.timezone)
    base = rules.MeetingDraft(
        local.date() if said.day is None and said.at is not None else None,
        local.time() if meeting.has_time else None,
        meeting.place,
        meeting.purpose,
    )
    draft = base.merged(said)
    if said.day is None and said.at is None and said.place is None:
        await _save(ctx, draft, meeting.id, "day")
        return [
            Reply(
                _(
                    "Which day (and time) should the meeting of {when} move to? "
                    '(e.g. "thứ Hai 19h")'
                ).format(when=when(meeting, ctx.timezone)),
                buttons=[[Button(_("Cancel"), "mt:drop")]],
            )
        ]
    return await _ask(ctx, draft, meeting.id)


def _known(draft: rules.MeetingDraft) -> str:
    parts = []
    if draft.day:
        parts.append(_("Day: {date}").format(date=format_weekday_date(draft.day)))
    if draft.at:
        parts.append(_("Time: {time}").format(time=draft.at.strftime("%H:%M")))
    if draft.place:
        parts.append(_("Place: {place}").format(place=draft.place))
    if draft.purpose:
        parts.append(_("Agenda: {purpose}").format(purpose=draft.purpose))
    return "\n".join(parts)


async def _save(ctx: Context, draft: rules.MeetingDraft, move: int | None, step: str) -> None:
    assert ctx.person.group_id is not None
    await dialogs.set_dialog(
        ctx.conn,
        ctx.person.channel,
        ctx.person.chat_id,
        MEETING_FLOW,
        step,
        _data_of(draft, ctx.person.group_id, move),
        ctx.now,
    )


async def on_text(ctx: Context, data: dict[str, Any], step: str) -> list[Reply] | None:
    """An answer while calling (or moving) a meeting; None when the message says nothing
    about it (the router answers it as usual and the draft waits)."""
    group_id = ctx.person.group_id
    if ctx.person.role is not Role.LEADER or group_id is None or group_id != data.get("group"):
        await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
        return _only_leaders()
    text = ctx.inbound.text.strip()
    if fold(text) in _CANCEL_WORDS:
        return await on_button(ctx, "drop")
    leader = await meetings.leader_name(ctx.conn, group_id)
    said = rules.parse(text, ctx.today, leader)
    if said == rules.MeetingDraft():
        if step != "place":
            return None
        said = rules.MeetingDraft(place=text)
    if step == "edit":
        draft = _draft_of(data)
        draft = rules.MeetingDraft(
            said.day or draft.day,
            said.at or draft.at,
            said.place or draft.place,
            said.purpose or draft.purpose,
        )
    else:
        draft = _draft_of(data).merged(said)
    return await _ask(ctx, draft, data.get("move"))


def _confirm_cancel(meeting: Meeting, ctx: Context) -> list[Reply]:
    return [
        Reply(
            _("Cancel the meeting of {when}? Everyone already told will be informed.").format(
                when=when(meeting, ctx.timezone)
            ),
            buttons=[
                [
                    Button(_("Confirm cancelling the meeting"), f"mt:cancelok:{meeting.id}"),
                    Button(_("Keep the meeting"), "mt:keep"),
                ]
            ],
        )
    ]


async def on_button(ctx: Context, value: str) -> list[Reply]:
    action, _sep, target = value.partition(":")
    if action in ("yes", "no") and target.isdigit():
        return await _answer(ctx, int(target), action == "yes")
    if ctx.person.role is not Role.LEADER or ctx.person.group_id is None:
        return _only_leaders()
    if action == "drop":
        await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
        return [Reply(_("Cancelled; nobody was told."))]
    if action == "keep":
        return [Reply(_("The meeting stays as planned."))]
    dialog = await dialogs.get_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id, ctx.now)
    if action == "edit" and dialog is not None and dialog.flow == MEETING_FLOW:
        await dialogs.set_dialog(
            ctx.conn,
            ctx.person.channel,
            ctx.person.chat_id,
            MEETING_FLOW,
            "edit",
            dialog.data,
            ctx.now,
        )
        return [Reply(_("Type the new day, time, place or agenda (only what changes)."))]
    if action == "send":
        if dialog is None or dialog.flow != MEETING_FLOW or dialog.step != "confirm":
            return [
                Reply(
                    _(
                        "There is no meeting waiting to be sent. Write for example "
                        '"họp tổ thứ Bảy 19h ở nhà văn hóa ấp".'
                    )
                )
            ]
        return await _send(ctx, dialog.data)
    meeting = await meetings.get(ctx.conn, int(target)) if target.isdigit() else None
    if meeting is None or meeting.group_id != ctx.person.group_id:
        return [Reply(_("That meeting is not one of your group's."))]
    if action == "status":
        return await status(ctx, meeting)
    if action == "move":
        return await _start_move(ctx, meeting, rules.MeetingDraft())
    if action == "cancel":
        return _confirm_cancel(meeting, ctx)
    if action == "cancelok":
        if meeting.status != "scheduled":
            return [Reply(_("This meeting was already cancelled."))]
        group = await tallies.group_info(ctx.conn, meeting.group_id)
        await meetings.cancel(ctx.conn, meeting, ctx.now)
        told = await tell_cancelled(
            ctx.conn, group.code if group else "", meeting, ctx.timezone, ctx.now
        )
        await audit.audit(ctx.conn, ctx.person, "meeting_cancel", ctx.now, f"meeting:{meeting.id}")
        return [
            Reply(
                _("The meeting is cancelled; {n} members who were told will be informed.").format(
                    n=told
                )
            )
        ]
    return [Reply(_("That meeting is not one of your group's."))]


async def _send(ctx: Context, data: dict[str, Any]) -> list[Reply]:
    assert ctx.person.group_id is not None
    draft = _draft_of(data)
    if draft.missing or rules.refusal(draft, ctx.now.astimezone(ctx.timezone)):
        return await _ask(ctx, draft, data.get("move"))
    assert draft.day is not None and draft.at is not None and draft.place is not None
    starts = datetime.combine(draft.day, draft.at, ctx.timezone).astimezone(UTC)
    group = await tallies.group_info(ctx.conn, ctx.person.group_id)
    code = group.code if group else ""
    move = data.get("move")
    current = await meetings.get(ctx.conn, move) if move else None
    if current is not None and current.status == "scheduled":
        meeting = await meetings.move(ctx.conn, current, starts, draft.place, ctx.now)
        action = "meeting_move"
    else:
        meeting = await meetings.create(
            ctx.conn,
            ctx.person.group_id,
            starts,
            draft.place,
            draft.purpose,
            ctx.person.customer_id,
            ctx.now,
        )
        action = "meeting_call"
    told, unreachable = await tell_members(
        ctx.conn,
        code,
        meeting,
        ctx.timezone,
        ctx.now,
        skip_customer=ctx.person.customer_id,
        moved=action == "meeting_move",
    )
    await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
    await audit.audit(ctx.conn, ctx.person, action, ctx.now, f"meeting:{meeting.id}")
    return [
        Reply(
            _(
                "Sent to {told} members. {unreachable} members have no linked chat: please tell "
                'them in person. Ask "ai chưa trả lời họp" to see the answers.'
            ).format(told=told, unreachable=unreachable)
        )
    ]


async def _answer(ctx: Context, meeting_id: int, coming: bool) -> list[Reply]:
    meeting = await meetings.get(ctx.conn, meeting_id)
    customer = ctx.person.customer_id
    if (
        meeting is None
        or customer is None
        or not await meetings.is_member(ctx.conn, meeting.group_id, customer)
    ):
        return [Reply(_("That meeting is not one of your group's."))]
    if meeting.status != "scheduled":
        return [Reply(_("This meeting was cancelled."))]
    if meeting.has_time and meeting.starts_at <= ctx.now:
        return [Reply(_("This meeting has already started."))]
    await meetings.answer(ctx.conn, meeting.id, customer, coming, ctx.now)
    text = (
        _("Thank you; noted that you will come on {when}.")
        if coming
        else _("Noted that you cannot come on {when}; the group leader will see it.")
    )
    return [Reply(text.format(when=when(meeting, ctx.timezone)))]


async def status(ctx: Context, meeting: Meeting) -> list[Reply]:
    """Who comes, who does not, who has not answered, who cannot be reached on the chat."""
    found = await meetings.members(ctx.conn, meeting.group_id)
    answered = await meetings.answers(ctx.conn, meeting.id)
    caller = ctx.person.customer_id
    others = [m for m in found if m.customer_id != caller]
    coming = [m.name for m in others if answered.get(m.customer_id) is True]
    not_coming = [m.name for m in others if answered.get(m.customer_id) is False]
    silent = [m.name for m in others if m.customer_id not in answered and m.chats]
    unreachable = [m.name for m in others if m.customer_id not in answered and not m.chats]

    def line(label: str, names: list[str]) -> str:
        return label.format(n=len(names)) + (": " + ", ".join(names) if names else "")

    text = [
        _("Meeting on {when}, at {place}:").format(
            when=when(meeting, ctx.timezone), place=meeting.place
        ),
        line(_("Coming ({n})"), coming),
        line(_("Cannot come ({n})"), not_coming),
        line(_("Not answered yet ({n})"), silent),
        line(_("Not reachable on the chat ({n})"), unreachable),
    ]
    await audit.audit(ctx.conn, ctx.person, "meeting_status", ctx.now, f"meeting:{meeting.id}")
    return [
        Reply(
            "\n".join(text),
            buttons=[
                [
                    Button(_("Move the meeting"), f"mt:move:{meeting.id}"),
                    Button(_("Cancel the meeting"), f"mt:cancel:{meeting.id}"),
                ]
            ],
        )
    ]
