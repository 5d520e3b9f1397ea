"""The login throttle: counts in the database (shared by processes, kept over a restart), checked
and counted atomically, per username and per client address, expiring, and logged."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from lapor_desk.server.db import LoginThrottleEntry
from lapor_desk.server.services.throttle import MAX_LOCK
from tests.server.builder import PASSWORD
from tests.server.client import WorldServer
from tests.support.clock import MovableClock
from tests.support.live_server import DatabaseFactory
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.timeout(240)

Serve = Callable[..., WorldServer]


def _login(base: str, username: str, password: str,
           forwarded_for: str | None = None) -> requests.Response:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return requests.post(base + "/api/v1/auth/login", timeout=60, headers=headers,
                         json={"username": username, "password": password})


def _entry(ws: WorldServer, key: str) -> LoginThrottleEntry | None:
    with ws.live.session() as session:
        return session.get(LoginThrottleEntry, key)


def _messages(caplog: pytest.LogCaptureFixture, name: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(f"event={name} ")]


def _wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_burst_of_wrong_passwords_gets_only_the_allowed_checks(
        serve_world: Serve, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    ws = serve_world()
    base = ws.live.url
    start = threading.Barrier(40)

    def wrong(i: int) -> requests.Response:
        start.wait()
        return _login(base, "admin_kab", f"salah-{i}")

    def limit_taken() -> bool:
        entry = _entry(ws, "u:admin_kab")
        return entry is not None and entry.failures >= 5

    with ThreadPoolExecutor(41) as pool:
        burst = [pool.submit(wrong, i) for i in range(40)]
        _wait_until(limit_taken)  # the right password, in the same burst, after the limit
        right = pool.submit(_login, base, "admin_kab", PASSWORD).result()
        codes = [f.result().status_code for f in burst]
    assert sorted(codes) == [401] * 5 + [429] * 35
    assert right.status_code == 429 and right.json()["error"]["code"] == "too_many_requests"
    assert 0 < int(right.headers["Retry-After"]) <= 60
    # only the five counted attempts reached argon2 (each check that fails is logged)
    assert len(_messages(caplog, "login_failed")) == 5
    assert len(_messages(caplog, "login_throttled")) == 36


def test_the_count_survives_a_restart(serve_world: Serve) -> None:
    first = serve_world()
    for i in range(5):
        assert _login(first.live.url, "admin_prov", f"salah-{i}").status_code == 401
    url = first.live.database_url
    first.live.stop()
    again = serve_world(database_url=url)
    refused = _login(again.live.url, "admin_prov", PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


def test_two_server_processes_on_one_database_share_the_count(
        serve_world: Serve, tmp_path: Path) -> None:
    ws = serve_world()  # a copy of the world; both processes serve its database
    url = ws.live.database_url
    ws.live.stop()
    one = ServerProcess(url, tmp_path / "blobs")
    two = ServerProcess(url, tmp_path / "blobs")
    try:
        for i in range(3):
            assert _login(one.url, "lo_kab_health", f"salah-{i}").status_code == 401
        for i in range(2):  # a spoofed header: no trusted proxy is configured
            assert _login(two.url, "lo_kab_health", f"keliru-{i}",
                          forwarded_for="203.0.113.9").status_code == 401
        for process in (one, two):
            refused = _login(process.url, "lo_kab_health", PASSWORD)
            assert refused.status_code == 429
    finally:
        one.stop()
        two.stop()
    assert "event=login_failed user=lo_kab_health addr=127.0.0.1 " in two.output
    assert "203.0.113.9" not in two.output


def test_many_usernames_from_one_address_are_limited_by_the_address(serve_world: Serve) -> None:
    ws = serve_world(trusted_proxies=("127.0.0.1",))  # addresses told by a trusted proxy
    base, attacker, office = ws.live.url, "203.0.113.7", "198.51.100.20"
    codes = [_login(base, f"tebakan{i}", "Password123", attacker).status_code for i in range(30)]
    assert codes == [401] * 30
    refused = _login(base, "nasional", PASSWORD, attacker)  # a new username, the same address
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert _login(base, "nasional", PASSWORD, office).status_code == 200


def test_a_lock_ends_by_itself_grows_for_a_persistent_guesser_and_never_passes_the_cap(
        serve_world: Serve) -> None:
    clock = MovableClock()
    ws = serve_world(clock=clock)
    base = ws.live.url
    waits = []
    for _round in range(8):
        codes = [_login(base, "admin_kab", f"salah-{i}").status_code for i in range(5)]
        assert codes == [401] * 5
        refused = _login(base, "admin_kab", PASSWORD)
        assert refused.status_code == 429
        waits.append(int(refused.headers["Retry-After"]))
        clock.advance(seconds=waits[-1] - 1)
        assert _login(base, "admin_kab", PASSWORD).status_code == 429  # not a second early
        clock.advance(seconds=1)
    assert waits == [60, 120, 240, 480, 960, 1800, 1800, 1800]
    assert max(waits) == MAX_LOCK.total_seconds()
    # the owner gets in once the lock has ended, and starts afresh
    assert _login(base, "admin_kab", PASSWORD).status_code == 200
    assert _entry(ws, "u:admin_kab") is None
    assert [_login(base, "admin_kab", "salah").status_code for _ in range(4)] == [401] * 4


def test_failures_spread_out_are_forgiven_when_their_window_ends(serve_world: Serve) -> None:
    clock = MovableClock()
    ws = serve_world(clock=clock)
    for _ in range(3):
        assert [_login(ws.live.url, "admin_prov", "salah").status_code
                for _ in range(4)] == [401] * 4
        clock.advance(minutes=16)
    assert _login(ws.live.url, "admin_prov", PASSWORD).status_code == 200


def test_a_success_resets_the_username_and_gives_the_address_its_attempt_back(
        serve_world: Serve) -> None:
    ws = serve_world()
    base = ws.live.url
    for _ in range(4):
        assert _login(base, "admin_prov", "salah").status_code == 401
    assert _login(base, "admin_prov", PASSWORD).status_code == 200
    assert _entry(ws, "u:admin_prov") is None
    address = _entry(ws, "a:127.0.0.1")
    assert address is not None and address.failures == 4
    assert [_login(base, "admin_prov", "salah").status_code for _ in range(5)] == [401] * 5
    assert _login(base, "admin_prov", PASSWORD).status_code == 429


def test_failed_and_refused_logins_are_logged_with_username_and_address(
        serve_world: Serve, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    ws = serve_world()
    for _ in range(5):
        _login(ws.live.url, "admin_kab", "salah")
    _login(ws.live.url, "admin_kab", "salah")
    _login(ws.live.url, "nasional", PASSWORD)
    assert _messages(caplog, "login_failed") == [
        "event=login_failed user=admin_kab addr=127.0.0.1 code=bad_credentials"] * 5
    assert _messages(caplog, "login_throttled") == [
        "event=login_throttled user=admin_kab addr=127.0.0.1 by=user retry_after=60"]
    assert _messages(caplog, "login") == [
        "event=login user=nasional addr=127.0.0.1 rehashed=False"]


def test_x_forwarded_for_counts_only_from_a_trusted_proxy(
        serve_world: Serve, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    direct = serve_world()  # no trusted proxy: the header is anyone's to write
    for i in range(3):
        _login(direct.live.url, "admin_kab", "salah", forwarded_for=f"203.0.113.{i}")
    entry = _entry(direct, "a:127.0.0.1")
    assert entry is not None and entry.failures == 3
    with direct.live.session() as session:
        keys = session.scalars(select(LoginThrottleEntry.key)).all()
    assert sorted(keys) == ["a:127.0.0.1", "u:admin_kab"]
    assert all("addr=127.0.0.1" in m for m in _messages(caplog, "login_failed"))

    caplog.clear()
    proxied = serve_world(trusted_proxies=("127.0.0.0/8",))
    # the proxy appends the address it saw; what the client wrote before it is not believed
    _login(proxied.live.url, "admin_kab", "salah", forwarded_for="198.51.100.1, 203.0.113.5")
    _login(proxied.live.url, "admin_kab", "salah", forwarded_for="2001:db8:1:2::5")
    assert [m.split()[2] for m in _messages(caplog, "login_failed")] == [
        "addr=203.0.113.5", "addr=2001:db8:1:2::5"]
    assert _entry(proxied, "a:203.0.113.5") is not None
    assert _entry(proxied, "a:2001:db8:1:2::/64") is not None  # IPv6 counted by its /64
    assert _entry(proxied, "a:198.51.100.1") is None


def test_old_entries_are_pruned(serve_world: Serve) -> None:
    clock = MovableClock()
    ws = serve_world(clock=clock)
    for i in range(20):
        _login(ws.live.url, f"orang{i}", "salah")

    def entries() -> int:
        with ws.live.session() as session:
            return int(session.scalar(select(func.count()).select_from(LoginThrottleEntry)) or 0)

    assert entries() == 21  # twenty usernames and one address
    clock.advance(hours=25)
    _login(ws.live.url, "orang-baru", "salah")
    assert entries() == 2


def test_a_refused_attempt_leaves_no_entry_behind(serve_world: Serve) -> None:
    ws = serve_world(trusted_proxies=("127.0.0.1",))
    for i in range(30):
        _login(ws.live.url, f"tebakan{i}", "salah", "203.0.113.7")
    for i in range(50):
        assert _login(ws.live.url, f"lain{i}", "salah", "203.0.113.7").status_code == 429
    assert _entry(ws, "u:lain0") is None


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_the_postgresql_reservation_is_atomic_across_processes(
        db_factory: DatabaseFactory, serve_world: Serve, tmp_path: Path) -> None:
    """Two processes, bursts into both at once: still exactly five password checks."""
    ws = serve_world()
    url = ws.live.database_url
    ws.live.stop()
    servers = [ServerProcess(url, tmp_path / "blobs") for _ in range(2)]
    try:
        start = threading.Barrier(30)

        def wrong(i: int) -> int:
            start.wait()
            return _login(servers[i % 2].url, "admin_kab", f"salah-{i}").status_code

        with ThreadPoolExecutor(30) as pool:
            codes = sorted(pool.map(wrong, range(30)))
    finally:
        for server in servers:
            server.stop()
    assert codes == [401] * 5 + [429] * 25
    failed = sum(s.output.count("event=login_failed ") for s in servers)
    assert failed == 5


def test_lock_lengths() -> None:
    from lapor_desk.server.services.throttle import lock_length

    assert [lock_length(n) for n in range(7)] == [timedelta(minutes=m)
                                                  for m in (1, 2, 4, 8, 16, 30, 30)]
    assert lock_length(10_000) == MAX_LOCK
