"""What every request needs: the engine, settings, domain configuration and caches.

One :class:`ServerState` lives in each worker process (``lapor-server serve --workers N``
starts N). What must be the same in every worker and survive a restart lives in the database;
what a worker keeps for itself is either read again from the database at every request or is
only a copy that cannot be wrong (``tests/server/test_workers.py`` runs two workers):

- the login throttle (:class:`LoginThrottle`): counts and locks are ``login_throttle`` rows,
  taken and counted in one write transaction; the worker keeps only when it last pruned them;
- tokens and users: rows, read at every request (``auth.current_caller``); a revoked token, a
  disabled, moved or re-roled user is seen by every worker at its next request;
- the agency tree (:class:`DirectoryCache`): a worker's copy is checked against the newest
  change number of the units and the epoch at every request and reloaded when either moved (an
  alias, a new or changed unit: every change gives the row a new ``seq``; units are never
  deleted; a restore gives a new epoch);
- the viewer and its scope: built per request from the user row and that tree;
- pages made ahead (:class:`ReadAhead`): a worker's own, handed only to a request of the same
  user, scope epoch and cursor that reaches that worker (another worker makes the page itself;
  it is the same page); lost on a restart, at no cost but the time;
- compiled pull statements (``pull.STATEMENTS``): SQL text per viewer kind, never data;
- uploads in progress (``blobs.BlobStore``): ``blob_uploads`` rows and partial files; a chunk is
  written under its row's lock (``FOR UPDATE``), so two workers never write one upload at once;
  the in-process lock only spares a worker's threads the wait on the row;
- housekeeping (auto-close, stale uploads): each round is claimed in the database by one worker
  (server/housekeeping.py); closing is idempotent anyway (row lock, still-due check);
- the SLA table (``config``) and the settings: read from the same files by every worker at
  start; a change to them needs a restart of the server (all workers);
- a training server's exercises are rows (``before_action`` reads them in the push's
  transaction), but its clock counts from the process's start: a training server runs one
  worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import Actor, DictDirectory
from lapor_desk.models.calendar import DomainConfig, default_config, load_config, utcnow
from lapor_desk.server.addresses import Network, parse_networks
from lapor_desk.server.database import instance_id, make_engine
from lapor_desk.server.read_ahead import ReadAhead
from lapor_desk.server.scope import Viewer
from lapor_desk.server.services.directory import DirectoryCache, UserRecord
from lapor_desk.server.services.throttle import LoginThrottle
from lapor_desk.server.settings import ServerSettings


class ActionHook(Protocol):
    def __call__(self, session: Session, actor: Actor, kind: str, complaint_id: str | None,
                 directory: DictDirectory, config: DomainConfig, now: datetime) -> None: ...


@dataclass
class ServerState:
    settings: ServerSettings
    engine: Engine
    config: DomainConfig
    instance_id: str
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    trusted_proxies: tuple[Network, ...] = ()
    directories: DirectoryCache = field(default_factory=DirectoryCache)
    #: Pull pages made before they are asked for (server/read_ahead.py).
    read_ahead: ReadAhead = field(default_factory=ReadAhead)
    #: The server's clock (tests give their own).
    clock: Callable[[], datetime] = utcnow
    #: Called before each pushed action, in its transaction (a training server's exercises).
    before_action: ActionHook | None = None

    @classmethod
    def open(cls, settings: ServerSettings,
             clock: Callable[[], datetime] | None = None) -> ServerState:
        engine = make_engine(settings.database_url)
        with Session(engine) as session:
            instance = instance_id(session)
        config = load_config(settings.sla_config) if settings.sla_config else default_config()
        throttle = LoginThrottle(settings.login_failures_per_user,
                                 settings.login_failures_per_address)
        return cls(settings, engine, config, instance, throttle,
                   parse_networks(settings.trusted_proxies), clock=clock or utcnow)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def token_ttl(self) -> timedelta:
        return timedelta(hours=self.settings.token_ttl_hours)

    @property
    def token_idle(self) -> timedelta | None:
        hours = self.settings.token_idle_hours
        return timedelta(hours=hours) if hours > 0 else None

    def directory(self, session: Session,
                  key: tuple[int | None, str | None] | None = None) -> DictDirectory:
        return self.directories.get(session, key)

    def viewer(self, session: Session, user: UserRecord,
               key: tuple[int | None, str | None] | None = None) -> Viewer:
        """``key``: the directory's key when read already (``DirectoryCache.get``)."""
        return Viewer.of(user, self.directory(session, key), self.dialect)

    def now(self) -> datetime:
        return self.clock()
