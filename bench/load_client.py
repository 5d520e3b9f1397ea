"""One load process of the server benchmark: many desktops' syncs through the real client code.

    python -m bench.load_client SPEC.json     (written by bench/server_bench.py)

Every simulated desktop has its own :class:`~lapor_desk.sync.transport.Transport` (the
desktop's headers, codings, TLS rules and answer checks) and calls the server through
:class:`~lapor_desk.sync.api.Api`, as the desktop's sync engine does: a sync is a push of the
outbox when it holds actions, then pull pages until ``has_more`` is false. The desktop's local
cache is left out (it costs the desktop, not the server): a page's JSON is received and decoded,
its cursor kept, its rows not stored. Retries are off, so every failed request counts as an
error. In the peaks (``closed``) the desktops a thread syncs share that thread's HTTP
connection (:func:`shared_session`), as the TLS reverse proxy's kept-open connections carry
every desktop's requests to the workers; in the soak (``paced``) each desktop has its own.

Modes (``spec["mode"]``):
- ``login``: sign each user in, then pull from the start to the head; prints each user's token
  and cursor (the state the other modes start from).
- ``catchup``: every user syncs once (back at the head).
- ``closed``: ``threads`` desktops sync back to back for ``seconds`` (peak throughput); with
  ``push_every`` = k, every k-th sync first pushes ``actions`` internal notes.
- ``paced``: every user syncs every ``interval`` seconds (a working day's rate), pushing with
  probability ``push_chance``; runs ``seconds``.

Prints one JSON object: latencies (ms) per request kind, counts, errors, and the users' state.
"""

from __future__ import annotations

import heapq
import json
import random
import resource
import sys
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import requests

from lapor_desk.models.ids import uuid7
from lapor_desk.sync.api import Api
from lapor_desk.sync.retry import RetryPolicy
from lapor_desk.sync.transport import Transport

NO_RETRY = RetryPolicy(attempts=1)
PAGE = {"limit": 5000, "max_bytes": 4 << 20, "layout": "packed"}


def shared_session() -> requests.Session:
    """One HTTP connection pool for several desktops, as the TLS reverse proxy in front of the
    workers keeps its connections to them open (deploy/: nginx ``keepalive``, Caddy) whatever
    the desktops do; no proxy or ``.netrc`` lookup from the environment at each request (the
    server is on this machine)."""
    session = requests.Session()
    session.trust_env = False
    return session


class Desktop:
    """One user's desktop: token, cursor, client id, a complaint it writes notes on.
    ``session``: the connections it shares with other desktops (None: its own)."""

    def __init__(self, base: str, user: dict[str, Any],
                 session: requests.Session | None = None) -> None:
        self.user = user
        self.transport = Transport(base, token=user.get("token"), retry=NO_RETRY,
                                   session=session)
        self.api = Api(self.transport)
        self.client_id = user.get("client_id") or str(uuid.uuid4())
        self.mutation = int(user.get("mutation", 0))
        self.lock = threading.Lock()

    def state(self) -> dict[str, Any]:
        return {**self.user, "client_id": self.client_id, "mutation": self.mutation}


class Recorder:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []
        self.rows_pulls = 0
        self.lock = threading.Lock()
        self.local = threading.local()

    def record(self, kind: str, ms: float) -> None:
        with self.lock:
            self.latency[kind].append(ms)

    def timed(self, kind: str, call: Any, record: bool = True) -> Any:
        """``call()``, its failure counted under ``kind``; its time recorded unless
        ``record`` is false (``self.last_ms`` has it, per thread)."""
        started = time.perf_counter()
        try:
            result = call()
        except Exception as error:
            with self.lock:
                self.errors[f"{kind}: {type(error).__name__}"] += 1
                if len(self.samples) < 5:
                    self.samples.append(f"{kind}: {error!r}"[:300])
            raise
        self.local.ms = (time.perf_counter() - started) * 1000
        if record:
            self.record(kind, self.local.ms)
        return result


def pull_to_head(desk: Desktop, rec: Recorder, first_kind: str | None = "pull"
                 ) -> tuple[int, float]:
    """Pull pages until the server has no more; returns the pages that carried rows and the
    first request's milliseconds (recorded under ``first_kind`` unless it is None)."""
    with_rows = 0
    first_ms = 0.0
    kind = first_kind
    while True:
        params = dict(PAGE)
        if desk.user.get("cursor"):
            params["cursor"] = desk.user["cursor"]
        body = rec.timed(kind or "pull", lambda p=params: desk.api.pull_answer(p),
                         record=kind is not None)
        if not first_ms:
            first_ms = rec.local.ms
        changed = bool(body.get("changes")) or bool(body.get("tombstones"))
        desk.user["cursor"] = body.get("cursor")
        if changed:
            with_rows += 1
        if not body.get("has_more"):
            return with_rows, first_ms
        kind = "pull_page"


