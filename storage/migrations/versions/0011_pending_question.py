"""The question a chat asked before agreeing to the personal-data notice, kept in its link so
it is answered once the person agrees (on whichever worker that message lands)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 18:00:00

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_links") as batch:
        batch.add_column(sa.Column("pending_question", sa.Text()))
        batch.add_column(sa.Column("pending_question_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("chat_links") as batch:
        batch.drop_column("pending_question_at")
        batch.drop_column("pending_question")
