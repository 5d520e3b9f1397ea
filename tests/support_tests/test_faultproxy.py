"""The fault proxy against a tiny local HTTP/1.1 server, with ``requests`` as the client: every
fault must really happen on the wire, and the proxy must stay bounded and stop cleanly."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.support.faultproxy import Fault, FaultProxy

pytestmark = pytest.mark.timeout(60)


class _Upstream(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen: list[tuple[str, str, bytes]] = []
        self.seen_lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the proxy resets connections on purpose

    def requests_for(self, path: str) -> list[tuple[str, str, bytes]]:
        with self.seen_lock:
            return [s for s in self.seen if s[1].startswith(path)]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Upstream

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", ""):
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return body
                body += self.rfile.read(size)
                self.rfile.read(2)
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def _reply(self, body: bytes, *, chunked: bool = False, close: bool = False) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(body), 1000):
                piece = body[start : start + 1000]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def _handle(self) -> None:
        body = self._read_body()
        with self.server.seen_lock:
            self.server.seen.append((self.command, self.path, body))
        if self.path.startswith("/big"):
            size = int(self.path.split("=", 1)[1])
            self._reply(b"x" * size, chunked="chunked" in self.path)
        elif self.path.startswith("/close"):
            self._reply(b'{"closing": true}', close=True)
        else:
            self._reply(json.dumps({"path": self.path, "received": len(body)}).encode())

    do_GET = do_POST = do_PUT = _handle


@pytest.fixture
def upstream() -> Iterator[_Upstream]:
    server = _Upstream()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def proxy(upstream: _Upstream) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", upstream.server_address[1], io_timeout=10) as proxy:
        yield proxy
    assert proxy.active_threads == 0


def test_passes_requests_through_on_one_keep_alive_connection(
    proxy: FaultProxy, upstream: _Upstream
) -> None:
    with requests.Session() as session:
        for index in range(3):
            response = session.post(
                proxy.url + f"/api/v1/sync/push?n={index}", data=b"a" * 100, timeout=5
            )
            assert response.json() == {"path": f"/api/v1/sync/push?n={index}", "received": 100}
        assert session.get(proxy.url + "/big?n=200000", timeout=5).content == b"x" * 200000
    log = proxy.log()
    assert [(r.method, r.outcome, r.status) for r in log] == [("POST", "forwarded", 200)] * 3 + [
        ("GET", "forwarded", 200)
    ]
    assert {r.connection for r in log} == {1}
    assert [r.seq for r in log] == [1, 2, 3, 4]
    assert len(upstream.requests_for("/api/v1/sync/push")) == 3


def test_relays_chunked_bodies_both_ways(proxy: FaultProxy, upstream: _Upstream) -> None:
    def body() -> Iterator[bytes]:
        yield b"first,"
        yield b"second"

    with requests.Session() as session:
        response = session.put(proxy.url + "/upload", data=body(), timeout=5)
        assert response.json()["received"] == len(b"first,second")
        chunked = session.get(proxy.url + "/big-chunked?n=5500", timeout=5)
        assert chunked.headers["Transfer-Encoding"] == "chunked"
        assert chunked.content == b"x" * 5500
        assert session.get(proxy.url + "/after", timeout=5).ok
    assert upstream.requests_for("/upload")[0][2] == b"first,second"
    assert len({r.connection for r in proxy.log()}) == 1


def test_follows_an_upstream_that_closes_the_connection(proxy: FaultProxy) -> None:
    with requests.Session() as session:
        assert session.get(proxy.url + "/close", timeout=5).json() == {"closing": True}
        assert session.get(proxy.url + "/next", timeout=5).ok
    assert [r.connection for r in proxy.log()] == [1, 2]


def test_delay_per_direction(proxy: FaultProxy) -> None:
    proxy.set_default(Fault.delay(request=0.3, response=0.2))
    started = time.monotonic()
    assert requests.get(proxy.url + "/slow", timeout=5).ok
    assert time.monotonic() - started >= 0.5
    proxy.set_default(Fault.passthrough())
    started = time.monotonic()
    assert requests.get(proxy.url + "/fast", timeout=5).ok
    assert time.monotonic() - started < 0.3


def test_bandwidth_limit(proxy: FaultProxy) -> None:
    proxy.on_request(Fault.bandwidth(100_000), path_prefix="/big")
    started = time.monotonic()
    assert len(requests.get(proxy.url + "/big?n=50000", timeout=10).content) == 50000
    assert time.monotonic() - started >= 0.45


def test_reset_mid_request(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.on_request(Fault.reset_request(after_bytes=100, from_body=True), path_prefix="/push")
    with pytest.raises(requests.ConnectionError):
        requests.post(proxy.url + "/push", data=b"p" * 100_000, timeout=5)
    [record] = proxy.wait_for(lambda log: bool(log) and log[0].outcome != "pending")
    assert record.outcome == "reset_request"
    assert 100 < record.request_bytes < 1000
    time.sleep(0.2)
    assert upstream.requests_for("/push") == []  # it never got the whole request


def test_reset_mid_response_before_and_inside_the_body(proxy: FaultProxy) -> None:
    proxy.on_request(Fault.reset_response(after_bytes=5), nth=1)
    proxy.on_request(Fault.reset_response(after_bytes=1000, from_body=True), nth=2)
    with pytest.raises(requests.ConnectionError):
        requests.get(proxy.url + "/big?n=100000", timeout=5)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.get(proxy.url + "/big?n=100000", timeout=5)
    assert requests.get(proxy.url + "/big?n=100000", timeout=5).ok
    assert [r.outcome for r in proxy.log()] == ["reset_response", "reset_response", "forwarded"]


def test_stall_until_cleared(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.on_request(Fault.stall())
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(proxy.url + "/stalled", timeout=0.5)
    assert upstream.requests_for("/stalled") == []
    proxy.clear()
    assert requests.get(proxy.url + "/free", timeout=5).ok
    assert [r.outcome for r in proxy.wait_for(lambda log: log[0].outcome != "pending")] == [
        "stalled",
        "forwarded",
    ]


def test_timed_stall_then_forward(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.on_request(Fault.stall(0.4, then_forward=True), times=1)
    started = time.monotonic()
    assert requests.get(proxy.url + "/late", timeout=5).ok
    assert time.monotonic() - started >= 0.4
    assert len(upstream.requests_for("/late")) == 1


def test_stalled_connection_from_accept(proxy: FaultProxy) -> None:
    proxy.on_connection(Fault.stall(), times=1)
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(proxy.url + "/one", timeout=0.5)
    assert requests.get(proxy.url + "/two", timeout=5).ok
    assert [r.path for r in proxy.log()] == ["/two"]  # nothing was read on the stalled one


def test_connection_rule_covers_every_request_of_that_connection(proxy: FaultProxy) -> None:
    proxy.on_connection(Fault.inject_status(503), times=1)
    with requests.Session() as first, requests.Session() as second:
        assert [first.get(proxy.url + "/a", timeout=5).status_code for _ in range(3)] == [503] * 3
        assert second.get(proxy.url + "/b", timeout=5).status_code == 200
        assert first.get(proxy.url + "/a", timeout=5).status_code == 503  # still that connection


def test_rules_can_be_removed_and_combined(proxy: FaultProxy) -> None:
    rule = proxy.on_request(Fault.inject_status(500))
    assert requests.get(proxy.url + "/x", timeout=5).status_code == 500
    rule.remove()
    proxy.on_request(Fault.truncate_response(10).with_delay(response=0.3), times=1)
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.get(proxy.url + "/big?n=1000", timeout=5)
    assert time.monotonic() - started >= 0.3
    assert requests.get(proxy.url + "/x", timeout=5).status_code == 200
    assert rule.hits == 1


def test_truncated_response_is_closed_cleanly(proxy: FaultProxy) -> None:
    proxy.on_request(Fault.truncate_response(after_bytes=500), times=1)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.get(proxy.url + "/big?n=10000", timeout=5)
    # and with raw sockets: the bytes, then a FIN (recv returns b"" rather than raising)
    proxy.on_request(Fault.truncate_response(after_bytes=3, from_body=True), times=1)
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
        sock.sendall(b"GET /big?n=10 HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
    assert received.startswith(b"HTTP/1.1 200") and received.endswith(b"\r\n\r\nxxx")


@pytest.mark.parametrize("status", [503, 500, 502])
def test_injected_status_never_reaches_upstream(
    proxy: FaultProxy, upstream: _Upstream, status: int
) -> None:
    proxy.on_request(Fault.inject_status(status, retry_after=7), method="POST", times=2)
    with requests.Session() as session:
        for _ in range(2):
            response = session.post(proxy.url + "/push", json={"a": 1}, timeout=5)
            assert response.status_code == status
            assert response.headers["Retry-After"] == "7"
        assert session.post(proxy.url + "/push", json={"a": 1}, timeout=5).ok
    if status != 502:
        assert response.json()["error"]["code"] in ("unavailable", "internal_error")
    assert len(upstream.requests_for("/push")) == 1
    assert [r.outcome for r in proxy.log()] == ["injected", "injected", "forwarded"]
    assert len({r.connection for r in proxy.log()}) == 1  # keep-alive survives an injected answer


def test_response_lost_after_commit(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.on_request(Fault.lose_response(), path_prefix="/api/v1/sync/push", nth=1)
    with pytest.raises(requests.ConnectionError):
        requests.post(proxy.url + "/api/v1/sync/push", json={"actions": [1]}, timeout=5)
    assert upstream.requests_for("/api/v1/sync/push") == [
        ("POST", "/api/v1/sync/push", b'{"actions": [1]}')
    ]
    [record] = proxy.log()
    assert (record.outcome, record.status) == ("lost", 200) and record.response_bytes > 0


def test_nth_request_on_a_path_while_others_pass(proxy: FaultProxy) -> None:
    proxy.on_request(Fault.inject_status(503), path_prefix="/api/v1/sync/push", nth=2)
    outcomes = []
    with requests.Session() as session:
        for path in [
            "/api/v1/sync/pull",
            "/api/v1/sync/push",
            "/api/v1/sync/pull",
            "/api/v1/sync/push",
            "/api/v1/sync/push",
        ]:
            outcomes.append(session.post(proxy.url + path, timeout=5).status_code)
    assert outcomes == [200, 200, 200, 503, 200]


def test_rules_are_thread_safe_under_concurrent_clients(proxy: FaultProxy) -> None:
    rule = proxy.on_request(Fault.inject_status(503), times=5)
    statuses: list[int] = []
    lock = threading.Lock()

    def client() -> None:
        with requests.Session() as session:
            for _ in range(5):
                code = session.get(proxy.url + "/x", timeout=5).status_code
                with lock:
                    statuses.append(code)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses).count(503) == 5 and len(statuses) == 40
    assert rule.hits == 5 and rule.seen == 40


def test_upstream_down_resets_the_client() -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    with FaultProxy("127.0.0.1", port) as proxy:
        with pytest.raises(requests.ConnectionError):
            requests.get(proxy.url + "/", timeout=5)
        assert proxy.wait_for(lambda log: bool(log) and log[0].outcome != "pending")[0].outcome == (
            "upstream_unavailable"
        )


def test_close_releases_stalls_and_refuses_new_connections(upstream: _Upstream) -> None:
    proxy = FaultProxy("127.0.0.1", upstream.server_address[1])
    proxy.set_default(Fault.stall())
    errors: list[Exception] = []

    def stalled_client() -> None:
        try:
            requests.get(proxy.url + "/hang", timeout=10)
        except requests.RequestException as exc:
            errors.append(exc)

    clients = [threading.Thread(target=stalled_client) for _ in range(3)]
    for thread in clients:
        thread.start()
    proxy.wait_for(lambda log: len(log) == 3)
    started = time.monotonic()
    proxy.close()
    assert time.monotonic() - started < 2
    assert proxy.active_threads == 0
    for thread in clients:
        thread.join(5)
    assert len(errors) == 3 and all(isinstance(e, requests.ConnectionError) for e in errors)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=1).close()
    proxy.close()  # idempotent


def test_refuses_a_non_loopback_upstream() -> None:
    with pytest.raises(ValueError, match="loopback"):
        FaultProxy("192.0.2.1", 80)
