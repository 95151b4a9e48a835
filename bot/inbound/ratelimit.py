"""The per-chat flood limit: at most `limit` messages a minute per chat; one polite warning,
then silence. And `OncePer`: something said at most once a while per chat (the line that
points a group to a private chat).

Kept in memory on purpose: it protects this process from a flood and means nothing after a
minute, so there is nothing to keep across a restart.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

RATE_LIMIT = 20  # messages per chat per minute


@dataclass
class ChatRateLimiter:
    limit: int = RATE_LIMIT
    window: float = 60.0
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _warned: dict[str, float] = field(default_factory=dict)

    def check(self, key: str, now: float) -> str:
        """ "ok", "warn" (first message over the limit) or "drop"."""
        times = self._seen.setdefault(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._warned.pop(key, None)
            return "ok"
        if key in self._warned and now - self._warned[key] < self.window:
            return "drop"
        self._warned[key] = now
        return "warn"


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
