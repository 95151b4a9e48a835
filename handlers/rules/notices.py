"""Whether an officer's notice is still news: being sent, or sent in the last few days. Then
a bare "tiến độ" is about it; otherwise about this period's tallies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

RECENT = timedelta(days=3)


def notice_is_current(created_at: datetime, *, pending: int, now: datetime) -> bool:
    """Rows still waiting, or queued less than `RECENT` ago."""
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    return pending > 0 or now - created_at <= RECENT


JUST_SENT = timedelta(hours=12)  # a correction typed this soon after is about that notice


def just_sent(created_at: datetime, *, now: datetime) -> bool:
    """Queued less than `JUST_SENT` ago."""
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    return now - created_at <= JUST_SENT
