"""Messages received through the pemda's own channels (email, WhatsApp, SMS).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

``channel_messages``: one row per message taken in (channel, the message's own id), so a retried
webhook or a mail fetched twice creates nothing twice. ``channel_threads``: the complaint a
sender's later messages add to. Neither is replicated to the desktops.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lapor_desk.server.db import UtcDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_messages",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("message_id", sa.String(255), primary_key=True),
        sa.Column("complaint_id", sa.String(36), nullable=True),
        sa.Column("received_at", UtcDateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "channel_threads",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("sender", sa.String(255), primary_key=True),
        sa.Column("complaint_id", sa.String(36), nullable=True),
        sa.Column("updated_at", UtcDateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("channel_threads")
    op.drop_table("channel_messages")
