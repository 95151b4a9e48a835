"""Whether a chat chose its language (then it always wins), and when the one-time hint how
to choose was given (a chat that did not choose is answered in the language it writes)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 16:00:00

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_links") as batch:
        batch.add_column(sa.Column("locale_chosen_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("language_hint_at", sa.DateTime(timezone=True)))
    # Until now a language other than Vietnamese was only ever set by choosing it.
    chat_links = sa.table(
        "chat_links",
        sa.column("locale", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("locale_chosen_at", sa.DateTime(timezone=True)),
    )
    op.execute(
        chat_links.update()
        .where(chat_links.c.locale != "vi")
        .values(locale_chosen_at=chat_links.c.created_at)
    )


def downgrade() -> None:
    with op.batch_alter_table("chat_links") as batch:
        batch.drop_column("language_hint_at")
        batch.drop_column("locale_chosen_at")
