"""What members are told about a group meeting (the notice with its two answer buttons, a
move, a cancellation, the reminders), and queueing it through the outbox."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection

from handlers.buttons import MeetingAction, MeetingButton
from handlers.messages import Button
from handlers.rules.sessions import next_session
from locales.formatting import format_weekday_date
from locales.i18n import _, use_locale
from storage import meetings, outbox, schedules
from storage.meetings import Meeting


def when(meeting: Meeting, timezone: ZoneInfo) -> str:
    local = meeting.local(timezone)
    text = format_weekday_date(local.date())
    if meeting.has_time:
        text += " " + _("at {time}").format(time=local.strftime("%H:%M"))
    return text


def notice_text(group: str, meeting: Meeting, timezone: ZoneInfo, moved: bool = False) -> str:
    head = (
        _("The meeting of {group} has moved: {when}, at {place}.")
        if moved
        else _("{group} meets on {when}, at {place}.")
    )
    text = head.format(group=group, when=when(meeting, timezone), place=meeting.place)
    if meeting.purpose:
        text += "\n" + _("Agenda: {purpose}").format(purpose=meeting.purpose)
    return text + "\n" + _("Can you come?")


def answer_buttons(meeting: Meeting) -> list[list[Button]]:
    return [
        [
            Button(_("I will come"), MeetingButton(MeetingAction.COMING, meeting.id).pack()),
            Button(_("I cannot come"), MeetingButton(MeetingAction.NOT_COMING, meeting.id).pack()),
        ]
    ]


def cancelled_text(group: str, meeting: Meeting, timezone: ZoneInfo) -> str:
    return _("The meeting of {group} on {when} is cancelled.").format(
        group=group, when=when(meeting, timezone)
    )


def eve_text(meeting: Meeting, timezone: ZoneInfo) -> str:
    return _("Reminder: your group meets tomorrow, {when}, at {place}.").format(
        when=when(meeting, timezone), place=meeting.place
    )


def soon_text(meeting: Meeting, timezone: ZoneInfo) -> str:
    return _("Reminder: your group meets today at {time}, at {place}.").format(
        time=meeting.local(timezone).strftime("%H:%M"), place=meeting.place
    )


async def tell_members(
    conn: AsyncConnection,
    group: str,
    meeting: Meeting,
    timezone: ZoneInfo,
    now: datetime,
    *,
    skip_customer: int | None = None,
    moved: bool = False,
) -> tuple[int, int]:
    """Queue the notice (with the answer buttons) to every reachable member; `moved`: "has
    moved" to the chats told of the meeting before. Returns (told, members who cannot be told
    on a chat)."""
    found = await meetings.members(conn, meeting.group_id)
    # A move is news only to the chats told before; one whose notice never left (withdrawn
    # with the move) hears of the meeting for the first time.
    told = (
        {(c, chat) for c, chat, _locale in await meetings.told(conn, meeting.id)}
        if moved
        else set()
    )
    messages = []
    unreachable = 0
    for member in found:
        if member.customer_id == skip_customer:
            continue
        if not member.chats:
            unreachable += 1
        for channel, chat_id, locale in member.chats:
            with use_locale(locale):
                messages.append(
                    outbox.Message(
                        channel,
                        chat_id,
                        notice_text(group, meeting, timezone, (channel, chat_id) in told),
                        meetings.NOTICE_KIND,
                        f"meeting:{meeting.id}:r{meeting.revision}:c{member.customer_id}",
                        now,
                        answer_buttons(meeting),
                        not_after=meeting.starts_at
                        if meeting.has_time
                        else meeting.starts_at + timedelta(days=1),
                    )
                )
    await outbox.enqueue(conn, messages, now)
    return len(messages), unreachable


async def tell_cancelled(
    conn: AsyncConnection,
    group: str,
    meeting: Meeting,
    timezone: ZoneInfo,
    now: datetime,
    waiting: list[tuple[str, str, str]] | None = None,
) -> int:
    """Queue the cancellation to every chat told of the meeting, naming its day and time as
    that chat last heard of them (a move whose notice was withdrawn unsent was never heard);
    `waiting`: the chats whose notice was still queued when it was cancelled (the leader was
    told they were sent it), who hear of the meeting as it is now. How many chats."""
    told = await meetings.last_told(conn, meeting)
    reached = {(channel, chat_id) for channel, chat_id, _locale, _heard in told}
    told += [
        (channel, chat_id, locale, meeting)
        for channel, chat_id, locale in waiting or []
        if (channel, chat_id) not in reached
    ]
    messages = []
    for channel, chat_id, locale, heard in told:
        with use_locale(locale):
            messages.append(
                outbox.Message(
                    channel,
                    chat_id,
                    cancelled_text(group, heard, timezone),
                    "meeting_cancel",
                    f"meeting-cancel:{meeting.id}:{channel}:{chat_id}",
                    now,
                )
            )
    return await outbox.enqueue(conn, messages, now)


async def materialise_imported(
    conn: AsyncConnection,
    today: date,
    timezone: ZoneInfo,
    now: datetime,
    horizon_days: int = 60,
) -> int:
    """Group meetings of the schedule file in the next `horizon_days` become meetings like
    the leaders' ones (members are told and can answer); returns how many were new."""
    by_group = (await schedules.all_rules(conn)).by_group
    existing = await meetings.imported_starts(conn)
    made = 0
    for group_id, rules in by_group.items():
        session = next_session(rules, today, months=3)
        if session is None or session.day > today + timedelta(days=horizon_days):
            continue
        starts, has_time = meetings.start_of(session.day, session.start_time, timezone)
        if (group_id, starts) in existing:
            continue
        meeting = await meetings.create(
            conn,
            group_id,
            starts,
            session.place or _("the usual place"),
            None,
            None,
            now,
            has_time=has_time,
            source="import",
        )
        await tell_members(conn, await meetings.group_name(conn, group_id), meeting, timezone, now)
        made += 1
    return made
