"""The sync engine against the real server through the fault proxy: latency, resets mid-request
and mid-response, stalls, truncated bodies, injected 5xx and answers lost after the server
committed. After every fault one clean sync must leave: every action answered, each applied
exactly once on the server, a sound cache equal to the server's view."""

from __future__ import annotations

import hashlib
import io
import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lapor_desk.sync.engine import SyncReport
from lapor_desk.sync.errors import OfflineError, ServerError
from tests.support.faultproxy import Fault, FaultProxy, RequestRecord
from tests.support.live_server import LiveServer
from tests.sync.fault_harness import (
    Desk,
    assert_cache_matches_server,
    assert_exactly_once,
    assert_integrity,
    complaint_ids,
    open_desk,
    outbox_states,
    queue_notes,
    server_results,
)

pytestmark = pytest.mark.timeout(120)

#: Faults the client alone must survive run on SQLite only (to keep the suite short); faults
#: where the server committed and must answer a repeat from its stored results run on both.
client_side = pytest.mark.parametrize("backend", ["sqlite"], indirect=True, scope="session")

PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"
BLOBS = "/api/v1/blobs/"
ROLE = "agency_admin"


@dataclass
class Rig:
    """The real server, the fault proxy in front of it and the user the desks sign in as."""

    server: LiveServer
    proxy: FaultProxy
    username: str
    password: str
    workdir: Path
    desks: list[Desk] = field(default_factory=list)

    def desk(self, *, synced: bool = True, page_limit: int = 5000) -> Desk:
        """A profile signed in through the proxy (and synced once while it is harmless)."""
        desk = open_desk(
            self.workdir / f"profile{len(self.desks)}", self.proxy.url, page_limit=page_limit
        )
        self.desks.append(desk)
        desk.engine.login(self.username, self.password, "fault-test")
        if synced:
            desk.engine.sync()
        self.proxy.clear_log()
        return desk

    def settle(self, desk: Desk, queued: list[int]) -> None:
        """Faults off, one more sync, then the invariants."""
        self.proxy.clear()
        desk.engine.sync()
        assert_exactly_once(self.server, desk.cache, queued)
        assert all(outbox_states(desk.cache)[m] == "applied" for m in queued)
        assert_integrity(desk.cache.path)
        assert_cache_matches_server(
            self.server, desk.cache, self.username, self.password, self.workdir / "fresh"
        )


@pytest.fixture
def rig(live_server: LiveServer, tmp_path: Path, password: str) -> Iterator[Rig]:
    with FaultProxy.for_url(live_server.url, io_timeout=15) as proxy:
        rig = Rig(live_server, proxy, str(live_server.user(ROLE).username), password, tmp_path)
        yield rig
        for desk in rig.desks:
            desk.close()


def _outcomes(records: list[RequestRecord]) -> list[tuple[str, int | None]]:
    return [(r.outcome, r.status) for r in records]


@client_side
def test_sync_through_latency(rig: Rig) -> None:
    desk = rig.desk()
    rig.proxy.set_default(Fault.delay(request=0.05, response=0.05))
    queued = queue_notes(desk, 5)
    report = desk.engine.sync()
    assert (report.pushed, report.applied) == (5, 5)
    assert all(r.fault.startswith("passthrough(delay=") for r in rig.proxy.log())
    assert desk.sleeps == []  # nothing had to be retried
    rig.settle(desk, queued)


@client_side
def test_push_reset_mid_request_is_retried(rig: Rig) -> None:
    desk = rig.desk()
    rig.proxy.on_request(
        Fault.reset_request(after_bytes=40, from_body=True), path_prefix=PUSH, nth=1
    )
    queued = queue_notes(desk, 5)
    assert desk.engine.sync().applied == 5
    assert _outcomes(rig.proxy.log(PUSH)) == [("reset_request", None), ("forwarded", 200)]
    rig.settle(desk, queued)


def test_push_reset_mid_response_after_the_server_committed(rig: Rig) -> None:
    desk = rig.desk()
    rig.proxy.on_request(
        Fault.reset_response(after_bytes=10, from_body=True), path_prefix=PUSH, nth=1
    )
    queued = queue_notes(desk, 5)
    assert desk.engine.sync().applied == 5  # the retry got the stored answers
    assert _outcomes(rig.proxy.log(PUSH)) == [("reset_response", 200), ("forwarded", 200)]
    rig.settle(desk, queued)


