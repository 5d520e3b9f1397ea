"""The server's epoch on the desktop: noticing that the server went back to a backup.

The server names the history of changes it holds with an epoch, which a restore from a backup
changes (docs/sync-protocol.md, "Restores and the epoch"). The desktop keeps the epoch it last
heard (``sync_state.server_epoch``) and, on each applied outbox entry, the epoch and change
counter of the answer that applied it, until the server says that a backup of that epoch holds
that change (:func:`let_go`). When it hears another epoch (:func:`went_back`), every applied
entry that still carries an older epoch goes back to pending: the push sends it again, under its
own mutation id, and the server applies it once (it answers one it still holds with the answer
it gave then). The cache is reset and pulled again from the start, the outbox kept, and
uploads are checked again (the restored server may lack some).

Everything here runs inside the caller's transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from lapor_desk.models.cache.schema import Blob, OutboxEntry, SyncState
from lapor_desk.models.enums import ActionKind
from lapor_desk.sync import localview as lv
from lapor_desk.sync.apply import reset_cache
from lapor_desk.sync.log import event
from lapor_desk.sync.protocol import ServerEpoch

log = logging.getLogger("lapor_desk.sync.epoch")

APPLIED = "applied"


def known_epoch(connection: Connection) -> str | None:
    value = connection.execute(select(SyncState.server_epoch).where(
        SyncState.id == 1)).scalar_one_or_none()
    return None if value is None else str(value)


def is_change(connection: Connection, heard: ServerEpoch | None) -> bool:
    """Whether ``heard`` is another epoch than the one last heard (the first one heard is not
    a change)."""
    if heard is None:
        return False
    known = known_epoch(connection)
    return known is not None and known != heard.id


def remember(connection: Connection, heard: ServerEpoch | None) -> None:
    """Keep ``heard`` as the epoch last heard when none was (a first sync, an older desktop)."""
    if heard is not None and known_epoch(connection) is None:
        connection.execute(update(SyncState).where(SyncState.id == 1).values(
            server_epoch=heard.id))


def mark_applied(connection: Connection, mutation_ids: Iterable[int], epoch: ServerEpoch | None,
                 seq: int | None) -> None:
    """The entries ``mutation_ids`` were applied by an answer of ``epoch`` whose changes are
    all at or below ``seq``: keep both until a backup holds them."""
    ids = list(mutation_ids)
    if epoch is None or seq is None or not ids:
        return
    connection.execute(update(OutboxEntry).where(
        OutboxEntry.mutation_id.in_(ids), OutboxEntry.state == APPLIED,
    ).values(server_epoch=epoch.id, server_seq=seq))


def let_go(connection: Connection, heard: ServerEpoch | None) -> int:
    """A backup of ``heard`` holds every change up to its ``backup_seq``: the entries applied
    at or below it need not be sent again. Returns how many were let go."""
    if heard is None or heard.backup_seq is None:
        return 0
    done = connection.execute(update(OutboxEntry).where(
        OutboxEntry.server_epoch == heard.id, OutboxEntry.server_seq <= heard.backup_seq,
    ).values(server_epoch=None, server_seq=None))
    return int(done.rowcount or 0)


def went_back(connection: Connection, heard: ServerEpoch) -> int:
    """The server is in another epoch than the one last heard: it was restored from a backup.
    Every applied entry that still carries an older epoch goes back to pending; the cache is
    reset (kept: the outbox and what was recorded here), uploads are checked again, and
    ``heard`` becomes the epoch last heard. Returns how many entries will be sent again."""
    previous = known_epoch(connection)
    entries = list(connection.execute(select(
        OutboxEntry.mutation_id, OutboxEntry.kind, OutboxEntry.complaint_id,
    ).where(OutboxEntry.state == APPLIED, OutboxEntry.server_epoch.is_not(None),
            OutboxEntry.server_epoch != heard.id)))
    for entry in entries:
        if entry.kind == ActionKind.RECORD_COMPLAINT:
            # Shown from the outbox again, like a complaint recorded here and not yet sent,
            # until the server's own row arrives.
            lv.ensure_snapshot(connection, entry.complaint_id, None)
    if entries:
        connection.execute(update(OutboxEntry).where(
            OutboxEntry.mutation_id.in_([e.mutation_id for e in entries]),
        ).values(state=lv.PENDING, answered_at=None, version=None, reason=None, detail=None,
                 current=None, server_epoch=None, server_seq=None))
    connection.execute(update(Blob).values(uploaded=False))
    reset_cache(connection)
    connection.execute(update(SyncState).where(SyncState.id == 1).values(
        server_epoch=heard.id))
    event(log, "sync.server_went_back", logging.WARNING, previous=previous or "",
          epoch=heard.id, resent=len(entries))
    return len(entries)
