"""group chats: links, dialog steps and waiting messages an earlier version let a group have

Linking, consent and figures happen only in private chats now. A Telegram group (negative
chat id) may have been linked before, by one member for everyone to see: its link and dialog
step are removed and what was waiting in the outbox for it ends unsent.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

GROUP = "channel = 'telegram' AND chat_id LIKE '-%'"


def upgrade() -> None:
    op.execute(
        sa.text(
            "UPDATE outbox SET status = 'failed', error = 'group chat' "
            f"WHERE status IN ('pending', 'claimed') AND {GROUP}"
        )
    )
    op.execute(sa.text(f"DELETE FROM dialog_states WHERE {GROUP}"))
    op.execute(sa.text(f"DELETE FROM chat_links WHERE {GROUP}"))


def downgrade() -> None:
    """Nothing to put back: the removed rows were links no one should have had."""
