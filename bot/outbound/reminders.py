"""Which reminders are due on a day, computed from the data (never from in-memory jobs).

Each planned reminder carries a dedupe key built from its kind, the household and the thing
it is about, so planning the same day twice, after a restart or on a second worker, queues
nothing new; and a household linked on Telegram and on Zalo gets it once, in its chat for
news (storage/news_chat.py), even when that chat changes during the day. Reminders leave
between 07:00 and 20:00 local time of their day and are dropped if they could not leave by
20:00 (a reminder for "tomorrow" is no use the day after).

Kinds:
- `session_eve`: a borrower, the day before their commune's transaction session (date, time,
  place, this month's interest);
- `installment_7d`, `installment_1d`: 7 days and 1 day before a principal installment;
- `overdue_weekly`: on Mondays, while a household has overdue principal;
- `leader_session_eve`: a leader (and deputy), the day before the session: the group's
  expected totals and a button to start the tally;
- `leader_no_tally`: on the session morning, when no tally has been submitted;
- `meeting_eve`: members, at 17:00 the day before a group meeting (called by the leader or
  imported with the schedule), except those who said they cannot come;
- `meeting_soon`: the same members, two hours before a meeting that has a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection

from handlers.buttons import Ask
from handlers.meetings import notices
from handlers.messages import Button
from handlers.programmes import programme_name
from handlers.rules.quiet_hours import DAY_ENDS, DAY_STARTS
from handlers.rules.sessions import Session, next_session
from locales.formatting import format_date, format_money, format_weekday_date
from locales.i18n import _, use_locale
from storage import meetings, reminder_data, schedules
from storage.meetings import Meeting
from storage.outbox import Message
from storage.reminder_data import Reachable
from storage.schedules import ScheduleRule

SEND_FROM = DAY_STARTS
MEETING_EVE_AT = time(17, 0)
MEETING_SOON = timedelta(hours=2)
SEND_UNTIL = DAY_ENDS
DEFAULT_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
OVERDUE_WEEKDAY = 0  # Monday


@dataclass(frozen=True)
class Planned:
    recipient: Reachable
    kind: str
    text: str
    dedupe_key: str
    buttons: list[list[Button]] | None = None
    not_before: datetime | None = None  # default: 07:00 of the day
    not_after: datetime | None = None  # default: 20:00 of the day

    def message(self, day: date, timezone: ZoneInfo) -> Message:
        start, end = send_window(day, timezone)
        start = max(start, self.not_before) if self.not_before else start
        end = min(end, self.not_after) if self.not_after else end
        return Message(
            self.recipient.channel,
            self.recipient.chat_id,
            self.text,
            f"reminder:{self.kind}",
            self.dedupe_key,
            start,
            self.buttons,
            not_after=end,
        )


def send_window(day: date, timezone: ZoneInfo) -> tuple[datetime, datetime]:
    """07:00 to 20:00 of the day, local, as UTC."""
    start = datetime.combine(day, SEND_FROM, timezone).astimezone(UTC)
    end = datetime.combine(day, SEND_UNTIL, timezone).astimezone(UTC)
    return start, end


def _session_details(session: Session) -> str:
    parts = []
    if session.start_time:
        parts.append(_("at {time}").format(time=session.start_time))
    if session.place:
        parts.append(_("at {place}").format(place=session.place))
    return (" " + ", ".join(parts)) if parts else ""


def session_eve_text(commune: str, session: Session, interest: int) -> str:
    text = _("Reminder: tomorrow, {date}, is the transaction day of {commune}{details}.").format(
        date=format_weekday_date(session.day), commune=commune, details=_session_details(session)
    )
    if interest > 0:
        text += "\n" + _(
            "Your household's interest this month: {amount}. Pay it to your group leader "
            "before the transaction day."
        ).format(amount=format_money(interest))
    return text


def installment_text(programme: str, due_on: date, amount: int, days: int) -> str:
    return (
        (
            _(
                "Reminder: on {date} ({days} days from now) a principal installment of your "
                "{programme} loan is due: {amount}."
            ).format(
                date=format_date(due_on),
                days=days,
                programme=programme,
                amount=format_money(amount),
            )
            if days > 1
            else _(
                "Reminder: tomorrow, {date}, a principal installment of your {programme} loan is "
                "due: {amount}."
            ).format(date=format_date(due_on), programme=programme, amount=format_money(amount))
        )
        + "\n"
        + _(
            "Principal is paid at the commune transaction point or by bank transfer, not to the "
            "group leader."
        )
    )


def overdue_text(amount: int) -> str:
    return _(
        "Your household has {amount} of overdue principal. Please talk to your group leader "
        "or the credit officer to arrange repayment; type “liên hệ” for their phone numbers."
    ).format(amount=format_money(amount))


def leader_eve_text(commune: str, session: Session, group: reminder_data.GroupFacts) -> str:
    text = _(
        "Tomorrow, {date}, is the transaction day of {commune}{details}. {group} "
        "({members} members) has {interest} of interest to collect."
    ).format(
        date=format_weekday_date(session.day),
        commune=commune,
        details=_session_details(session),
        group=group.name,
        members=group.members,
        interest=format_money(group.interest_due),
    )
    if group.min_savings:
        text += " " + _("Minimum savings: {amount} a member.").format(
            amount=format_money(group.min_savings)
        )
    return text + "\n" + _("When you have collected, press the button to fill in the tally.")


def leader_no_tally_text(commune: str, session: Session, group: str) -> str:
    return _(
        "Today, {date}, is the transaction day of {commune}{details}. {group} has not "
        "submitted its tally (13/TD) yet."
    ).format(
        date=format_weekday_date(session.day),
        commune=commune,
        details=_session_details(session),
        group=group,
    )


def tally_button() -> list[list[Button]]:
    return [[Button(_("Fill in the tally"), Ask("tally_submit").pack())]]


def _sessions_on(rules: dict[int, list[ScheduleRule]], day: date) -> dict[int, Session]:
    found: dict[int, Session] = {}
    for owner, owner_rules in rules.items():
        session = next_session(owner_rules, day, months=1)
        if session is not None and session.day == day:
            found[owner] = session
    return found


@dataclass
class _Plan:
    """A day's reminders as they are planned: who can be reached, and what is due for them."""

    day: date
    timezone: ZoneInfo
    people: list[Reachable]
    planned: list[Planned] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_customer: dict[int, list[Reachable]] = defaultdict(list)
        self.by_group: dict[int, list[Reachable]] = defaultdict(list)
        for person in self.people:
            self.by_customer[person.customer_id].append(person)
            self.by_group[person.group_id].append(person)

    def add(
        self,
        persons: Iterable[Reachable],
        kind: str,
        subject: str,
        render: Callable[[], str],
        *,
        buttons: Callable[[], list[list[Button]]] | None = None,
        not_before: datetime | None = None,
        not_after: datetime | None = None,
    ) -> None:
        """One reminder to each person, in their language, with a dedupe key of its own."""
        for person in persons:
            with use_locale(person.locale):
                self.planned.append(
                    Planned(
                        person,
                        kind,
                        render(),
                        f"rem:{kind}:c{person.customer_id}:{subject}",  # per person
                        buttons() if buttons is not None else None,
                        not_before,
                        not_after,
                    )
                )


