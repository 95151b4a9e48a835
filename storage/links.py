"""Who is writing: a chat's link to a customer or an officer, the role that follows from
the data (officer, leader or deputy of their group, borrower, guest), language, consent and
reminders, and the look-ups linking needs.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from storage import dialogs, options
from storage import outbox as outbox_rows
from storage.dialogs import Dialog
from storage.schema import (
    chat_links,
    chat_options,
    customer_phones,
    customers,
    dialog_states,
    groups,
    officers,
)
from storage.utc import aware


# Linked chats that are one person's: a notice or a reminder goes only there. Telegram gives
# groups negative ids, and an earlier version let a group link; such rows may still exist
# (migration 0004 removes them) and are left out of every audience. No other channel's chat
# id starts with "-" (console-…, Zalo user ids). New links are only ever made in private
# chats (the router refuses groups).
def private_chat(chats: Any = chat_links) -> Any:
    """The condition, on `chat_links` or an alias of it."""
    return chats.c.chat_id.not_like("-%")


PRIVATE_CHAT = private_chat()

SEEN_EVERY = timedelta(minutes=1)
# A new link starts its consent step without a question from an earlier one.
NO_PENDING_QUESTION: dict[str, Any] = {
    "pending_question": None,
    "pending_question_at": None,
}  # a linked chat's last message is kept to the minute


class Role(StrEnum):
    GUEST = "guest"
    BORROWER = "borrower"
    LEADER = "leader"
    OFFICER = "officer"


# The per-message statements are built once; only their parameters change.
# The open dialog comes with the person: one round trip fewer on every message.
_PERSON = (
    select(
        chat_links,
        customers.c.group_id,
        groups.c.leader_customer_id,
        groups.c.deputy_customer_id,
        dialog_states.c.flow.label("dialog_flow"),
        dialog_states.c.step.label("dialog_step"),
        dialog_states.c.data.label("dialog_data"),
        dialog_states.c.version.label("dialog_version"),
        dialog_states.c.expires_at.label("dialog_expires_at"),
        chat_options.c.options.label("options_json"),
        chat_options.c.at.label("options_at"),
    )
    .outerjoin(customers, customers.c.id == chat_links.c.customer_id)
    .outerjoin(groups, groups.c.id == customers.c.group_id)
    .outerjoin(
        dialog_states,
        (dialog_states.c.channel == chat_links.c.channel)
        & (dialog_states.c.chat_id == chat_links.c.chat_id),
    )
    .outerjoin(
        chat_options,
        (chat_options.c.channel == chat_links.c.channel)
        & (chat_options.c.chat_id == chat_links.c.chat_id),
    )
    .where(
        chat_links.c.channel == bindparam("channel"), chat_links.c.chat_id == bindparam("chat_id")
    )
)


@dataclass(frozen=True)
class Person:
    """The sender of one message, resolved once: link, role, language, consent."""

    link_id: int
    channel: str
    chat_id: str
    role: Role
    locale: str
    customer_id: int | None
    officer_id: int | None
    group_id: int | None  # the customer's group
    leads_group: bool  # leader or deputy of `group_id`
    consented: bool
    reminders_enabled: bool
    # The language was chosen (/ngonngu): it always wins. Else the chat is answered in the
    # language it writes (handlers/rules/language.py), with a one-time hint how to choose.
    locale_chosen: bool = False
    language_hint_given: bool = False
    dialog: Dialog | None = None  # the open dialog step, if any, as the message arrived
    # The (label, data) options under the bot's last reply, if any (storage.options).
    options: tuple[tuple[str, str], ...] = ()
    # When the whole personal-data notice was last shown to the chat (UTC), if ever.
    notice_shown_at: datetime | None = None
    # The question asked before agreeing to the notice, and when (UTC): answered once agreed.
    pending_question: str | None = None
    pending_question_at: datetime | None = None

    @property
    def linked(self) -> bool:
        return self.customer_id is not None or self.officer_id is not None


async def load_person(
    conn: AsyncConnection, channel: str, chat_id: str, user_id: str | None, now: datetime
) -> Person:
    """The chat's link (a guest one is created on first contact) with its current role."""
    where = {"channel": channel, "chat_id": chat_id}
    row = (await conn.execute(_PERSON, where)).first()
    if row is None:
        # A savepoint, so that losing the race to another worker keeps the transaction usable.
        with contextlib.suppress(IntegrityError):
            async with conn.begin_nested():
                await conn.execute(
                    chat_links.insert().values(
                        channel=channel,
                        chat_id=chat_id,
                        user_id=user_id,
                        role=Role.GUEST.value,
                        locale="vi",
                        created_at=now,
                        reminders_enabled=True,
                    )
                )
        row = (await conn.execute(_PERSON, where)).one()
    group_id: int | None = None
    leads = False
    role = Role.GUEST
    if row.officer_id is not None:
        role = Role.OFFICER
    elif row.customer_id is not None:
        group_id = row.group_id
        leads = row.customer_id in (row.leader_customer_id, row.deputy_customer_id)
        role = Role.LEADER if leads else Role.BORROWER
    changed: dict[str, Any] = {}
    if role.value != row.role:
        changed["role"] = role.value
    if role is not Role.GUEST and (
        row.last_seen_at is None or now - aware(row.last_seen_at) >= SEEN_EVERY
    ):
        changed["last_seen_at"] = now  # which chat the person used last (storage/news_chat.py)
    if changed:
        await conn.execute(update(chat_links).where(chat_links.c.id == row.id).values(**changed))
    return Person(
        link_id=row.id,
        channel=channel,
        chat_id=chat_id,
        role=role,
        locale=row.locale,
        customer_id=row.customer_id,
        officer_id=row.officer_id,
        group_id=group_id,
        leads_group=leads,
        consented=row.consent_at is not None,
        reminders_enabled=row.reminders_enabled,
        locale_chosen=row.locale_chosen_at is not None,
        language_hint_given=row.language_hint_at is not None,
        dialog=dialogs.from_row(
            row.dialog_flow,
            row.dialog_step,
            row.dialog_data,
            row.dialog_version,
            row.dialog_expires_at,
            now,
        )
        if row.dialog_flow is not None
        else None,
        options=options.decoded(row.options_json, row.options_at, now),
        notice_shown_at=aware(row.notice_shown_at) if row.notice_shown_at is not None else None,
        pending_question=row.pending_question,
        pending_question_at=(
            aware(row.pending_question_at) if row.pending_question_at is not None else None
        ),
    )


