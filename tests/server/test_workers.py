"""``lapor-server serve --workers 2`` on PostgreSQL: two worker processes that share nothing but
the database, and a change made through one is seen through the other at the next request
(the login throttle, tokens, the agency tree and its names, users), also after a restart and
in a worker started in place of one that died."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy.engine import make_url

from lapor_desk.models import wire
from lapor_desk.models.enums import AgencyLevel
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Agency, next_seqs
from lapor_desk.server.services import users
from tests.server.builder import PASSWORD, World, build_world
from tests.server.client import apply_page
from tests.support.live_server import DatabaseFactory, free_port
from tests.support.server_process import ServerProcess
from tests.support.worker_pin import Pinned, children

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True, scope="session")


def _pinned(server_pid: int, port: int, avoid: int | None = None) -> Pinned:
    """A connection to a worker other than ``avoid``, waiting for one that is up (a worker
    accepts connections once it has loaded the application)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return Pinned(server_pid, port, avoid=avoid)
        except (ConnectionError, AssertionError):
            assert time.monotonic() < deadline, f"no second worker of {server_pid} is up"
            time.sleep(0.5)


def _login(worker: Pinned, username: str, password: str = PASSWORD) -> tuple[int, dict[str, Any]]:
    return worker.request("POST", wire.LOGIN.path, {"username": username, "password": password})


def _token(worker: Pinned, username: str) -> str:
    status, body = _login(worker, username)
    assert status == 200, body
    return str(body["token"])


def _me(worker: Pinned, token: str) -> tuple[int, dict[str, Any]]:
    return worker.request("GET", wire.ME.path, token=token)


def _pull_all(worker: Pinned, token: str, cursor: str | None = None
              ) -> tuple[dict[str, dict[Any, dict[str, Any]]], str]:
    state: dict[str, dict[Any, dict[str, Any]]] = {}
    while True:
        query = "?" + urlencode({"cursor": cursor}) if cursor else ""
        status, page = worker.request("GET", wire.PULL.path + query, token=token)
        assert status == 200, page
        apply_page(state, page)
        cursor = page["cursor"]
        if not page["has_more"]:
            assert cursor is not None
            return state, cursor


def _new_unit(url: str, world: World, name: str) -> int:
    """A unit added to the kabupaten while the server runs (as ``org import`` adds one)."""
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            parent = session.get(Agency, world.agencies["kab"])
            assert parent is not None
            unit = Agency(parent_id=parent.id, level=str(AgencyLevel.UNIT), path="", name=name,
                          code="T-kab_new", region_code=None, seq=next_seqs(session))
            session.add(unit)
            session.flush()
            unit.path = f"{parent.path}{unit.id}/"
            return int(unit.id)
    finally:
        engine.dispose()


def _change_user(url: str, username: str, *, unit: int | None = None,
                 disabled: bool | None = None) -> None:
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            if unit is not None:
                users.move_user(session, username, unit)
            if disabled is not None:
                users.disable_user(session, username, disabled=disabled)
    finally:
        engine.dispose()


