"""The Zalo channel: Zalo updates become the channel-neutral `Inbound` (channel "zalo"), the
router's `Reply` objects go back as plain Zalo texts. Long polling (`run`) and the webhook
(`serve`) feed the same `ZaloChannel.process`; one chat's updates are handled in order,
different chats at once.

What the adapter decides (docs/zalo.md says why):
- Zalo has no buttons: a reply's buttons (or, when it has none, the person's menu) become
  numbered options, and what the person types back ("1", "số 1", the option's words) becomes
  that button's press (options.py). The options are rows, so a restart or a second worker
  reads the same ones.
- A message delivered twice (the same message_id) is handled once: its id, hashed to a
  63-bit number, goes into the processed-updates table.
- A group chat gets one line asking to write privately and is never routed: nothing about a
  household is said where other people read.
- Stickers, images without a caption, voice and Zalo's `message.unsupported.received` (the
  content withheld for some senders) get a short neutral line, with the bank's hotline when
  BANK_HOTLINE is set. An image's caption is read as text. Events the adapter does not know
  are ignored, and so are messages from bots.
- Plain text only, never Markdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.channels.zalo.client import ZaloApiError, ZaloClient
from bot.channels.zalo.delivery import CHANNEL, THROTTLE_WAIT, ZaloDelivery, translate
from bot.channels.zalo.options import NumberedChat, layout
from bot.channels.zalo.render import split
from bot.channels.zalo.updates import ChatType, MessageKind, ZaloUpdate
from bot.config import Settings
from bot.inbound import journal
from bot.inbound.router import Router
from bot.outbound.sender import Throttled, Transient
from handlers.messages import Reply
from locales.i18n import _, use_locale
from storage import inbox, links, updates

log = logging.getLogger(__name__)

CONCURRENT_CHATS = 8  # chats handled at once (as on Telegram)
MAX_WAITING = 200  # updates received and not yet handled before polling waits for them
POLL_SECONDS = 30  # one long poll (Zalo's default)
POLL_BACKOFF = (1.0, 30.0)  # after a failed poll: from, up to (seconds)
START_BACKOFF = (1.0, 60.0)  # after a failed start-up check (the webhook): from, up to
TOKEN_REFUSED_WAIT = 60.0
REPLY_WAITS = (1.0, 3.0)  # before the second and third try of a reply


def update_key(message_id: str) -> int:
    """A stable 63-bit number for a Zalo message id (the processed-updates table keys on an
    integer): the first 8 bytes of its SHA-256."""
    digest = hashlib.sha256(message_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def group_text() -> str:
    return _(
        "Please write to me in a private chat. I do not answer questions about loans or "
        "savings in a group."
    )


class ZaloChannel:
    """Glue between Zalo updates and the channel-neutral router."""

    def __init__(self, router: Router, client: ZaloClient, *, hotline: str | None = None) -> None:
        self.router = router
        self.client = client
        self.hotline = hotline
        self.numbered = NumberedChat(router.engine, CHANNEL, router.clock)
        self._locks: dict[str, asyncio.Lock] = {}
        self._slots = asyncio.Semaphore(CONCURRENT_CHATS)
        self._tasks: set[asyncio.Task[None]] = set()

    # ---- the neutral lines ----
    def media_text(self) -> str:
        text = _("I can only read typed messages. Please type your question in words.")
        if self.hotline:
            text += " " + _("For anything else, call the bank's hotline: {hotline}.").format(
                hotline=self.hotline
            )
        return text

    def withheld_text(self) -> str:
        """Zalo withheld the content (its compliance event): no guess at why."""
        text = _(
            "Sorry, I cannot read this message. Please contact your commune transaction "
            "point or your credit officer."
        )
        if self.hotline:
            text += " " + _("You can also call the bank's hotline: {hotline}.").format(
                hotline=self.hotline
            )
        return text

    # ---- one update ----
    def submit(self, update: ZaloUpdate) -> None:
        """Handle the update in the background (polling does not wait for it)."""
        task = asyncio.create_task(self.process(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def process(self, update: ZaloUpdate) -> None:
        """Handle one update, after the chat's earlier ones; never raises."""
        lock = self._locks.setdefault(update.chat_id, asyncio.Lock())
        try:
            async with lock, self._slots:
                await self._handle(update)
        except Exception:
            log.exception("handling a Zalo update failed")
        finally:
            if not lock.locked() and not lock._waiters:  # no one queued: forget the lock
                self._locks.pop(update.chat_id, None)

    async def _handle(self, update: ZaloUpdate) -> None:
        if update.from_bot:
            return
        key = update_key(update.message_id)
        if update.chat_type is not ChatType.PRIVATE:
            await self._one_line(update, key, group_text)
            return
        kind = update.kind
        if kind is MessageKind.TEXT or (kind is MessageKind.IMAGE and update.text):
            inbound = await self.numbered.read(update.chat_id, update.user_id, update.text, key)
            outcome = await self.router.handle(inbound)
            await self._answer(update.chat_id, outcome.replies, outcome.locale)
            for job in outcome.later:
                await self._answer(update.chat_id, await job(), outcome.locale)
        elif kind in (MessageKind.STICKER, MessageKind.IMAGE, MessageKind.VOICE):
            await self._one_line(update, key, self.media_text)
        elif kind is MessageKind.UNSUPPORTED:
            await self._one_line(update, key, self.withheld_text)
        else:
            log.info("a Zalo event the bot does not know was ignored: %s", update.event_name)

    async def _one_line(self, update: ZaloUpdate, key: int, text: Callable[[], str]) -> None:
        """A fixed answer in the chat's language, once per message, within the flood limit;
        the chat's options stay as they were. Under the webhook the line is kept in the
        message's inbox row in the same transaction that marks the message seen, so a worker
        that dies before sending it leaves it to be sent on the next claim (as a text's)."""
        flood = self.router.limiter.check(f"{CHANNEL}:{update.chat_id}")
        if flood != "ok":
            return
        keep = self.router.keep_replies
        async with self.router.engine.begin() as conn:
            if not await updates.first_time_update(conn, CHANNEL, key, self.router.clock()):
                kept = await inbox.kept_replies(conn, CHANNEL, str(key)) if keep else None
                if kept is None:
                    return
                line = "\n".join(reply.text for reply in journal.decode(kept))
            else:
                locale = await links.locale_of(conn, CHANNEL, update.chat_id)
                with use_locale(locale):
                    line = text()
                if keep:
                    await inbox.keep_replies(conn, CHANNEL, str(key), journal.encode([Reply(line)]))
        await self._send(update.chat_id, split(line))

    async def _answer(self, chat_id: str, replies: list[Reply], locale: str) -> None:
        if not replies:  # a repeat, or a flood: nothing was said, the options stand
            return
        with use_locale(locale):
            pieces, shown = layout(replies)
        await self.numbered.remember(chat_id, shown)
        await self._send(chat_id, pieces)

    async def _send(self, chat_id: str, pieces: list[str]) -> None:
        """Each piece in order; a quota answer or an outage is tried again twice, shortly,
        then the reply is given up (logged): the person can ask again."""
        for piece in pieces:
            for attempt in range(len(REPLY_WAITS) + 1):
                try:
                    await self.client.send_message(chat_id, piece)
                    break
                except ZaloApiError as error:
                    worth_again = isinstance(translate(error), Throttled | Transient)
                    if not worth_again or attempt == len(REPLY_WAITS):
                        log.warning("a reply to a Zalo chat was not delivered: %s", error)
                        return
                    await asyncio.sleep(REPLY_WAITS[attempt])

    # ---- polling ----
    async def poll(self, seconds: int = POLL_SECONDS) -> None:
        """Long-poll Zalo until cancelled; each update is handled in the background."""
        backoff = POLL_BACKOFF[0]
        while True:
            while len(self._tasks) >= MAX_WAITING:
                await asyncio.wait(self._tasks, return_when=asyncio.FIRST_COMPLETED)
            try:
                update = await self.client.get_updates(seconds)
            except ZaloApiError as error:
                wait = backoff
                if error.code == 401:
                    wait = TOKEN_REFUSED_WAIT
                elif error.code == 429:
                    wait = THROTTLE_WAIT
                log.warning("polling Zalo failed (%s); trying again in %.0f s", error, wait)
                backoff = min(backoff * 2, POLL_BACKOFF[1])
                await asyncio.sleep(wait)
                continue
            backoff = POLL_BACKOFF[0]
            if update is not None:
                self.submit(update)

    async def drain(self, within: float = 10.0) -> None:
        """Wait (a while) for the updates being handled."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=within)


@dataclass
class ZaloRuntime:
    """What `run` and `serve` hold for Zalo: the channel (replies) and the outbox's delivery,
    each on its own connection pool."""

    client: ZaloClient
    channel: ZaloChannel
    delivery: ZaloDelivery


@asynccontextmanager
async def zalo_runtime(settings: Settings, router: Router) -> AsyncIterator[ZaloRuntime]:
    """The channel and the delivery, each with its own client."""
    token = settings.zalo_bot_token
    if not token:
        raise ValueError("ZALO_BOT_TOKEN is not set")
    base_url = settings.zalo_api_url
    async with (
        ZaloClient(token, base_url=base_url) as client,
        ZaloClient(token, base_url=base_url) as outbox_client,
    ):
        channel = ZaloChannel(router, client, hotline=settings.bank_hotline)
        numbered = NumberedChat(router.engine, CHANNEL, router.clock)
        try:
            yield ZaloRuntime(client, channel, ZaloDelivery(outbox_client, numbered=numbered))
        finally:
            await channel.drain()


async def _clear_webhook(client: ZaloClient) -> None:
    """Polling and a webhook exclude each other: a webhook left by `serve` is deleted."""
    if (await client.get_webhook_info()).url:
        log.warning("Zalo had a webhook set; deleting it to poll (serve sets it again)")
        await client.delete_webhook()


async def start_polling(
    zalo: ZaloRuntime, poll: int, backoff: tuple[float, float] = START_BACKOFF
) -> None:
    """The start-up check (the webhook), tried again with backoff until Zalo answers, then
    polling until cancelled. A Zalo that fails at start stops nothing else: the other
    channel, the scheduler and the senders run meanwhile. The first failure is one warning
    line, the tries after it are logged at DEBUG only, and Zalo's return is one INFO line."""
    wait, failed = backoff[0], False
    while True:
        try:
            await _clear_webhook(zalo.client)
            break
        except ZaloApiError as error:
            pause = TOKEN_REFUSED_WAIT if error.code == 401 else wait
            say = log.debug if failed else log.warning
            say("Zalo's start-up check failed (%s); Zalo is tried again in %.0f s", error, pause)
            failed = True
            await asyncio.sleep(pause)
            wait = min(wait * 2, backoff[1])
    if failed:
        log.info("Zalo answered its start-up check: polling Zalo now")
    await zalo.channel.poll(poll)


@asynccontextmanager
async def polling(
    settings: Settings,
    router: Router,
    *,
    poll: int = POLL_SECONDS,
    start_backoff: tuple[float, float] = START_BACKOFF,
) -> AsyncIterator[ZaloRuntime]:
    """Zalo by long polling until the block ends, once its start-up check passes (in the
    background, tried again with backoff: see `start_polling`)."""
    async with zalo_runtime(settings, router) as zalo:
        task = asyncio.create_task(start_polling(zalo, poll, start_backoff))
        try:
            yield zalo
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