async def set_link_fields(conn: AsyncConnection, link_id: int, **values: Any) -> None:
    await conn.execute(update(chat_links).where(chat_links.c.id == link_id).values(**values))


async def link_customer(
    conn: AsyncConnection, link_id: int, customer_id: int, now: datetime
) -> None:
    await set_link_fields(
        conn,
        link_id,
        customer_id=customer_id,
        officer_id=None,
        linked_at=now,
        consent_at=None,
        notice_shown_at=None,
        **NO_PENDING_QUESTION,
    )


async def link_officer(conn: AsyncConnection, link_id: int, officer_id: int, now: datetime) -> None:
    await set_link_fields(
        conn,
        link_id,
        officer_id=officer_id,
        customer_id=None,
        linked_at=now,
        consent_at=None,
        **NO_PENDING_QUESTION,
    )


async def forget_chat(conn: AsyncConnection, channel: str, chat_id: str) -> None:
    """`/huy`: the link, its dialog, the options last shown and the chat's identity are
    removed; every message still waiting for the chat is cancelled, and no message to it
    keeps its text."""
    await outbox_rows.cancel_waiting(conn, channel, chat_id)
    await outbox_rows.blank_chat(conn, channel, chat_id)
    await conn.execute(
        delete(dialog_states).where(
            dialog_states.c.channel == channel, dialog_states.c.chat_id == chat_id
        )
    )
    await options.forget(conn, channel, chat_id)
    await conn.execute(
        delete(chat_links).where(chat_links.c.channel == channel, chat_links.c.chat_id == chat_id)
    )


async def customers_with_phone(conn: AsyncConnection, phone: str) -> list[int]:
    rows = await conn.execute(
        select(customer_phones.c.customer_id).where(customer_phones.c.phone == phone)
    )
    return sorted(r.customer_id for r in rows)


async def id_last4_of(conn: AsyncConnection, customer_ids: list[int]) -> dict[int, str | None]:
    rows = await conn.execute(
        select(customers.c.id, customers.c.id_last4).where(customers.c.id.in_(customer_ids))
    )
    return {r.id: r.id_last4 for r in rows}


async def officer_by_phone(conn: AsyncConnection, phone: str) -> int | None:
    row = (await conn.execute(select(officers.c.id).where(officers.c.phone == phone))).first()
    return None if row is None else int(row.id)


async def customer_by_code(conn: AsyncConnection, code: str) -> int | None:
    row = (await conn.execute(select(customers.c.id).where(customers.c.code == code))).first()
    return None if row is None else int(row.id)


async def locale_of(conn: AsyncConnection, channel: str, chat_id: str) -> str:
    """The chat's language ("vi" for a chat the bot has not met)."""
    locale = await conn.scalar(
        select(chat_links.c.locale).where(
            chat_links.c.channel == channel, chat_links.c.chat_id == chat_id
        )
    )
    return str(locale or "vi")
