"""What an import may change. The command line may change everything (no scope); an officer
who sends a file in the chat may load loans and schedule files, for the communes they serve.

With a scope, an officers or leaders file is refused whole, and a loans or schedule row that
would touch a commune outside it (its own commune, or the commune where its group, customer
or contract is already stored) is refused with its line while the rest is applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from locales.i18n import _
from storage.importer.columns import Kind
from storage.schema import officer_communes, officers

OFFICER_KINDS = frozenset({Kind.LOANS, Kind.SCHEDULE})


@dataclass(frozen=True)
class ImportScope:
    """The kinds of file allowed, and the commune ids whose data may change (None: all)."""

    commune_ids: frozenset[int] | None
    kinds: frozenset[Kind] = field(default=OFFICER_KINDS)
    officer_id: int | None = None  # who sent the file, for the audit log

    def allows_kind(self, kind: Kind) -> bool:
        return kind in self.kinds

    @property
    def every_commune(self) -> bool:
        return self.commune_ids is None

    def allows_commune(self, commune_id: int | None) -> bool:
        return self.commune_ids is None or commune_id in self.commune_ids


async def officer_scope(conn: AsyncConnection, officer_id: int) -> ImportScope:
    """An officer's scope as the officers file set it: their communes, or all (`*`)."""
    scope_all = await conn.scalar(select(officers.c.scope_all).where(officers.c.id == officer_id))
    if scope_all:
        return ImportScope(commune_ids=None, officer_id=officer_id)
    rows = await conn.execute(
        select(officer_communes.c.commune_id).where(officer_communes.c.officer_id == officer_id)
    )
    return ImportScope(commune_ids=frozenset(r.commune_id for r in rows), officer_id=officer_id)


def commune_outside(name: str) -> str:
    return _("commune {name} is outside your area").format(name=name)


def stored_outside(what: str, key: str) -> str:
    """The reason for a row whose group, customer or loan is stored in another commune."""
    if what == "group":
        return _("group {code} belongs to a commune outside your area").format(code=key)
    if what == "customer":
        return _("customer {code} belongs to a commune outside your area").format(code=key)
    return _("contract {contract} belongs to a commune outside your area").format(contract=key)
