"""The per-chat flood limit, and `OncePer`: something said at most once a while per chat (the
line that points a group to a private chat).

The rule (`flood_verdict`, a plain function): a chat's messages are counted in windows of
`FLOOD_WINDOW` seconds, each starting at the first message after the previous one ended. The
first `FLOOD_LIMIT` messages of a window are answered; the next one gets the one warning of
the flood; the rest of the window gets nothing. Once the window has passed, the chat is
answered again, whatever it sent meanwhile (a person who tried once too soon is not kept
out). A flood that goes straight on into the next window (a script) is not warned again.

Twenty in half a minute is far above a person typing, even quickly: an elderly borrower's
five or six short lines in a row ("alo", "con oi", "cho ba hoi", ...), a leader's tally
exceptions one after another; a script sends that in a second.

Best-effort and per process, on purpose: the windows live in a bounded dict in memory (a few
numbers per chat, at most `max_chats` chats, ended windows forgotten first). A restart
forgets them, which at worst lets one more window through; with several workers, each counts
the messages it handles, so a chat spread over N workers may send up to N times the limit
and be warned once per worker. It protects each process from a flood; nothing in it needs to
survive.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

FLOOD_LIMIT = 20  # messages a chat is answered in one window (the old per-minute figure)
FLOOD_WINDOW = 30.0  # seconds; the warning says "half a minute"

Verdict = Literal["ok", "warn", "drop"]


@dataclass(frozen=True)
class Window:
    start: float  # when its first message came (monotonic seconds)
    count: int  # messages in it, answered or not
    warned: bool  # the flood's warning was given (in it, or in the flood it goes on with)


def flood_verdict(
    window: Window | None, now: float, limit: int = FLOOD_LIMIT, length: float = FLOOD_WINDOW
) -> tuple[Verdict, Window]:
    """ "ok", "warn" (the first message over the limit in a flood) or "drop", and the chat's
    window after this message."""
    if window is None or not window.start <= now < window.start + length:
        # A new window. The flood goes on (no new warning) only when the last window was
        # over the limit and this message comes right after it, not after a quiet window.
        goes_on = (
            window is not None
            and window.warned
            and window.count > limit
            and window.start <= now < window.start + 2 * length
        )
        window = Window(now, 0, goes_on)
    window = Window(window.start, window.count + 1, window.warned)
    if window.count <= limit:
        return "ok", window
    if window.warned:
        return "drop", window
    return "warn", Window(window.start, window.count, True)


@dataclass
class ChatRateLimiter:
    """`flood_verdict` per chat, over a bounded in-memory dict (best-effort per process: see
    the module's docstring)."""

    limit: int = FLOOD_LIMIT
    window: float = FLOOD_WINDOW
    clock: Callable[[], float] = time.monotonic
    max_chats: int = 50_000
    _windows: dict[str, Window] = field(default_factory=dict)

    def check(self, key: str, now: float | None = None) -> Verdict:
        at = self.clock() if now is None else now
        before = self._windows.get(key)
        verdict, window = flood_verdict(before, at, self.limit, self.window)
        if before is None or window.start != before.start:
            # A new window goes to the end: the dict stays in the order windows started.
            self._windows.pop(key, None)
            self._make_room(at)
        self._windows[key] = window
        return verdict

    def _make_room(self, now: float) -> None:
        """Windows that can no longer matter go first (a flood is carried one window at
        most), then the oldest while the dict is full: forgetting one lets at most one more
        window through. Oldest first is the dict's order, so this is cheap."""
        while self._windows:
            key, oldest = next(iter(self._windows.items()))
            if now < oldest.start + 2 * self.window and len(self._windows) < self.max_chats:
                return
            del self._windows[key]


@dataclass
class OncePer:
    """At most once every `window` seconds per key; remembers at most `max_keys` keys (the
    oldest are forgotten first, which at worst lets one more line through)."""

    window: float
    max_keys: int = 10_000
    _last: dict[str, float] = field(default_factory=dict)

    def allow(self, key: str, now: float) -> bool:
        last = self._last.get(key)
        if last is not None and now - last < self.window:
            return False
        if len(self._last) >= self.max_keys:
            self._last = {k: t for k, t in self._last.items() if now - t < self.window}
            while len(self._last) >= self.max_keys:  # insertion order: oldest first
                del self._last[next(iter(self._last))]
        self._last.pop(key, None)
        self._last[key] = now
        return True
