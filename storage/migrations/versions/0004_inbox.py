"""inbox: webhook updates stored before they are answered 200, processed from the table

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("update_key", sa.Text(), nullable=False),
        sa.Column("chat_key", sa.String(80), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("lease_until", sa.DateTime(timezone=True)),
        sa.Column("replies", sa.Text()),
        sa.UniqueConstraint("channel", "update_key", name="uq_inbox_channel_update"),
    )
    op.create_index("ix_inbox_queue", "inbox", ["channel", "done_at", "chat_key", "id"])
    op.create_index("ix_inbox_done", "inbox", ["done_at"])


def downgrade() -> None:
    op.drop_index("ix_inbox_done", "inbox")
    op.drop_index("ix_inbox_queue", "inbox")
    op.drop_table("inbox")
