"""Full-text search over complaint titles and bodies and follow-up bodies (SQLite FTS5), and the
lookups beside it: a tracking number typed as heard (``#3715 910``: :mod:`lapor_desk.models.lookup`)
finds that complaint first, and the reporter's name or phone finds theirs, only where the reporter
is not anonymous (the server sends no name for those, and the clause asks again).

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

from sqlalchemy import and_, column, false, func, literal, literal_column, or_, select, table, text
from sqlalchemy.engine import Connection

from lapor_desk.models.cache import fts
from lapor_desk.models.cache.schema import Complaint
from lapor_desk.models.cache.store import driver_rows
from lapor_desk.models.lookup import phone_core, tracking_number_in

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
    one of the complaint's follow-ups matched, or the reporter, or the tracking number);
    ``first``: those whose tracking number is the one typed (listed before the others)."""

    rowids: frozenset[int]
    first: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.rowids)

    def has(self, rowid: int) -> bool:
        return rowid in self.rowids


NOTHING = Matches(frozenset())
#: Separators a phone number is written with, left out before digits are compared.
_PHONE_MARKS = (" ", "-", "+", ".", "(", ")", "/")


def _name_words(user_text: str) -> list[str]:
    """The words a reporter's name is looked up by: letters (and an apostrophe inside one:
    "Ma'ruf"), a hyphen or a dot a separator; the particles written together ("laode",
    "waode") apart, as names carry them; words of one letter left out."""
    words: list[str] = []
    for token in re.split(r"[\s\-.]+", user_text.casefold())[:8]:
        word = token.strip("'’")
        if not word:
            continue
        if not word.replace("'", "").replace("’", "").isalpha():
            return []  # digits or signs: not a name
        particle = _PARTICLES.match(word)
        words += [particle.group(1), particle.group(2)] if particle else [word]
    return [w for w in words if len(w) >= 2]


#: "La Ode" and "Wa Ode" (Buton, Muna) are often typed as one word.
_PARTICLES = re.compile(r"^(la|wa)(ode)$")
#: From this many letters a typed word may lie anywhere in the name ("aisyah" in
#: "Siti-Aisyah"); a shorter one starts a word of it ("ode" is not in "Rhode").
INSIDE_WORD = 4


def _name_clause(words: list[str]) -> Any:
    """Every typed word is in the reporter's name (see ``INSIDE_WORD``). A plain LIKE, which
    ignores the case of ASCII letters, over the small index of named reporters: a function on
    each name would cost several times more (bench/queue_bench.py)."""
    spaced = literal(" ") + func.coalesce(Complaint.reporter_name, "")
    return and_(*(spaced.like(f"%{w}%" if len(w) >= INSIDE_WORD else f"% {w}%")
                  for w in words))


def reporter_clause(user_text: str) -> Any | None:
    """A WHERE clause on ``complaint`` keeping the complaints whose reporter is named (see
    :func:`_name_clause`) or reached at the phone number typed; never an anonymous one. None
    when the text is neither a name nor a phone number."""
    clauses = []
    words = _name_words(user_text)
    if words:
        clauses.append(_name_clause(words))
    core = phone_core(user_text)
    if core is not None:
        contact: Any = func.coalesce(Complaint.reporter_contact, "")
        for mark in _PHONE_MARKS:
            contact = func.replace(contact, mark, "")
        clauses.append(contact.like(f"%{core}%"))
    if not clauses:
        return None
    # the conditions of ix_complaint_reporter, word for word: the lookup reads that index alone
    return and_(Complaint.anonymous == false(), Complaint.reporter_name.is_not(None),
                or_(*clauses))


def number_clause(user_text: str) -> Any | None:
    """A WHERE clause on ``complaint`` for the tracking number typed (this system's or
    SP4N-LAPOR!'s: a citizen may read out either), or None."""
    number = tracking_number_in(user_text)
    if number is None:
        return None
    return or_(Complaint.tracking_number == number,
               Complaint.national_tracking_number == number)


def _rowids(connection: Connection, clause: Any) -> set[int]:
    query: Any = select(literal_column("complaint.rowid")).select_from(Complaint).where(clause)
    return {int(row[0]) for row in driver_rows(connection, query)}

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
    """Every complaint whose title, body or a follow-up body matches what was typed, whose
    reporter it names, or whose tracking number it is (no words: nothing). The words are read
    from the two full-text indexes and, for a matching follow-up, its row; the number from its
    index; the reporter from the complaints' rows."""
    query = fts_query(user_text)
    if query is None:
        return NOTHING
    rowids = {int(row[0]) for row in driver_rows(connection, _matching(_COMPLAINT_FTS, query))}
    rowids.update(int(row[0]) for row in driver_rows(connection, _replied(query)))
    reporter = reporter_clause(user_text)
    if reporter is not None:
        rowids.update(_rowids(connection, reporter))
    number = number_clause(user_text)
    first = _rowids(connection, number) if number is not None else set()
    return Matches(frozenset(rowids | first), frozenset(first))


def search_clause(user_text: str, rowid: Any) -> Any | None:
    """A WHERE clause keeping the complaints that match (``rowid`` is the complaint table's
    rowid in the query it narrows); None when nothing was typed."""
    query = fts_query(user_text)
    if query is None:
        return None
    found = [rowid.in_(_matching(_COMPLAINT_FTS, query)), rowid.in_(_replied(query))]
    found += [c for c in (reporter_clause(user_text), number_clause(user_text)) if c is not None]
    return or_(*found)


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
