"""What every request needs: the engine, settings, domain configuration and caches."""

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

    def directory(self, session: Session) -> DictDirectory:
        return self.directories.get(session)

    def viewer(self, session: Session, user: UserRecord) -> Viewer:
        return Viewer.of(user, self.directory(session), self.dialect)

    def now(self) -> datetime:
        return self.clock()
