"""Who is writing: chat links and roles, linking attempts and lockouts, one-time link codes,
dialog state, the audit log and processed platform updates. Everything here is a row, so a
restart or a second worker loses nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core import Role
from storage.schema import (
    audit_log,
    chat_links,
    customer_phones,
    customers,
    dialog_states,
    groups,
    link_attempts,
    link_codes,
    lockouts,
    officers,
    processed_updates,
)

# Set by every function that changes who a chat is (link, unlink, role, language), so the
# router re-reads the sender only when something changed during the message.
identity_changed: ContextVar[bool] = ContextVar("identity_changed", default=False)

# Built once per dialect: INSERT ... ON CONFLICT DO NOTHING into processed_updates.
_FIRST_TIME: dict[str, Any] = {
    name: insert(processed_updates)
    .values(channel=bindparam("channel"), update_id=bindparam("update_id"), at=bindparam("at"))
    .on_conflict_do_nothing(index_elements=["channel", "update_id"])
    for name, insert in (("sqlite", sqlite_insert), ("postgresql", postgresql_insert))
}

MAX_FAILURES = 5
LOCKOUT = timedelta(hours=24)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_TTL = timedelta(days=7)
DIALOG_TTL = timedelta(hours=24)


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
    )
    .outerjoin(customers, customers.c.id == chat_links.c.customer_id)
    .outerjoin(groups, groups.c.id == customers.c.group_id)
    .outerjoin(
        dialog_states,
        (dialog_states.c.channel == chat_links.c.channel)
        & (dialog_states.c.chat_id == chat_links.c.chat_id),
    )
    .where(
        chat_links.c.channel == bindparam("channel"), chat_links.c.chat_id == bindparam("chat_id")
    )
)
_DIALOG = select(dialog_states).where(
    dialog_states.c.channel == bindparam("channel"), dialog_states.c.chat_id == bindparam("chat_id")
)
_AUDIT = audit_log.insert()


@dataclass(frozen=True)
class Dialog:
    flow: str
    step: str
    data: dict[str, Any]
    version: int


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
    dialog: Dialog | None = None  # the open dialog step, if any, as the message arrived

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
    if role.value != row.role:
        await conn.execute(
            update(chat_links).where(chat_links.c.id == row.id).values(role=role.value)
        )
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
        dialog=(
            Dialog(
                row.dialog_flow, row.dialog_step, json.loads(row.dialog_data), row.dialog_version
            )
            if row.dialog_flow is not None and _utc(row.dialog_expires_at) > now
            else None
        ),
    )


async def set_link_fields(conn: AsyncConnection, link_id: int, **values: Any) -> None:
    identity_changed.set(True)
    await conn.execute(update(chat_links).where(chat_links.c.id == link_id).values(**values))


async def link_customer(
    conn: AsyncConnection, link_id: int, customer_id: int, now: datetime
) -> None:
    await set_link_fields(
        conn, link_id, customer_id=customer_id, officer_id=None, linked_at=now, consent_at=None
    )


async def link_officer(conn: AsyncConnection, link_id: int, officer_id: int, now: datetime) -> None:
    await set_link_fields(
        conn, link_id, officer_id=officer_id, customer_id=None, linked_at=now, consent_at=None
    )


async def forget_chat(conn: AsyncConnection, channel: str, chat_id: str) -> None:
    """`/huy`: the link, its dialog and the chat's identity are removed."""
    identity_changed.set(True)
    await conn.execute(
        delete(dialog_states).where(
            dialog_states.c.channel == channel, dialog_states.c.chat_id == chat_id
        )
    )
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


async def locked_until(
    conn: AsyncConnection, channel: str, chat_id: str, customer_ids: list[int], now: datetime
) -> datetime | None:
    """The end of a lockout on this chat or on any of these customers, if one is running."""
    conditions = [and_(lockouts.c.channel == channel, lockouts.c.chat_id == chat_id)]
    if customer_ids:
        conditions.append(lockouts.c.customer_id.in_(customer_ids))
    until = (
        await conn.execute(
            select(func.max(lockouts.c.until)).where(or_(*conditions), lockouts.c.until > now)
        )
    ).scalar()
    return _utc(until) if until is not None else None


async def _failures(
    conn: AsyncConnection, channel: str, chat_id: str, customer_ids: list[int], now: datetime
) -> int:
    """Wrong answers in the last 24 hours from this chat or about any of these customers."""
    conditions = [and_(link_attempts.c.channel == channel, link_attempts.c.chat_id == chat_id)]
    if customer_ids:
        conditions.append(link_attempts.c.customer_id.in_(customer_ids))
    count = (
        await conn.execute(
            select(func.count()).where(
                or_(*conditions),
                link_attempts.c.success.is_(False),
                link_attempts.c.at > now - LOCKOUT,
            )
        )
    ).scalar_one()
    return int(count)


@dataclass(frozen=True)
class Failure:
    locked_until: datetime | None  # set when this wrong answer was the fifth
    tries_left: int


