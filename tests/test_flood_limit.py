"""The per-chat flood limit: one warning per flood, answered again once the window has
passed, never hit by a person typing a handful of short lines. The rule as a plain function,
and the story through the real PTB stack against the fake Bot API."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.channels.telegram.updates import polling
from bot.inbound.ratelimit import FLOOD_LIMIT, FLOOD_WINDOW, ChatRateLimiter, Window, flood_verdict
from bot.inbound.router import Router
from tests.bot_fixtures import NOW, TZ, Harness


@dataclass
class Ticks:
    """A monotonic clock a test moves by hand (the flood limit's)."""

    now: float

    def __call__(self) -> float:
        return self.now


async def test_after_a_flood_the_chat_is_answered_again_once_its_window_passed(
    harness: Harness,
) -> None:
    """A script's burst gets one warning; once the window has passed (the warning says how
    long) the person is answered again, even after trying once too soon; an elderly person's
    handful of short lines in a row is never taken for a flood."""
    ticks = Ticks(5_000.0)
    router = Router(harness.engine, TZ, clock=lambda: NOW, limiter=ChatRateLimiter(clock=ticks))
    h, chat, slow = harness, 1101, 1102
    async with polling(h.settings, router, poll_timeout=0.5):
        for line in ("alo", "con oi", "cho ba hoi", "tien lai", "thang nay", "bao nhieu"):
            h.fake.user_says(slow, line)
            ticks.now += 2.0  # typing, not a script
        typed = await h.fake.replies(slow, 6, settle=0.5)
        assert not any("nhanh quá" in answer for answer in typed)

        for _ in range(FLOOD_LIMIT + 8):
            h.fake.user_says(chat, "xin chào")
            ticks.now += 0.05
        burst = await h.fake.replies(chat, FLOOD_LIMIT + 1, within=20, settle=0.5)
        [warning] = [answer for answer in burst if "nhanh quá" in answer]
        assert "nửa phút" in warning
        ticks.now += 10.0  # too soon: still nothing
        h.fake.user_says(chat, "du no")
        await asyncio.sleep(0.5)
        assert len(h.fake.sent(chat)) == FLOOD_LIMIT + 1
        ticks.now += 25.0  # half a minute after the burst: answered again, no new warning
        h.fake.user_says(chat, "xin chào")
        [again] = await h.fake.replies(chat, 1, after=FLOOD_LIMIT + 1)
        assert "Anh/chị có thể hỏi" in again and "nhanh quá" not in again


def verdicts(times: list[float], limiter: ChatRateLimiter, key: str = "chat") -> list[str]:
    return [limiter.check(key, at) for at in times]


def test_a_burst_is_warned_once_and_answered_again_after_the_window() -> None:
    limiter = ChatRateLimiter()
    burst = verdicts([i * 0.1 for i in range(FLOOD_LIMIT + 5)], limiter)
    assert burst == ["ok"] * FLOOD_LIMIT + ["warn"] + ["drop"] * 4
    assert limiter.check("other", 1.0) == "ok"  # one chat's flood is its own
    assert limiter.check("chat", FLOOD_WINDOW - 1) == "drop"  # still the same window
    assert limiter.check("chat", FLOOD_WINDOW + 0.1) == "ok"  # answered again


def test_a_person_typing_is_never_a_flood() -> None:
    """Five or six short lines in a row, a line every two and a half seconds for minutes, a
    dozen pasted at once: all answered."""
    limiter = ChatRateLimiter()
    assert set(verdicts([i * 0.5 for i in range(6)], limiter, "elderly")) == {"ok"}
    assert set(verdicts([i * 2.5 for i in range(240)], limiter, "steady")) == {"ok"}
    assert set(verdicts([0.0] * 12, limiter, "pasted")) == {"ok"}


def test_a_flood_that_goes_on_is_warned_once_and_a_new_one_after_a_quiet_window_again() -> None:
    limiter = ChatRateLimiter()
    script = verdicts([i * 0.5 for i in range(int(3 * FLOOD_WINDOW / 0.5))], limiter)
    assert script.count("warn") == 1  # three windows of a script: one warning
    assert script.count("ok") == 3 * FLOOD_LIMIT  # each window still answers its share
    later = 10 * FLOOD_WINDOW  # a quiet window, then a new flood: warned again
    again = verdicts([later + i * 0.1 for i in range(FLOOD_LIMIT + 2)], limiter)
    assert again == ["ok"] * FLOOD_LIMIT + ["warn", "drop"]


def test_the_rule_is_a_plain_function_of_the_window() -> None:
    verdict, window = flood_verdict(None, 100.0)
    assert verdict == "ok" and window == Window(100.0, 1, False)
    full = Window(100.0, FLOOD_LIMIT, False)
    assert flood_verdict(full, 101.0) == ("warn", Window(100.0, FLOOD_LIMIT + 1, True))
    warned = Window(100.0, FLOOD_LIMIT + 1, True)
    assert flood_verdict(warned, 102.0) == ("drop", Window(100.0, FLOOD_LIMIT + 2, True))
    # Right after the warned window: answered, the flood carried; after a quiet one: not.
    assert flood_verdict(warned, 100.0 + FLOOD_WINDOW) == (
        "ok",
        Window(100.0 + FLOOD_WINDOW, 1, True),
    )
    assert flood_verdict(warned, 100.0 + 2 * FLOOD_WINDOW) == (
        "ok",
        Window(100.0 + 2 * FLOOD_WINDOW, 1, False),
    )
    assert flood_verdict(Window(100.0, 3, False), 50.0)[0] == "ok"  # a clock gone back


def test_the_windows_kept_are_bounded_and_ended_ones_go_first() -> None:
    limiter = ChatRateLimiter(max_chats=100)
    for n in range(1_000):
        limiter.check(f"chat{n}", float(n))
    assert len(limiter._windows) <= 100
    for _ in range(FLOOD_LIMIT + 1):
        limiter.check("flooding", 2_000.0)
    for n in range(99):  # as many new chats as fit beside it: the flooding one is kept
        limiter.check(f"new{n}", 2_001.0)
    assert limiter.check("flooding", 2_002.0) == "drop"
