"""The question asked before agreeing to the personal-data notice: a business rule.

Someone who asks ("du no con bao nhieu") before agreeing is shown the notice instead of the
answer. Once they agree, that question is answered, once: the last one asked in this same
consent step (a new link starts without one; agreeing, declining or unlinking ends the step),
and only while it is fresh, within KEPT of being asked, like an open dialog step. A command
("/start", "/nhacnho") is no question to answer later.
"""

from __future__ import annotations

from datetime import datetime, timedelta

KEPT = timedelta(hours=24)


def worth_keeping(text: str, is_command: bool) -> bool:
    """Whether a message that got the notice instead of its answer is kept to answer later."""
    return bool(text.strip()) and not is_command


def to_answer(question: str | None, asked_at: datetime | None, now: datetime) -> str | None:
    """The question to answer on agreeing, or None (none kept, or asked too long ago)."""
    if not question or asked_at is None or not (now - KEPT <= asked_at <= now):
        return None
    return question
