"""A fault-injecting HTTP/1.1 proxy on loopback, for network-failure tests.

The proxy listens on ``127.0.0.1:<free port>`` and forwards to one upstream on loopback. It
understands just enough HTTP/1.1 (request line, headers, ``Content-Length`` and chunked bodies,
responses framed by length, chunks or EOF) to count the requests of keep-alive connections, so
a fault can target "the 2nd push" rather than "the 2nd TCP connection"::

    with FaultProxy("127.0.0.1", server_port) as proxy:
        proxy.on_request(Fault.lose_response(), path_prefix="/api/v1/sync/push", nth=1)
        requests.post(proxy.url + "/api/v1/sync/push", json=batch)  # -> ConnectionError
        assert proxy.log()[-1].outcome == "lost"                     # but the server applied it

Faults (``Fault.*``): ``passthrough``, ``delay`` (per direction), ``bandwidth`` (bytes/s, both
directions), ``reset_request`` / ``reset_response`` (RST via ``SO_LINGER 0`` after K bytes),
``truncate_response`` (FIN after K bytes), ``stall`` (hold silent for S seconds or until
``clear()``), ``inject_status`` (503 + ``Retry-After``, 500, 502 without contacting the upstream)
and ``lose_response`` (the upstream gets the whole request and answers; the answer is dropped and
the client reset). ``with_delay`` / ``with_bandwidth`` add latency or a rate limit to any fault.

Rules pick the fault, thread-safely and changeable at any time:

- ``on_request(fault, path_prefix=, method=, match=, nth=, skip=, times=)``: evaluated in order
  when a request's head has been read; each rule counts the requests passing its filters since
  it was added, lets the first ``skip`` (``nth - 1``) through and then claims up to ``times`` of
  them (unlimited when ``None``). The first rule that claims a request wins.
- ``on_connection(fault, skip=, times=)``: evaluated at accept; the fault is the default of every
  request on that connection (a ``stall`` starts at once, before anything is read).
- ``set_default(fault)``: for everything else (pass-through at start). ``clear()`` drops all
  rules, restores pass-through and releases every stall.

Every request is recorded (``log()``): method, path, the fault applied and its outcome.
Everything is bounded: sockets carry timeouts, waits re-check every ``_POLL`` seconds and
``close()`` shuts down every socket and joins every thread.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import itertools
import socket
import threading
import time
from collections.abc import Callable
from typing import Self
from urllib.parse import urlsplit

from tests.support.fault_relay import Closing, Connection
from tests.support.fault_rules import (
    PASSTHROUGH,
    Fault,
    FaultKind,
    RequestInfo,
    RequestRecord,
    Rule,
)
from tests.support.httpwire import Message

__all__ = ["Fault", "FaultKind", "FaultProxy", "RequestInfo", "RequestRecord", "Rule"]

_POLL = 0.1
_MAX_STALL = 600.0


def _require_loopback(host: str) -> None:
    for _, _, _, _, address in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP):
        if not ipaddress.ip_address(address[0]).is_loopback:
            raise ValueError(f"FaultProxy only forwards to loopback, not {host} ({address[0]})")


class FaultProxy:
    def __init__(
        self,
        upstream_host: str,
        upstream_port: int,
        *,
        io_timeout: float = 30.0,
        connect_timeout: float = 5.0,
    ) -> None:
        _require_loopback(upstream_host)
        self.upstream = (upstream_host, upstream_port)
        self.io_timeout = io_timeout
        self.connect_timeout = connect_timeout
        self._lock = threading.Condition()
        self._closing = False
        self._closed = threading.Event()
        self._stall_generation = 0
        self._default = PASSTHROUGH
        self._request_rules: list[Rule] = []
        self._connection_rules: list[Rule] = []
        self._log: list[RequestRecord] = []
        self._seq = itertools.count(1)
        self._conn_ids = itertools.count(1)
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_POLL)
        self.host = "127.0.0.1"
        self.port: int = self._listener.getsockname()[1]
        self._accept_thread = threading.Thread(
            target=self._accept_loop, name=f"faultproxy-{self.port}", daemon=True
        )
        self._accept_thread.start()

    @classmethod
    def for_url(cls, url: str, **kwargs: float) -> FaultProxy:
        """A proxy in front of ``http://127.0.0.1:PORT``."""
        parts = urlsplit(url)
        return cls(parts.hostname or "127.0.0.1", parts.port or 80, **kwargs)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- rules -----------------------------------------------------------------------------

    def on_request(
        self,
        fault: Fault,
        *,
        path_prefix: str | None = None,
        method: str | None = None,
        match: Callable[[RequestInfo], bool] | None = None,
        nth: int | None = None,
        skip: int = 0,
        times: int | None = None,
    ) -> Rule:
        """Apply ``fault`` to matching requests; ``nth=N`` is ``skip=N-1, times=1``."""
        if nth is not None:
            skip, times = nth - 1, 1 if times is None else times
        rule = Rule(fault, path_prefix, method, match, skip, times, _owner=self)
        with self._lock:
            self._request_rules.append(rule)
        return rule

    def on_connection(self, fault: Fault, *, skip: int = 0, times: int | None = None) -> Rule:
        """Apply ``fault`` to every request of the next accepted connections."""
        rule = Rule(fault, skip=skip, times=times, _owner=self)
        with self._lock:
            self._connection_rules.append(rule)
        return rule

    def set_default(self, fault: Fault) -> None:
        with self._lock:
            self._default = fault

    def clear(self) -> None:
        """Drop every rule, restore pass-through and release every stall."""
        with self._lock:
            self._request_rules.clear()
            self._connection_rules.clear()
            self._default = PASSTHROUGH
            self._release_stalls_locked()

    def release_stalls(self) -> None:
        with self._lock:
            self._release_stalls_locked()

    def _release_stalls_locked(self) -> None:
        self._stall_generation += 1
        self._lock.notify_all()

    def _remove_rule(self, rule: Rule) -> None:
        with self._lock:
            for rules in (self._request_rules, self._connection_rules):
                if rule in rules:
                    rules.remove(rule)

    # -- log -------------------------------------------------------------------------------

    def log(self, path_prefix: str | None = None) -> list[RequestRecord]:
        """A snapshot of the requests seen so far, oldest first."""
        with self._lock:
            return [
                dataclasses.replace(r)
                for r in self._log
                if path_prefix is None or r.path.startswith(path_prefix)
            ]

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()

    def wait_for(
        self, predicate: Callable[[list[RequestRecord]], bool], timeout: float = 5.0
    ) -> list[RequestRecord]:
        """Wait until ``predicate(log)`` holds; ``TimeoutError`` after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                snapshot = [dataclasses.replace(r) for r in self._log]
                if predicate(snapshot):
                    return snapshot
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"fault proxy log never matched: {snapshot}")
                self._lock.wait(min(remaining, _POLL))

    def _finish(self, record: RequestRecord, outcome: str, status: int | None = None) -> None:
        with self._lock:
            record.outcome = outcome
            if status is not None:
                record.status = status
            self._lock.notify_all()

    # -- fault selection -------------------------------------------------------------------

    def _select(self, rules: list[Rule], info: RequestInfo | None) -> Fault | None:
        chosen: Fault | None = None
        with self._lock:
            for rule in rules:
                if rule._claim(info, taken=chosen is not None):
                    chosen = rule.fault
        return chosen

    def _begin_request(
        self, connection: int, request: Message, connection_fault: Fault | None
    ) -> tuple[Fault, RequestRecord]:
        """Number a request, pick its fault and log it (atomically, so that ``nth`` and the
        log's order agree with the numbering)."""
        with self._lock:
            info = RequestInfo(
                next(self._seq), connection, request.method, request.target, dict(request.headers)
            )
            fault = self._select(self._request_rules, info)
            if fault is None:
                fault = connection_fault if connection_fault is not None else self._default
            record = RequestRecord(info.seq, connection, info.method, info.path, fault.describe())
            self._log.append(record)
            self._lock.notify_all()
        return fault, record

    # -- plumbing shared with connections --------------------------------------------------

    def _sleep(self, seconds: float) -> None:
        if seconds > 0 and self._closed.wait(seconds):
            raise Closing

    def _stall(self, fault: Fault) -> None:
        seconds = _MAX_STALL if fault.stall_seconds is None else fault.stall_seconds
        deadline = time.monotonic() + seconds
        with self._lock:
            generation = self._stall_generation
            while not self._closing and self._stall_generation == generation:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._lock.wait(min(remaining, _POLL))
            if self._closing:
                raise Closing

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            if self._closing:
                raise Closing
            self._sockets.add(sock)

    def _untrack(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)

    def _connect_upstream(self) -> socket.socket:
        sock = socket.create_connection(self.upstream, timeout=self.connect_timeout)
        sock.settimeout(self.io_timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self._track(sock)
        except Closing:
            sock.close()
            raise
        return sock

    def _accept_loop(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            client.settimeout(self.io_timeout)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                self._track(client)
            except Closing:
                client.close()
                break
            conn_id = next(self._conn_ids)
            connection = Connection(
                self, client, conn_id, self._select(self._connection_rules, None)
            )
            thread = threading.Thread(
                target=connection.run, name=f"faultproxy-{self.port}-conn-{conn_id}", daemon=True
            )
            with self._lock:
                self._threads = [t for t in self._threads if t.is_alive()]
                self._threads.append(thread)
            thread.start()

    def close(self, timeout: float = 5.0) -> None:
        """Stop accepting, shut every connection down and join the threads (idempotent)."""
        with self._lock:
            if self._closing:
                return
            self._closing = True
            self._lock.notify_all()
            sockets = list(self._sockets)
        self._closed.set()
        self._listener.close()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        deadline = time.monotonic() + timeout
        self._accept_thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    @property
    def active_threads(self) -> int:
        with self._lock:
            return sum(t.is_alive() for t in self._threads) + self._accept_thread.is_alive()
