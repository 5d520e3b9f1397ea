"""The fault proxy's relay: one thread per client connection reads each request, applies the
fault its rules picked and relays the answer (see ``tests/support/faultproxy.py``)."""

from __future__ import annotations

import itertools
import json
import select
import socket
import struct
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from tests.support.fault_rules import Fault, FaultKind, RequestRecord
from tests.support.httpwire import Message, PeerClosed, ProtocolError, Reader, body_pieces

if TYPE_CHECKING:
    from tests.support.faultproxy import FaultProxy


class Closing(Exception):
    """The proxy is shutting down."""


def _reset(sock: socket.socket | None) -> None:
    """Close with an RST instead of a FIN."""
    if sock is None:
        return
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


def _close_cleanly(sock: socket.socket | None) -> None:
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    sock.close()


class _Sender:
    """Writes to one socket, at most ``limit`` bytes, at most ``bytes_per_second``."""

    def __init__(
        self,
        proxy: FaultProxy,
        sock: socket.socket,
        limit: int | None,
        bytes_per_second: int | None,
    ) -> None:
        self.proxy = proxy
        self.sock = sock
        self.limit = limit
        self.rate = bytes_per_second
        self.sent = 0
        self.started = time.monotonic()

    def send(self, data: bytes) -> bool:
        """Send ``data``; ``False`` once the limit is reached (what lies beyond is dropped)."""
        if self.limit is not None:
            data = data[: max(0, self.limit - self.sent)]
        if self.rate is None:
            self.sock.sendall(data)
            self.sent += len(data)
        else:
            step = max(1, self.rate // 20)
            for start in range(0, len(data), step):
                piece = data[start : start + step]
                self.sock.sendall(piece)
                self.sent += len(piece)
                self.proxy._sleep(self.started + self.sent / self.rate - time.monotonic())
        return self.limit is None or self.sent < self.limit

    def send_all(self, pieces: Iterator[bytes]) -> bool:
        return all(self.send(piece) for piece in pieces)


_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


def _injected_response(fault: Fault, request: Message) -> bytes:
    status = fault.status
    if fault.body is not None:
        body, content_type = fault.body, "application/octet-stream"
    elif status == 502:  # what a gateway in front of the API would say: not the API's JSON
        body, content_type = b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"
    else:
        code = "unavailable" if status == 503 else "internal_error"
        request_id = request.header("x-request-id") or "faultproxy"
        error = {"code": code, "message": "injected by the fault proxy", "request_id": request_id}
        body = json.dumps({"error": error}).encode()
        content_type = "application/json"
    lines = [
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(body)}",
        "X-Fault-Proxy: injected",
    ]
    if request.header("x-request-id"):
        lines.append(f"X-Request-ID: {request.header('x-request-id')}")
    if fault.retry_after is not None:
        lines.append(f"Retry-After: {fault.retry_after}")
    lines.append("Connection: close" if request.wants_close else "Connection: keep-alive")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _before_last(pieces: Iterator[bytes], callback: Callable[[], None]) -> Iterator[bytes]:
    """``pieces``, calling ``callback`` just before the last one is handed out."""
    previous: bytes | None = None
    for piece in pieces:
        if previous is not None:
            yield previous
        previous = piece
    callback()
    if previous is not None:
        yield previous


