"""SP4N-LAPOR!'s tracking number and link on a complaint, and what was sent there.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

``complaints.national_tracking_number`` (unique: one national record is one complaint) and
``complaints.national_link``; ``sp4n_sent``: what a connector is sending or has sent to the national
system (a report, a follow-up, a status), claimed before it is sent, so that nothing is sent
twice whichever process sends (docs/sp4n.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lapor_desk.server.db import UtcDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("complaints", sa.Column("national_tracking_number", sa.BigInteger(),
                                          nullable=True))
    op.add_column("complaints", sa.Column("national_link", sa.String(500), nullable=True))
    op.create_index("ix_complaints_national_tracking_number", "complaints",
                    ["national_tracking_number"], unique=True)
    op.create_table(
        "sp4n_sent",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("complaint_id", sa.String(36), sa.ForeignKey("complaints.id"), nullable=False,
                  index=True),
        sa.Column("national_tracking_number", sa.BigInteger(), nullable=True),
        sa.Column("transaction_id", sa.String(80), nullable=True),
        sa.Column("at", UtcDateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sp4n_sent")
    op.drop_index("ix_complaints_national_tracking_number", table_name="complaints")
    op.drop_column("complaints", "national_link")
    op.drop_column("complaints", "national_tracking_number")
