"""inactive units

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

``agency.active`` as the server sends it (false for a unit the pemda no longer has): such a unit
stays for the complaints that name it and is left out of the forward and re-route pickers. Rows
pulled before are active until the server sends them again (a deactivated unit's row is sent again
with a new change number).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agency", sa.Column("active", sa.Boolean(), nullable=False,
                                      server_default="1"))


def downgrade() -> None:
    op.drop_column("agency", "active")
