"""The reporter's rating of the handling on a cached complaint

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-07

``complaint.rating`` (1-5), ``complaint.rating_note`` and ``complaint.rated_at``: what the
reporter said of the handling on the public page (docs/sync-protocol.md). Rows cached before
carry none until the server sends them again (a rating sends its complaint again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("complaint", sa.Column("rating", sa.Integer(), nullable=True))
    op.add_column("complaint", sa.Column("rating_note", sa.Text(), nullable=True))
    op.add_column("complaint", sa.Column("rated_at", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_column("complaint", "rated_at")
    op.drop_column("complaint", "rating_note")
    op.drop_column("complaint", "rating")
