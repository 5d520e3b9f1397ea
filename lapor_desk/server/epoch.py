"""The server's epoch: which history of changes the database holds.

A restore from a backup (``lapor-server restore``, :mod:`lapor_desk.server.backup`) puts the
database back to an earlier point: change numbers after that point are made again, for other
changes. So a restore gives the database a new *epoch* (a random id in ``server_meta``), which
``GET /api/v1/health``, every pull page and every push answer carry; cursors carry it too, so a
cursor of another epoch is answered with a reset. ``backup_seq`` is where the newest backup of
this epoch stands (its change counter): a desktop keeps each action the server acknowledged until
the server is known to hold it past a backup (docs/sync-protocol.md, "Restores and the epoch").
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import ScalarSelect, delete, select
from sqlalchemy.orm import Session

from lapor_desk.server.db import Counter, ServerMeta

EPOCH = "epoch"
BACKUP_SEQ = "backup_seq"
RESTORED_AT = "restored_at"
RESTORED_FROM = "restored_from"


@dataclass(frozen=True)
class Epoch:
    id: str
    #: The change counter of the newest backup taken of this epoch (None: none known).
    backup_seq: int | None
    #: Whether this database was ever restored from a backup (cursors made before epochs
    #: existed belong to a database that never was).
    restored: bool


def new_epoch_id() -> str:
    return str(uuid.uuid4())


def read_epoch(session: Session) -> Epoch:
    wanted = select(ServerMeta.key, ServerMeta.value).where(
        ServerMeta.key.in_((EPOCH, BACKUP_SEQ, RESTORED_AT)))
    meta = {key: value for key, value in session.execute(wanted)}
    if EPOCH not in meta:
        raise RuntimeError("database not initialised: run `lapor-server init-db`")
    backup = meta.get(BACKUP_SEQ)
    return Epoch(meta[EPOCH], int(backup) if backup else None, RESTORED_AT in meta)


def _meta(key: str) -> ScalarSelect[str | None]:
    return select(ServerMeta.value).where(ServerMeta.key == key).scalar_subquery()


#: The epoch, the newest backup's counter, the restore mark and the change counter: the
#: columns a pull reads at every page (beside the caller's in ``auth.authenticate_in``).
HEAD_COLUMNS = (_meta(EPOCH), _meta(BACKUP_SEQ), _meta(RESTORED_AT),
                select(Counter.value).where(Counter.name == "change_seq").scalar_subquery())
_HEAD = select(*HEAD_COLUMNS)


def read_head(session: Session) -> tuple[Epoch, int]:
    """The epoch (as :func:`read_epoch`) and the change counter, read together."""
    return head_of(session.execute(_HEAD).one())


def head_of(values: Sequence[Any]) -> tuple[Epoch, int]:
    """The epoch and the counter of the values of :data:`HEAD_COLUMNS`."""
    epoch, backup, restored_at, counter = values
    if epoch is None:
        raise RuntimeError("database not initialised: run `lapor-server init-db`")
    return Epoch(epoch, int(backup) if backup else None, restored_at is not None), int(counter)


def ensure_epoch(session: Session) -> None:
    """Give a database its first epoch (``init-db``; migration 0008 does it for older ones)."""
    if session.get(ServerMeta, EPOCH) is None:
        session.add(ServerMeta(key=EPOCH, value=new_epoch_id()))


_COUNTER = select(Counter.value).where(Counter.name == "change_seq")


def change_counter(session: Session) -> int:
    return int(session.connection().execute(_COUNTER).scalar_one())


def record_backup(session: Session, epoch: str, seq: int) -> bool:
    """A backup of ``epoch`` holds every change up to ``seq``: publish it (never backwards).
    False when the database is in another epoch now (restored meanwhile): nothing written."""
    current = read_epoch(session)
    if current.id != epoch:
        return False
    if current.backup_seq is None or seq > current.backup_seq:
        _put(session, BACKUP_SEQ, str(seq))
    return True


def start_new_epoch(session: Session, *, restored_from: str, position: int,
                    now: datetime) -> str:
    """After a restore: a new epoch whose newest backup is the one restored (it holds every
    change up to ``position``)."""
    epoch = new_epoch_id()
    _put(session, EPOCH, epoch)
    _put(session, BACKUP_SEQ, str(position))
    _put(session, RESTORED_AT, now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    _put(session, RESTORED_FROM, restored_from[:200])
    return epoch


def _put(session: Session, key: str, value: str) -> None:
    session.execute(delete(ServerMeta).where(ServerMeta.key == key))
    session.add(ServerMeta(key=key, value=value))
    session.flush()


def with_epoch(body: bytes, epoch: Epoch) -> bytes:
    """A JSON object's bytes with ``epoch`` and ``backup_seq`` added (pull pages are written as
    bytes by the layouts; these two fields are the same in each)."""
    if not body.endswith(b"}"):
        raise ValueError("not a JSON object")
    extra = orjson.dumps({EPOCH: epoch.id, BACKUP_SEQ: epoch.backup_seq})
    return body[:-1] + b"," + extra[1:]
