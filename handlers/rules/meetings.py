"""Whether a group meeting's date may be used: not in the past, not more than 60 days ahead."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.nlu.meeting_text import MeetingDraft

MAX_DAYS_AHEAD = 60


def refusal(draft: MeetingDraft, now_local: datetime) -> str | None:
    """Why the date cannot be used ("past", "too_far"), or None when it can."""
    if draft.day is None:
        return None
    today = now_local.date()
    if draft.day < today:
        return "past"
    if draft.day == today and draft.at is not None and draft.at <= now_local.time():
        return "past"
    if draft.day > today + timedelta(days=MAX_DAYS_AHEAD):
        return "too_far"
    return None
