"""outbox knows its broadcast, expiry and sent message; broadcasts; group meetings and answers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        # 0001 declared these with use_alter, which SQLite writes inline but other databases
        # expect as a later ALTER TABLE that 0001 never issued (found running on PostgreSQL).
        for column in ("leader_customer_id", "deputy_customer_id"):
            op.create_foreign_key(
                f"fk_groups_{column}_customers", "groups", "customers", [column], ["id"]
            )
    op.add_column("outbox", sa.Column("broadcast_id", sa.Integer()))
    op.add_column("outbox", sa.Column("not_after", sa.DateTime(timezone=True)))
    op.add_column("outbox", sa.Column("sent_message_id", sa.String(64)))
    op.create_index("ix_outbox_broadcast_id", "outbox", ["broadcast_id"])
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officers.id", ondelete="SET NULL")),
        sa.Column("audience", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("status_channel", sa.String(20)),
        sa.Column("status_chat_id", sa.String(64)),
        sa.Column("status_outbox_id", sa.Integer()),
        sa.Column("last_progress", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "group_id",
            sa.Integer(),
            sa.ForeignKey("groups.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("has_time", sa.Boolean(), nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("purpose", sa.String(300)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column(
            "called_by_customer_id",
            sa.Integer(),
            sa.ForeignKey("customers.id", ondelete="SET NULL"),
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True)),
        sa.Column("revision", sa.Integer(), nullable=False),
    )
    op.create_table(
        "meeting_answers",
        sa.Column(
            "meeting_id",
            sa.Integer(),
            sa.ForeignKey("meetings.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "customer_id",
            sa.Integer(),
            sa.ForeignKey("customers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("coming", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for column in ("leader_customer_id", "deputy_customer_id"):
            op.drop_constraint(f"fk_groups_{column}_customers", "groups", type_="foreignkey")
    op.drop_table("meeting_answers")
    op.drop_table("meetings")
    op.drop_table("broadcasts")
    op.drop_index("ix_outbox_broadcast_id", "outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("sent_message_id")
        batch.drop_column("not_after")
        batch.drop_column("broadcast_id")
