"""Customers' names folded into a key with an index, so a name said in a question is looked
up instead of every name of the commune being read at each question

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 05:00:00

"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _key(name: str) -> str:
    """storage.name_keys.name_key as it was written with this revision (kept here, so that
    a later change of the function does not change what this revision did)."""
    text = unicodedata.normalize("NFC", name).replace("đ", "d").replace("Đ", "D")
    bare = "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    ).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in bare).split())


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f("ix_customers_name_key"), ["name_key"], unique=False)
    conn = op.get_bind()
    customers = sa.table(
        "customers", sa.column("id", sa.Integer), sa.column("full_name"), sa.column("name_key")
    )
    rows = conn.execute(sa.select(customers.c.id, customers.c.full_name)).all()
    keyed = [{"_id": r.id, "key": _key(str(r.full_name))} for r in rows]
    statement = (
        customers.update()
        .where(customers.c.id == sa.bindparam("_id"))
        .values(name_key=sa.bindparam("key"))
    )
    for at in range(0, len(keyed), 5000):
        conn.execute(statement, keyed[at : at + 5000])


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_name_key"))
        batch_op.drop_column("name_key")
