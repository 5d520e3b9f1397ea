"""imported register rows

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

``imported_row`` holds a fingerprint per register row this profile imported (a SHA-256 of the
row's own text, sync/importer.py), written in the import's transaction: a register imported
again, or its fixed rejects holding a row already in, records nothing twice.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imported_row",
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("complaint_id", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_imported_row"),
    )


def downgrade() -> None:
    op.drop_table("imported_row")
