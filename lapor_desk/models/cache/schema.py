"""ORM tables of the local cache (one SQLite file per profile).

Records pulled from the server keep the wire spelling: datetimes are ISO 8601 UTC text exactly as
the server sent them (``2026-11-23T04:05:06.123456Z``, sortable as text) and JSON arrays/objects are
JSON text. That keeps applying a page a plain ``executemany`` with no per-value conversion; the
service layer turns rows into typed frozen dataclasses.

The ``complaint`` table is the *effective* view the desktop shows: the server's row with the
user's pending outbox actions replayed on top. The server's own row of a complaint that has local
activity is kept in ``complaint_snapshot`` so pending actions can be re-applied when newer data
arrives. Child records made by a pending action carry ``local_mutation_id`` until the server's
copy (same client-made id) replaces them.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, MetaData, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Agency(Base):
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    parent_id: Mapped[int | None] = mapped_column(Integer, index=True)
    level: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(String(400), index=True)
    name: Mapped[str] = mapped_column(String(300))
    code: Mapped[str | None] = mapped_column(String(64))
    region_code: Mapped[str | None] = mapped_column(String(32))
    #: Other names of the unit (JSON array of texts, as pulled; cache schema 0007).
    aliases: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    #: False for a unit the pemda no longer has (cache schema 0008): kept for the complaints that
    #: name it, not offered in the forward and re-route pickers.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


#: The columns of ``ix_complaint_filters`` (cache schema 0003), in index order.
FILTER_COLUMNS = ("status", "channel", "complaint_type", "category", "subcategory", "regency",
                  "handling_unit_id", "responsible_id", "created_at", "anonymous",
                  "confidential", "id")


#: ``duplicate_ids`` of a complaint that links to no other (JSON text, as pulled and as written
#: by the desktop's own actions).
NO_LINKS = "[]"


class Complaint(Base):
    __tablename__ = "complaint"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tracking_number: Mapped[int | None] = mapped_column(Integer, index=True)
    complaint_type: Mapped[str] = mapped_column(String(32))
    misconduct: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
    incident_date: Mapped[str | None] = mapped_column(String(10))
    province: Mapped[str | None] = mapped_column(String(120))
    regency: Mapped[str | None] = mapped_column(String(120))
    district: Mapped[str | None] = mapped_column(String(120))
    village: Mapped[str | None] = mapped_column(String(120))
    category: Mapped[str | None] = mapped_column(String(200))
    subcategory: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str | None] = mapped_column(String(32))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    reporter_name: Mapped[str | None] = mapped_column(String(200))
    reporter_contact: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(32), index=True)
    responsible_id: Mapped[int] = mapped_column(Integer, index=True)
    handling_unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer)
    transition_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40), index=True)
    updated_at: Mapped[str | None] = mapped_column(String(40))
    verify_due: Mapped[str | None] = mapped_column(String(40))
    resolution_due: Mapped[str | None] = mapped_column(String(40))
    auto_close_due: Mapped[str | None] = mapped_column(String(40))
    paused_at: Mapped[str | None] = mapped_column(String(40))
    forwarded_at: Mapped[str | None] = mapped_column(String(40))
    first_follow_up_at: Mapped[str | None] = mapped_column(String(40))
    last_follow_up_at: Mapped[str | None] = mapped_column(String(40))
    closed_at: Mapped[str | None] = mapped_column(String(40))
    handler_unit_ids: Mapped[str] = mapped_column(Text, default="[]")
    duplicate_ids: Mapped[str] = mapped_column(Text, default="[]")
    tags: Mapped[str] = mapped_column(Text, default="[]")
    recorded_by: Mapped[int | None] = mapped_column(Integer)
    #: SP4N-LAPOR!'s tracking number and link; None while not recorded there.
    national_tracking_number: Mapped[int | None] = mapped_column(Integer, index=True)
    national_link: Mapped[str | None] = mapped_column(Text)
    #: The reporter's rating of the handling (1-5, the public page), its note and when; None
    #: while not rated.
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_note: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[str | None] = mapped_column(String(40))
    #: The version of the server's row the user's view is based on (sent as ``base_version``).
    #: ``None`` for a complaint recorded here and not yet accepted by the server.
    server_version: Mapped[int | None] = mapped_column(Integer)

    # A queue's list in its default order (services/queues.py: the running deadline, soonest
    # first, then the newest) read straight from an index, with no sort: one per kind of
    # running deadline. The ORDER BY must repeat these expressions exactly.
    __table_args__ = (
        Index("ix_complaint_verify_order", "status", text("verify_due IS NULL"), "verify_due",
              text("coalesce(closed_at, created_at) DESC"), "id"),
        Index("ix_complaint_resolution_order", "status", text("resolution_due IS NULL"),
              "resolution_due", text("coalesce(closed_at, created_at) DESC"), "id"),
        Index("ix_complaint_recent_order", "status",
              text("coalesce(closed_at, created_at) DESC"), "id"),
        # Every column the filter bar narrows by, and the id: a filtered queue is found in
        # this index alone, without reading each complaint's row (services/queues.py).
        Index("ix_complaint_filters", *FILTER_COLUMNS),
        # The complaints that list others as duplicates (a few in a hundred), so "which
        # complaints link to this one" reads them alone, not every complaint's row (cache
        # schema 0005; services/duplicates.py).
        Index("ix_complaint_duplicate_links", "duplicate_ids", "id",
              sqlite_where=text(f"duplicate_ids <> '{NO_LINKS}'")),
        # The reporters a search may look up (named, not anonymous): their names and contacts
        # are read here, a few bytes each, instead of in every complaint's row with its body
        # (cache schema 0007; models/cache/search.py).
        Index("ix_complaint_reporter", "reporter_name", "reporter_contact", "anonymous",
              sqlite_where=text("anonymous = 0 AND reporter_name IS NOT NULL")),
    )


class ComplaintSnapshot(Base):
    """The server's row of a complaint that has local activity (``row`` is JSON, wire spelling).

    ``row`` is ``None`` for a complaint recorded on this desktop that the server has not sent yet.
    """

    __tablename__ = "complaint_snapshot"

    complaint_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    row: Mapped[str | None] = mapped_column(Text)


class Disposition(Base):
    __tablename__ = "disposition"
    __table_args__ = (Index("ix_disposition_complaint", "complaint_id", "at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(String(64))
    from_id: Mapped[int | None] = mapped_column(Integer)
    to_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(40))
    local_mutation_id: Mapped[int | None] = mapped_column(Integer)


class FollowUp(Base):
    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_complaint", "complaint_id", "at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    body: Mapped[str | None] = mapped_column(Text)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
    author_id: Mapped[int | None] = mapped_column(Integer)
    author_name: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))
    local_mutation_id: Mapped[int | None] = mapped_column(Integer)


class FollowUpOwner(Base):
    """Each follow-up's complaint, as rowids (cache schema 0005): a full-text search finds the
    complaints of the follow-ups that match here, in a table of two numbers per row, instead of
    reading each matching follow-up's row (with its text) for its ``complaint_id``, which is
    slow for a common word on a connection that has not read those rows yet
    (bench/ui_bench.py, search). ``complaint_rowid`` is null while the follow-up's
    complaint is not in the cache. Kept by triggers (:mod:`lapor_desk.models.cache.fts`)."""

    __tablename__ = "follow_up_owner"

    follow_up_rowid: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_rowid: Mapped[int | None] = mapped_column(Integer)


class Attachment(Base):
    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_complaint", "complaint_id"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(String(64))
    follow_up_id: Mapped[str | None] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    mime_type: Mapped[str | None] = mapped_column(String(100))
    filename: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[str | None] = mapped_column(String(40))
    local_mutation_id: Mapped[int | None] = mapped_column(Integer)
    #: Path of the verified blob under the profile's blob directory, once it is here.
    local_path: Mapped[str | None] = mapped_column(Text)


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (Index("ix_event_complaint", "complaint_id", "at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str | None] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="{}")
    local_mutation_id: Mapped[int | None] = mapped_column(Integer)


class OutboxEntry(Base):
    """One user action waiting for, or answered by, the server. Conflicts are rows in state
    ``conflict`` with the server's ``current`` row of the complaint."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_state", "state", "mutation_id"),
        Index("ix_outbox_complaint", "complaint_id", "mutation_id"),
        Index("ix_outbox_server_epoch", "server_epoch",
              sqlite_where=text("server_epoch IS NOT NULL")),
    )

    mutation_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32))
    complaint_id: Mapped[str] = mapped_column(String(64))
    base_version: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)  # JSON object
    state: Mapped[str] = mapped_column(String(16), default="pending")  # OutboxState
    reason: Mapped[str | None] = mapped_column(String(64))  # RejectReason code
    detail: Mapped[str | None] = mapped_column(Text)
    current: Mapped[str | None] = mapped_column(Text)  # server's complaint row on conflict (JSON)
    version: Mapped[int | None] = mapped_column(Integer)  # complaint version when applied
    created_at: Mapped[str] = mapped_column(String(40))
    answered_at: Mapped[str | None] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: Set when a person has looked at a rejection or conflict and dismissed it.
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: An applied entry: the server's epoch and change counter of the answer that applied it,
    #: kept until a backup of that epoch holds it (then both NULL; sync/epoch.py).
    server_epoch: Mapped[str | None] = mapped_column(String(64))
    server_seq: Mapped[int | None] = mapped_column(Integer)


