"""The reconnect probe against the real server: it answers while the server runs, says no
(quickly, without raising) once it is stopped or for a port nobody listens on."""

from __future__ import annotations

import time

import pytest

from lapor_desk.services.reachability import server_answers
from tests.support.live_server import LiveServer, free_port

pytestmark = pytest.mark.timeout(60)


def test_probe_follows_the_server(live_server: LiveServer) -> None:
    assert server_answers(live_server.url)
    live_server.stop()
    started = time.monotonic()
    assert not server_answers(live_server.url)
    assert time.monotonic() - started < 5  # one try, no retries: the caller backs off
    assert not server_answers(f"http://127.0.0.1:{free_port()}")


def test_a_page_that_is_not_the_health_endpoint_is_not_an_answer(live_server: LiveServer) -> None:
    assert not server_answers(live_server.url + "/nothing-here")
