"""The public pages: a citizen's secret code and rating, and the per-address request counts.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

``public_access``: one row per complaint sent from the public page (the code hashed, the form's
one-time key unique: a form sent twice makes one complaint). ``public_rate``: the request counts
of the public pages per address, shared by every server process.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lapor_desk.server.db import UtcDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_access",
        sa.Column("complaint_id", sa.String(36), primary_key=True),
        sa.Column("code_hash", sa.String(200), nullable=False),
        sa.Column("form_key", sa.String(64), nullable=False, unique=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("rating_note", sa.Text(), nullable=True),
        sa.Column("rated_at", UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "public_rate",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("window_start", UtcDateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_public_rate_window_start", "public_rate", ["window_start"])


def downgrade() -> None:
    op.drop_index("ix_public_rate_window_start", table_name="public_rate")
    op.drop_table("public_rate")
    op.drop_table("public_access")
