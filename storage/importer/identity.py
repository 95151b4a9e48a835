"""Who a customer is, as far as linking a chat goes: their phones and their CCCD (kept only as
the last 4 digits and a salted hash). When an import changes either for a stored customer,
the proof their chats gave no longer holds: those chats are unlinked (they must link again),
what was waiting to be sent to them is dropped, and the audit log says so."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage import options
from storage.importer.common import chunks
from storage.schema import audit_log, chat_links, outbox

AUDIT_ACTION = "import_identity_change"
PHONES, CCCD = "phones", "cccd"


def hash_id_number(number: str, salt: str | None = None) -> str:
    """`sha256$SALT$HEX`; the salt must be unique per customer (a random prefix + the code)."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256((salt + number).encode()).hexdigest()
    return f"sha256${salt}${digest}"


def id_hash_matches(stored: str | None, number: str) -> bool:
    if not stored or stored.count("$") != 2:
        return False
    _algo, salt, digest = stored.split("$")
    return hmac.compare_digest(hashlib.sha256((salt + number).encode()).hexdigest(), digest)


class IdentityChanges:
    """Stored customers whose phones or CCCD an import changed, and what changed."""

    def __init__(self) -> None:
        self.changed: dict[int, set[str]] = {}

    def note(self, customer_ids: Iterable[int], what: str) -> None:
        for customer_id in customer_ids:
            self.changed.setdefault(customer_id, set()).add(what)

    async def unlink(
        self, conn: AsyncConnection, now: datetime, officer_id: int | None = None
    ) -> int:
        """Unlink the chats of the changed customers; returns how many chats were unlinked."""
        unlinked = 0
        for part in chunks(sorted(self.changed)):
            links = (
                await conn.execute(
                    select(
                        chat_links.c.id,
                        chat_links.c.channel,
                        chat_links.c.chat_id,
                        chat_links.c.customer_id,
                    ).where(chat_links.c.customer_id.in_(part))
                )
            ).all()
            await _drop_pending(conn, [(link.channel, link.chat_id) for link in links])
            if links:
                await conn.execute(
                    chat_links.delete().where(chat_links.c.id.in_([link.id for link in links]))
                )
            per_customer: dict[int, int] = {}
            for link in links:
                per_customer[link.customer_id] = per_customer.get(link.customer_id, 0) + 1
            await conn.execute(
                audit_log.insert(),
                [
                    _audit_row(c, self.changed[c], per_customer.get(c, 0), now, officer_id)
                    for c in part
                ],
            )
            unlinked += len(links)
        return unlinked


async def _drop_pending(conn: AsyncConnection, chats: list[tuple[str, str]]) -> None:
    """Messages not yet sent to these chats stay unsent: they were meant for the customer; the
    options they were last shown are forgotten (a typed "1" there presses nothing now)."""
    by_channel: dict[str, list[str]] = {}
    for channel, chat_id in chats:
        by_channel.setdefault(channel, []).append(chat_id)
    for channel, chat_ids in by_channel.items():
        await conn.execute(
            outbox.update()
            .where(
                outbox.c.channel == channel,
                outbox.c.chat_id.in_(chat_ids),
                outbox.c.status == "pending",
            )
            .values(status="failed", error="unlinked: the customer's phone or CCCD changed")
        )
        await options.forget_chats(conn, channel, chat_ids)


def _audit_row(
    customer_id: int, what: set[str], chats: int, now: datetime, officer_id: int | None
) -> dict[str, Any]:
    return {
        "at": now,
        "channel": None,
        "chat_id": None,
        "actor_role": "officer" if officer_id is not None else "import",
        "actor_customer_id": None,
        "actor_officer_id": officer_id,
        "action": AUDIT_ACTION,
        "subject": f"customer:{customer_id}",
        "detail": f"{', '.join(sorted(what))} changed; {chats} chat(s) unlinked",
    }
