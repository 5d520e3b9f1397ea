"""Duplicates: the same problem arriving through several channels or again later.

Suggestions come from the local full-text index (the cache's ``complaint_fts``): complaints whose
TITLE shares significant words with this one's, in the same kabupaten/kota, best match first,
never the complaint itself nor one already linked. Linking and unlinking are outbox actions
(``link_duplicate`` / ``unlink_duplicate``), one transaction each, shown at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import orjson
from sqlalchemy import literal_column, select, text
from sqlalchemy.engine import Connection

from lapor_desk.models.cache.schema import NO_LINKS, Complaint
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import ActionKind
from lapor_desk.services.actions import ActionFields, Actions
from lapor_desk.services.errors import NotFound
from lapor_desk.services.types import ActionResult

_WORD = re.compile(r"\w+", re.UNICODE)
#: Words too common in complaint titles to say two complaints are about the same thing.
STOPWORDS = frozenset("""
    dan atau yang di ke dari untuk dengan pada dalam oleh tidak belum sudah sangat mohon tolong
    minta harap agar karena ada ini itu kami saya kita jalan warga masyarakat pelayanan layanan
    terkait tentang soal masalah keluhan pengaduan laporan kota kabupaten kab desa kelurahan
    kecamatan bapak ibu pak bu segera depan dekat sekitar samping belakang area lokasi
""".split())  # noqa: SIM905 - a word list reads best as text
MAX_WORDS = 8


@dataclass(frozen=True)
class SimilarComplaint:
    id: str
    tracking_number: int | None
    title: str
    status: str
    regency: str | None
    created_at: str


def significant_words(title: str) -> list[str]:
    words: list[str] = []
    for word in _WORD.findall(title.casefold()):
        if len(word) >= 3 and word not in STOPWORDS and not word.isdigit() and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def title_queries(title: str) -> list[str]:
    """FTS5 queries on the title column, strictest first: two significant words in common,
    then any one."""
    words = significant_words(title)
    if not words:
        return []
    loose = " OR ".join(f'title : "{w}"' for w in words)
    if len(words) == 1:
        return [loose]
    strict = " OR ".join(f'(title : "{a}" AND title : "{b}")' for a, b in combinations(words, 2))
    return [strict, loose]


def _rows(connection: Connection, ids: Iterable[str]) -> list[SimilarComplaint]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {r.id: r for r in connection.execute(select(
        Complaint.id, Complaint.tracking_number, Complaint.title, Complaint.status,
        Complaint.regency, Complaint.created_at).where(Complaint.id.in_(wanted)))}
    return [SimilarComplaint(r.id, r.tracking_number, r.title, r.status, r.regency,
                             r.created_at) for i in wanted if (r := found.get(i)) is not None]


def _linked_ids(connection: Connection, complaint_id: str) -> tuple[list[str], list[str]]:
    """(ids this complaint links to, ids of complaints that link to this one)."""
    own = connection.execute(select(Complaint.duplicate_ids).where(
        Complaint.id == complaint_id)).scalar_one_or_none()
    if own is None:
        raise NotFound(f"complaint {complaint_id}", code="not_found")
    mine = [str(i) for i in orjson.loads(own or "[]")]
    pattern = f'%"{complaint_id}"%'
    theirs = [str(r[0]) for r in connection.execute(select(Complaint.id).where(
        # the first term, a literal like the index's own WHERE (not a bound parameter), lets
        # SQLite read only ix_complaint_duplicate_links
        Complaint.duplicate_ids != literal_column(f"'{NO_LINKS}'"),
        Complaint.duplicate_ids.like(pattern),
        Complaint.id != complaint_id))]
    return mine, [i for i in theirs if i not in mine]


class Duplicates:
    def __init__(self, cache: Cache, actions: Actions) -> None:
        self.cache = cache
        self.actions = actions

    def similar(self, complaint_id: str, limit: int = 8) -> list[SimilarComplaint]:
        """Complaints that look like the same problem, best first (linked ones left out)."""
        with self.cache.engine.connect() as connection:
            me = connection.execute(select(Complaint.title, Complaint.regency).where(
                Complaint.id == complaint_id)).first()
            if me is None:
                raise NotFound(f"complaint {complaint_id}", code="not_found")
            mine, theirs = _linked_ids(connection, complaint_id)
            skip = {complaint_id, *mine, *theirs}
            regency_clause = "c.regency = :regency" if me.regency else "c.regency IS NULL"
            ids: list[str] = []
            for query in title_queries(me.title or ""):
                found = connection.execute(text(
                    "SELECT c.id FROM complaint_fts f JOIN complaint c ON c.rowid = f.rowid"
                    f" WHERE complaint_fts MATCH :q AND {regency_clause}"
                    " ORDER BY f.rank LIMIT :limit"),
                    {"q": query, "regency": me.regency, "limit": limit + len(skip)})
                ids += [i for r in found if (i := str(r[0])) not in skip and i not in ids]
                if len(ids) >= limit:
                    break
            return _rows(connection, ids[:limit])

    def linked(self, complaint_id: str) -> list[SimilarComplaint]:
        """Complaints linked as duplicates, either way round."""
        with self.cache.engine.connect() as connection:
            mine, theirs = _linked_ids(connection, complaint_id)
            return _rows(connection, mine + theirs)

    def link(self, complaint_id: str, other_id: str) -> ActionResult:
        return self.actions.submit(ActionKind.LINK_DUPLICATE, complaint_id,
                                   ActionFields(other_id=other_id))

    def unlink(self, complaint_id: str, other_id: str) -> ActionResult:
        """Remove the link whichever of the two complaints holds it."""
        with self.cache.engine.connect() as connection:
            mine, _theirs = _linked_ids(connection, complaint_id)
        holder, other = ((complaint_id, other_id) if other_id in mine
                         else (other_id, complaint_id))
        return self.actions.submit(ActionKind.UNLINK_DUPLICATE, holder,
                                   ActionFields(other_id=other))
