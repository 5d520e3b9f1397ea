"""The module's shared server, put back before a test, is the world a server of its own would
have: every table's rows and every sequence as in a fresh copy of the template, no stored file,
and no login throttled by what the test before did (tests/support/shared_server.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import MetaData, create_engine, select, text

from tests.conftest import PASSWORD
from tests.support.live_server import DatabaseFactory, LiveServer
from tests.support.shared_server import SharedServer

API = "/api/v1"


def _world(url: str) -> dict[str, Any]:
    """Every table's rows (sorted) and every sequence's position."""
    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        world: dict[str, Any] = {}
        with engine.connect() as conn:
            for name, table in sorted(meta.tables.items()):
                world[name] = sorted(repr(tuple(row)) for row in conn.execute(select(table)))
            if engine.dialect.name == "sqlite":
                has = conn.execute(text("SELECT count(*) FROM sqlite_master"
                                        " WHERE name = 'sqlite_sequence'")).scalar()
                rows = conn.execute(text("SELECT name, seq FROM sqlite_sequence")) if has else []
                world["sqlite_sequence"] = sorted(repr(tuple(row)) for row in rows)
            else:
                for (name,) in conn.execute(text(
                        "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")):
                    world[f"sequence {name}"] = tuple(conn.execute(text(
                        f'SELECT last_value, is_called FROM public."{name}"')).one())
        return world
    finally:
        engine.dispose()


def _login(live: LiveServer, username: str, password: str) -> requests.Response:
    return requests.post(live.url + API + "/auth/login", timeout=30, json={
        "username": username, "password": password, "device": "pytest"})


def _write_everything(live: LiveServer) -> None:
    """A session, failed logins up to the throttle, a stored file, a session ended."""
    for _ in range(live.settings.login_failures_per_user + 1):
        _login(live, "nasional1", "salah-sandi")
    assert _login(live, "nasional1", PASSWORD).status_code == 429
    signed_in = _login(live, "admin.kendari", PASSWORD)
    assert signed_in.status_code == 200, signed_in.text
    auth = {"Authorization": f"Bearer {signed_in.json()['token']}"}
    data = b"a file the next test must not find"
    sha = hashlib.sha256(data).hexdigest()
    stored = requests.put(live.url + API + f"/blobs/{sha}/upload", timeout=30, data=data,
                          params={"offset": 0, "total": len(data)},
                          headers={**auth, "Content-Type": "application/octet-stream"})
    assert stored.status_code == 200 and stored.json()["complete"], stored.text
    assert any(Path(live.settings.resolved_blob_dir()).rglob("*"))
    again = _login(live, "admin.kendari", PASSWORD)
    requests.post(live.url + API + "/auth/logout", timeout=30,
                  headers={"Authorization": f"Bearer {again.json()['token']}"})


def test_the_world_after_a_reset_is_a_fresh_copy(module_live_server: SharedServer,
                                                 db_factory: DatabaseFactory,
                                                 seeded_template: tuple[str, object],
                                                 backend: str) -> None:
    live = module_live_server.fresh()
    fresh = _world(db_factory.copy_of(seeded_template[0]))
    _write_everything(live)
    assert _world(module_live_server.url) != fresh

    live = module_live_server.fresh()

    assert _world(module_live_server.url) == fresh
    assert not any(Path(live.settings.resolved_blob_dir()).rglob("*"))
    # The throttle's bookkeeping in memory went with the rows: the locked-out user signs in.
    assert _login(live, "nasional1", PASSWORD).status_code == 200
    # ... and the world it wrote to is put back once more for the next test.
    live = module_live_server.fresh()
    assert _world(module_live_server.url) == fresh


def test_a_stopped_shared_server_starts_again_on_fresh_data(module_live_server: SharedServer,
                                                            db_factory: DatabaseFactory,
                                                            seeded_template: tuple[str, object],
                                                            backend: str) -> None:
    live = module_live_server.fresh()
    _write_everything(live)
    live.stop()  # a test that took the server offline

    again = module_live_server.fresh()

    assert requests.get(again.url + API + "/health", timeout=10).status_code == 200
    assert _world(module_live_server.url) == _world(db_factory.copy_of(seeded_template[0]))
    assert not any(Path(again.settings.resolved_blob_dir()).rglob("*"))
