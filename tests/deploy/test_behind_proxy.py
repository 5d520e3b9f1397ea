"""The production topology as processes: the test PostgreSQL, ``lapor-server serve`` on loopback,
and in front of it a REAL nginx or a REAL Caddy run from the files in ``deploy/``, terminating
TLS with a certificate of the test's own CA (tests/support/proxies.py, tests/support/tls.py).

The desktop's own sync client goes through the proxy, verifying TLS against that CA. Clients
connect from addresses of their own on loopback (127.0.x.y: every one of them is this machine),
so what the server takes for the client's address can be told apart from the proxy's
(127.0.0.1, the one trusted proxy): a client that writes its own ``X-Forwarded-For`` is not
believed, and the login throttle counts the address the proxy saw.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import create_engine, select

from lapor_desk.models import wire
from lapor_desk.models.cache import Complaint, OutboxEntry, open_cache
from lapor_desk.server.db import LoginThrottleEntry
from lapor_desk.server.settings import ServerSettings
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.errors import OfflineError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.retry import RetryPolicy
from lapor_desk.sync.transport import Transport
from tests.server.builder import PASSWORD, build_world
from tests.support.live_server import DatabaseFactory
from tests.support.pg import pg_admin_url
from tests.support.proxies import (
    DEPLOY,
    ProxyUnavailable,
    RunningProxy,
    start_caddy,
    start_nginx,
)
from tests.support.server_process import ServerProcess
from tests.support.tls import Pki, make_pki

pytestmark = pytest.mark.timeout(300)

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)
PROXIES: dict[str, Callable[[int, Pki, Path], RunningProxy]] = {
    "nginx": start_nginx, "caddy": start_caddy}
#: The third octet of each proxy's clients' addresses (the module's tests share one database).
NETWORK = {"nginx": 1, "caddy": 2}
#: What the server allows in the largest body it takes (a push).
SERVER_LIMIT = ServerSettings(database_url="").max_push_bytes


class FromAddress(HTTPAdapter):
    """Connections leave from ``source`` (a loopback address other than 127.0.0.1)."""

    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__(max_retries=0)

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False,
                         **pool_kwargs: Any) -> None:
        pool_kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)


def session_from(source: str) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no office proxy from the environment: straight to loopback
    adapter = FromAddress(source)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


@dataclass
class Topology:
    server: ServerProcess
    database_url: str
    proxy: RunningProxy
    pki: Pki

    def address(self, host: int) -> str:
        return f"127.0.{NETWORK[self.proxy.name]}.{host}"

    def throttle_keys(self) -> dict[str, int]:
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                return {row.key: row.failures for row in
                        connection.execute(select(LoginThrottleEntry))}
        finally:
            engine.dispose()


def _configuration() -> tuple[str, ...]:
    """The shipped ``deploy/server.toml`` as it is, where ``serve`` reads a configuration file
    (the test's database, port and blob directory are given on the command line, which takes
    precedence); else its one setting that matters here, the trusted proxy, as a flag."""
    usage = subprocess.run([sys.executable, "-m", "lapor_desk.server.cli", "serve", "--help"],
                           check=True, capture_output=True, text=True, timeout=120).stdout
    if "--config" in usage:
        return ("--config", str(DEPLOY / "server.toml"))
    return ("--trusted-proxy", "127.0.0.1")


def events(output: str, name: str) -> list[dict[str, str]]:
    """The server's log lines of event ``name`` as fields, whether it writes them as text
    (``event=login user=... addr=...``) or as JSON objects (``[logging] format = "json"``)."""
    found: list[dict[str, str]] = []
    for line in output.splitlines():
        start = line.find("{")
        if start >= 0 and line.rstrip().endswith("}"):
            try:
                record = json.loads(line[start:])
            except ValueError:
                record = None
            if isinstance(record, dict):
                if record.get("event") == name:
                    found.append({k: str(v) for k, v in record.items()})
                continue
        if f"event={name} " in line + " ":
            text = line[line.index(f"event={name}"):]
            found.append(dict(pair.split("=", 1) for pair in text.split() if "=" in pair))
    return found


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, str]]:
    """``lapor-server serve`` on a PostgreSQL database of the small world, trusting only the
    proxy on this machine (as deploy/server.toml does)."""
    factory = DatabaseFactory("postgresql", tmp_path_factory.mktemp("db"), pg_admin_url())
    try:
        url = factory.new_url()
        build_world(url)
        create_engine(url).dispose()
        process = ServerProcess(url, tmp_path_factory.mktemp("blobs"), *_configuration())
        try:
            yield process, url
        finally:
            process.stop()
    finally:
        factory.drop_all()


@pytest.fixture(scope="module", params=sorted(PROXIES))
def topology(request: pytest.FixtureRequest, server: tuple[ServerProcess, str], pki: Pki,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    process, url = server
    try:
        proxy = PROXIES[request.param](process.port, pki, tmp_path_factory.mktemp(request.param))
    except ProxyUnavailable as error:
        pytest.fail(str(error))
    try:
        yield Topology(process, url, proxy, pki)
    finally:
        proxy.stop()


def _login(session: requests.Session, topology: Topology, username: str, password: str,
           forged: str | None = None) -> requests.Response:
    headers = {"X-Forwarded-For": forged} if forged else {}
    return session.post(topology.proxy.url + wire.LOGIN.path, timeout=60, headers=headers,
                        json={"username": username, "password": password},
                        verify=str(topology.pki.ca_file))


def test_the_desktop_signs_in_syncs_and_pushes_through_the_proxy(
        topology: Topology, tmp_path: Path) -> None:
    client = topology.address(10)
    transport = Transport(topology.proxy.url, verify=str(topology.pki.ca_file),
                          session=session_from(client), retry=FAST, sleep=lambda _s: None,
                          timeout=(5.0, 30.0))
    cache = open_cache(tmp_path / "desk")
    try:
        engine = SyncEngine(cache, transport)
        engine.login("admin_kab", PASSWORD, "pytest")
        engine.sync()
        with cache.engine.connect() as connection:
            mine = connection.execute(select(Complaint.id)).scalars().all()
        assert mine, "the agency admin's complaints did not arrive through the proxy"
        Outbox(cache).internal_note(mine[0], "Dicek lewat proxy")
        engine.sync()
        with cache.engine.connect() as connection:
            states = [entry.state for entry in connection.execute(select(OutboxEntry))]
        assert states == ["applied"]
    finally:
        transport.close()
        cache.close()
    # The server knows the desktop by the address the proxy saw, not by the proxy's.
    logins = [e for e in events(topology.server.output, "login") if e.get("user") == "admin_kab"]
    assert client in [e.get("addr") for e in logins]


def test_the_desktop_refuses_the_proxy_without_the_pemdas_ca(
        topology: Topology, tmp_path: Path) -> None:
    """TLS is verified: against the system's store the test CA's certificate is refused before
    the password leaves."""
    transport = Transport(topology.proxy.url, session=session_from(topology.address(11)),
                          retry=FAST, sleep=lambda _s: None, timeout=(5.0, 30.0))
    cache = open_cache(tmp_path / "desk")
    try:
        with pytest.raises(OfflineError) as refused:
            SyncEngine(cache, transport).login("admin_kab", PASSWORD, "pytest")
        assert refused.value.code == "tls_error"
    finally:
        transport.close()
        cache.close()
    assert f"addr={topology.address(11)}" not in topology.server.output


def test_the_window_app_trusts_the_pemdas_ca_named_by_requests_ca_bundle(
        topology: Topology, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The desktop's window has no CA setting: it verifies against the CA list it carries, or
    the file ``REQUESTS_CA_BUNDLE`` names on that PC (docs/deploy.md, for a pemda's own CA)."""
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(topology.pki.ca_file))
    session = session_from(topology.address(12))
    session.trust_env = True  # as the window's transport has it
    transport = Transport(topology.proxy.url, session=session, retry=FAST,
                          sleep=lambda _s: None, timeout=(5.0, 30.0))
    cache = open_cache(tmp_path / "desk")
    try:
        SyncEngine(cache, transport).login("admin_kab", PASSWORD, "pytest")
    finally:
        transport.close()
        cache.close()


