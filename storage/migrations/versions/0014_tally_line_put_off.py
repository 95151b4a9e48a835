"""A tally line keeps that the member's payment was put off to a later session (there, not
absent), so a new version and the leader's view still say so

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 06:00:00

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Lines submitted before this revision did not keep it: they read as not put off.
    with op.batch_alter_table("tally_lines") as batch_op:
        batch_op.add_column(
            sa.Column("put_off", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("tally_lines") as batch_op:
        batch_op.drop_column("put_off")
