"""The sender: drains the outbox through one channel's delivery at the platform's pace.

At most `rate` messages a second overall (every send, edits included, takes the next slot
1/rate seconds after the previous one) and at most one a second per chat. On a 429 the whole
sender pauses for `retry_after` and the row goes back to pending without counting an
attempt; a person who blocked the bot (403) is marked unreachable; "chat not found" fails the
row; time-outs and network errors are retried with backoff (storage.outbox). Nothing is sent
between 20:00 and 07:00 local time: elderly people are not woken by a bank's bot.

Just before each send the row is read again: a person who unlinked, withdrew consent or
switched reminders off since it was claimed gets nothing (storage.outbox.still_to_send).

Rows are claimed in small batches under a lease; if this process dies, another sender (or
this one restarted) takes them back when the lease runs out. See storage/outbox.py for where
a message can be sent twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from handlers.messages import Button
from handlers.rules.quiet_hours import NIGHT, QuietHours, quiet
from storage import options, outbox
from storage.outbox import Claimed

log = logging.getLogger(__name__)

DEFAULT_RATE = 28.0
PER_CHAT_INTERVAL = 1.0
LEASE = timedelta(seconds=30)
WINDOW_GUARD = 0.01  # seconds added to the one-second window


class Throttled(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class Unreachable(Exception):
    """The person blocked the bot or deleted their account (Telegram 403)."""


class ChatGone(Exception):
    """The platform does not know the chat ("chat not found")."""


class Rejected(Exception):
    """The platform refused this message for good (a bad request)."""


class Transient(Exception):
    """A time-out or network error: worth another try later."""


class Delivery(Protocol):
    """A channel's way of sending what the sender takes from the outbox."""

    channel: str

    async def send(self, chat_id: str, text: str, buttons: list[list[Button]]) -> str | None:
        """Send; return the platform's message id. Raise one of the exceptions above."""

    async def edit(self, chat_id: str, message_id: str, text: str) -> None:
        """Replace the text of a message sent before."""


