"""lookups without reading rows: each follow-up's complaint; complaints that link to others

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

``follow_up_owner`` holds, per follow-up, its complaint's rowid, kept by triggers, so a
full-text search finds the complaints of the follow-ups that match in a table of two numbers per
row instead of reading each matching follow-up's row, which is slow for a common word's
thousands of matches on a connection that has not read them yet (bench/ui_bench.py). Filled
here when the cache is opened; a cache in the middle of a bulk load gets it filled and its
triggers when the load completes (cache/fts.py).

``ix_complaint_duplicate_links`` indexes only the complaints that list duplicates, so finding
the complaints that link to one (each time a complaint is shown) reads a few thousand index
entries instead of every complaint's row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


#: The triggers as this revision made them (cache/fts.py keeps them from here on).
TRIGGERS = (
    (
        "CREATE TRIGGER follow_up_owner_ai AFTER INSERT ON follow_up BEGIN "
        "INSERT OR REPLACE INTO follow_up_owner(follow_up_rowid, complaint_rowid) VALUES "
        "(new.rowid, (SELECT rowid FROM complaint WHERE id = new.complaint_id)); END"
    ),
    (
        "CREATE TRIGGER follow_up_owner_ad AFTER DELETE ON follow_up BEGIN "
        "DELETE FROM follow_up_owner WHERE follow_up_rowid = old.rowid; END"
    ),
    (
        "CREATE TRIGGER follow_up_owner_au AFTER UPDATE OF complaint_id ON follow_up "
        "WHEN old.complaint_id IS NOT new.complaint_id BEGIN "
        "UPDATE follow_up_owner SET complaint_rowid = "
        "(SELECT rowid FROM complaint WHERE id = new.complaint_id) "
        "WHERE follow_up_rowid = new.rowid; END"
    ),
    (
        "CREATE TRIGGER complaint_owner_ai AFTER INSERT ON complaint BEGIN "
        "UPDATE follow_up_owner SET complaint_rowid = new.rowid WHERE follow_up_rowid IN "
        "(SELECT rowid FROM follow_up WHERE complaint_id = new.id); END"
    ),
    (
        "CREATE TRIGGER complaint_owner_ad AFTER DELETE ON complaint BEGIN "
        "UPDATE follow_up_owner SET complaint_rowid = NULL WHERE follow_up_rowid IN "
        "(SELECT rowid FROM follow_up WHERE complaint_id = old.id); END"
    ),
    (
        "CREATE TRIGGER complaint_owner_au AFTER UPDATE OF id ON complaint "
        "WHEN old.id IS NOT new.id BEGIN "
        "UPDATE follow_up_owner SET complaint_rowid = NULL WHERE follow_up_rowid IN "
        "(SELECT rowid FROM follow_up WHERE complaint_id = old.id); "
        "UPDATE follow_up_owner SET complaint_rowid = new.rowid WHERE follow_up_rowid IN "
        "(SELECT rowid FROM follow_up WHERE complaint_id = new.id); END"
    ),
)
TRIGGER_NAMES = ("follow_up_owner_ai", "follow_up_owner_ad", "follow_up_owner_au",
                 "complaint_owner_ai", "complaint_owner_ad", "complaint_owner_au")


def upgrade() -> None:
    op.create_table(
        "follow_up_owner",
        sa.Column("follow_up_rowid", sa.Integer(), nullable=False),
        sa.Column("complaint_rowid", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("follow_up_rowid", name=op.f("pk_follow_up_owner")),
    )
    connection = op.get_bind()
    full_text_triggers = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_a%'"
    ).scalar_one()
    if full_text_triggers == 6:  # else a bulk load is unfinished: it does this when it ends
        connection.exec_driver_sql(
            "INSERT INTO follow_up_owner(follow_up_rowid, complaint_rowid) "
            "SELECT f.rowid, c.rowid FROM follow_up f "
            "LEFT JOIN complaint c ON c.id = f.complaint_id")
        for statement in TRIGGERS:
            connection.exec_driver_sql(statement)
        op.create_index("ix_complaint_duplicate_links", "complaint", ["duplicate_ids", "id"],
                        sqlite_where=sa.text("duplicate_ids <> '[]'"))


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_complaint_duplicate_links")
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("follow_up_owner")