async def plan_day(
    conn: AsyncConnection, day: date, timezone: ZoneInfo = DEFAULT_TIMEZONE
) -> list[Planned]:
    """Every reminder due on `day` (local calendar date)."""
    tomorrow = day + timedelta(days=1)
    rules = await schedules.all_rules(conn)
    eve = _sessions_on(rules.by_commune, tomorrow)
    plan = _Plan(day, timezone, await reminder_data.reachable_people(conn))
    await _session_eves(conn, plan, rules, eve)
    await _installments(conn, plan)
    if day.weekday() == OVERDUE_WEEKDAY:
        await _overdue(conn, plan)
    await _plan_meetings(conn, plan, _sessions_on(rules.by_group, tomorrow))
    await _leaders(conn, plan, rules, eve, _sessions_on(rules.by_commune, day))
    unique = {p.dedupe_key: p for p in plan.planned}  # an imported meeting may be seen twice
    return list(unique.values())


async def _session_eves(
    conn: AsyncConnection, plan: _Plan, rules: schedules.AllRules, eve: dict[int, Session]
) -> None:
    """Households, the day before their commune's session: when, where, their interest."""
    interest = await reminder_data.interest_due_by_customer(conn, set(eve))
    for person in plan.people:
        session = eve.get(person.commune_id)
        if session is not None:
            commune = rules.commune_names.get(person.commune_id, "")
            amount = interest.get(person.customer_id, 0)
            plan.add(
                [person],
                "session_eve",
                session.day.isoformat(),
                partial(session_eve_text, commune, session, amount),
            )


