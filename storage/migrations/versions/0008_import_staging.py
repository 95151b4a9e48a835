"""Imports staged, then applied in short transactions: the batch's state and cursor, and the
staging table of checked rows not yet applied

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 12:00:00

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batches") as batch:
        batch.add_column(
            sa.Column("state", sa.String(12), nullable=False, server_default="done")
        )
        batch.add_column(
            sa.Column("chunks_total", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("chunks_applied", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("plan", sa.Text()))
    op.create_table(
        "import_staging",
        sa.Column(
            "batch_id",
            sa.Integer(),
            sa.ForeignKey(
                "import_batches.id",
                ondelete="CASCADE",
                name="fk_import_staging_batch_id_import_batches",
            ),
            nullable=False,
        ),
        sa.Column("chunk", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("records", sa.LargeBinary(), nullable=False),
        sa.Column("contracts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("batch_id", "chunk", name="pk_import_staging"),
    )


def downgrade() -> None:
    op.drop_table("import_staging")
    with op.batch_alter_table("import_batches") as batch:
        batch.drop_column("plan")
        batch.drop_column("chunks_applied")
        batch.drop_column("chunks_total")
        batch.drop_column("state")