class Blob(Base):
    """A blob this profile holds locally (uploaded by the user or downloaded and verified)."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    local_path: Mapped[str] = mapped_column(Text)
    uploaded: Mapped[bool] = mapped_column(Boolean, default=False)


class FtsBulk(Base):
    """How far a bulk load's full-text indexing has come (cache schema 0004): while a bulk load
    runs, the rows of ``name`` (``complaint``, ``follow_up``) up to rowid ``indexed_to`` are in
    that table's full-text index, and each page's newer rows are indexed with the page (see
    :mod:`lapor_desk.models.cache.fts`). No rows: no bulk load, or one begun by a version that
    indexed everything at the end."""

    __tablename__ = "fts_bulk"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    indexed_to: Mapped[int] = mapped_column(Integer)


class ImportedRow(Base):
    """A register row this profile imported (cache schema 0006), by its fingerprint (a SHA-256
    of the row's own text, sync/importer.py): importing the same row again, from the same file
    or from its fixed rejects, records nothing twice. Written in the import's transaction."""

    __tablename__ = "imported_row"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[str] = mapped_column(String(40))


class SyncState(Base):
    """Exactly one row (id = 1)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    client_id: Mapped[str] = mapped_column(String(64))
    cursor: Mapped[str | None] = mapped_column(Text)
    next_mutation_id: Mapped[int] = mapped_column(Integer, default=1)
    last_sync_at: Mapped[str | None] = mapped_column(String(40))
    server_url: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str | None] = mapped_column(String(120))
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(32))
    unit_id: Mapped[int | None] = mapped_column(Integer)
    scope_root_id: Mapped[int | None] = mapped_column(Integer)
    #: The server's epoch as last heard (cache schema 0009; sync/epoch.py).
    server_epoch: Mapped[str | None] = mapped_column(String(64))


#: Columns of each pulled entity as the cache stores them (the wire names, in wire order).
ENTITY_TABLES = {
    "agency": Agency.__table__,
    "complaint": Complaint.__table__,
    "disposition": Disposition.__table__,
    "follow_up": FollowUp.__table__,
    "attachment": Attachment.__table__,
    "event": Event.__table__,
}