@client_side
def test_stalled_push_times_out_and_is_retried(rig: Rig) -> None:
    desk = rig.desk()
    rig.proxy.on_request(Fault.stall(), path_prefix=PUSH, nth=1)
    queued = queue_notes(desk, 5)
    assert desk.engine.sync().applied == 5  # after the 2 s read timeout
    assert [r.outcome for r in rig.proxy.log(PUSH)] == ["stalled", "forwarded"]
    rig.settle(desk, queued)


@client_side
def test_stalled_push_arriving_after_its_retry_changes_nothing(rig: Rig) -> None:
    """The first attempt is held past the client's timeout and then delivered anyway: the
    server sees the same mutations twice, the retry first."""
    desk = rig.desk()
    rig.proxy.on_request(Fault.stall(3.0, then_forward=True), path_prefix=PUSH, nth=1)
    queued = queue_notes(desk, 5)
    assert desk.engine.sync().applied == 5
    log = rig.proxy.wait_for(_first_push_answered, timeout=15)
    assert [r.path for r in log].count(PUSH) == 2
    rig.settle(desk, queued)


def test_the_same_push_delivered_twice_at_once(rig: Rig) -> None:
    """The first attempt and its retry are both held, then released together: the server
    works on the same 40 mutations in two requests at the same time."""
    desk = rig.desk()
    rig.proxy.on_request(Fault.stall(then_forward=True), path_prefix=PUSH, times=2)
    queued = queue_notes(desk, 40)
    reports: list[SyncReport] = []
    syncing = threading.Thread(target=lambda: reports.append(desk.engine.sync()))
    syncing.start()
    rig.proxy.wait_for(lambda log: [r.outcome for r in log] == ["stalled"] * 2, timeout=15)
    rig.proxy.release_stalls()
    syncing.join(30)
    assert [report.applied for report in reports] == [40]
    rig.proxy.wait_for(_first_push_answered, timeout=15)
    rig.settle(desk, queued)


def _first_push_answered(log: list[RequestRecord]) -> bool:
    """The server answered the first push (whether or not its client was still there)."""
    pushes = [r for r in log if r.path.startswith(PUSH)]
    return bool(pushes) and pushes[0].status == 200


@client_side
def test_truncated_pull_page_is_retried(rig: Rig) -> None:
    desk = rig.desk(synced=False, page_limit=150)
    rig.proxy.on_request(Fault.truncate_response(after_bytes=200), path_prefix=PULL, nth=2)
    report = desk.engine.sync()
    pulls = rig.proxy.log(PULL)
    assert report.pages >= 3
    assert _outcomes(pulls)[1] == ("truncated", 200)
    assert pulls[2].path == pulls[1].path  # the same page again, from the same cursor
    assert sum("cursor=" not in r.path for r in pulls) == 1  # never from the start again
    rig.settle(desk, [])


@client_side
def test_pull_broken_beyond_retries_resumes_from_the_last_committed_page(rig: Rig) -> None:
    desk = rig.desk(synced=False, page_limit=150)
    rig.proxy.on_request(Fault.reset_response(after_bytes=100), path_prefix=PULL, skip=2)
    with pytest.raises(OfflineError):
        desk.engine.sync()
    broken = rig.proxy.log(PULL)
    assert [r.outcome for r in broken] == ["forwarded"] * 2 + ["reset_response"] * 5
    rig.proxy.clear()
    rig.proxy.clear_log()
    desk.engine.sync()
    assert rig.proxy.log(PULL)[0].path == broken[-1].path  # resumed at page 3, not page 1
    rig.settle(desk, [])


@client_side
def test_service_unavailable_with_retry_after_is_honoured(rig: Rig) -> None:
    desk = rig.desk()
    rig.proxy.on_request(Fault.inject_status(503, retry_after=2), path_prefix=PUSH, times=2)
    queued = queue_notes(desk, 5)
    assert desk.engine.sync().applied == 5
    assert [r.outcome for r in rig.proxy.log(PUSH)] == ["injected", "injected", "forwarded"]
    assert len([s for s in desk.sleeps if s >= 2.0]) == 2  # waited as the server asked
    rig.settle(desk, queued)


