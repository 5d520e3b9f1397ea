"""Attachment blobs: resumable upload and ranged download."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Path, Query, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from lapor_desk.server.auth import CurrentCaller, server_state
from lapor_desk.server.blob_access import BlobAccess
from lapor_desk.server.blobs import BlobError, BlobStore, parse_range
from lapor_desk.server.errors import ApiError
from lapor_desk.server.logs import event
from lapor_desk.server.responses import json_response
from lapor_desk.server.routes_sync import read_body

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/blobs")

SHA = Path(pattern=r"^[0-9a-f]{64}$")


def blob_store(request: Request) -> BlobStore:
    store: BlobStore = request.app.state.blobs
    return store


def _translate(error: BlobError) -> ApiError:
    extra = {"offset": error.offset} if error.offset is not None else None
    return ApiError(error.status, error.code, error.message, extra=extra)


@router.get("/{sha256}/upload")
def upload_status(request: Request, caller: CurrentCaller, sha256: str = SHA) -> Response:
    """The caller's own upload of ``sha256`` (offset 0 when they never sent any of it, whether or
    not somebody else did)."""
    state = server_state(request)
    with Session(state.engine) as session:
        status = blob_store(request).status(session, sha256, caller.user.id)
    return json_response(request, {"offset": status.offset, "complete": status.complete})


@router.put("/{sha256}/upload")
async def upload_chunk(request: Request, caller: CurrentCaller, sha256: str = SHA,
                       offset: int = Query(ge=0, le=2**40),
                       total: int = Query(ge=0, le=2**40)) -> Response:
    state = server_state(request)
    store = blob_store(request)
    if total > store.max_bytes:
        raise ApiError(413, "too_large", f"blobs are at most {store.max_bytes} bytes")
    data = await read_body(request)  # at most the chunk limit (server/body_limit.py)
    try:
        status = await run_in_threadpool(store.put_chunk, state.engine, sha256, offset, total,
                                         data, caller.user.id, state.now())
    except BlobError as error:
        raise _translate(error) from None
    return json_response(request, {"offset": status.offset, "complete": status.complete})


@router.get("/{sha256}")
def download(request: Request, caller: CurrentCaller, sha256: str = SHA) -> Response:
    state = server_state(request)
    store = blob_store(request)
    size = 0
    try:
        with Session(state.engine) as session:
            size = store.may_download(session, BlobAccess(caller.viewer), sha256)
        byte_range = parse_range(request.headers.get("range"), size)
    except BlobError as error:
        headers = {"Content-Range": f"bytes */{size}"} if error.status == 416 else None
        raise ApiError(error.status, error.code, error.message, headers=headers) from None
    if not store.path(sha256).is_file():
        event(log, "blob_file_missing", logging.ERROR, sha256=sha256)
        raise ApiError(404, "not_found", "the blob's file is missing on the server")
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{sha256}"'}
    if byte_range is None:
        start, end, status = 0, size - 1, 200
    else:
        start, end, status = byte_range[0], byte_range[1], 206
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    headers["Content-Length"] = str(max(0, end - start + 1))
    body = store.read(sha256, start, end) if size else iter([b""])
    return StreamingResponse(body, status_code=status, media_type="application/octet-stream",
                             headers=headers)
