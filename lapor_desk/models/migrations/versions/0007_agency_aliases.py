"""agency aliases; the reporters a search looks up

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

The other names of a unit or agency as the server sends them (a JSON array of texts), by which
the forward and re-route dialogs find it (models/unit_names.py). Rows pulled before have none
until the server sends them again (an alias edited there sends the row again).

``ix_complaint_reporter`` holds the names and contacts of the reporters who are not anonymous, so
the search box looks a reporter up in a small index instead of every complaint's row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agency", sa.Column("aliases", sa.Text(), nullable=False, server_default="[]"))
    op.create_index("ix_complaint_reporter", "complaint",
                    ["reporter_name", "reporter_contact", "anonymous"],
                    sqlite_where=sa.text("anonymous = 0 AND reporter_name IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_complaint_reporter", table_name="complaint")
    op.drop_column("agency", "aliases")
