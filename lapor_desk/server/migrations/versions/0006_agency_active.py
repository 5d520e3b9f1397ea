"""Units that left the pemda's structure stay, inactive.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

``agencies.active``: false for a unit that disappeared from the organisation file
(``lapor-server org import``, server/org/). Complaints, dispositions and users keep naming it; it
is sent to the desktops with the agency's row and never offered as a forward or re-route target
(docs/sync-protocol.md). Existing rows are active.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agencies", sa.Column("active", sa.Boolean(), nullable=False,
                                        server_default=sa.true()))


def downgrade() -> None:
    op.drop_column("agencies", "active")
