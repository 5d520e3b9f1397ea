"""Request bodies are bounded before they are read, on every endpoint: a declared length over the
route's limit is refused at once, a chunked body is cut at the limit. Measured on a real server
process: a 200 MB body leaves its memory where it was."""

from __future__ import annotations

import hashlib
import select
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass

import orjson
import pytest
import requests

from lapor_desk.server import routes_channels
from lapor_desk.server.body_limit import DEFAULT_BODY_BYTES, BodyLimits
from lapor_desk.server.routes_auth import LOGIN_BODY_BYTES
from lapor_desk.server.settings import ServerSettings
from tests.server.builder import PASSWORD, build_world
from tests.server.client import WorldServer
from tests.support.server_process import ServerProcess

MB = 1024 * 1024


@dataclass
class RawAnswer:
    status: int
    body: bytes
    seconds: float  # from the first byte sent to the status line received
    sent: int  # body bytes the client got to send before the answer


def raw_post(base: str, path: str, total: int, *, chunked: bool, method: str = "POST",
             headers: dict[str, str] | None = None, piece: int = 256 * 1024,
             send_all: bool = False) -> RawAnswer:
    """Send ``total`` body bytes (declared, or chunked without a length) while reading the
    answer, and stop sending as soon as it comes (what a client that listens does), or with
    ``send_all`` only once every byte is sent (what a client that does not listen does)."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=60)
    head = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Content-Type: application/json"]
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}")
    started = time.monotonic()
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    filler = b'{"username": "' + b"a" * piece

    def blocks() -> Iterator[bytes]:
        left = total
        while left > 0:
            data = filler[:left]
            left -= len(data)
            yield (f"{len(data):x}\r\n".encode() + data + b"\r\n") if chunked else data
        if chunked:
            yield b"0\r\n\r\n"

    source = blocks()
    pending = memoryview(b"")
    sent, received, answered_at, writing = 0, b"", None, True
    sock.setblocking(False)
    try:
        while b"\r\n\r\n" not in received or (send_all and writing):
            if writing and not pending:
                block = next(source, None)
                if block is None:
                    writing = False
                    continue
                pending = memoryview(block)
            readable, writable, _ = select.select([sock], [sock] if writing else [], [], 30)
            if not readable and not writable:
                raise AssertionError(f"no answer within 30 s ({sent} bytes sent)")
            if readable:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
                answered_at = answered_at or time.monotonic()
            elif writable:
                try:
                    done = sock.send(pending)
                except BlockingIOError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    writing = False
                    continue
                pending = pending[done:]
                sent += done
        sock.setblocking(True)
        head_part, _, body = received.partition(b"\r\n\r\n")
        length = next((int(line.split(b":")[1]) for line in head_part.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        while len(body) < length:
            more = sock.recv(65536)
            if not more:
                break
            body += more
    finally:
        sock.close()
    status = int(received.split(b" ", 2)[1])
    return RawAnswer(status, body, (answered_at or time.monotonic()) - started, sent)


def _too_large(answer: RawAnswer) -> None:
    assert answer.status == 413, answer
    error = orjson.loads(answer.body)["error"]
    assert error["code"] == "too_large" and error["request_id"]


@pytest.fixture(scope="module")
def server_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """``lapor-server serve`` on SQLite (what is measured is the HTTP layer's memory)."""
    workdir = tmp_path_factory.mktemp("body-limit")
    url = f"sqlite:///{workdir / 'lapor.sqlite3'}"
    build_world(url)
    process = ServerProcess(url, workdir / "blobs")
    yield process
    process.stop()


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("chunked", "send_all"), [(False, False), (True, False), (False, True),
                                                   (True, True)],
                         ids=["declared", "chunked", "declared-sent-in-full",
                              "chunked-sent-in-full"])
def test_a_200_mb_login_body_is_refused_at_once_and_costs_no_memory(
        server_process: ServerProcess, chunked: bool, send_all: bool) -> None:
    for _ in range(3):  # warm up: argon2, the pools, the first requests
        requests.post(server_process.url + "/api/v1/auth/login", timeout=30,
                      json={"username": "admin_kab", "password": PASSWORD}).raise_for_status()
    rss_before, peak_before = server_process.memory_kib()
    answer = raw_post(server_process.url, "/api/v1/auth/login", 200 * MB, chunked=chunked,
                      send_all=send_all)
    rss_after, peak_after = server_process.memory_kib()
    print(f"\n200 MB {'chunked' if chunked else 'declared'} login body"
          f"{' (sent in full)' if send_all else ''}: {answer.status} after "
          f"{answer.seconds * 1000:.0f} ms ({answer.sent / MB:.1f} MB sent in all); server RSS "
          f"{rss_before / 1024:.1f} -> {rss_after / 1024:.1f} MiB, peak {peak_before / 1024:.1f} "
          f"-> {peak_after / 1024:.1f} MiB")
    _too_large(answer)
    assert answer.seconds < 5
    assert peak_after - peak_before < 20 * 1024  # KiB: not a copy of the body, not a part of it
    assert rss_after - rss_before < 20 * 1024
    # and the server goes on as before
    assert requests.post(server_process.url + "/api/v1/auth/login", timeout=30, json={
        "username": "admin_kab", "password": PASSWORD}).status_code == 200