def test_a_forged_x_forwarded_for_is_not_believed_and_the_throttle_counts_the_real_address(
        topology: Topology) -> None:
    guesser, colleague = topology.address(20), topology.address(21)
    session = session_from(guesser)
    limit = ServerSettings(database_url="").login_failures_per_address
    net = NETWORK[topology.proxy.name]
    for i in range(limit):  # each attempt claims another address; a new username each time
        answer = _login(session, topology, f"tebakan{net}x{i}", "salah", f"203.0.113.{i}")
        assert answer.status_code == 401, answer.text
    # The guesser's own address is locked, whatever address it claims and even with a right
    # password; a colleague at another address signs in.
    locked = _login(session, topology, "admin_kab", PASSWORD, "198.51.100.77")
    assert locked.status_code == 429, locked.text
    assert _login(session_from(colleague), topology, "admin_kab", PASSWORD).status_code == 200

    keys = topology.throttle_keys()
    assert keys[f"a:{guesser}"] == limit
    assert not [key for key in keys if key.startswith(("a:203.0.113.", "a:198.51.100."))]
    assert "a:127.0.0.1" not in keys  # the proxy itself is never counted
    failed = [e for e in events(topology.server.output, "login_failed")
              if e.get("user", "").startswith(f"tebakan{net}x")]
    assert len(failed) == limit and {e.get("addr") for e in failed} == {guesser}


