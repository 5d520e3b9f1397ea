"""Each backend's database factory and template databases, kept for a whole test process.

The ``backend`` fixture is a session-scoped parameter; pytest holds one value of such a fixture
at a time and sets up what depends on it anew whenever the value changes. A test process that
runs one file's SQLite tests, then its PostgreSQL tests, then the next file's SQLite tests would
build the seeded database and the hand-made world again at every switch. Here they are made once
per backend and process, and dropped when the process ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import create_engine

from tests.support.live_server import DatabaseFactory


class SessionDatabases:
    def __init__(self, tmp_path_factory: pytest.TempPathFactory, pg_admin_url: str | None) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.pg_admin_url = pg_admin_url
        self._factories: dict[str, DatabaseFactory] = {}
        self._templates: dict[tuple[str, str], tuple[str, Any]] = {}

    def factory(self, backend: str) -> DatabaseFactory:
        factory = self._factories.get(backend)
        if factory is None:
            factory = DatabaseFactory(backend, self.tmp_path_factory.mktemp(f"db-{backend}"),
                                      self.pg_admin_url)
            self._factories[backend] = factory
        return factory

    def template(self, factory: DatabaseFactory, name: str,
                 make: Callable[[str], Any]) -> tuple[str, Any]:
        """The database ``make`` fills (``make(url)`` returns what it made), once per backend."""
        key = (name, factory.backend)
        made = self._templates.get(key)
        if made is None:
            url = factory.new_url()
            factory.keep(url)
            made = (url, make(url))
            # Close every pooled connection so the template can be copied.
            create_engine(url).dispose()
            self._templates[key] = made
        return made

    def close(self) -> None:
        for factory in self._factories.values():
            factory.drop_all()
