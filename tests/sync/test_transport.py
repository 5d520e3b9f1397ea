from __future__ import annotations

import io
import socket

import orjson
import pytest

from lapor_desk.sync.errors import AuthError, OfflineError, ProtocolError, ServerError
from lapor_desk.sync.transport import RetryPolicy, Transport
from tests.sync.scripted_http import Reply, Script, scripted_server

OK = orjson.dumps({"ok": True})


def make(url: str, delays: list[float], attempts: int = 4) -> Transport:
    return Transport(url, token="tok", timeout=(2.0, 2.0), sleep=delays.append,
                     rand=lambda: 1.0, retry=RetryPolicy(attempts=attempts, base_delay=0.1))


@pytest.fixture
def script() -> Script:
    with scripted_server() as s:
        yield s


def test_retries_503_honouring_retry_after_and_keeps_request_id(script: Script) -> None:
    script.replies = [Reply(503, b'{"error":{"code":"unavailable"}}', {"Retry-After": "7"}),
                      Reply(429, b"{}"), Reply(200, OK)]
    delays: list[float] = []
    assert make(script.url, delays).get_json("/x") == {"ok": True}
    assert delays == [7.0, 0.2]  # Retry-After wins over the backoff; then full jitter 0.1*2
    ids = {s.headers["X-Request-ID"] for s in script.seen}
    assert len(ids) == 1 and len(ids.pop()) == 32
    assert script.seen[0].headers["Authorization"] == "Bearer tok"


def test_push_is_retried_after_a_lost_answer(script: Script) -> None:
    script.replies = [Reply(mode="drop"), Reply(200, OK)]
    delays: list[float] = []
    assert make(script.url, delays).post_json("/api/v1/sync/push", {"a": 1}) == {"ok": True}
    assert len(script.seen) == 2 and script.seen[1].body == b'{"a":1}'


def test_truncated_body_is_retried(script: Script) -> None:
    script.replies = [Reply(200, b'{"ok": true, "pad": "' + b"x" * 5000 + b'"}', mode="truncate"),
                      Reply(200, OK)]
    delays: list[float] = []
    assert make(script.url, delays).get_json("/x") == {"ok": True}
    assert len(delays) == 1


def test_broken_json_retried_then_protocol_error(script: Script) -> None:
    script.replies = [Reply(200, b'{"ok": tr')] * 3
    delays: list[float] = []
    with pytest.raises(ProtocolError) as info:
        make(script.url, delays, attempts=3).get_json("/x")
    assert info.value.code == "invalid_json" and len(delays) == 2


def test_login_401_is_not_retried(script: Script) -> None:
    script.replies = [Reply(401, b'{"error":{"code":"bad_credentials","message":"no",'
                                 b'"request_id":"r1"}}')]
    delays: list[float] = []
    with pytest.raises(AuthError) as info:
        make(script.url, delays).post_json("/api/v1/auth/login", {}, auth=False)
    assert info.value.code == "bad_credentials" and info.value.request_id == "r1"
    assert delays == [] and "Authorization" not in script.seen[0].headers


def test_500_is_not_retried_and_4xx_is_protocol(script: Script) -> None:
    script.replies = [Reply(500, b"oops"), Reply(409, b'{"error":{"code":'
                                                     b'"upload_offset_mismatch"},"offset":5}')]
    delays: list[float] = []
    t = make(script.url, delays)
    with pytest.raises(ServerError):
        t.get_json("/x")
    with pytest.raises(ProtocolError) as info:
        t.put_bytes("/u", {"offset": 0, "total": 9}, b"abc")
    assert info.value.server_offset == 5 and delays == []


def test_gives_up_on_persistent_503(script: Script) -> None:
    script.replies = [Reply(503, b"{}")] * 4
    delays: list[float] = []
    with pytest.raises(ServerError):
        make(script.url, delays).get_json("/x")
    assert len(script.seen) == 4 and len(delays) == 3


def test_connection_refused_is_offline_after_retries() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    delays: list[float] = []
    with pytest.raises(OfflineError):
        make(f"http://127.0.0.1:{port}", delays, attempts=3).get_json("/x")
    assert len(delays) == 2


def test_response_size_is_capped(script: Script) -> None:
    script.replies = [Reply(200, b'"' + b"x" * 3000 + b'"')]
    t = make(script.url, [])
    t.max_response_bytes = 1000
    with pytest.raises(ProtocolError) as info:
        t.get_json("/x")
    assert info.value.code == "too_large"


def test_download_resumes_with_range(script: Script) -> None:
    script.replies = [Reply(206, b"world", {"Content-Range": "bytes 5-9/10"})]
    sink = io.BytesIO(b"hello")
    sink.seek(5)
    assert make(script.url, []).download("/b", sink, 5) == 10
    assert sink.getvalue() == b"helloworld"
    assert script.seen[0].headers["Range"] == "bytes=5-"


def test_tls_verification_cannot_be_disabled() -> None:
    with pytest.raises(ValueError):
        Transport("https://example.invalid", verify=False)


def test_full_jitter_backoff_is_bounded() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=8.0)
    assert policy.backoff(0, lambda: 1.0) == 1.0
    assert policy.backoff(10, lambda: 1.0) == 8.0
    assert policy.backoff(3, lambda: 0.0) == 0.0
