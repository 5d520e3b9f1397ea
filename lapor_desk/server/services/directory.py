"""The agency tree and the acting user, loaded from the server database."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import Actor, AgencyNode, DictDirectory, scope_root_for
from lapor_desk.models.enums import AgencyLevel, Role
from lapor_desk.server.db import Agency, ServerMeta, User
from lapor_desk.server.epoch import EPOCH


@dataclass(frozen=True)
class UserRecord:
    id: int
    username: str
    display_name: str
    role: Role
    unit_id: int
    scope_epoch: int
    disabled: bool

    @classmethod
    def of(cls, user: User) -> UserRecord:
        return cls(user.id, user.username, user.display_name, Role(user.role), user.unit_id,
                   user.scope_epoch, bool(user.disabled))


def load_directory(session: Session) -> DictDirectory:
    rows = session.execute(
        select(Agency.id, Agency.parent_id, Agency.level, Agency.path, Agency.name, Agency.code,
               Agency.region_code, Agency.active)
    )
    return DictDirectory(
        [AgencyNode(r[0], r[1], AgencyLevel(r[2]), r[3], r[4], r[5], r[6], bool(r[7]))
         for r in rows]
    )


class DirectoryCache:
    """The agency tree, reloaded when an agency row changed (its newest ``seq`` moved) or the
    database was restored from a backup (its epoch moved). Each worker process holds its own and
    checks it at every request, so a change committed through any worker or command is seen at
    the next one: every change to an agency row must give it a new ``seq`` (``next_seqs``;
    desktops pull by it too), and writers commit in ``seq`` order. Agency rows are never deleted
    (an org import deactivates), so the newest ``seq`` alone says whether the tree changed within
    an epoch; a restore makes seqs again for other changes, hence the epoch in the key. The key
    is one lookup in the unique index on ``agencies.seq`` and one in ``server_meta`` (no scan
    of the table, which holds every unit of the country at national size)."""

    #: The key's two values, as columns a request's first statement reads beside its own
    #: (``auth.authenticate_in``: the caller, the key and the head in one round trip).
    KEY_COLUMNS = (select(func.max(Agency.seq)).scalar_subquery(),
                   select(ServerMeta.value).where(ServerMeta.key == EPOCH).scalar_subquery())
    KEY = select(*KEY_COLUMNS)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[int | None, str | None] | None = None
        self._directory = DictDirectory()

    def current(self, key: tuple[int | None, str | None]) -> DictDirectory | None:
        """The tree held, when it is the one of ``key``; else ``None``."""
        with self._lock:
            return self._directory if key == self._key else None

    def get(self, session: Session,
            key: tuple[int | None, str | None] | None = None) -> DictDirectory:
        """The tree as of ``session``'s snapshot; ``key``: the values of :data:`KEY_COLUMNS`
        when the caller read them already in this snapshot."""
        if key is None:
            newest, epoch = session.execute(self.KEY).one()
            key = (newest, epoch)
        with self._lock:
            if key != self._key:
                self._directory = load_directory(session)
                self._key = key
            return self._directory


def actor_for(user: UserRecord, directory: DictDirectory) -> Actor:
    unit = directory.get(user.unit_id)
    if unit is None:
        raise LookupError(f"unit {user.unit_id} of user {user.username} is not in the tree")
    root = scope_root_for(directory, user.role, unit)
    return Actor(user.id, user.role, user.unit_id, root.id, user.display_name)