@client_side
def test_bad_gateway_page_is_retried(rig: Rig) -> None:
    desk = rig.desk()
    rig.proxy.on_request(Fault.inject_status(502), path_prefix=PUSH, times=1)
    queued = queue_notes(desk, 3)
    assert desk.engine.sync().applied == 3
    rig.settle(desk, queued)


@client_side
def test_internal_error_stops_the_sync_and_keeps_the_outbox(rig: Rig) -> None:
    desk = rig.desk()
    rig.proxy.on_request(Fault.inject_status(500), path_prefix=PUSH)
    queued = queue_notes(desk, 3)
    with pytest.raises(ServerError):
        desk.engine.sync()
    assert set(outbox_states(desk.cache).values()) == {"pending"}
    assert server_results(rig.server, desk.client_id) == {}
    rig.settle(desk, queued)


def test_response_lost_after_commit_is_answered_from_the_stored_results(rig: Rig) -> None:
    desk = rig.desk()
    rig.proxy.on_request(Fault.lose_response(), path_prefix=PUSH, nth=1)
    queued = queue_notes(desk, 5)
    assert desk.engine.sync().applied == 5
    assert _outcomes(rig.proxy.log(PUSH)) == [("lost", 200), ("forwarded", 200)]
    rig.settle(desk, queued)


def test_every_answer_lost_then_the_next_sync_learns_the_outcomes(rig: Rig) -> None:
    desk = rig.desk()
    rig.proxy.on_request(Fault.lose_response(), path_prefix=PUSH)
    queued = queue_notes(desk, 5)
    with pytest.raises(OfflineError):
        desk.engine.sync()
    assert set(outbox_states(desk.cache).values()) == {"pending"}
    assert server_results(rig.server, desk.client_id) == dict.fromkeys(queued, "applied")
    assert all(r.outcome == "lost" for r in rig.proxy.log(PUSH))
    rig.settle(desk, queued)


@client_side
def test_attachment_upload_resumes_at_the_servers_offset(rig: Rig) -> None:
    """The answer to the first 4 MiB chunk is lost: the client repeats it, is told the server
    already holds it (409 with the offset) and carries on from there."""
    desk = rig.desk()
    source = rig.workdir / "scan.pdf"
    source.write_bytes(random.Random(5).randbytes(6 * 1024 * 1024))
    attachment = desk.outbox.add_file(source, "application/pdf")
    target = complaint_ids(desk.cache, 1)[0]
    queued = [desk.outbox.internal_note(target, "berkas pindaian", [attachment]).mutation_id]
    rig.proxy.on_request(Fault.reset_response(), path_prefix=BLOBS, method="PUT", nth=1)
    assert desk.engine.sync().applied == 1
    puts = [r for r in rig.proxy.log(BLOBS) if r.method == "PUT"]
    assert _outcomes(puts) == [("reset_response", 200), ("forwarded", 409), ("forwarded", 200)]
    held = io.BytesIO()
    desk.transport.download(f"{BLOBS}{attachment.sha256}", held, 0)
    assert hashlib.sha256(held.getvalue()).hexdigest() == attachment.sha256
    rig.settle(desk, queued)


@client_side
def test_answer_to_the_last_chunk_lost(rig: Rig) -> None:
    """The server completed the blob but the client never heard: the repeat must not fail."""
    desk = rig.desk()
    source = rig.workdir / "photo.jpg"
    source.write_bytes(random.Random(6).randbytes(300_000))
    attachment = desk.outbox.add_file(source, "image/jpeg")
    target = complaint_ids(desk.cache, 1)[0]
    queued = [desk.outbox.internal_note(target, "foto lokasi", [attachment]).mutation_id]
    rig.proxy.on_request(Fault.lose_response(), path_prefix=BLOBS, method="PUT", nth=1)
    assert desk.engine.sync().applied == 1
    puts = [r for r in rig.proxy.log(BLOBS) if r.method == "PUT"]
    assert _outcomes(puts) == [("lost", 200), ("forwarded", 200)]
    assert puts[0].path == puts[1].path  # the same chunk again, and the server said "complete"
    rig.settle(desk, queued)
