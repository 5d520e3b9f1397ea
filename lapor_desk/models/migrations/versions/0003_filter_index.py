"""filter index

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

One index holding every column the filter bar narrows by (and the id), so a filtered queue is
found in the index alone instead of reading each complaint's row (bench/queue_bench.py). Built
once when a cache of revision 0002 is opened.
"""

from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

COLUMNS = ["status", "channel", "complaint_type", "category", "subcategory", "regency",
           "handling_unit_id", "responsible_id", "created_at", "anonymous", "confidential", "id"]


def upgrade() -> None:
    op.create_index("ix_complaint_filters", "complaint", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_complaint_filters", table_name="complaint")