@dataclass
class Sender:
    engine: AsyncEngine
    delivery: Delivery
    timezone: ZoneInfo
    rate: float = DEFAULT_RATE
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    lease: timedelta = LEASE
    quiet_hours: QuietHours = NIGHT
    max_in_flight: int = 32
    idle_poll: float = 0.5
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    on_progress: Callable[[Sender], object] | None = None
    only_chat: str | None = None  # the console delivers to its own chat only
    _next_slot: float = 0.0
    _chat_next: dict[str, float] = field(default_factory=dict)
    _recent: deque[float] = field(default_factory=deque)
    _unreachable: set[tuple[str, str]] = field(default_factory=set)  # blocked while claimed
    _paused_until: float = 0.0
    _in_flight: set[asyncio.Task[None]] = field(default_factory=set)
    _last_reclaim: float = 0.0
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _gate_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _last_send: float = 0.0
    sent: int = 0

    # ---- pacing ----
    def _slot_for(self, chat_id: str) -> float:
        now = time.monotonic()
        at = max(now, self._next_slot, self._paused_until, self._chat_next.get(chat_id, 0.0))
        # Slots never go backwards, so the last `rate` of them tell whether one more would
        # put more than `rate` sends inside one second (a small guard absorbs jitter).
        per_second = max(1, int(self.rate))
        if len(self._recent) >= per_second:
            at = max(at, self._recent[-per_second] + 1.0 + WINDOW_GUARD)
        self._recent.append(at)
        if len(self._recent) > per_second:
            self._recent.popleft()
        self._next_slot = max(self._next_slot, at) + 1.0 / self.rate
        self._chat_next[chat_id] = at + PER_CHAT_INTERVAL
        if len(self._chat_next) > 10_000:  # forget chats whose second has long passed
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        return at

    async def _gate(self) -> None:
        """Sends leave at least 1/rate apart, whatever the check before each one cost: a
        slower check must not bunch them into more than `rate` in one second."""
        async with self._gate_lock:
            wait = self._last_send + 1.0 / self.rate - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._last_send = time.monotonic()

    async def take_slot(self, chat_id: str) -> None:
        """Wait for this send's turn (used for edits too: they count against the limit)."""
        delay = self._slot_for(chat_id) - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)

    def wake(self) -> None:
        """Something was queued: look at the outbox now rather than at the next poll."""
        self._wake.set()

    # ---- one row ----
    async def _deliver(self, row: Claimed, at: float) -> None:
        delay = at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        now = self.clock()
        if self._paused_until > time.monotonic():
            async with self.engine.begin() as conn:
                await outbox.release(conn, row.id, now)  # this sender's pause holds it back
            return
        if (row.channel, row.chat_id) in self._unreachable:
            async with self.engine.begin() as conn:
                await outbox.mark_failed(conn, row.id, "chat unreachable", status="blocked")
            return
        if row.not_after is not None and now > row.not_after:
            async with self.engine.begin() as conn:
                await outbox.mark_failed(conn, row.id, "too late to be useful", status="expired")
            return
        async with self.engine.begin() as conn:  # unlinked or reminders off since the claim?
            if not await outbox.still_to_send(conn, row.id, self.worker):
                return
        await self._gate()
        if self._paused_until > time.monotonic():  # a 429 came back while this one waited
            async with self.engine.begin() as conn:
                await outbox.release(conn, row.id, now)
            return
        try:
            buttons = [[Button(label, data) for label, data in line] for line in row.buttons]
            message_id = await self.delivery.send(row.chat_id, row.text, buttons)
        except Throttled as throttled:
            self._paused_until = max(self._paused_until, time.monotonic() + throttled.retry_after)
            self._next_slot = max(self._next_slot, self._paused_until)
            log.warning(
                "the platform asked to wait %.1f s; the sender pauses", throttled.retry_after
            )
            async with self.engine.begin() as conn:
                await outbox.release(conn, row.id, now)  # the pause above holds it back
        except Unreachable as error:
            self._unreachable.add((row.channel, row.chat_id))
            async with self.engine.begin() as conn:
                await outbox.mark_blocked(conn, row, now, str(error) or "blocked")
        except ChatGone as error:
            async with self.engine.begin() as conn:
                await outbox.mark_failed(conn, row.id, str(error) or "chat not found")
        except Rejected as error:
            log.warning("a message was refused: %s", type(error).__name__)
            async with self.engine.begin() as conn:
                await outbox.mark_failed(conn, row.id, str(error) or "refused")
        except Exception as error:  # Transient and anything unexpected: try again later
            if not isinstance(error, Transient):
                log.exception("unexpected error while sending; will retry")
            async with self.engine.begin() as conn:
                await outbox.retry_later(conn, row, now, type(error).__name__)
        else:
            self.sent += 1
            async with self.engine.begin() as conn:
                await outbox.mark_sent(conn, row.id, now, message_id)
            if row.buttons:  # a typed "có tui" answers the notice's buttons, as for a reply
                await self._remember_options(row, now)

    async def _remember_options(self, row: Claimed, now: datetime) -> None:
        """The buttons of a message just sent are what the person's typed answer stands for
        (a courtesy: its own transaction, after the row is marked sent)."""
        shown = [(label, data) for line in row.buttons for label, data in line]
        try:
            async with self.engine.begin() as conn:
                await options.remember(conn, row.channel, row.chat_id, shown, now)
        except Exception as error:  # e.g. the chat's own reply wrote them at the same moment
            log.warning("could not keep a sent message's options: %s", type(error).__name__)

    # ---- the loop ----
    async def step(self) -> int:
        """Claim what is due and schedule it; the number of rows claimed."""
        now = self.clock()
        if quiet(now, self.timezone, self.quiet_hours):
            return 0
        if self._paused_until > time.monotonic():
            return 0
        if time.monotonic() - self._last_reclaim > 5:
            self._last_reclaim = time.monotonic()
            async with self.engine.begin() as conn:
                back = await outbox.reclaim_expired(conn, now, self.lease)
            if back:
                log.warning("%d outbox rows of a stopped sender were taken back", back)
        # Claim no more than about two seconds' worth: claimed rows wait for their slot.
        room = min(self.max_in_flight - len(self._in_flight), int(self.rate * 2) + 1)
        if room <= 0:
            return 0
        async with self.engine.begin() as conn:
            rows = await outbox.claim(
                conn, self.delivery.channel, self.worker, now, room, self.only_chat
            )
        for row in rows:
            task = asyncio.create_task(self._deliver(row, self._slot_for(row.chat_id)))
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)
        return len(rows)

    async def drain(self, within: float = 30.0) -> None:
        """Send everything due now and wait for it (tests and the console)."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            claimed = await self.step()
            if self._in_flight:
                await asyncio.wait(self._in_flight, timeout=max(deadline - time.monotonic(), 0))
            if self.on_progress is not None:
                await _maybe_await(self.on_progress(self))
            if not claimed and not self._in_flight:
                if self._paused_until > time.monotonic():
                    await asyncio.sleep(self._paused_until - time.monotonic())
                    continue
                return

    async def run(self, stop: asyncio.Event) -> None:
        """Drain the outbox until `stop` is set; messages in flight are finished first."""
        last_progress = 0.0
        while not stop.is_set():
            try:
                claimed = await self.step()
                if self.on_progress is not None and time.monotonic() - last_progress > 2:
                    last_progress = time.monotonic()
                    await _maybe_await(self.on_progress(self))
            except Exception:
                log.exception("the sender loop failed; retrying shortly")
                claimed = 0
            wait = self.idle_poll
            if claimed:
                wait = min(1.0, max(0.05, len(self._in_flight) / self.rate / 2))
            elif self._paused_until > time.monotonic():
                wait = self._paused_until - time.monotonic()
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait):
                    stop_task = asyncio.ensure_future(stop.wait())
                    wake_task = asyncio.ensure_future(self._wake.wait())
                    try:
                        await asyncio.wait(
                            {stop_task, wake_task}, return_when=asyncio.FIRST_COMPLETED
                        )
                    finally:
                        stop_task.cancel()
                        wake_task.cancel()
        if self._in_flight:
            await asyncio.wait(self._in_flight, timeout=10)
        if self.on_progress is not None:
            with contextlib.suppress(Exception):
                await _maybe_await(self.on_progress(self))


async def _maybe_await(value: object) -> None:
    if asyncio.iscoroutine(value) or isinstance(value, asyncio.Future):
        await value
