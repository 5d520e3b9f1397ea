"""Ratings to the desktops: complaints rated before are sent again.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

The pull row of a complaint now carries the reporter's rating of the handling (``rating``,
``rating_note``, ``rated_at``, read from ``public_access``; docs/sync-protocol.md), and a rating
gives its complaint a fresh change number. A complaint rated before this revision got none, so
each is given one here (in order of its id, from the change counter) and every desktop receives
its rating at its next pull. No table changes; the downgrade has nothing to undo.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    rated = [str(row[0]) for row in bind.execute(sa.text(
        "SELECT complaint_id FROM public_access WHERE rating IS NOT NULL "
        "AND complaint_id IN (SELECT id FROM complaints) ORDER BY complaint_id"))]
    if not rated:
        return
    last = bind.execute(sa.text(
        "UPDATE counters SET value = value + :count WHERE name = 'change_seq' RETURNING value"),
        {"count": len(rated)}).scalar_one()
    first = int(last) - len(rated) + 1
    bind.execute(sa.text("UPDATE complaints SET seq = :seq WHERE id = :id"),
                 [{"seq": first + i, "id": complaint_id} for i, complaint_id in enumerate(rated)])


def downgrade() -> None:
    pass
