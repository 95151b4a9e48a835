"""Zalo: the numbered options of the last message to each chat; which chat a person's news
goes to (the one they chose, else the one they used last)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 09:00:00

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "zalo_options",
        sa.Column("channel", sa.String(20), primary_key=True),
        sa.Column("chat_id", sa.String(64), primary_key=True),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("chat_links") as batch:
        batch.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("news_chosen_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("chat_links") as batch:
        batch.drop_column("news_chosen_at")
        batch.drop_column("last_seen_at")
    op.drop_table("zalo_options")