@pytest.mark.timeout(300)
def test_two_workers_share_throttle_tokens_directory_and_users(
        db_factory: DatabaseFactory, tmp_path: Path) -> None:
    url = db_factory.new_url()
    world = build_world(url)
    server = ServerProcess(url, tmp_path / "blobs", "--workers", "2")
    try:
        a = _pinned(server.pid, server.port)
        b = _pinned(server.pid, server.port, avoid=a.pid)
        assert a.pid != b.pid and {a.pid, b.pid} <= set(children(server.pid))

        # A token issued by one worker works on the other; revoked through one, it fails on both.
        admin = _token(a, "admin_prov")
        assert _me(b, admin)[0] == 200
        health = _token(b, "lo_prov_health")
        assert _me(a, health)[0] == 200
        assert a.request("POST", wire.LOGOUT.path, token=health)[0] == 200
        for worker in (a, b):
            status, body = _me(worker, health)
            assert (status, body["error"]["code"]) == (401, "token_revoked")

        # Failed logins counted through one worker hold at the other (5 per username).
        assert [_login(a, "lo_kab_health", "salah-sandi")[0] for _ in range(5)] == [401] * 5
        status, body = _login(b, "lo_kab_health")  # the right password, but locked
        assert (status, body["error"]["code"]) == (429, "too_many_requests")

        # Both workers hold the agency tree and the officer's scope before the changes.
        officer = _token(a, "lo_prov_works")
        for worker in (a, b):
            status, body = _me(worker, officer)
            assert (status, body["unit_id"]) == (200, world.agencies["prov_works"])
        _, cursor = _pull_all(b, admin)

        # An alias set through one worker: the other's next pull carries the renamed row.
        names = {"aliases": ["Dinkes Prov", "Dinas Kesehatan Sultra"]}
        unit_path = wire.AGENCY_ALIASES.to(agency_id=str(world.agencies["prov_health"]))
        assert a.request("POST", unit_path, names)[0] == 401  # (a token is required)
        status, _ = a.request("POST", unit_path, names, token=admin)
        assert status == 200
        changed, _ = _pull_all(b, admin, cursor)
        assert changed["agency"][world.agencies["prov_health"]]["aliases"] == names["aliases"]

        # A unit added and a user moved into it (by another process): at the next request each
        # worker knows the unit and the user's new place and scope.
        new_unit = _new_unit(url, world, "Dinas Baru Kabupaten Konawe")
        _change_user(url, "lo_prov_works", unit=new_unit)
        for worker in (b, a):
            status, body = _me(worker, officer)
            assert status == 200, body
            assert (body["unit_id"], body["scope_root_id"]) == (new_unit, new_unit)
        fresh = _token(b, "lo_prov_works")
        assert _me(a, fresh)[1]["unit_id"] == new_unit

        # A user disabled: refused by both at once.
        _change_user(url, "lo_prov_works", disabled=True)
        for worker in (a, b):
            status, body = _me(worker, fresh)
            assert (status, body["error"]["code"]) == (401, "account_disabled")
        a.close()
        b.close()
    finally:
        server.stop()
    # each worker writes its own log lines; the database password is never among them
    assert "event=serve " in server.output and "workers=2" in server.output
    assert server.output.count("event=server_start ") == 2
    assert "event=request method=GET path=/api/v1/me status=200" in server.output
    assert f":{make_url(url).password}@" not in server.output
    assert "database=postgresql+psycopg://" in server.output and ":***@" in server.output

    # A restart keeps all of it: the token, the lock on the username, the disabled account.
    # (this time with the workers from the file, and idle connections kept 30 s, not 5)
    config = tmp_path / "server.toml"
    config.write_text("[server]\nworkers = 2\nkeep_alive_seconds = 30\n", encoding="utf-8")
    again = ServerProcess(url, tmp_path / "blobs", "--config", str(config))
    try:
        a = _pinned(again.pid, again.port)
        b = _pinned(again.pid, again.port, avoid=a.pid)
        assert _me(a, admin)[0] == 200
        assert a.connection is not None
        kept = a.connection.sock
        time.sleep(6)
        assert _me(a, admin)[0] == 200
        assert a.connection is not None and a.connection.sock is kept  # the same connection
        assert _login(b, "lo_kab_health")[0] == 429
        assert _me(b, fresh)[1]["error"]["code"] == "account_disabled"
        # a worker that dies is replaced, and the new one knows the same
        before = set(children(again.pid))
        a.close()
        os.kill(a.pid, signal.SIGKILL)
        replaced = _pinned(again.pid, again.port, avoid=b.pid)
        assert replaced.pid not in before
        assert _me(replaced, admin)[0] == 200
        replaced.close()
        b.close()
    finally:
        again.stop()


@pytest.mark.timeout(180)
def test_uvicorn_runs_the_factory_from_the_configuration_file(
        db_factory: DatabaseFactory, tmp_path: Path) -> None:
    """The documented equivalent under another process manager (docs/server.md)."""
    url = db_factory.new_url()
    build_world(url)
    port = free_port()
    config = tmp_path / "server.toml"
    config.write_text(f'[database]\nurl = "{url}"\n[blobs]\ndir = "blobs"\n'
                      '[domain]\nauto_close_interval_seconds = 0\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LAPOR_SERVE", "LAPOR_DATA"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "lapor_desk.server.asgi:app_from_config",
         "--port", str(port), "--workers", "2", "--no-proxy-headers", "--no-access-log"],
        env={**env, "LAPOR_SERVER_CONFIG": str(config)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    try:
        a = _pinned(process.pid, port)
        b = _pinned(process.pid, port, avoid=a.pid)
        token = _token(a, "admin_kab")
        assert _me(b, token)[0] == 200
        assert (tmp_path / "blobs").is_dir()  # relative to the file
        a.close()
        b.close()
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_worker_slow_to_start_is_given_the_time(
        db_factory: DatabaseFactory, tmp_path: Path) -> None:
    """A busy machine: each worker process takes seconds to start (here a sitecustomize that
    sleeps in every worker process). The supervisor waits for it instead of killing it and
    starting another without end."""
    url = db_factory.new_url()
    build_world(url)
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import sys, time\n"
        "if '--multiprocessing-fork' in sys.argv:  # a worker process, not serve itself\n"
        "    time.sleep(8)\n", encoding="utf-8")
    path = os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    server = ServerProcess(url, tmp_path / "blobs", "--workers", "2", env={"PYTHONPATH": path})
    try:
        a = _pinned(server.pid, server.port)
        b = _pinned(server.pid, server.port, avoid=a.pid)
        assert _me(b, _token(a, "admin_kab"))[0] == 200
        assert "died" not in server.output
    finally:
        server.stop()
