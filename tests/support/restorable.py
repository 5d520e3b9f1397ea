"""A test's own reference server that can be stopped, restored from a backup and started again on
the same address (tests of ``lapor-server backup``/``restore`` and of desktops that live through
a restore)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from lapor_desk.server.backup import make_backup, restore_backup
from lapor_desk.server.backup.manifest import Manifest
from lapor_desk.server.settings import ServerSettings
from tests.server.client import Api
from tests.support.live_server import PASSWORD, DatabaseFactory, LiveServer, start_server
from tests.support.seed_blobs import serve_seed_blobs


@dataclass
class Restorable:
    live: LiveServer
    settings: ServerSettings
    port: int

    @classmethod
    def start(cls, db_factory: DatabaseFactory, seeded_template: tuple[str, Any],
              blob_dir: Path) -> Restorable:
        settings = ServerSettings(database_url=db_factory.copy_of(seeded_template[0]),
                                  blob_dir=blob_dir)
        live = start_server(settings, seeded_template[1])
        serve_seed_blobs(live)
        return cls(live, settings, int(live.url.rsplit(":", 1)[1]))

    @property
    def url(self) -> str:
        return self.live.url

    @property
    def base(self) -> str:
        return self.live.url + "/api/v1"

    @property
    def blob_dir(self) -> Path:
        return self.settings.resolved_blob_dir()

    def epoch(self) -> str:
        return str(requests.get(self.base + "/health", timeout=10).json()["epoch"])

    def backup(self, target: Path) -> Manifest:
        """A backup while the server runs."""
        return make_backup(self.settings.database_url, self.blob_dir, target)

    def restore(self, source: Path) -> str:
        """Stop the server, restore ``source``, start it again on the same address; the new
        epoch."""
        self.live.stop()
        epoch = restore_backup(self.settings.database_url, self.blob_dir, source)
        self.live = start_server(self.settings, self.live.seed, port=self.port)
        return epoch

    def login(self, username: str) -> Api:
        api = Api(self.base)
        response = api.post("/auth/login", json={"username": username, "password": PASSWORD,
                                                 "device": "pytest"})
        assert response.status_code == 200, response.text
        api.token = response.json()["token"]
        return api

    def stop(self) -> None:
        self.live.stop()