async def record_failure(
    conn: AsyncConnection, channel: str, chat_id: str, customer_ids: list[int], now: datetime
) -> Failure:
    """Count a wrong answer; at the fifth within 24 hours lock the chat and the customers.

    One row per wrong answer (attributed to the first candidate customer), so an answer is
    never counted twice when a phone number belongs to several customers.
    """
    await conn.execute(
        link_attempts.insert().values(
            channel=channel,
            chat_id=chat_id,
            customer_id=customer_ids[0] if customer_ids else None,
            at=now,
            success=False,
        )
    )
    failures = await _failures(conn, channel, chat_id, customer_ids, now)
    if failures < MAX_FAILURES:
        return Failure(None, MAX_FAILURES - failures)
    until = now + LOCKOUT
    await conn.execute(
        lockouts.insert(),
        [{"channel": channel, "chat_id": chat_id, "customer_id": None, "until": until}]
        + [
            {"channel": None, "chat_id": None, "customer_id": c, "until": until}
            for c in customer_ids
        ],
    )
    return Failure(until, 0)


async def record_success(
    conn: AsyncConnection, channel: str, chat_id: str, customer_id: int, now: datetime
) -> None:
    await conn.execute(
        link_attempts.insert().values(
            channel=channel, chat_id=chat_id, customer_id=customer_id, at=now, success=True
        )
    )


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


async def create_link_code(
    conn: AsyncConnection,
    now: datetime,
    *,
    customer_id: int | None = None,
    officer_id: int | None = None,
) -> str:
    """A one-time code (8 characters, no look-alike letters), stored only as a hash."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    await conn.execute(
        link_codes.insert().values(
            code_hash=_hash_code(code),
            customer_id=customer_id,
            officer_id=officer_id,
            created_at=now,
            expires_at=now + CODE_TTL,
        )
    )
    return code


async def redeem_link_code(
    conn: AsyncConnection, code: str, now: datetime
) -> tuple[int | None, int | None] | None:
    """(customer_id, officer_id) of a valid unused code, which is then spent; else None."""
    result = await conn.execute(
        update(link_codes)
        .where(
            link_codes.c.code_hash == _hash_code(code),
            link_codes.c.used_at.is_(None),
            link_codes.c.expires_at > now,
        )
        .values(used_at=now)
    )
    if result.rowcount != 1:
        return None
    row = (
        await conn.execute(select(link_codes).where(link_codes.c.code_hash == _hash_code(code)))
    ).one()
    return row.customer_id, row.officer_id


async def officer_by_phone(conn: AsyncConnection, phone: str) -> int | None:
    row = (await conn.execute(select(officers.c.id).where(officers.c.phone == phone))).first()
    return None if row is None else int(row.id)


async def customer_by_code(conn: AsyncConnection, code: str) -> int | None:
    row = (await conn.execute(select(customers.c.id).where(customers.c.code == code))).first()
    return None if row is None else int(row.id)


async def get_dialog(
    conn: AsyncConnection, channel: str, chat_id: str, now: datetime
) -> Dialog | None:
    row = (await conn.execute(_DIALOG, {"channel": channel, "chat_id": chat_id})).first()
    if row is None or _utc(row.expires_at) <= now:
        return None
    return Dialog(row.flow, row.step, json.loads(row.data), row.version)


async def set_dialog(
    conn: AsyncConnection,
    channel: str,
    chat_id: str,
    flow: str,
    step: str,
    data: dict[str, Any],
    now: datetime,
    ttl: timedelta = DIALOG_TTL,
) -> None:
    values = {
        "flow": flow,
        "step": step,
        "data": json.dumps(data, ensure_ascii=False),
        "updated_at": now,
        "expires_at": now + ttl,
    }
    result = await conn.execute(
        update(dialog_states)
        .where(dialog_states.c.channel == channel, dialog_states.c.chat_id == chat_id)
        .values(version=dialog_states.c.version + 1, **values)
    )
    if result.rowcount == 0:
        await conn.execute(
            dialog_states.insert().values(channel=channel, chat_id=chat_id, version=1, **values)
        )


async def clear_dialog(conn: AsyncConnection, channel: str, chat_id: str) -> None:
    await conn.execute(
        delete(dialog_states).where(
            dialog_states.c.channel == channel, dialog_states.c.chat_id == chat_id
        )
    )


async def audit(
    conn: AsyncConnection, person: Person, action: str, now: datetime, subject: str | None = None
) -> None:
    """Who looked at what, and when; never the figures themselves."""
    await conn.execute(
        _AUDIT,
        {
            "at": now,
            "channel": person.channel,
            "chat_id": person.chat_id,
            "actor_role": person.role.value,
            "actor_customer_id": person.customer_id,
            "actor_officer_id": person.officer_id,
            "action": action,
            "subject": subject,
        },
    )


async def first_time_update(
    conn: AsyncConnection, channel: str, update_id: int, now: datetime
) -> bool:
    """True the first time a platform update is seen; a re-delivery returns False.

    One `INSERT … ON CONFLICT DO NOTHING` (SQLite and PostgreSQL both have it): the row
    count says whether this update is new, with no savepoint and no race between workers.
    """
    statement = _FIRST_TIME.get(conn.dialect.name)
    if statement is None:
        raise NotImplementedError(f"processed updates on {conn.dialect.name}")
    result = await conn.execute(statement, {"channel": channel, "update_id": update_id, "at": now})
    return bool(result.rowcount == 1)


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    from datetime import UTC

    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
