"""the options under the last message to a chat, so a typed answer can stand for a button

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_options",
        sa.Column("channel", sa.String(20), primary_key=True),
        sa.Column("chat_id", sa.String(64), primary_key=True),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("chat_options")
