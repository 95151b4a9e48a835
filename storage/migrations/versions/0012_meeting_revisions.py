"""What each revision of a meeting said (day, time, place), so a cancellation names the
meeting as each member last heard of it

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 18:00:00

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_revisions",
        sa.Column(
            "meeting_id",
            sa.Integer,
            sa.ForeignKey("meetings.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("has_time", sa.Boolean, nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    # Earlier revisions were not kept: each meeting's current one is all that is known.
    op.execute(
        sa.text(
            "INSERT INTO meeting_revisions (meeting_id, revision, starts_at, has_time, place, at) "
            "SELECT id, revision, starts_at, has_time, place, COALESCE(changed_at, created_at) "
            "FROM meetings"
        )
    )


def downgrade() -> None:
    op.drop_table("meeting_revisions")
