"""queue order indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Three indexes that hold a queue's list in its default order (the running deadline, soonest
first, then the newest), so opening a queue of 50,000 complaints reads an index instead of
sorting (services/queues.py). Built once when a cache of revision 0001 is opened.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

RECENT = sa.text("coalesce(closed_at, created_at) DESC")


def upgrade() -> None:
    op.create_index("ix_complaint_verify_order", "complaint",
                    ["status", sa.text("verify_due IS NULL"), "verify_due", RECENT, "id"])
    op.create_index("ix_complaint_resolution_order", "complaint",
                    ["status", sa.text("resolution_due IS NULL"), "resolution_due", RECENT, "id"])
    op.create_index("ix_complaint_recent_order", "complaint", ["status", RECENT, "id"])


def downgrade() -> None:
    for name in ("ix_complaint_recent_order", "ix_complaint_resolution_order",
                 "ix_complaint_verify_order"):
        op.drop_index(name, table_name="complaint")