def test_bodies_up_to_the_servers_limit_reach_the_server(topology: Topology) -> None:
    """The proxy's limit sits above the server's: the desktop sees the server's own answer (with
    its request id) for a push at the limit and one byte over it; a much larger body is refused."""
    session = session_from(topology.address(30))
    url = topology.proxy.url + wire.PUSH.path
    ca = str(topology.pki.ca_file)
    headers = {"Content-Type": "application/json"}
    at_limit = session.post(url, data=b" " * SERVER_LIMIT, headers=headers, verify=ca, timeout=60)
    assert at_limit.status_code == 401 and "x-request-id" in at_limit.headers  # no token
    over = session.post(url, data=b" " * (SERVER_LIMIT + 1), headers=headers, verify=ca,
                        timeout=60)
    assert over.status_code == 413 and over.json()["error"]["code"] == "too_large"
    assert "x-request-id" in over.headers
    # Far over both limits: refused, by the proxy (nginx: at its 9 MiB) or by the server on the
    # declared length (Caddy passes the headers on), and the connection is closed on the rest.
    try:
        huge = session.post(url, data=b" " * (SERVER_LIMIT * 2), headers=headers, verify=ca,
                            timeout=60)
    except requests.ConnectionError:
        return  # closed while the body was still being sent: refused before it was read
    assert huge.status_code == 413


def test_metrics_are_not_served_through_the_proxy(topology: Topology) -> None:
    answer = session_from(topology.address(40)).get(
        topology.proxy.url + "/metrics", verify=str(topology.pki.ca_file), timeout=30)
    assert answer.status_code == 404
    assert "x-request-id" not in answer.headers  # the proxy answered; the server never saw it


def test_the_proxy_hands_the_desktops_request_id_to_the_server(topology: Topology) -> None:
    """A request id the desktop sends reaches the server's log through the proxy: the line a
    user quotes from an error message is found in the journal."""
    answer = session_from(topology.address(50)).get(
        topology.proxy.url + wire.HEALTH.path, verify=str(topology.pki.ca_file), timeout=30,
        headers={"X-Request-ID": f"bantuan{NETWORK[topology.proxy.name]}abc"})
    assert answer.status_code == 200
    assert answer.headers["x-request-id"] == f"bantuan{NETWORK[topology.proxy.name]}abc"


def test_plain_http_only_sends_browsers_to_https(topology: Topology) -> None:
    answer = session_from(topology.address(70)).get(
        f"http://localhost:{topology.proxy.http_port}{wire.HEALTH.path}", timeout=30,
        allow_redirects=False)
    assert answer.status_code in (301, 308)
    assert answer.headers["location"].startswith("https://localhost")
    assert "x-request-id" not in answer.headers  # nothing reaches the server over plain HTTP


def _recording_upstream(seen: list[dict[str, list[str]]]) -> ThreadingHTTPServer:
    """An upstream on loopback that answers 200 and keeps the headers of each request."""

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers: dict[str, list[str]] = {}
            for name, value in self.headers.items():
                headers.setdefault(name.lower(), []).append(value)
            seen.append(headers)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Recorder)


@pytest.mark.parametrize("proxy_name", sorted(PROXIES))
def test_the_proxy_passes_on_only_the_address_it_saw(
        proxy_name: str, pki: Pki, tmp_path: Path) -> None:
    """What reaches the server names the client once, as the proxy saw it: a client's own
    X-Forwarded-For, X-Real-IP and Forwarded headers are not passed on."""
    seen: list[dict[str, list[str]]] = []
    upstream = _recording_upstream(seen)
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    proxy = PROXIES[proxy_name](upstream.server_address[1], pki, tmp_path / proxy_name)
    try:
        client = f"127.0.{NETWORK[proxy_name]}.60"
        answer = session_from(client).get(
            proxy.url + wire.HEALTH.path, verify=str(pki.ca_file), timeout=30, headers={
                "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.10",
                "Forwarded": "for=203.0.113.11"})
        assert answer.status_code == 200
    finally:
        proxy.stop()
        upstream.shutdown()
        upstream.server_close()
    (headers,) = seen
    assert headers["x-forwarded-for"] == [client]
    assert "x-real-ip" not in headers and "forwarded" not in headers
    assert headers.get("x-forwarded-proto") == ["https"]
