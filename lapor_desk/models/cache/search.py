"""Full-text search over complaint titles and bodies and follow-up bodies (SQLite FTS5).

Two ways to ask. :func:`search_matches` finds every complaint that matches, unranked, as the
complaint table's rowids (a title or a body matched, or a follow-up: its complaint's rowid comes
from ``follow_up_owner``, not from the follow-up's own row): the complaint list keeps its own
order and only needs to know which of its rows stay, and finding the matches without ranking
them reads neither a complaint's nor a follow-up's row (several times faster than ranked:
bench/ui_bench.py). :func:`search_complaint_ids` ranks, best first, and reads the ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import column, literal_column, or_, select, table, text
from sqlalchemy.engine import Connection

from lapor_desk.models.cache import fts
from lapor_desk.models.cache.store import driver_rows

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(user_text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word must match, as a prefix."""
    words = _WORD.findall(user_text)[:16]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


@dataclass(frozen=True)
class Matches:
    """The complaints a search found, as the complaint table's rowids (the title, the body or
    one of the complaint's follow-ups matched)."""

    rowids: frozenset[int]

    def __bool__(self) -> bool:
        return bool(self.rowids)

    def has(self, rowid: int) -> bool:
        return rowid in self.rowids


NOTHING = Matches(frozenset())

_COMPLAINT_FTS = table("complaint_fts", column("rowid"))
_FOLLOW_UP_FTS = table("follow_up_fts", column("rowid"))
_OWNER = table("follow_up_owner", column("follow_up_rowid"), column("complaint_rowid"))


def _matching(fts: Any, query: str) -> Any:
    return select(fts.c.rowid).where(literal_column(fts.name).op("MATCH")(query))


def _replied(query: str) -> Any:
    """The complaint rowids of the follow-ups that match."""
    return select(_OWNER.c.complaint_rowid).where(
        _OWNER.c.follow_up_rowid.in_(_matching(_FOLLOW_UP_FTS, query)),
        _OWNER.c.complaint_rowid.is_not(None))


def search_matches(connection: Connection, user_text: str) -> Matches:
    """Every complaint whose title, body or a follow-up body matches what was typed (no words:
    nothing). Reads only the two full-text indexes and, for a matching follow-up, its row."""
    query = fts_query(user_text)
    if query is None:
        return NOTHING
    rowids = {int(row[0]) for row in driver_rows(connection, _matching(_COMPLAINT_FTS, query))}
    rowids.update(int(row[0]) for row in driver_rows(connection, _replied(query)))
    return Matches(frozenset(rowids))


def search_clause(user_text: str, rowid: Any) -> Any | None:
    """A WHERE clause keeping the complaints that match (``rowid`` is the complaint table's
    rowid in the query it narrows); None when nothing was typed."""
    query = fts_query(user_text)
    if query is None:
        return None
    return or_(rowid.in_(_matching(_COMPLAINT_FTS, query)), rowid.in_(_replied(query)))


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


class OwnersDiffer(Exception):
    """``follow_up_owner`` does not give every follow-up's complaint."""


def integrity_check(connection: Connection) -> None:
    """Raise ``sqlalchemy.exc.DatabaseError`` when an index disagrees with its table, or
    :class:`OwnersDiffer` when ``follow_up_owner`` does."""
    connection.exec_driver_sql(
        "INSERT INTO complaint_fts(complaint_fts, rank) VALUES ('integrity-check', 1)"
    )
    connection.exec_driver_sql(
        "INSERT INTO follow_up_fts(follow_up_fts, rank) VALUES ('integrity-check', 1)"
    )
    wrong = fts.owners_differ(connection)
    if wrong:
        raise OwnersDiffer(f"follow_up_owner has {wrong} rows missing, extra or wrong")
