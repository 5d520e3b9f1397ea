"""the server's epoch; what the server acknowledged, kept until a backup holds it

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

``sync_state.server_epoch`` is the server's epoch as last heard (a restore from a backup changes
it). An applied outbox entry keeps the epoch and change counter of the answer that applied it
(``server_epoch``, ``server_seq``) until the server says a backup of that epoch holds that
change; then both are cleared. When the epoch changes, the entries that still carry an older one
are sent again (docs/sync-protocol.md, "Restores and the epoch"). Entries answered before this
revision carry none: they are not sent again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_state", sa.Column("server_epoch", sa.String(64), nullable=True))
    op.add_column("outbox", sa.Column("server_epoch", sa.String(64), nullable=True))
    op.add_column("outbox", sa.Column("server_seq", sa.Integer(), nullable=True))
    op.create_index("ix_outbox_server_epoch", "outbox", ["server_epoch"],
                    sqlite_where=sa.text("server_epoch IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_outbox_server_epoch", table_name="outbox")
    op.drop_column("outbox", "server_seq")
    op.drop_column("outbox", "server_epoch")
    op.drop_column("sync_state", "server_epoch")
