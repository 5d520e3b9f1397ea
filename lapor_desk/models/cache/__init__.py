"""The local cache of a desktop profile: ORM tables, opening/migrating, full-text search."""

from __future__ import annotations

from lapor_desk.models.cache.schema import (
    ENTITY_TABLES,
    Agency,
    Attachment,
    Base,
    Blob,
    Complaint,
    ComplaintSnapshot,
    Disposition,
    Event,
    FollowUp,
    OutboxEntry,
    SyncState,
)
from lapor_desk.models.cache.search import search_complaint_ids
from lapor_desk.models.cache.store import Cache, open_cache

__all__ = [
    "ENTITY_TABLES",
    "Agency",
    "Attachment",
    "Base",
    "Blob",
    "Cache",
    "Complaint",
    "ComplaintSnapshot",
    "Disposition",
    "Event",
    "FollowUp",
    "OutboxEntry",
    "SyncState",
    "open_cache",
    "search_complaint_ids",
]
