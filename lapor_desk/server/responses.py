"""JSON responses: orjson, gzip when the client accepts it and the body is over 1 KB."""

from __future__ import annotations

import gzip
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

GZIP_MIN_BYTES = 1024
GZIP_LEVEL = 1  # loopback and LAN: speed over ratio (JSON still shrinks ~4x)


def json_response(request: Request, payload: Any, status: int = 200,
                  headers: dict[str, str] | None = None) -> Response:
    body = payload if isinstance(payload, bytes) else orjson.dumps(payload)
    all_headers = {"Vary": "Accept-Encoding", **(headers or {})}
    if len(body) > GZIP_MIN_BYTES and "gzip" in request.headers.get("accept-encoding", ""):
        body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        all_headers["Content-Encoding"] = "gzip"
    return Response(body, status_code=status, media_type="application/json", headers=all_headers)
