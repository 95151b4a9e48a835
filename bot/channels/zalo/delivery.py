"""The outbox sender's Zalo side: one message out, with Zalo's errors translated to the
sender's (the Delivery protocol of bot/sender.py, as bot/telegram_delivery.py does it).

Zalo has no buttons: a message's buttons become numbered options at the end of its text
(render.py), and a text over 2000 characters goes out as several messages. If one of those
fails after the first went out, the sender tries the whole row again later and the first
part arrives twice: the outbox is at-least-once anyway, and such long messages are rare.

Zalo cannot edit a message: `edit` sends nothing and returns (`can_edit` is False), so a
broadcast's progress is one final report sent as a new message (bot/outbound/progress.py).

With a `NumberedChat`, a message sent with buttons makes its numbered options the chat's
options, so the person can answer it by typing "1" (bot/channels/zalo/options.py).

Zalo's error codes, and what the sender does with each:
- 429 (quota exceeded) → Throttled. Zalo gives no retry_after, so the sender pauses for a
  conservative THROTTLE_WAIT seconds.
- 401 (token invalid or expired) → Rejected: no message can leave until the token is fixed;
  logged once, without the token.
- 404 (not found) → ChatGone: the row fails, the person is not marked as having blocked the
  bot (Zalo does not say what a block answers; see docs/zalo.md).
- 403 → Transient: Zalo's table calls it "Internal server error" (sic), not "forbidden", so
  it is retried (six tries at most) until a live test shows otherwise.
- 400 and other 4xx → Rejected (this message will never be accepted).
- 408, 5xx, an unreadable answer, a time-out or a network error → Transient.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.channels.zalo.client import DEFAULT_BASE_URL, ZaloApiError, ZaloClient, ZaloUnavailable
from bot.channels.zalo.options import NumberedChat
from bot.channels.zalo.render import options, render
from bot.outbound.sender import ChatGone, Rejected, Throttled, Transient
from handlers.messages import Button

log = logging.getLogger(__name__)

CHANNEL = "zalo"
THROTTLE_WAIT = 30.0  # seconds the sender pauses after a 429


def translate(error: ZaloApiError, throttle_wait: float = THROTTLE_WAIT) -> Exception:
    """The sender's exception for a failed Zalo call (the module docstring says why)."""
    code = error.code
    message = str(error)  # redacted by the client
    if isinstance(error, ZaloUnavailable) or code is None:
        return Transient(message)
    if code == 429:
        return Throttled(throttle_wait)
    if code == 404:
        return ChatGone(message)
    if code in (403, 408) or code >= 500:
        return Transient(message)
    if 400 <= code < 500:
        return Rejected(message)
    return Transient(message)


class ZaloDelivery:
    channel = CHANNEL
    can_edit = False

    def __init__(
        self,
        client: ZaloClient,
        *,
        throttle_wait: float = THROTTLE_WAIT,
        numbered: NumberedChat | None = None,
    ) -> None:
        self.client = client
        self.throttle_wait = throttle_wait
        self.numbered = numbered
        self._told_token = False

    async def send(self, chat_id: str, text: str, buttons: list[list[Button]]) -> str | None:
        """Send the text with its buttons as numbered options; the id of the last message
        ("" when Zalo gave none: the row still records that it was sent)."""
        pieces = render(text, buttons)
        if not pieces:
            raise Rejected("nothing to send")
        message_id: str | None = None
        for piece in pieces:
            try:
                message_id = await self.client.send_message(chat_id, piece)
            except ValueError as error:  # no chat id: nothing Zalo would ever take
                raise Rejected(str(error)) from error
            except ZaloApiError as error:
                if error.code == 401 and not self._told_token:
                    self._told_token = True
                    log.error("Zalo refused the bot token (401): nothing leaves until it is fixed")
                raise translate(error, self.throttle_wait) from error
        if self.numbered is not None and buttons:
            await self.numbered.remember(chat_id, options(buttons))
        return message_id or ""

    async def edit(self, chat_id: str, message_id: str, text: str) -> None:
        """Zalo cannot edit a message: nothing is sent (the first text stays)."""
        return None


@asynccontextmanager
async def zalo_delivery(
    token: str, base_url: str = DEFAULT_BASE_URL
) -> AsyncIterator[ZaloDelivery]:
    """A delivery with its own client and connection pool, closed on leaving."""
    async with ZaloClient(token, base_url=base_url) as client:
        yield ZaloDelivery(client)
