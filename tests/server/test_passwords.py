"""Passwords and sessions: ``lapor-server set-password`` (never from argv), argon2 rehash at
login when the parameters changed, and the idle timeout of tokens beside the absolute one."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from argon2 import PasswordHasher
from sqlalchemy import select, update

from lapor_desk.server.database import transaction
from lapor_desk.server.db import Token, User
from lapor_desk.server.services.passwords import HASHER, needs_rehash
from tests.server.builder import PASSWORD
from tests.server.client import WorldServer
from tests.support.clock import MovableClock
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.timeout(240)

Serve = Callable[..., WorldServer]
NEW = "sandi-baru-yang-panjang"


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lapor_desk.server.cli", "--log-level", "WARNING",
                           *args], input=stdin, capture_output=True, text=True, timeout=120,
                          check=False)


def _login(ws: WorldServer, username: str, password: str) -> requests.Response:
    return ws.anonymous().post("/auth/login", json={"username": username, "password": password})


def _stored_hash(ws: WorldServer, username: str) -> str:
    with ws.live.session() as session:
        return str(session.scalar(select(User.password_hash).where(User.username == username)))


def test_set_password_from_stdin_ends_the_sessions_and_lifts_the_throttle(
        serve_world: Serve) -> None:
    ws = serve_world()
    api = ws.login("admin_kab")
    for _ in range(5):
        assert _login(ws, "admin_kab", "salah").status_code == 401
    assert _login(ws, "admin_kab", PASSWORD).status_code == 429  # the owner is locked out

    done = _cli("set-password", "admin_kab", "--db", ws.live.database_url, "--password-stdin",
                stdin=NEW + "\n")
    assert done.returncode == 0, done.stderr
    assert "1 session(s) ended" in done.stdout and NEW not in done.stdout + done.stderr
    revoked = api.get("/me")
    assert revoked.status_code == 401 and revoked.json()["error"]["code"] == "token_revoked"
    assert _login(ws, "admin_kab", PASSWORD).status_code == 401
    assert _login(ws, "admin_kab", NEW).status_code == 200
    assert ws.login("admin_prov").get("/me").status_code == 200  # nobody else's sessions


def test_set_password_takes_no_password_on_the_command_line(serve_world: Serve) -> None:
    ws = serve_world()
    before = _stored_hash(ws, "admin_kab")
    for argv in (["--password", NEW], [NEW]):
        refused = _cli("set-password", "admin_kab", "--db", ws.live.database_url, *argv)
        assert refused.returncode == 2 and "unrecognized arguments" in refused.stderr
    no_terminal = _cli("set-password", "admin_kab", "--db", ws.live.database_url, stdin="")
    assert no_terminal.returncode == 1 and "--password-stdin" in no_terminal.stderr
    short = _cli("set-password", "admin_kab", "--db", ws.live.database_url, "--password-stdin",
                 stdin="pendek\n")
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    unknown = _cli("set-password", "tidak_ada", "--db", ws.live.database_url, "--password-stdin",
                   stdin=NEW + "\n")
    assert unknown.returncode == 1
    assert _stored_hash(ws, "admin_kab") == before


def _run_in_terminal(argv: list[str], answers: list[str]) -> tuple[int, str]:
    """Run the CLI on a pseudo-terminal, typing ``answers`` at its prompts."""
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "lapor_desk.server.cli", "--log-level",
                                "WARNING", *argv], stdin=slave, stdout=slave, stderr=slave,
                               start_new_session=True, close_fds=True)
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 60
    pending = list(answers)
    while process.poll() is None and time.monotonic() < deadline:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        output += chunk
        if pending and output.rstrip().endswith(b":"):
            os.write(master, pending.pop(0).encode() + b"\n")
            output += b"<typed>"
    process.wait(timeout=30)
    os.close(master)
    return process.returncode, output.decode("utf-8", "replace")


def test_set_password_asks_twice_without_echo(serve_world: Serve) -> None:
    ws = serve_world()
    code, output = _run_in_terminal(
        ["set-password", "admin_prov", "--db", ws.live.database_url], [NEW, NEW])
    assert code == 0, output
    assert "New password:" in output and "Again:" in output and NEW not in output
    assert _login(ws, "admin_prov", NEW).status_code == 200
    code, output = _run_in_terminal(
        ["set-password", "admin_prov", "--db", ws.live.database_url], [PASSWORD, "lain-lagi-1"])
    assert code == 1 and "differ" in output
    assert _login(ws, "admin_prov", NEW).status_code == 200


def test_a_login_rehashes_a_password_stored_with_other_parameters(serve_world: Serve) -> None:
    ws = serve_world()
    older = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(PASSWORD)
    with transaction(ws.live.engine) as session:
        session.execute(update(User).where(User.username == "nasional")
                        .values(password_hash=older))
    assert needs_rehash(older)
    assert _login(ws, "nasional", "salah").status_code == 401
    assert _stored_hash(ws, "nasional") == older  # a wrong password changes nothing
    assert _login(ws, "nasional", PASSWORD).status_code == 200
    stored = _stored_hash(ws, "nasional")
    assert stored != older and not needs_rehash(stored)
    assert f"m={HASHER.memory_cost},t={HASHER.time_cost},p={HASHER.parallelism}" in stored
    assert _login(ws, "nasional", PASSWORD).status_code == 200
    assert _stored_hash(ws, "nasional") == stored  # once only


def test_the_seed_hashes_with_the_servers_parameters() -> None:
    from lapor_desk.server.seed.seeding import _password_hash

    assert not needs_rehash(_password_hash(PASSWORD, seed=1))


def test_a_token_unused_for_the_idle_timeout_ends(serve_world: Serve) -> None:
    clock = MovableClock()
    ws = serve_world(clock=clock)  # the default: 8 hours
    api = ws.login("lo_kab_health")
    clock.advance(hours=7, minutes=59)
    assert api.get("/me").status_code == 200  # used: the idle time starts again
    clock.advance(hours=7, minutes=59)
    assert api.get("/me").status_code == 200
    clock.advance(hours=8, minutes=2)
    idle = api.get("/me")
    assert idle.status_code == 401 and idle.json()["error"]["code"] == "token_expired"
    assert ws.login("lo_kab_health").get("/me").status_code == 200  # a new login is fine


def test_the_idle_timeout_is_exact_despite_the_touch_interval(serve_world: Serve) -> None:
    """``last_used_at`` is written at most once per touch interval; a token still never ends
    before the idle time has passed since its real last use."""
    clock = MovableClock()
    ws = serve_world(clock=clock, token_idle_hours=0.1)  # six minutes: touched every 36 s
    api = ws.login("admin_prov")
    clock.advance(seconds=30)
    assert api.get("/me").status_code == 200  # not written: 30 s after the login
    clock.advance(minutes=6, seconds=-1)
    assert api.get("/me").status_code == 200  # 5:59 after the last use: not yet idle
    clock.advance(minutes=6, seconds=37)
    assert api.get("/me").json()["error"]["code"] == "token_expired"

    # in steady use every two minutes, shorter than the old ten-minute touch interval
    api = ws.login("admin_prov")
    for _ in range(15):
        clock.advance(minutes=2)
        assert api.get("/me").status_code == 200
    with ws.live.session() as session:
        last_used = session.scalars(select(Token.last_used_at).order_by(Token.id.desc())).first()
    assert last_used is not None and clock() - last_used < timedelta(seconds=36)


def test_no_idle_timeout_when_it_is_switched_off(serve_world: Serve) -> None:
    clock = MovableClock()
    ws = serve_world(clock=clock, token_idle_hours=0)
    api = ws.login("admin_prov")
    clock.advance(days=29)
    assert api.get("/me").status_code == 200
    clock.advance(days=1, seconds=1)
    assert api.get("/me").json()["error"]["code"] == "token_expired"  # the absolute end


@pytest.mark.timeout(120)
def test_serve_takes_the_idle_timeout_and_trusted_proxies(serve_world: Serve,
                                                          tmp_path: Path) -> None:
    ws = serve_world()
    url = ws.live.database_url
    ws.live.stop()
    bad = _cli("serve", "--db", url, "--trusted-proxy", "not-an-address")
    assert bad.returncode == 1 and "--trusted-proxy" in bad.stderr
    server = ServerProcess(url, tmp_path / "blobs", "--token-idle-hours", "0.001",
                           "--trusted-proxy", "127.0.0.1")
    try:
        login = requests.post(server.url + "/api/v1/auth/login", timeout=30,
                              headers={"X-Forwarded-For": "198.51.100.7"},
                              json={"username": "nasional", "password": PASSWORD})
        token = login.json()["token"]
        time.sleep(4)  # 3.6 s idle, plus the 0.36 s a touch may trail
        idle = requests.get(server.url + "/api/v1/me", timeout=30,
                            headers={"Authorization": f"Bearer {token}"})
        assert idle.status_code == 401 and idle.json()["error"]["code"] == "token_expired"
    finally:
        server.stop()
    assert "event=login user=nasional addr=198.51.100.7 " in server.output
