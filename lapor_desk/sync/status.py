"""A summary of a profile's cache: what the status screen and ``lapor-desk status`` show."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select

from lapor_desk.models.cache.schema import Complaint, OutboxEntry, SyncState
from lapor_desk.models.cache.store import Cache
from lapor_desk.sync import localview as lv
from lapor_desk.sync.errors import storage_guard


@dataclass(frozen=True)
class CacheStatus:
    complaints: int
    outbox_pending: int
    outbox_rejected: int
    conflicts: int
    outbox_applied: int
    cursor: str | None
    last_sync_at: str | None
    client_id: str
    server_url: str | None
    user: str | None
    role: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_status(cache: Cache) -> CacheStatus:
    with storage_guard(cache.profile_dir), cache.engine.connect() as connection:
        complaints = connection.execute(select(func.count()).select_from(Complaint)).scalar_one()
        counts: dict[str, int] = dict(connection.execute(
            select(OutboxEntry.state, func.count()).where(OutboxEntry.dismissed.is_(False))
            .group_by(OutboxEntry.state)).all())
        applied = connection.execute(select(func.count()).select_from(OutboxEntry).where(
            OutboxEntry.state == lv.APPLIED)).scalar_one()
        pending = connection.execute(select(func.count()).select_from(OutboxEntry).where(
            OutboxEntry.state == lv.PENDING)).scalar_one()
        state = connection.execute(select(SyncState).where(SyncState.id == 1)).one()
    return CacheStatus(
        complaints=int(complaints),
        outbox_pending=int(pending),
        outbox_rejected=int(counts.get(lv.REJECTED, 0)),
        conflicts=int(counts.get(lv.CONFLICT, 0)),
        outbox_applied=int(applied),
        cursor=state.cursor,
        last_sync_at=state.last_sync_at,
        client_id=state.client_id,
        server_url=state.server_url,
        user=state.username,
        role=state.role,
    )
