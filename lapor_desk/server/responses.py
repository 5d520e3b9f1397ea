"""JSON responses: orjson, compressed when the client accepts it and the body is over 1 KB.

The coding is chosen from the client's ``Accept-Encoding``: ``zstd`` (RFC 8878) when the client
lists it and the server has a Zstandard codec (``compression.zstd`` from Python 3.14, else the
``backports.zstd`` package, the one urllib3 decodes with), else ``gzip``. On an initial sync
zstd sends markedly fewer bytes than gzip level 1 for less server CPU (docs/benchmarks.md);
gzip level 1 stays the fallback because every further gzip level costs more CPU than it saves on
loopback and LAN (docs/sync-protocol.md).
"""

from __future__ import annotations

import gzip
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

try:  # Python 3.14+
    from compression import zstd as _zstd  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - depends on the interpreter
    try:
        from backports import zstd as _zstd  # type: ignore[import-not-found,no-redef,unused-ignore]
    except ImportError:
        _zstd = None

GZIP_MIN_BYTES = 1024
GZIP_LEVEL = 1  # loopback and LAN: speed over ratio (JSON still shrinks several times)
#: Level 6 sends fewer bytes of pull pages than level 3 for a little more server CPU; the
#: desktops that wait for them sit on slow links (docs/benchmarks.md).
ZSTD_LEVEL = 6

#: Codings this server can send, best first.
SUPPORTED_CODINGS = ("zstd", "gzip") if _zstd is not None else ("gzip",)


def accepted_codings(header: str) -> set[str]:
    """The content codings an ``Accept-Encoding`` value allows (``q=0`` refuses one)."""
    allowed = set()
    for item in header.lower().split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name and quality > 0:
            allowed.add(name.strip())
    return allowed


def choose_coding(header: str) -> str | None:
    allowed = accepted_codings(header)
    return next((coding for coding in SUPPORTED_CODINGS if coding in allowed), None)


def compress(body: bytes, coding: str) -> bytes:
    if coding == "zstd":
        assert _zstd is not None
        return bytes(_zstd.compress(body, level=ZSTD_LEVEL))
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def encode_body(body: bytes, coding: str | None) -> tuple[bytes, str | None]:
    """``body`` compressed with ``coding`` when it is worth it, and the coding used."""
    if coding is None or len(body) <= GZIP_MIN_BYTES:
        return body, None
    return compress(body, coding), coding


def json_response(request: Request, payload: Any, status: int = 200,
                  headers: dict[str, str] | None = None) -> Response:
    body = payload if isinstance(payload, bytes) else orjson.dumps(payload)
    body, coding = encode_body(body, choose_coding(request.headers.get("accept-encoding", "")))
    return encoded_response(body, coding, status, headers)


def encoded_response(body: bytes, coding: str | None, status: int = 200,
                     headers: dict[str, str] | None = None) -> Response:
    """A JSON response whose body is already compressed with ``coding`` (or not, ``None``)."""
    all_headers = {"Vary": "Accept-Encoding", **(headers or {})}
    if coding is not None:
        all_headers["Content-Encoding"] = coding
    return Response(body, status_code=status, media_type="application/json", headers=all_headers)
