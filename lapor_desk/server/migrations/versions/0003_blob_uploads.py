"""Blob ownership per uploader: ``blob_uploads`` holds each user's own upload of a content.

A user owns a blob once they have sent all of its bytes themselves (docs/sync-protocol.md,
"Attachments"). Existing data: the uploader of every complete blob becomes its owner; an
incomplete upload is dropped (its uploader's client asks for the offset, hears 0 and sends the
file again; the old partial file is removed by the blob store's sweep of abandoned uploads).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import lapor_desk.server.db

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_blobs = sa.table(
    "blobs",
    sa.column("sha256", sa.String), sa.column("size", sa.BigInteger),
    sa.column("complete", sa.Boolean), sa.column("uploaded_by", sa.Integer),
    sa.column("created_at", lapor_desk.server.db.UtcDateTime(timezone=True)),
)
_users = sa.table("users", sa.column("id", sa.Integer))


def upgrade() -> None:
    uploads = op.create_table(
        "blob_uploads",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_at", lapor_desk.server.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", lapor_desk.server.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("sha256", "user_id"),
    )
    op.create_index("ix_blob_uploads_user_open", "blob_uploads",
                    ["user_id", "complete", "updated_at"])
    op.create_index("ix_blob_uploads_open", "blob_uploads", ["complete", "updated_at"])
    owners = (
        sa.select(_blobs.c.sha256, _blobs.c.uploaded_by, _blobs.c.size, _blobs.c.size,
                  sa.true(), _blobs.c.created_at, _blobs.c.created_at)
        .select_from(_blobs.join(_users, _users.c.id == _blobs.c.uploaded_by))
        .where(_blobs.c.complete == sa.true())
    )
    op.execute(uploads.insert().from_select(
        ["sha256", "user_id", "size", "received", "complete", "created_at", "updated_at"], owners))
    op.execute(_blobs.delete().where(_blobs.c.complete == sa.false()))


def downgrade() -> None:
    op.drop_index("ix_blob_uploads_open", table_name="blob_uploads")
    op.drop_index("ix_blob_uploads_user_open", table_name="blob_uploads")
    op.drop_table("blob_uploads")
