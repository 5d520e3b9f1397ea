"""Full-text search over complaint titles and bodies and follow-up bodies (SQLite FTS5)."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(user_text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word must match, as a prefix."""
    words = _WORD.findall(user_text)[:16]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def search_complaint_ids(connection: Connection, user_text: str, limit: int = 500) -> list[str]:
    """Ids of complaints whose title, body or a follow-up body matches, best first."""
    query = fts_query(user_text)
    if query is None:
        return []
    rows = connection.execute(
        text(
            "SELECT id FROM ("
            " SELECT c.id AS id, f.rank AS rank FROM complaint_fts f"
            " JOIN complaint c ON c.rowid = f.rowid WHERE complaint_fts MATCH :q"
            " UNION ALL"
            " SELECT u.complaint_id AS id, f.rank AS rank FROM follow_up_fts f"
            " JOIN follow_up u ON u.rowid = f.rowid WHERE follow_up_fts MATCH :q"
            ") GROUP BY id ORDER BY min(rank) LIMIT :limit"
        ),
        {"q": query, "limit": limit},
    )
    return [str(row[0]) for row in rows]


def rebuild_index(connection: Connection) -> None:
    """Rebuild both indexes from their tables (repair tool; normal upkeep is by triggers)."""
    connection.exec_driver_sql("INSERT INTO complaint_fts(complaint_fts) VALUES ('rebuild')")
    connection.exec_driver_sql("INSERT INTO follow_up_fts(follow_up_fts) VALUES ('rebuild')")


def integrity_check(connection: Connection) -> None:
    """Raise ``sqlalchemy.exc.DatabaseError`` when an index disagrees with its table."""
    connection.exec_driver_sql(
        "INSERT INTO complaint_fts(complaint_fts, rank) VALUES ('integrity-check', 1)"
    )
    connection.exec_driver_sql(
        "INSERT INTO follow_up_fts(follow_up_fts, rank) VALUES ('integrity-check', 1)"
    )
