"""SP4N-LAPOR!'s tracking number and link on a cached complaint

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

``complaint.national_tracking_number`` (indexed: the search box looks it up, the list of
complaints not yet recorded in SP4N-LAPOR! reads it) and ``complaint.national_link``. Rows
cached before carry none until the server sends them again (the next full pull).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("complaint", sa.Column("national_tracking_number", sa.Integer(), nullable=True))
    op.add_column("complaint", sa.Column("national_link", sa.Text(), nullable=True))
    op.create_index("ix_complaint_national_tracking_number", "complaint",
                    ["national_tracking_number"])


def downgrade() -> None:
    op.drop_index("ix_complaint_national_tracking_number", table_name="complaint")
    op.drop_column("complaint", "national_link")
    op.drop_column("complaint", "national_tracking_number")