def test_a_declared_length_over_the_limit_is_answered_before_any_body_is_sent(
        server_process: ServerProcess) -> None:
    host, port = server_process.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 209715200\r\n\r\n")
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413 ")  # no 100 Continue: the body is never asked for


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "chunked"])
def test_every_route_has_its_limit(shared_server: WorldServer, chunked: bool) -> None:
    """A declared length is judged on every route; a chunked body where it is read (a route
    that reads no body never takes one in: the server drops it unread)."""
    api = shared_server.login("admin_prov")
    auth = {"Authorization": f"Bearer {api.token}"}
    base = shared_server.live.url
    sha = hashlib.sha256(b"x").hexdigest()
    settings = ServerSettings(database_url="")
    over = {  # (method, path): a body one byte over the route's limit
        ("POST", "/api/v1/auth/login"): LOGIN_BODY_BYTES + 1,
        ("POST", "/api/v1/sync/push"): settings.max_push_bytes + 1,
        ("PUT", f"/api/v1/blobs/{sha}/upload?offset=0&total=1"): settings.max_chunk_bytes + 1,
    }
    if not chunked:
        over.update({
            ("POST", "/api/v1/auth/logout"): DEFAULT_BODY_BYTES + 1,
            ("GET", "/api/v1/me"): DEFAULT_BODY_BYTES + 1,
            ("POST", "/api/v1/nowhere"): DEFAULT_BODY_BYTES + 1,
        })
    for (method, path), size in over.items():
        _too_large(raw_post(base, path, size, chunked=chunked, method=method, headers=auth))
    # at the limit, the body reaches the route (which judges it)
    at_limit = raw_post(base, "/api/v1/auth/login", LOGIN_BODY_BYTES, chunked=chunked)
    assert at_limit.status in (400, 422)
    assert api.get("/me").status_code == 200  # the token still works: logout never ran


def test_the_largest_valid_login_body_fits(shared_server: WorldServer) -> None:
    body = orjson.dumps({"username": "\U0001f600" * 64, "password": "\U0001f600" * 1024,
                         "device": "\U0001f600" * 120}).decode()
    escaped = body.encode("ascii", "backslashreplace")  # worst case: every character escaped
    escaped = escaped.replace(b"\\U0001f600", b"\\ud83d\\ude00")
    assert len(escaped) <= LOGIN_BODY_BYTES
    response = requests.post(shared_server.live.url + "/api/v1/auth/login", data=escaped,
                             headers={"Content-Type": "application/json"}, timeout=30)
    assert response.status_code == 401  # read and judged: an unknown user


def test_the_limits_name_real_routes(shared_server: WorldServer) -> None:
    limits = next(m.kwargs["limits"] for m in shared_server.live.app.user_middleware
                  if "limits" in m.kwargs)
    assert isinstance(limits, BodyLimits) and len(limits.routes) >= 6
    paths = requests.get(shared_server.live.url + "/openapi.json", timeout=30).json()["paths"]
    # The channels' webhooks are outside the API document (server/routes_channels.py).
    webhooks = {(method, path) for method, path in limits.routes
                if path in (routes_channels.WHATSAPP, routes_channels.SMS)}
    served = {(getattr(route, "path", ""), method) for route in routes_channels.router.routes
              for method in getattr(route, "methods", ())}
    assert {(path, method) for method, path in webhooks} <= served
    for method, path in limits.routes:
        assert (method, path) in webhooks or method.lower() in paths[path], (method, path)


def test_body_limits_match_path_templates() -> None:
    limits = BodyLimits({("PUT", "/api/v1/blobs/{sha256}/upload"): 10}, default=3)
    assert limits.limit_for("PUT", "/api/v1/blobs/abc/upload") == 10
    assert limits.limit_for("PUT", "/api/v1/blobs/a/b/upload") == 3
    assert limits.limit_for("PUT", "/api/v1/blobs/abc/upload/x") == 3
    assert limits.limit_for("GET", "/api/v1/blobs/abc/upload") == 3
