"""The server's epoch (which history of changes the database holds).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

A row ``epoch`` (a random id) in ``server_meta``; ``lapor-server restore`` replaces it, so
desktops notice the server went back (docs/sync-protocol.md, "Restores and the epoch"). No table
changes: ``server_meta`` is a key/value table.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_META = sa.table("server_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def upgrade() -> None:
    connection = op.get_bind()
    present = connection.execute(sa.select(_META.c.key).where(_META.c.key == "epoch")).first()
    if present is None:
        op.bulk_insert(_META, [{"key": "epoch", "value": str(uuid.uuid4())}])


def downgrade() -> None:
    op.execute(_META.delete().where(_META.c.key.in_(
        ["epoch", "backup_seq", "restored_at", "restored_from"])))