async def _installments(conn: AsyncConnection, plan: _Plan) -> None:
    """7 days and 1 day before a principal installment."""
    days = [plan.day + timedelta(days=7), plan.day + timedelta(days=1)]
    for item in await reminder_data.installments_on(conn, days):
        ahead = (item.due_on - plan.day).days
        plan.add(
            plan.by_customer.get(item.customer_id, []),
            "installment_7d" if ahead == 7 else "installment_1d",
            f"{item.loan_id}:{item.due_on.isoformat()}",
            partial(_installment, item, ahead),
        )


def _installment(item: reminder_data.Installment, ahead: int) -> str:
    name = programme_name(item.program_code, item.programme)
    return installment_text(name, item.due_on, item.amount, ahead)


async def _overdue(conn: AsyncConnection, plan: _Plan) -> None:
    """On Mondays, while a household has overdue principal."""
    week = f"{plan.day.isocalendar().year}-W{plan.day.isocalendar().week:02d}"
    for customer_id, amount in (await reminder_data.overdue_by_customer(conn)).items():
        plan.add(
            plan.by_customer.get(customer_id, []),
            "overdue_weekly",
            week,
            partial(overdue_text, amount),
        )


async def _leaders(
    conn: AsyncConnection,
    plan: _Plan,
    rules: schedules.AllRules,
    eve: dict[int, Session],
    today_sessions: dict[int, Session],
) -> None:
    """Leaders: the day before the session (expected totals, a button to start the tally),
    and on the session morning if their group has not submitted."""
    communes = set(eve) | set(today_sessions)
    if not communes:
        return
    submitted = await reminder_data.groups_with_tally(conn, plan.day) if today_sessions else set()
    for group in await reminder_data.groups_of(conn, communes):
        leaders = [p for lid in group.leader_ids for p in plan.by_customer.get(lid, [])]
        commune = rules.commune_names.get(group.commune_id, "")
        session = eve.get(group.commune_id)
        if session is not None:
            plan.add(
                leaders,
                "leader_session_eve",
                f"{group.group_id}:{session.day.isoformat()}",
                partial(leader_eve_text, commune, session, group),
                buttons=tally_button,
            )
        session = today_sessions.get(group.commune_id)
        if session is not None and group.group_id not in submitted:
            plan.add(
                leaders,
                "leader_no_tally",
                f"{group.group_id}:{session.day.isoformat()}",
                partial(leader_no_tally_text, commune, session, group.name),
                buttons=tally_button,
            )


async def _plan_meetings(
    conn: AsyncConnection, plan: _Plan, imported_eve: dict[int, Session]
) -> None:
    """Meetings tomorrow (reminded at 17:00) and today (two hours before)."""
    timezone = plan.timezone
    start = datetime.combine(plan.day, time(0, 0), timezone).astimezone(UTC)
    eve_from = datetime.combine(plan.day, MEETING_EVE_AT, timezone).astimezone(UTC)
    seen_groups = set()
    for meeting in await meetings.scheduled_between(conn, start, start + timedelta(days=2)):
        local = meeting.local(timezone)
        declined = {
            c for c, coming in (await meetings.answers(conn, meeting.id)).items() if not coming
        }
        skip = declined | ({meeting.called_by} if meeting.called_by else set())
        members = [p for p in plan.by_group.get(meeting.group_id, []) if p.customer_id not in skip]
        key = f"{meeting.group_id}:{local.isoformat()}"
        if local.date() == plan.day + timedelta(days=1):
            seen_groups.add(meeting.group_id)
            plan.add(
                members,
                "meeting_eve",
                key,
                partial(notices.eve_text, meeting, timezone),
                not_before=eve_from,
            )
        elif local.date() == plan.day and meeting.has_time:
            plan.add(
                members,
                "meeting_soon",
                key,
                partial(notices.soon_text, meeting, timezone),
                not_before=meeting.starts_at - MEETING_SOON,
                not_after=meeting.starts_at,
            )
    # Schedule-file meetings not yet made into rows (a dry run before the scheduler did).
    for group_id, session in imported_eve.items():
        if group_id in seen_groups:
            continue
        starts, has_time = meetings.start_of(session.day, session.start_time, timezone)
        virtual = Meeting(
            0, group_id, starts, has_time, session.place or "", None, "scheduled", "import", 1, None
        )
        plan.add(
            plan.by_group.get(group_id, []),
            "meeting_eve",
            f"{group_id}:{virtual.local(timezone).isoformat()}",
            partial(notices.eve_text, virtual, timezone),
            not_before=eve_from,
        )
