"""full-text progress of a bulk load

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

A bulk load (an initial sync) indexes each page's new rows for full-text search with the page,
while the desktop waits for the next page from the server, instead of rebuilding both full-text
indexes after the last page (seconds on a big load, during which nothing else could
happen). ``fts_bulk`` records, per table, up to which rowid the index
holds the rows, so an interrupted load carries on where it stopped (cache/fts.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fts_bulk",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("indexed_to", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_fts_bulk")),
    )


def downgrade() -> None:
    op.drop_table("fts_bulk")
