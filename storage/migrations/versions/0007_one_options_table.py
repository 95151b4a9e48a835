"""one options table: Zalo's numbered options (`zalo_options`, 0006) move into `chat_options`
(0003), which every channel reads

Both kept the options a chat was last shown, per (channel, chat_id). Where a chat has a row
in both, Zalo's is kept: it was written after the router's, and holds every option the
person saw numbered.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 12:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None



def upgrade() -> None:
    op.execute(
        sa.text(
            "DELETE FROM chat_options WHERE EXISTS (SELECT 1 FROM zalo_options z "
            "WHERE z.channel = chat_options.channel AND z.chat_id = chat_options.chat_id)"
        )
    )
    op.execute(
        sa.text(
            "INSERT INTO chat_options (channel, chat_id, options, at) "
            "SELECT channel, chat_id, options, updated_at FROM zalo_options"
        )
    )
    op.drop_table("zalo_options")


def downgrade() -> None:
    op.create_table(
        "zalo_options",
        sa.Column("channel", sa.String(20), primary_key=True),
        sa.Column("chat_id", sa.String(64), primary_key=True),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.execute(
        sa.text(
            "INSERT INTO zalo_options (channel, chat_id, options, updated_at) "
            "SELECT channel, chat_id, options, at FROM chat_options WHERE channel = 'zalo'"
        )
    )
