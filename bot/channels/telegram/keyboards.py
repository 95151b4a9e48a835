"""Telegram keyboards in one place: buttons under a message (inline), the share-my-phone
button and the persistent menu (reply keyboards)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from handlers.messages import Button, Reply


def inline_keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows]
    )


def reply_markup(reply: Reply) -> Any:
    """The keyboard under a reply: its buttons, the share-my-phone button, the menu, or none."""
    if reply.buttons:
        return inline_keyboard(reply.buttons)
    if reply.request_phone:
        return ReplyKeyboardMarkup(
            [[KeyboardButton(reply.request_phone, request_contact=True)]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
    if reply.menu:
        return ReplyKeyboardMarkup(
            [[KeyboardButton(label) for label in row] for row in reply.menu], resize_keyboard=True
        )
    if reply.remove_menu:
        return ReplyKeyboardRemove()
    return None
