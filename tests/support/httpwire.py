"""Just enough HTTP/1.1 framing for the fault proxy: read a message head, tell how its body is
framed, and iterate over the body's raw bytes exactly as they came (chunk framing included), so
the proxy can relay a message byte for byte and still know where it ends.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass

MAX_HEAD = 64 * 1024
MAX_LINE = 8 * 1024
_RECV = 64 * 1024


class PeerClosed(Exception):
    """The peer closed the connection in the middle of a message."""


class ProtocolError(Exception):
    """Not HTTP/1.x as the proxy understands it."""


@dataclass(frozen=True)
class Message:
    """A request or response head. ``method``/``target`` are set on requests, ``status`` on
    responses; header names are lower-cased."""

    raw_head: bytes
    version: str
    headers: tuple[tuple[str, str], ...]
    method: str = ""
    target: str = ""
    status: int = 0

    @classmethod
    def parse(cls, raw_head: bytes) -> Message:
        lines = raw_head.decode("latin-1").split("\r\n")
        start = lines[0].split(" ", 2)
        headers = []
        for line in lines[1:]:
            if not line:
                continue
            name, colon, value = line.partition(":")
            if not colon:
                raise ProtocolError(f"bad header line {line!r}")
            headers.append((name.strip().lower(), value.strip()))
        if len(start) < 2:
            raise ProtocolError(f"bad start line {lines[0]!r}")
        if start[0].startswith("HTTP/"):
            if not start[1].isdigit():
                raise ProtocolError(f"bad status line {lines[0]!r}")
            return cls(raw_head, start[0], tuple(headers), status=int(start[1]))
        if len(start) != 3 or not start[2].startswith("HTTP/1."):
            raise ProtocolError(f"bad request line {lines[0]!r}")
        return cls(raw_head, start[2], tuple(headers), method=start[0], target=start[1])

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key == name:
                return value
        return None

    def _tokens(self, name: str) -> set[str]:
        return {
            token.strip().lower()
            for key, value in self.headers
            if key == name
            for token in value.split(",")
        }

    @property
    def is_interim(self) -> bool:
        return 100 <= self.status < 200 and self.status != 101

    @property
    def wants_close(self) -> bool:
        connection = self._tokens("connection")
        if self.version == "HTTP/1.0":
            return "keep-alive" not in connection
        return "close" in connection

    def framing(self, request_method: str = "") -> tuple[str, int]:
        """``("none"|"length"|"chunked"|"eof", length)`` for the body after this head."""
        if self.status and (
            self.is_interim or self.status in (204, 304) or request_method == "HEAD"
        ):
            return "none", 0
        if "chunked" in self._tokens("transfer-encoding"):
            return "chunked", 0
        length = self.header("content-length")
        if length is not None:
            if not length.isdigit():
                raise ProtocolError(f"bad Content-Length {length!r}")
            return "length", int(length)
        return ("eof", 0) if self.status else ("none", 0)


class Reader:
    """Buffered reads from a socket (the socket's own timeout bounds every read)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()

    def _fill(self) -> bool:
        data = self.sock.recv(_RECV)
        self.buffer += data
        return bool(data)

    def read_message(self, *, eof_ok: bool, request_method: str = "") -> Message | None:
        """The next head (leading blank lines skipped); ``None`` on a clean EOF if ``eof_ok``."""
        while True:
            while self.buffer.startswith(b"\r\n"):
                del self.buffer[:2]
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                raw = bytes(self.buffer[: end + 4])
                del self.buffer[: end + 4]
                return Message.parse(raw)
            if len(self.buffer) > MAX_HEAD:
                raise ProtocolError("head too large")
            if not self._fill():
                if eof_ok and not self.buffer:
                    return None
                raise PeerClosed("EOF inside a message head")

    def readline(self) -> bytes:
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                line = bytes(self.buffer[: end + 1])
                del self.buffer[: end + 1]
                return line
            if len(self.buffer) > MAX_LINE:
                raise ProtocolError("line too long")
            if not self._fill():
                raise PeerClosed("EOF inside a line")

    def pieces(self, count: int) -> Iterator[bytes]:
        """Exactly ``count`` bytes, as they arrive."""
        while count > 0:
            if not self.buffer and not self._fill():
                raise PeerClosed(f"EOF with {count} bytes of a body missing")
            take = min(count, len(self.buffer))
            yield bytes(self.buffer[:take])
            del self.buffer[:take]
            count -= take

    def until_eof(self) -> Iterator[bytes]:
        while True:
            if self.buffer:
                yield bytes(self.buffer)
                self.buffer.clear()
            if not self._fill():
                return


def body_pieces(reader: Reader, framing: tuple[str, int]) -> Iterator[bytes]:
    """The raw bytes of a body framed as ``framing`` (see ``Message.framing``)."""
    kind, length = framing
    if kind == "length":
        yield from reader.pieces(length)
    elif kind == "eof":
        yield from reader.until_eof()
    elif kind == "chunked":
        while True:
            size_line = reader.readline()
            yield size_line
            size_text = size_line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise ProtocolError(f"bad chunk size {size_line!r}") from None
            if size == 0:
                while True:  # trailers, then the blank line
                    trailer = reader.readline()
                    yield trailer
                    if trailer in (b"\r\n", b"\n"):
                        return
            yield from reader.pieces(size + 2)
