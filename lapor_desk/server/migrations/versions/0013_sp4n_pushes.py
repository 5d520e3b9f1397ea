"""What the SP4N round sends to SP4N-LAPOR! and where its fetch starts: ``sp4n_pushes``,
``sp4n_marks`` (server/sp4n/push.py, server/sp4n/round.py; docs/sp4n.md).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

One row per public reply or status change on a complaint recorded nationally, written in the
change's own transaction, sent by the round once (claimed, retried with backoff). Neither table
is replicated: no ``seq``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lapor_desk.server.db import UtcDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sp4n_pushes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("complaint_id", sa.String(36), sa.ForeignKey("complaints.id"), nullable=False),
        sa.Column("event_seq", sa.BigInteger(), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(80), nullable=False),
        sa.Column("body", sa.Text()),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=False),
        sa.Column("claimed_until", UtcDateTime()),
        sa.Column("answer", sa.String(255)),
        sa.Column("error", sa.Text()),
        sa.Column("sent_at", UtcDateTime()),
    )
    op.create_index("ix_sp4n_pushes_complaint_id", "sp4n_pushes", ["complaint_id"])
    op.create_index("ix_sp4n_pushes_due", "sp4n_pushes", ["status", "next_attempt_at"])
    op.create_table(
        "sp4n_marks",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sp4n_marks")
    op.drop_index("ix_sp4n_pushes_due", "sp4n_pushes")
    op.drop_index("ix_sp4n_pushes_complaint_id", "sp4n_pushes")
    op.drop_table("sp4n_pushes")
