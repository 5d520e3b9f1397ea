"""PostgreSQL: a pattern index so ``location_path LIKE '/1/4/%'`` uses an index in any collation.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE INDEX ix_complaints_location_pattern "
        "ON complaints (location_path varchar_pattern_ops, seq)"
    )
    op.execute(
        "CREATE INDEX ix_scope_exits_path_pattern ON scope_exits (old_location_path varchar_pattern_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_scope_exits_path_pattern")
    op.execute("DROP INDEX ix_complaints_location_pattern")
