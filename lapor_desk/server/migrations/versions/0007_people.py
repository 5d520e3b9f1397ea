"""People managed from the desktop: a required password change, and the audit of accounts.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

``users.must_change_password`` (false for every existing account) is set by an admin's password
reset: the next sign-in chooses a new password first. ``user_audit`` records who created,
disabled, enabled, moved or reset which account, and when (docs/sync-protocol.md "People").
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lapor_desk.server.db import UtcDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                     server_default=sa.text("false")))
    op.create_table(
        "user_audit",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("target_username", sa.String(64), nullable=False),
        sa.Column("unit_path", sa.String(255), nullable=False),
        sa.Column("from_unit_path", sa.String(255), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("ix_user_audit_at", "user_audit", ["at"])
    op.create_index("ix_user_audit_target_id", "user_audit", ["target_id"])
    op.create_index("ix_user_audit_unit_path", "user_audit", ["unit_path"])


def downgrade() -> None:
    op.drop_index("ix_user_audit_unit_path", "user_audit")
    op.drop_index("ix_user_audit_target_id", "user_audit")
    op.drop_index("ix_user_audit_at", "user_audit")
    op.drop_table("user_audit")
    op.drop_column("users", "must_change_password")
