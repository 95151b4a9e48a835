"""When a chat was last shown the whole personal-data notice: in full once a day, a short line
with the buttons otherwise

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 09:00:00

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_links") as batch:
        batch.add_column(sa.Column("notice_shown_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("chat_links") as batch:
        batch.drop_column("notice_shown_at")
