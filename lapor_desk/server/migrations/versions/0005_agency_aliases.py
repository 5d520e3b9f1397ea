"""Other names of a unit or agency (aliases), by which admins find it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

``agencies.aliases`` is a JSON array of texts ("Dukcapil", "Disdukcapil Kendari"); existing rows
get an empty array. Sent to the desktops with the agency's row (docs/sync-protocol.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agencies", sa.Column("aliases", sa.JSON(), nullable=False,
                                        server_default=sa.text("'[]'")))


def downgrade() -> None:
    op.drop_column("agencies", "aliases")
