"""``GET /metrics`` after real traffic over loopback, read with prometheus-client's own parser:
requests and latency by route template, pulls, pushes by outcome, auth failures by reason, blob
bytes, the build; who may read it; and two server processes on one database counting into one
shared directory (prometheus-client's multiprocess mode), summed by a scrape through either."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from lapor_desk import __version__ as package_version
from lapor_desk.models import wire
from lapor_desk.server.metrics import (
    MULTIPROC_ENV,
    prepare_for_workers,
    prepare_multiprocess_dir,
)
from tests.server.builder import build_world, new_id
from tests.server.client import Api, WorldServer
from tests.support.live_server import DatabaseFactory
from tests.support.server_process import ServerProcess

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def scrape(root: str, **kwargs: Any) -> Samples:
    answer = requests.get(root + "/metrics", timeout=30, **kwargs)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(answer.text)
            for sample in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def rows_in(page: dict[str, Any]) -> int:
    return sum(len(block["rows"]) for block in page["changes"].values()) + len(
        page["tombstones"])


def test_metrics_count_real_traffic_by_route_template(
        serve_world: Callable[..., WorldServer]) -> None:
    server = serve_world(max_push_bytes=64 * 1024)
    root = server.live.url
    # Authentication: two wrong passwords, no token, an unknown token.
    for _ in range(2):
        wrong = server.anonymous().post("/auth/login", json={"username": "admin_prov",
                                                              "password": "salah-sandi"})
        assert wrong.status_code == 401
    assert server.anonymous().get("/me").status_code == 401
    assert Api(server.base, token="x" * 40).get("/me").status_code == 401
    # Pulls: the whole scope, then a no-op pull from its cursor.
    one = server.login("admin_prov")
    state, pages = one.pull_all(limit=2)
    assert len(pages) >= 2
    empty = one.pull(state["cursor"])
    assert rows_in(empty) == 0
    pulls = len(pages) + 1
    # Pushes: applied, the same again (duplicate), an unknown kind, a stale transition.
    cid = server.cid("prov_plain")
    forward = one.action("forward", cid, 1, to_id=server.unit("prov_works"),
                         disposition_id=new_id())
    assert one.push(forward)[0]["outcome"] == "applied"
    assert one.push(forward)[0]["outcome"] == "applied"  # answered again, applied once
    assert one.do("teleport", cid, 1)["outcome"] == "rejected"
    assert server.login("admin_prov").do("archive", cid, 1,
                                           reason_code="spam")["outcome"] == "conflict"
    # A blob up and down, and a path no route serves.
    data = os.urandom(300_000)
    sha = one.upload(data, chunk=128 * 1024)
    assert one.get(f"/blobs/{sha}").content == data
    assert requests.get(root + "/api/v1/tidak/ada/" + sha, timeout=30).status_code == 404
    # A push over its body limit, refused before routing: still named by its route.
    assert one.post("/sync/push", data=b"[" * 100_000).status_code == 413

    samples = scrape(root)

    pull_route = {"method": "GET", "route": "/api/v1/sync/pull"}
    assert value(samples, "lapor_http_requests_total", status="200", **pull_route) == pulls
    assert value(samples, "lapor_http_request_duration_seconds_count", **pull_route) == pulls
    assert value(samples, "lapor_http_request_duration_seconds_sum", **pull_route) > 0
    assert value(samples, "lapor_http_request_duration_seconds_bucket", le="+Inf",
                 **pull_route) == pulls
    assert value(samples, "lapor_http_requests_total", method="PUT",
                 route="/api/v1/blobs/{sha256}/upload", status="200") == 3
    assert value(samples, "lapor_http_requests_total", method="GET", route="unmatched",
                 status="404") == 1
    assert value(samples, "lapor_http_requests_total", method="POST",
                 route="/api/v1/sync/push", status="413") == 1
    routes = {dict(labels).get("route") for (_, labels) in samples} - {None}
    served = {endpoint.path for endpoint in wire.ENDPOINTS} | {"/metrics"}
    assert routes <= served | {"unmatched"}, routes - served  # templates only: no sha, no typo

    assert value(samples, "lapor_pull_pages_total", content="changes") == len(pages)
    assert value(samples, "lapor_pull_pages_total", content="empty") == 1
    assert value(samples, "lapor_pull_rows_total") == sum(rows_in(page) for page in pages) > 0

    for outcome in ("applied", "duplicate", "rejected", "conflict"):
        assert value(samples, "lapor_push_actions_total", outcome=outcome) == 1, outcome

    assert value(samples, "lapor_auth_failures_total", reason="bad_credentials") == 2
    assert value(samples, "lapor_auth_failures_total", reason="auth_required") == 1
    assert value(samples, "lapor_auth_failures_total", reason="token_invalid") == 1

    assert value(samples, "lapor_blob_bytes_total", direction="in") == len(data)
    assert value(samples, "lapor_blob_bytes_total", direction="out") == len(data)
    builds = [labels for (name, labels), found in samples.items()
              if name == "lapor_build_info" and found == 1]
    assert [dict(labels)["version"] for labels in builds] == [str(package_version)]


def test_metrics_only_for_the_allowed_networks(serve_world: Callable[..., WorldServer]) -> None:
    behind_proxy = serve_world(trusted_proxies=("127.0.0.1",)).live.url
    scrape(behind_proxy)  # this machine, directly
    scrape(behind_proxy, headers={"X-Forwarded-For": "127.0.0.1"})  # through the proxy, local
    from_outside = requests.get(behind_proxy + "/metrics", timeout=30,
                                headers={"X-Forwarded-For": "203.0.113.9"})
    assert from_outside.status_code == 403
    assert from_outside.json()["error"]["code"] == "forbidden"
    assert "lapor_" not in from_outside.text

    lan_only = serve_world(metrics_allow=("10.0.0.0/8",)).live.url
    assert requests.get(lan_only + "/metrics", timeout=30).status_code == 403
    # From a peer that is no trusted proxy the header is nobody's word: not believed, and the
    # request came through a proxy the server does not know, so the peer says nothing either.
    forged = requests.get(lan_only + "/metrics", timeout=30,
                          headers={"X-Forwarded-For": "10.1.2.3"})
    assert forged.status_code == 403
    unknown_proxy = serve_world().live.url
    assert requests.get(unknown_proxy + "/metrics", timeout=30, headers={
        "X-Forwarded-For": "203.0.113.9"}).status_code == 403
    scrape(unknown_proxy)


def test_two_processes_count_into_one_scrape(db_factory: DatabaseFactory, tmp_path: Path) -> None:
    url = db_factory.new_url()
    world = build_world(url)
    shared = tmp_path / "metrics"
    shared.mkdir()
    env = {"PROMETHEUS_MULTIPROC_DIR": str(shared)}
    first = ServerProcess(url, tmp_path / "blobs", env=env)
    second = ServerProcess(url, tmp_path / "blobs", env=env)
    try:
        apis = []
        for process in (first, second):
            base = process.url + "/api/v1"
            api = Api(base)
            answer = api.post("/auth/login", json={"username": "admin_prov",
                                                   "password": "rahasia-uji-123"})
            assert answer.status_code == 200, answer.text
            api.token = answer.json()["token"]
            apis.append(api)
            assert Api(base).post("/auth/login", json={
                "username": "admin_prov", "password": "salah-sandi"}).status_code == 401
        for api, again in ((apis[0], 2), (apis[1], 1)):  # all from the start, then no-ops
            cursor = api.pull()["cursor"]
            for _ in range(again):
                assert rows_in(api.pull(cursor)) == 0
        cid = world.complaints["prov_plain"]
        assert apis[1].do("forward", cid, 1, to_id=world.agencies["prov_works"],
                          disposition_id=new_id())["outcome"] == "applied"
        assert len(list(shared.glob("*.db"))) >= 2  # each process writes its own file

        for process in (first, second):
            samples = scrape(process.url)
            route = {"method": "GET", "route": "/api/v1/sync/pull"}
            assert value(samples, "lapor_http_requests_total", status="200", **route) == 5
            assert value(samples, "lapor_http_request_duration_seconds_count", **route) == 5
            assert value(samples, "lapor_pull_pages_total", content="changes") == 2
            assert value(samples, "lapor_pull_pages_total", content="empty") == 3
            assert value(samples, "lapor_auth_failures_total", reason="bad_credentials") == 2
            assert value(samples, "lapor_push_actions_total", outcome="applied") == 1
            builds = [labels for (name, labels) in samples if name == "lapor_build_info"]
            assert [dict(labels)["version"] for labels in builds] == [str(package_version)]
    finally:
        first.stop()
        second.stop()


def test_the_shared_directory_is_emptied_before_the_workers_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MULTIPROC_ENV, raising=False)  # put back after the test
    shared = tmp_path / "run" / "metrics"
    prepare_multiprocess_dir(shared)
    assert shared.is_dir() and os.environ[MULTIPROC_ENV] == str(shared)
    (shared / "counter_4242.db").write_bytes(b"\0" * 16)  # a run before: its counts
    (shared / "keep.txt").write_text("not ours")
    prepare_multiprocess_dir(shared)
    assert sorted(p.name for p in shared.iterdir()) == ["keep.txt"]


def test_workers_get_a_shared_directory_only_when_there_are_several(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MULTIPROC_ENV, raising=False)
    assert prepare_for_workers(1) is None and MULTIPROC_ENV not in os.environ
    private = prepare_for_workers(2)
    assert private is not None and private.is_dir()
    assert os.environ[MULTIPROC_ENV] == str(private)
    named = tmp_path / "named"
    named.mkdir()
    (named / "histogram_7.db").write_bytes(b"\0" * 16)
    monkeypatch.setenv(MULTIPROC_ENV, str(named))
    assert prepare_for_workers(1) is None and list(named.iterdir())  # one process: left alone
    assert prepare_for_workers(4) == named and not list(named.iterdir())


def test_serve_takes_the_allowed_networks(db_factory: DatabaseFactory, tmp_path: Path) -> None:
    url = db_factory.new_url()
    build_world(url)
    process = ServerProcess(url, tmp_path / "blobs", "--metrics-allow", "10.0.0.0/8")
    try:
        assert requests.get(process.url + "/metrics", timeout=30).status_code == 403
    finally:
        process.stop()
    assert "event=metrics_refused addr=127.0.0.1" in process.output
    refused = subprocess.run(
        [sys.executable, "-m", "lapor_desk.server.cli", "serve", "--db", url,
         "--metrics-allow", "semua"], capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode == 1 and "--metrics-allow" in refused.stderr
