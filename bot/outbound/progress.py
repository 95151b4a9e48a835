"""Broadcast progress for the officer who sent it: one status message, edited as the sender
works through the recipients, and a final report when nothing is left to send. A channel
that cannot edit a message (Zalo: its delivery says `can_edit = False`) gets no edits: the
final report comes as a new message. A sender for one chat (the console's) reports only the
broadcasts that chat sent."""

from __future__ import annotations

import logging

from bot.outbound.sender import Sender
from handlers.officer.progress_text import progress_text
from locales.i18n import use_locale
from storage import broadcasts, outbox

log = logging.getLogger(__name__)


async def report_progress(sender: Sender) -> None:
    """Edit the status message of every running broadcast whose counts changed (on a channel
    that cannot edit: send the final report once, when the broadcast is done)."""
    can_edit = bool(getattr(sender.delivery, "can_edit", True))
    async with sender.engine.begin() as conn:
        items = await broadcasts.running(conn, sender.delivery.channel)
        if sender.only_chat is not None:  # a console reports to its own chat, no other
            items = [item for item in items if item.chat_id == sender.only_chat]
        updates = [(item, await outbox.status_counts(conn, item.id)) for item in items]
    for item, counts in updates:
        done = not counts["pending"]
        with use_locale(item.locale):
            text = progress_text(item.id, item.recipients, counts)
        if text == item.last_progress or not (can_edit or done):
            continue
        await sender.take_slot(item.chat_id)
        try:
            if can_edit:
                await sender.delivery.edit(item.chat_id, item.message_id, text)
            else:
                await sender.delivery.send(item.chat_id, text, [])
        except Exception as error:  # progress is a courtesy; the sending goes on
            log.warning("could not update a broadcast's progress: %s", type(error).__name__)
            continue
        async with sender.engine.begin() as conn:
            await broadcasts.save_progress(conn, item.id, text, sender.clock() if done else None)
