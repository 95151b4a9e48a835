"""Group meetings in the chat: the leader (or deputy) calls one in a message or two (the bot
asks for what is missing and shows a summary to confirm), members answer with a button, the
leader sees who comes, and can move or cancel it; everyone already told hears of it.

The day is read by `handlers.rules.meeting_day` (an explicit date beats a weekday word; a
weekday that disagrees with the date is asked about; a move to a weekday counts from the
meeting's own day). "dời họp ..." moves the meeting already called even when typed inside
another draft, keeping what it does not change (a time alone keeps its day). A
confirm or cancel word ("xác nhận", "ok", "hủy") is the act it names at every step, never a
place or an agenda."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from enum import StrEnum

from bot.nlu import meeting_text, understand
from bot.nlu.meeting_text import MeetingDraft, evening_alone
from handlers import flow_state
from handlers.buttons import MeetingAction, MeetingButton
from handlers.context import Context
from handlers.flow_state import FlowState
from handlers.meetings import attendance
from handlers.meetings.attendance import for_a_member
from handlers.meetings.notices import tell_cancelled, tell_members, when
from handlers.messages import Button, Reply, Role
from handlers.render import CANCEL_WORDS
from handlers.rules.meeting_day import read_day
from handlers.rules.meetings import MAX_DAYS_AHEAD, refusal
from handlers.typed_answers import act_word, cancels, which_of_them, yes_or_stop
from locales.formatting import format_weekday_date
from locales.i18n import _
from locales.textfold import fold
from storage import audit, meetings, tallies
from storage.dialogs import Dialog
from storage.meetings import Meeting

MEETING_FLOW = "meeting"
_CANCEL_WORDS = CANCEL_WORDS | {"khong hop nua"}
_STATUS_WORDS = (
    *("tra loi", "ai den", "ai chua", "bao nhieu nguoi", "ai se den", "danh sach"),
    *("answered", "who is coming", "who will come", "who has not", "who hasn"),  # English
)
_MOVE_WORDS = (
    "doi hop",
    "doi lich",
    "hoan hop",
    "doi sang",
    "doi ngay",
    "lui hop",
    "doi gio hop",
    "doi buoi hop",
    "chuyen hop",
    "dua hop",
    "lui lich",
    "hoan lich",
)
# Also a move when no other draft is open and the group has a meeting coming up (inside a new
# draft, "đổi lại 3h chiều" changes that draft): "lùi sang thứ Hai", "sớm lên thứ Năm".
_MOVE_HINTS = (
    "doi gio",
    "doi lai",
    "doi qua",
    "doi len",
    "doi thanh",
    "lui sang",
    "lui lai",
    "lui qua",
    "lui ngay",
    "lui gio",
    "hoan sang",
    "hoan lai",
    "som len",
    "som hon",
    "dua len",
    "keo len",
    "day len",
)
_DROP_WORDS = ("huy hop", "huy cuoc hop", "huy lich hop", "khong hop nua")
MAX_PLACE = 200
Clash = tuple[date, date]  # the weekday's day and the date's, when they disagree


def _only_leaders() -> list[Reply]:
    return [Reply(_("Only the group leader (or deputy) can call a group meeting."))]


def _cancel_row() -> list[list[Button]]:
    return [[Button(_("Cancel"), MeetingButton(MeetingAction.DROP).pack())]]


class MeetingStep(StrEnum):
    DAY = "day"
    AT = "at"
    PLACE = "place"
    CONFIRM = "confirm"
    EDIT = "edit"  # the leader is typing what changes
    MORNING_OR_EVENING = "ampm"  # "7 giờ sáng hay 7 giờ tối?"


@dataclass(frozen=True)
class MeetingState(FlowState):
    """A meeting being called (or moved: `move` is the meeting's id)."""

    FLOW = MEETING_FLOW

    group: int
    day: str | None = None  # ISO date
    at: str | None = None  # HH:MM
    place: str | None = None
    purpose: str | None = None
    move: int | None = None
    either: str | None = None  # HH:MM in the morning, or 12 hours later: asked

    @property
    def draft(self) -> MeetingDraft:
        return MeetingDraft(
            date.fromisoformat(self.day) if self.day else None,
            time.fromisoformat(self.at) if self.at else None,
            self.place,
            self.purpose,
            time.fromisoformat(self.either) if self.either else None,
        )

    @classmethod
    def of(cls, draft: MeetingDraft, group_id: int, move: int | None) -> MeetingState:
        return cls(
            group_id,
            draft.day.isoformat() if draft.day else None,
            draft.at.strftime("%H:%M") if draft.at else None,
            draft.place,
            draft.purpose,
            move,
            draft.either.strftime("%H:%M") if draft.either else None,
        )


async def on_intent(ctx: Context) -> list[Reply]:
    """ "họp tổ tối thứ Bảy 19h ở nhà văn hóa", "ai chưa trả lời họp", "hủy họp", "dời họp".
    Leaders only (the registry sends members to `for_a_member`)."""
    if ctx.person.group_id is None:
        return await for_a_member(ctx)
    folded = fold(ctx.inbound.text)
    draft, clash = await _read(ctx, ctx.inbound.text)
    upcoming = await meetings.next_for_group(ctx.conn, ctx.person.group_id, ctx.now)
    if upcoming is not None:
        if any(word in folded for word in _DROP_WORDS):
            return _confirm_cancel(upcoming, ctx)
        if _moves(folded):
            moving = upcoming.local(ctx.timezone).date()
            draft, clash = await _read(ctx, ctx.inbound.text, moving)
            return await _start_move(ctx, upcoming, draft, clash)
        if any(word in folded for word in _STATUS_WORDS) and draft == MeetingDraft():
            return await attendance.status(ctx, upcoming)
    elif any(word in folded for word in (*_STATUS_WORDS, *_DROP_WORDS, *_MOVE_WORDS)) and (
        draft.day is None and clash is None
    ):
        return [
            Reply(
                _(
                    "Your group has no meeting coming up. To call one, write for example "
                    '"họp tổ thứ Bảy 19h ở nhà văn hóa ấp".'
                )
            )
        ]
    if clash is not None:
        return await _which_day(ctx, draft, None, clash)
    return await _ask(ctx, draft, None)


def _moves(folded: str) -> bool:
    return any(word in folded for word in (*_MOVE_WORDS, *_MOVE_HINTS))


async def moves_the_meeting(ctx: Context) -> bool:
    """Whether a leader's message, whatever intent it was read as ("đổi lại 3h chiều" reads
    like a tally correction, "lùi sang thứ Hai" like nothing), moves the group's coming
    meeting: it says a move and a new day or time, and a meeting is coming up."""
    group_id = ctx.person.group_id
    text = ctx.inbound.text
    folded = fold(text)
    if group_id is None or not _moves(folded):
        return False
    said = meeting_text.parse(text, ctx.today)
    if (
        said.day is None
        and said.at is None
        and said.either is None
        and read_day(text, ctx.today).day is None
    ):
        return False
    return await meetings.next_for_group(ctx.conn, group_id, ctx.now) is not None


async def _read(
    ctx: Context, text: str, moving: date | None = None
) -> tuple[MeetingDraft, Clash | None]:
    """What the message says of the meeting, its day by the day rule (`moving`: the day of
    the meeting being moved)."""
    leader = (
        await meetings.leader_name(ctx.conn, ctx.person.group_id)
        if ctx.person.group_id is not None
        else None
    )
    said = meeting_text.parse(text, ctx.today, leader)
    reading = read_day(text, ctx.today, moving)
    return replace(said, day=reading.day), reading.clash


async def _which_day(
    ctx: Context, draft: MeetingDraft, move: int | None, clash: Clash
) -> list[Reply]:
    """ "thứ Sáu 12/12" when 12/12 is a Saturday: ask, never guess."""
    by_weekday, by_date = clash
    await _save(ctx, replace(draft, day=None), move, MeetingStep.DAY)
    return [
        Reply(
            _(
                "The weekday and the date you wrote do not match: {by_date} is not a "
                "{weekday}. Which day do you mean: {first} or {second}? Type the date."
            ).format(
                by_date=by_date.strftime("%d/%m/%Y"),
                weekday=format_weekday_date(by_weekday).split(",")[0],
                first=format_weekday_date(by_weekday),
                second=format_weekday_date(by_date),
            ),
            buttons=_cancel_row(),
        )
    ]


async def _ask(
    ctx: Context, draft: MeetingDraft, move: int | None, *, not_yet: bool = False
) -> list[Reply]:
    """Check the draft, ask for what is missing, or show the summary to confirm. `not_yet`:
    the leader confirmed before everything was known (said so above the question)."""
    group_id = ctx.person.group_id
    if group_id is None:
        return _only_leaders()
    reason = refusal(draft, ctx.now.astimezone(ctx.timezone))
    if reason is not None and draft.day is not None:  # a refusal is about a day said
        text = (
            _("{date} has already passed. Which day should the group meet?").format(
                date=format_weekday_date(draft.day)
            )
            if reason == "past"
            else _("That is more than {days} days ahead; please choose a nearer date.").format(
                days=MAX_DAYS_AHEAD
            )
        )
        draft = replace(draft, day=None)
        await _save(ctx, draft, move, "day")
        return [Reply(text, buttons=_cancel_row())]
    if draft.at is None and draft.either is not None:
        return await _morning_or_evening(ctx, draft, move)
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
        first = _("Nothing is sent yet: I still need this.") + "\n" if not_yet else ""
        return [
            Reply(
                first + (known + "\n" if known else "") + question,
                buttons=_cancel_row(),
            )
        ]
    await _save(ctx, draft, move, "confirm")
    found = await meetings.members(ctx.conn, group_id)
    others = [m for m in found if m.customer_id != ctx.person.customer_id]
    reachable = sum(1 for m in others if m.chats)
    lines = [_("Meeting of your group (moved):") if move else _("Meeting of your group:")]
    moved = await meetings.get(ctx.conn, move) if move else None
    if moved is not None:  # so the leader can check the new day against the old one
        lines.append(_("Until now: {when}").format(when=when(moved, ctx.timezone)))
    lines += [
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


def _in_the(at: time, evening: bool) -> str:
    """ "7 giờ sáng", "7 giờ 30 tối": a choice's label."""
    hour, minute = at.hour, f"{at.minute:02d}"
    if at.minute == 0:
        said = _("{hour} in the evening") if evening else _("{hour} in the morning")
    else:
        said = (
            _("{hour}:{minute} in the evening") if evening else _("{hour}:{minute} in the morning")
        )
    return said.format(hour=hour, minute=minute)


async def _morning_or_evening(ctx: Context, draft: MeetingDraft, move: int | None) -> list[Reply]:
    """ "họp tổ toi 7h": "tôi" (my) or "tối" (evening)? Asked, never guessed."""
    assert draft.either is not None
    await _save(ctx, draft, move, MeetingStep.MORNING_OR_EVENING)
    morning, evening = _in_the(draft.either, False), _in_the(draft.either, True)
    known = _known(draft)
    return [
        Reply(
            (known + "\n" if known else "")
            + _("{morning} or {evening}?").format(morning=morning, evening=evening),
            buttons=[
                [
                    Button(morning, MeetingButton(MeetingAction.MORNING).pack()),
                    Button(evening, MeetingButton(MeetingAction.EVENING).pack()),
                ],
                [Button(_("Cancel"), MeetingButton(MeetingAction.DROP).pack())],
            ],
        )
    ]


def _at(either: time, evening: bool) -> time:
    return time(either.hour + 12, either.minute) if evening else either


async def _start_move(
    ctx: Context, meeting: Meeting, said: MeetingDraft, clash: Clash | None = None
) -> list[Reply]:
    """Moving keeps what the leader does not change (the time, the place), and the agenda
    always: a move changes when and where, so "dời qua chủ nhật, nhà tui có đám giỗ" is a
    reason, not a new agenda."""
    said = replace(said, purpose=None)
    local = meeting.local(ctx.timezone)
    keeps_day = (
        said.day is None and clash is None and (said.at or said.either or said.place) is not None
    )
    base = MeetingDraft(
        local.date() if keeps_day else None,
        local.time() if meeting.has_time else None,
        meeting.place,
        meeting.purpose,
    )
    draft = base.merged(said)
    if clash is not None:
        return await _which_day(ctx, draft, meeting.id, clash)
    if said == MeetingDraft():
        await _save(ctx, draft, meeting.id, "day")
        return [
            Reply(
                _(
                    "Which day (and time) should the meeting of {when} move to? "
                    '(e.g. "thứ Hai 19h")'
                ).format(when=when(meeting, ctx.timezone)),
                buttons=_cancel_row(),
            )
        ]
    return await _ask(ctx, draft, meeting.id)


def _known(draft: MeetingDraft) -> str:
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


async def _save(ctx: Context, draft: MeetingDraft, move: int | None, step: str) -> None:
    if ctx.person.group_id is not None:
        await flow_state.save(ctx, MeetingState.of(draft, ctx.person.group_id, move), step)


async def on_text(ctx: Context, dialog: Dialog) -> list[Reply] | None:
    """An answer while calling (or moving) a meeting; None when the message says nothing
    about it (the router answers it as usual and the draft waits)."""
    group_id = ctx.person.group_id
    found = flow_state.state_of(dialog, MeetingState)
    if group_id is None or found is None or found[0].group != group_id:
        await flow_state.close(ctx)
        return None
    state, step = found
    text = ctx.inbound.text.strip()
    folded = fold(text)
    act = act_word(text) or ("unclear" if yes_or_stop(text) else None)
    if cancels(text, _CANCEL_WORDS) or act == "cancel":
        return await on_button(ctx, MeetingButton(MeetingAction.DROP))
    if any(word in folded for word in _STATUS_WORDS):
        return None  # "ai chưa trả lời họp": answered as usual, the draft waits
    upcoming = await meetings.next_for_group(ctx.conn, group_id, ctx.now)
    if upcoming is not None and (
        (upcoming.id != state.move and any(word in folded for word in _MOVE_WORDS))
        or (state.move is not None and any(word in folded for word in _DROP_WORDS))
    ):
        # "dời họp sang 14h ngày 12/12" inside another draft: the meeting already called
        # moves (keeping its place and agenda); "hủy họp" while moving it asks to cancel it.
        await flow_state.close(ctx)
        return await on_intent(ctx)
    if any(word in folded for word in _DROP_WORDS):
        return await on_button(ctx, MeetingButton(MeetingAction.DROP))
    evening = evening_alone(text) if step == MeetingStep.MORNING_OR_EVENING else None
    either = state.draft.either
    if evening is not None and either is not None:  # "tối": the answer to "sáng hay tối?"
        chosen = replace(state.draft, at=_at(either, evening), either=None)
        return await _ask(ctx, chosen, state.move)
    if act is not None:  # "xác nhận", "ok", "không": the act, never a value
        if step == MeetingStep.CONFIRM and act == "affirm":
            return await _send(ctx, state)
        asked = await _ask(ctx, state.draft, state.move, not_yet=step != MeetingStep.CONFIRM)
        if step == MeetingStep.CONFIRM and act == "unclear":  # "dung": "đúng" or "dừng"?
            asked[-1].text = which_of_them() + "\n\n" + asked[-1].text
        return asked
    moved = await meetings.get(ctx.conn, state.move) if state.move is not None else None
    said, clash = await _read(ctx, text, moved.local(ctx.timezone).date() if moved else None)
    if (
        moved is not None
        and state.draft.day is None
        and said.day is None
        and clash is None
        and (said.at or said.either or said.place) is not None
    ):  # "dời họp", then "đổi lại 3h chiều": the meeting keeps its day
        said = replace(said, day=moved.local(ctx.timezone).date())
    if state.move is not None:  # a move keeps its agenda (see `_start_move`)
        said = replace(said, purpose=None)
    if clash is not None:
        return await _which_day(ctx, state.draft.merged(said), state.move, clash)
    if said == MeetingDraft() and meeting_text.asks_to_send(text):
        # "cái lịch họp hồi nãy sao rồi, gửi cho tổ đi": the go-ahead, never an agenda
        if step == MeetingStep.CONFIRM:
            return await _send(ctx, state)
        return await _ask(ctx, state.draft, state.move, not_yet=True)
    if said == MeetingDraft():
        if step != MeetingStep.PLACE or _asks_something_else(ctx):
            return None  # answered as usual; the draft waits for its place
        said = MeetingDraft(place=text[:MAX_PLACE])
    return await _ask(ctx, state.draft.merged(said), state.move)


def corrects_the_summary(ctx: Context, dialog: Dialog) -> bool:
    """At the summary, a correction that carries its new value ("ko phải, 7h tối lận 19h đó",
    "sai rồi, chủ nhật 6/12 lận") is the meeting's to read before its "không" is taken for
    the Edit button: the value is taken and the summary shown again."""
    found = flow_state.state_of(dialog, MeetingState)
    text = ctx.inbound.text
    if found is None or found[1] != MeetingStep.CONFIRM or act_word(text) is not None:
        return False
    reading = read_day(text, ctx.today)
    return (
        meeting_text.parse(text, ctx.today) != MeetingDraft()
        or reading.day is not None
        or reading.clash is not None
    )


# Questions the leader may ask while the bot waits for a meeting's place: answered as usual,
# never taken for the place ("dư nợ bao nhiêu" is not where the group meets).
_QUESTIONS = frozenset(
    {
        "balance",
        "due_date",
        "interest",
        "savings",
        "program_info",
        "group_status",
        "tally_submit",
        "contact_officer",
        "help",
        "reminders_on",
        "reminders_off",
        "broadcast",
    }
)
QUESTION_CONFIDENCE = 0.6


def _asks_something_else(ctx: Context) -> bool:
    understood = understand(ctx.inbound.text, ctx.today)
    return understood.intent in _QUESTIONS and understood.confidence >= QUESTION_CONFIDENCE


async def drop(ctx: Context) -> list[Reply]:
    """ "thôi không họp nữa" while calling one: the draft is dropped, nobody was told."""
    return await on_button(ctx, MeetingButton(MeetingAction.DROP))


def _confirm_cancel(meeting: Meeting, ctx: Context) -> list[Reply]:
    return [
        Reply(
            _("Cancel the meeting of {when}? Everyone already told will be informed.").format(
                when=when(meeting, ctx.timezone)
            ),
            buttons=[
                [
                    Button(
                        _("Confirm cancelling the meeting"),
                        MeetingButton(MeetingAction.CANCEL_CONFIRMED, meeting.id).pack(),
                    ),
                    Button(_("Keep the meeting"), MeetingButton(MeetingAction.KEEP).pack()),
                ]
            ],
        )
    ]


async def on_button(ctx: Context, data: MeetingButton) -> list[Reply]:
    """Members answer a notice (coming or not); everything else is the leader's."""
    action, target = data.action, data.meeting
    if action in (MeetingAction.COMING, MeetingAction.NOT_COMING):
        if target is None:
            return [Reply(_("That meeting is not one of your group's."))]
        return await attendance.answer(ctx, target, action is MeetingAction.COMING)
    if ctx.person.role is not Role.LEADER or ctx.person.group_id is None:
        return _only_leaders()
    if action is MeetingAction.DROP:
        await flow_state.close(ctx)
        return [Reply(_("Cancelled; nobody was told."))]
    if action is MeetingAction.KEEP:
        return [Reply(_("The meeting stays as planned."))]
    found = flow_state.state_of(ctx.person.dialog, MeetingState)
    if action in (MeetingAction.MORNING, MeetingAction.EVENING):
        draft = found[0].draft if found is not None else None
        if found is None or draft is None or draft.either is None:
            return [
                Reply(
                    _(
                        "There is no meeting waiting to be sent. Write for example "
                        '"họp tổ thứ Bảy 19h ở nhà văn hóa ấp".'
                    )
                )
            ]
        at = _at(draft.either, action is MeetingAction.EVENING)
        return await _ask(ctx, replace(draft, at=at, either=None), found[0].move)
    if action is MeetingAction.EDIT and found is not None:
        await flow_state.save(ctx, found[0], MeetingStep.EDIT)
        return [Reply(_("Type the new day, time, place or agenda (only what changes)."))]
    if action is MeetingAction.SEND:
        if found is None or found[1] != MeetingStep.CONFIRM:
            return [
                Reply(
                    _(
                        "There is no meeting waiting to be sent. Write for example "
                        '"họp tổ thứ Bảy 19h ở nhà văn hóa ấp".'
                    )
                )
            ]
        return await _send(ctx, found[0])
    meeting = await meetings.get(ctx.conn, target) if target is not None else None
    if meeting is None or meeting.group_id != ctx.person.group_id:
        return [Reply(_("That meeting is not one of your group's."))]
    if action is MeetingAction.STATUS:
        return await attendance.status(ctx, meeting)
    if action is MeetingAction.MOVE:
        return await _start_move(ctx, meeting, MeetingDraft())
    if action is MeetingAction.CANCEL:
        return _confirm_cancel(meeting, ctx)
    if action is MeetingAction.CANCEL_CONFIRMED:
        if meeting.status != "scheduled":
            return [Reply(_("This meeting was already cancelled."))]
        group = await tallies.group_info(ctx.conn, meeting.group_id)
        waiting = await meetings.waiting_told(ctx.conn, meeting.id)  # withdrawn by cancel
        await meetings.cancel(ctx.conn, meeting, ctx.now)
        told = await tell_cancelled(
            ctx.conn, group.name if group else "", meeting, ctx.timezone, ctx.now, waiting
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


async def _send(ctx: Context, state: MeetingState) -> list[Reply]:
    group_id = ctx.person.group_id
    draft = state.draft
    if (
        group_id is None
        or draft.day is None
        or draft.at is None
        or draft.place is None
        or refusal(draft, ctx.now.astimezone(ctx.timezone))
    ):
        return await _ask(ctx, draft, state.move)
    starts = datetime.combine(draft.day, draft.at, ctx.timezone).astimezone(UTC)
    group = await tallies.group_info(ctx.conn, group_id)
    group_name = group.name if group else ""
    move = state.move
    current = await meetings.get(ctx.conn, move) if move else None
    if current is not None and current.status == "scheduled":
        meeting = await meetings.move(ctx.conn, current, starts, draft.place, ctx.now)
        action = "meeting_move"
    else:
        meeting = await meetings.create(
            ctx.conn,
            group_id,
            starts,
            draft.place,
            draft.purpose,
            ctx.person.customer_id,
            ctx.now,
        )
        action = "meeting_call"
    told, unreachable = await tell_members(
        ctx.conn,
        group_name,
        meeting,
        ctx.timezone,
        ctx.now,
        skip_customer=ctx.person.customer_id,
        moved=action == "meeting_move",
    )
    await flow_state.close(ctx)  # a dialog it interrupted (the tally's draft) is back
    await audit.audit(ctx.conn, ctx.person, action, ctx.now, f"meeting:{meeting.id}")
    return [
        Reply(
            _(
                "Sent to {told} members. {unreachable} members have no linked chat: please tell "
                'them in person. Ask "ai chưa trả lời họp" to see the answers.'
            ).format(told=told, unreachable=unreachable)
        )
    ]
