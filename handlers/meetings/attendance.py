"""Members and meetings: a member asking when the group meets (with the answer buttons), a
member answering a notice, and the leader's view of who comes, who does not, who has not
answered and who cannot be reached on the chat."""

from __future__ import annotations

from bot.nlu import meeting_text
from handlers.buttons import MeetingAction, MeetingButton
from handlers.context import Context
from handlers.meetings.notices import answer_buttons, when
from handlers.messages import Button, Reply
from locales.i18n import _
from storage import audit, meetings
from storage.meetings import Meeting


async def for_a_member(ctx: Context) -> list[Reply]:
    """A member asking about meetings ("họp tổ mấy giờ") hears of the next one and can
    answer; only the leader or deputy may call one."""
    group_id = ctx.person.group_id
    said = meeting_text.parse(ctx.inbound.text, ctx.today)
    if group_id is None or (said.day is not None and said.place is not None):
        return [Reply(_("Only the group leader (or deputy) can call a group meeting."))]
    upcoming = await meetings.next_for_group(ctx.conn, group_id, ctx.now)
    if upcoming is None:
        return [Reply(_("No meeting of your group is planned at the moment."))]
    text = _("Your group meets on {when}, at {place}.").format(
        when=when(upcoming, ctx.timezone), place=upcoming.place
    )
    if upcoming.purpose:
        text += "\n" + _("Agenda: {purpose}").format(purpose=upcoming.purpose)
    if upcoming.called_by == ctx.person.customer_id:  # her own meeting: nothing to answer
        return [Reply(text)]
    return [Reply(text, buttons=answer_buttons(upcoming))]


async def answer(ctx: Context, meeting_id: int, coming: bool) -> list[Reply]:
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
                    Button(
                        _("Move the meeting"), MeetingButton(MeetingAction.MOVE, meeting.id).pack()
                    ),
                    Button(
                        _("Cancel the meeting"),
                        MeetingButton(MeetingAction.CANCEL, meeting.id).pack(),
                    ),
                ]
            ],
        )
    ]
