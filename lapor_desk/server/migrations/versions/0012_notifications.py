"""Messages to reporters: the ``notifications`` queue and ``reply_contacts`` (server/notify/).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

One row per change a reporter is told about (verified, forwarded, answered, finished), written
in the change's own transaction and sent by the housekeeping loop; the contact a reporter gave for replies (the only one used for an
anonim reporter). Neither is replicated: no ``seq``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lapor_desk.server.db import UtcDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("complaint_id", sa.String(36), sa.ForeignKey("complaints.id"), nullable=False),
        sa.Column("event_seq", sa.BigInteger(), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16)),
        sa.Column("address", sa.String(255)),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=False),
        sa.Column("claimed_until", UtcDateTime()),
        sa.Column("provider_id", sa.String(255)),
        sa.Column("error", sa.Text()),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime()),
    )
    op.create_index("ix_notifications_complaint_id", "notifications", ["complaint_id"])
    op.create_index("ix_notifications_due", "notifications", ["status", "next_attempt_at"])
    op.create_table(
        "reply_contacts",
        sa.Column("complaint_id", sa.String(36), sa.ForeignKey("complaints.id"),
                  primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("address", sa.String(255), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reply_contacts")
    op.drop_index("ix_notifications_due", "notifications")
    op.drop_index("ix_notifications_complaint_id", "notifications")
    op.drop_table("notifications")