def push_notes(desk: Desktop, rec: Recorder, count: int) -> None:
    actions = []
    for _ in range(count):
        desk.mutation += 1
        actions.append({
            "mutation_id": desk.mutation, "kind": "internal_note",
            "complaint_id": desk.user["complaint_id"], "base_version": desk.user["version"],
            "payload": {"follow_up_id": uuid7(), "body": "Catatan uji beban: mohon dicek.",
                        "attachments": []}})
    results = rec.timed("push", lambda: desk.api.push(
        desk.client_id, actions, [a["mutation_id"] for a in actions]))
    bad = [r for r in results if str(r.outcome) != "applied"]
    if bad:
        with rec.lock:
            rec.errors[f"push outcome {bad[0].outcome}: {bad[0].reason}"] += len(bad)


def sync(desk: Desktop, rec: Recorder, push: int) -> None:
    with desk.lock:
        try:
            if push and desk.user.get("complaint_id"):
                push_notes(desk, rec, push)
            # A pull that brings rows (others' actions, or this push coming back) is a "small
            # pull"; one that finds nothing new for the user is the no-op sync.
            before = desk.user.get("cursor")
            pages, first_ms = pull_to_head(desk, rec, None)
            rec.record("pull_rows" if pages else (
                "pull_noop" if before == desk.user.get("cursor") else "pull_empty"), first_ms)
        except Exception:  # noqa: BLE001, S110 - counted by Recorder.timed
            pass


def sign_in(desk: Desktop, rec: Recorder) -> None:
    try:
        login = rec.timed("login", lambda: desk.api.login(
            desk.user["username"], desk.user["password"], "bench-load"))
        desk.transport.token = desk.user["token"] = login.token
        desk.user["cursor"] = None
        pull_to_head(desk, rec, "initial_pull")
    except Exception:  # noqa: BLE001, S110 - counted by Recorder.timed
        pass


def run_each(desks: list[Desktop], threads: int, step: Any) -> None:
    """``step(desk)`` once for every desktop, ``threads`` at a time."""
    queue = list(desks)
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                if not queue:
                    return
                desk = queue.pop()
            step(desk)

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()


def run_closed(desks: list[Desktop], rec: Recorder, threads: int, seconds: float,
               push_every: int, actions: int) -> int:
    stop = time.monotonic() + seconds
    counter = [0]
    lock = threading.Lock()

    def work(offset: int) -> None:
        index = offset
        while time.monotonic() < stop:
            with lock:
                counter[0] += 1
                n = counter[0]
            desk = desks[index % len(desks)]
            index += threads
            sync(desk, rec, actions if push_every and n % push_every == 0 else 0)

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return counter[0]


def run_paced(desks: list[Desktop], rec: Recorder, threads: int, seconds: float,
              interval: float, push_chance: float, actions: int, seed: int) -> int:
    rand = random.Random(seed)
    start = time.monotonic()
    due = [(start + rand.uniform(0, interval), i) for i in range(len(desks))]
    heapq.heapify(due)
    lock = threading.Lock()
    done = [0]
    late: list[float] = []

    def work() -> None:
        while True:
            with lock:
                if not due:
                    return
                at, i = heapq.heappop(due)
                if at > start + seconds:
                    return
                heapq.heappush(due, (at + interval, i))
                push = actions if rand.random() < push_chance else 0
            wait = at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            else:
                late.append(-wait)
            sync(desks[i], rec, push)
            with lock:
                done[0] += 1

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    rec.latency["schedule_lateness"] = [x * 1000 for x in late]
    return done[0]


def main() -> int:
    spec = json.loads(Path(sys.argv[1]).read_text())
    if spec["mode"] == "closed":  # desktop i is synced by thread i % threads only
        sessions = [shared_session() for _ in range(spec["threads"])]
        desks = [Desktop(spec["base"], u, sessions[i % len(sessions)])
                 for i, u in enumerate(spec["users"])]
    else:
        desks = [Desktop(spec["base"], u) for u in spec["users"]]
    rec = Recorder()
    mode = spec["mode"]
    started = time.monotonic()
    syncs = 0
    if mode == "login":
        run_each(desks, spec.get("threads", 2), lambda d: sign_in(d, rec))
    elif mode == "catchup":  # every desktop syncs once: at the head again
        run_each(desks, spec["threads"], lambda d: sync(d, rec, 0))
    elif mode == "closed":
        syncs = run_closed(desks, rec, spec["threads"], spec["seconds"], spec.get("push_every", 0),
                           spec.get("actions", 3))
    else:
        syncs = run_paced(desks, rec, spec["threads"], spec["seconds"], spec["interval"],
                          spec.get("push_chance", 0.0), spec.get("actions", 3), spec.get("seed", 1))
    elapsed = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"elapsed": elapsed, "syncs": syncs,
                      "cpu_seconds": usage.ru_utime + usage.ru_stime, "latency": rec.latency,
                      "errors": rec.errors, "samples": rec.samples,
                      "users": [d.state() for d in desks]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
