"""Link-code slips: the households of a group or a commune, and one new one-time code for
each, the household's older unused codes retired, every slip written to the audit log (who,
which household, when; never the code)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage import link_codes
from storage.schema import audit_log, communes, customers, groups


@dataclass(frozen=True)
class Household:
    customer_id: int
    code: str  # the bank's customer code
    name: str
    group_code: str
    group_name: str
    commune: str


@dataclass(frozen=True)
class Slip:
    household: Household
    code: str  # the one-time link code
    expires_at: datetime


async def households(
    conn: AsyncConnection, *, group_id: int | None = None, commune_id: int | None = None
) -> list[Household]:
    """The households of a group, or of every group of a commune, by group then name."""
    query = (
        select(
            customers.c.id,
            customers.c.code,
            customers.c.full_name,
            groups.c.code.label("group_code"),
            groups.c.name.label("group_name"),
            communes.c.name.label("commune"),
        )
        .join(groups, groups.c.id == customers.c.group_id)
        .join(communes, communes.c.id == groups.c.commune_id)
        .order_by(groups.c.code, customers.c.full_name, customers.c.code)
    )
    if group_id is not None:
        query = query.where(groups.c.id == group_id)
    if commune_id is not None:
        query = query.where(groups.c.commune_id == commune_id)
    return [Household(*row) for row in await conn.execute(query)]


async def issue(
    conn: AsyncConnection, found: list[Household], now: datetime, ttl: timedelta
) -> list[Slip]:
    """A new code for each household, valid for `ttl`; older unused ones stop working."""
    slips = []
    for household in found:
        await link_codes.retire_unused_codes(conn, household.customer_id, now)
        code = await link_codes.create_link_code(
            conn, now, customer_id=household.customer_id, ttl=ttl
        )
        slips.append(Slip(household, code, now + ttl))
    if not slips:
        return slips
    await conn.execute(
        audit_log.insert(),
        [
            {
                "at": now,
                "channel": "cli",
                "chat_id": None,
                "actor_role": "admin",
                "actor_customer_id": None,
                "actor_officer_id": None,
                "action": "link_slip",
                "subject": f"customer:{slip.household.customer_id}",
                "detail": f"group {slip.household.group_code}, valid until "
                f"{slip.expires_at:%Y-%m-%d %H:%M} UTC",
            }
            for slip in slips
        ],
    )
    return slips
