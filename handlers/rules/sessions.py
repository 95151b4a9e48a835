"""When the next commune transaction session (or group meeting) is: a business rule.

A commune's session is on a fixed day of every month (the last day in a shorter month),
kept on weekends and holidays (domain.md §0.3). A one-off dated session replaces the
regular one of its month: that is how officers move a session.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from storage.schedules import ScheduleRule


@dataclass(frozen=True)
class Session:
    day: date
    start_time: str | None
    place: str | None
    moved: bool


def _month_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_session(rules: Iterable[ScheduleRule], today: date, months: int = 3) -> Session | None:
    """The first session on or after `today` within the next few months."""
    rules = list(rules)
    regular = [r for r in rules if r.day_of_month is not None]
    one_offs = [r for r in rules if r.on_date is not None]
    year, month = today.year, today.month
    for _ in range(months):
        moved = sorted(
            (
                r
                for r in one_offs
                if r.on_date and (r.on_date.year, r.on_date.month) == (year, month)
            ),
            key=lambda r: r.on_date or today,
        )
        if moved:
            candidates = [
                Session(r.on_date, r.start_time, r.place, True) for r in moved if r.on_date
            ]
        else:
            candidates = [
                Session(_month_day(year, month, r.day_of_month), r.start_time, r.place, False)
                for r in regular
                if r.day_of_month is not None
            ]
        upcoming = sorted((s for s in candidates if s.day >= today), key=lambda s: s.day)
        if upcoming:
            return upcoming[0]
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def session_to_pay_at(rules: Iterable[ScheduleRule], today: date, due_on: date) -> Session | None:
    """The session at which to pay an installment due on `due_on`: the next session, when it
    is on or before the due date and the one after it comes too late (so it is the last
    chance to pay at the commune). None when the due date is further off, or no session is
    known."""
    rules = list(rules)
    first = next_session(rules, today)
    if first is None or first.day > due_on:
        return None
    following = next_session(rules, first.day + timedelta(days=1))
    if following is not None and following.day <= due_on:
        return None
    return first
