"""A listening socket on this computer's own non-loopback address that records whether anything
connected to it: the proof that a refused ``http://`` address was never even tried."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


def own_address() -> str | None:
    """This computer's IPv4 address on its default route (no packet is sent), if it has one
    other than loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the route
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if ipaddress.ip_address(address).is_loopback else address


@dataclass
class Listener:
    sock: socket.socket
    url: str  # http://<own address>:<port>

    def connections(self) -> int:
        """How many connections were made to it (each completed TCP handshake waits in the
        backlog until accepted, so none can be missed)."""
        count = 0
        self.sock.setblocking(False)
        while True:
            try:
                connection, _peer = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return count
            connection.close()
            count += 1


@contextmanager
def listening(address: str) -> Iterator[Listener]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((address, 0))
        sock.listen(16)
        yield Listener(sock, f"http://{address}:{sock.getsockname()[1]}")
    finally:
        sock.close()