class Connection:
    """One client connection and, lazily, its upstream connection; requests in sequence."""

    def __init__(
        self, proxy: FaultProxy, client: socket.socket, conn_id: int, fault: Fault | None
    ) -> None:
        self.proxy = proxy
        self.client: socket.socket | None = client
        self.client_reader = Reader(client)
        self.conn_id = conn_id
        self.connection_fault = fault
        self.upstream: socket.socket | None = None
        self.upstream_reader: Reader | None = None
        self.record: RequestRecord | None = None

    def run(self) -> None:
        try:
            if self.connection_fault is not None and self.connection_fault.kind is FaultKind.STALL:
                self.proxy._stall(self.connection_fault)
                if not self.connection_fault.then_forward:
                    return
            while not self.proxy._closing and self._exchange():
                pass
        except (Closing, OSError, PeerClosed, ProtocolError):
            if self.record is not None and self.record.outcome != "stalled":
                self.proxy._finish(self.record, "aborted")  # an exchange was under way
        finally:
            for sock in (self.client, self.upstream):
                if sock is not None:
                    self.proxy._untrack(sock)
                    sock.close()

    def _drop_upstream(self, *, reset: bool) -> None:
        if self.upstream is not None:
            self.proxy._untrack(self.upstream)
            (_reset if reset else _close_cleanly)(self.upstream)
            self.upstream = self.upstream_reader = None

    def _reset_client(self) -> None:
        assert self.client is not None
        self.proxy._untrack(self.client)
        _reset(self.client)
        self.client = None

    def _upstream_is_stale(self) -> bool:
        """The upstream closed the idle keep-alive connection (or sent something unasked)."""
        assert self.upstream is not None
        readable, _, _ = select.select([self.upstream], [], [], 0)
        return bool(readable)

    def _ensure_upstream(self) -> tuple[socket.socket, Reader]:
        if self.upstream is not None and self._upstream_is_stale():
            self._drop_upstream(reset=False)
        if self.upstream is None:
            self.upstream = self.proxy._connect_upstream()
            self.upstream_reader = Reader(self.upstream)
        assert self.upstream_reader is not None
        return self.upstream, self.upstream_reader

    def _exchange(self) -> bool:
        """Relay one request and its answer; ``True`` to keep the connection for another."""
        proxy, client = self.proxy, self.client
        assert client is not None
        self.record = None
        request = self.client_reader.read_message(eof_ok=True)
        if request is None:
            return False
        fault, record = proxy._begin_request(self.conn_id, request, self.connection_fault)
        self.record = record
        request_body = body_pieces(self.client_reader, request.framing())

        if fault.kind is FaultKind.STALL:
            proxy._finish(record, "stalled")
            proxy._stall(fault)
            if not fault.then_forward:
                return False
            proxy._finish(record, "pending")

        if fault.kind is FaultKind.INJECT_STATUS:
            for _ in request_body:  # drained, never sent upstream
                pass
            proxy._sleep(fault.response_delay)
            # logged first, so a client that has its answer also finds it in the log
            proxy._finish(record, "injected", fault.status)
            _Sender(proxy, client, None, fault.bytes_per_second).send(
                _injected_response(fault, request)
            )
            return not request.wants_close

        proxy._sleep(fault.request_delay)
        try:
            upstream, upstream_reader = self._ensure_upstream()
        except OSError:
            proxy._finish(record, "upstream_unavailable")
            self._reset_client()
            return False
        limit = None
        if fault.kind is FaultKind.RESET_REQUEST:
            limit = fault.after_bytes + (len(request.raw_head) if fault.from_body else 0)
        to_upstream = _Sender(proxy, upstream, limit, fault.bytes_per_second)
        if to_upstream.send(request.raw_head):
            to_upstream.send_all(request_body)
        record.request_bytes = to_upstream.sent
        if fault.kind is FaultKind.RESET_REQUEST:
            proxy._finish(record, "reset_request")
            self._reset_client()
            self._drop_upstream(reset=True)
            return False
        return self._relay_response(request, fault, record, client, upstream_reader)

    def _relay_response(
        self,
        request: Message,
        fault: Fault,
        record: RequestRecord,
        client: socket.socket,
        upstream_reader: Reader,
    ) -> bool:
        proxy, kind = self.proxy, fault.kind
        while True:  # interim 1xx answers go through as they are
            response = upstream_reader.read_message(eof_ok=False, request_method=request.method)
            assert response is not None
            if not response.is_interim:
                break
            if kind is not FaultKind.LOSE_RESPONSE:
                client.sendall(response.raw_head)
        framing = response.framing(request.method)
        response_body = body_pieces(upstream_reader, framing)

        if kind is FaultKind.LOSE_RESPONSE:
            record.response_bytes = len(response.raw_head) + sum(len(p) for p in response_body)
            proxy._finish(record, "lost", response.status)
            self._reset_client()
            self._drop_upstream(reset=False)
            return False

        proxy._sleep(fault.response_delay)
        limit = None
        if kind in (FaultKind.RESET_RESPONSE, FaultKind.TRUNCATE_RESPONSE):
            limit = fault.after_bytes + (len(response.raw_head) if fault.from_body else 0)
        to_client = _Sender(proxy, client, limit, fault.bytes_per_second)
        outgoing: Iterator[bytes] = itertools.chain([response.raw_head], response_body)
        if kind in (FaultKind.PASS, FaultKind.STALL):
            # logged before the last piece, so a client that has it all finds it in the log
            outgoing = _before_last(
                outgoing, lambda: proxy._finish(record, "forwarded", response.status)
            )
        to_client.send_all(outgoing)
        record.response_bytes = to_client.sent
        if kind is FaultKind.RESET_RESPONSE:
            proxy._finish(record, "reset_response", response.status)
            self._reset_client()
            self._drop_upstream(reset=True)
            return False
        if kind is FaultKind.TRUNCATE_RESPONSE:
            proxy._finish(record, "truncated", response.status)
            proxy._untrack(client)
            _close_cleanly(client)
            self.client = None
            self._drop_upstream(reset=False)
            return False

        self.record = None  # complete
        if response.wants_close or framing[0] == "eof":
            self._drop_upstream(reset=False)
            return False
        return not request.wants_close
