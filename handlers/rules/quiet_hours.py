"""Quiet hours: from 20:00 to 07:00 local time nothing leaves the outbox (elderly people are
not woken by a bank's bot), and reminders are planned for the hours in between.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

QuietHours = tuple[int, int] | None  # (start, end) local hours, or None: send at any hour

NIGHT: tuple[int, int] = (20, 7)
DAY_STARTS = time(NIGHT[1], 0)  # the first minute a reminder may leave
DAY_ENDS = time(NIGHT[0], 0)  # a reminder that could not leave by then is dropped


def quiet(moment: datetime, timezone: ZoneInfo, hours: QuietHours = NIGHT) -> bool:
    """True at night in local time (nothing is sent then)."""
    if hours is None:
        return False
    start, end = hours
    hour = moment.astimezone(timezone).hour
    if start > end:  # the night spans midnight: 20-7
        return hour >= start or hour < end
    return start <= hour < end
