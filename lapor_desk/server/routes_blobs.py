"""Attachment blobs: resumable upload and ranged download."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from lapor_desk.models import wire
from lapor_desk.server.auth import CurrentCaller, server_state
from lapor_desk.server.blob_access import BlobAccess
from lapor_desk.server.blobs import BlobError, BlobStore, parse_range
from lapor_desk.server.errors import ApiError
from lapor_desk.server.logs import event
from lapor_desk.server.metrics import server_metrics
from lapor_desk.server.openapi import (
    AUTHENTICATED,
    BINARY,
    INVALID,
    Header,
    Link,
    Refusal,
    octet_stream,
    raw_body,
    responses,
    success,
)
from lapor_desk.server.responses import json_response
from lapor_desk.server.routes_sync import read_body

log = logging.getLogger(__name__)
router = APIRouter()

SHA = Path(pattern=r"^[0-9a-f]{64}$", description="The content's SHA-256, lowercase hex.")


class UploadStateOut(BaseModel):
    offset: int
    complete: bool


OFFSET_MISMATCH = Refusal(409, ("upload_offset_mismatch",),
                          "`offset` is not where the caller's upload stands (`offset` in the "
                          "body says where)")
TOTAL_MISMATCH = Refusal(409, ("upload_total_mismatch",),
                         "`total` differs from the upload in progress (start again at offset 0)")
CONTENT_REFUSED = Refusal(422, ("hash_mismatch", "chunk_past_total"),
                          "the content does not match its SHA-256 (the upload is discarded), or "
                          "the chunk goes past `total`")
BLOB_TOO_LARGE = Refusal(413, ("too_large",), "`total` is over the largest blob")
MAY_NOT_USE = Refusal(403, ("forbidden",),
                      "the caller may not use this blob (whether or not the server holds it)")
MISSING = Refusal(404, ("not_found",), "the caller may use the blob but the server lacks it")
UNSATISFIABLE = Refusal(416, ("invalid_request",),
                        "a `Range` other than one `bytes=N-`, `bytes=N-M` or `bytes=-N` inside "
                        "the blob",
                        {"Content-Range": Header("`bytes */<size>`.")})
CONTENT_HEADERS = {
    "Accept-Ranges": Header("`bytes`."),
    "ETag": Header("The SHA-256, quoted."),
    "Content-Length": Header("The bytes sent.", {"type": "integer", "minimum": 0}),
}
RANGE = {"name": "Range", "in": "header", "required": False, "schema": {"type": "string"},
         "description": "`bytes=N-`, `bytes=N-M` or `bytes=-N` (one range)."}


def blob_store(request: Request) -> BlobStore:
    store: BlobStore = request.app.state.blobs
    return store


def _translate(error: BlobError) -> ApiError:
    extra = {"offset": error.offset} if error.offset is not None else None
    return ApiError(error.status, error.code, error.message, extra=extra)


SAME_BLOB = {"sha256": "$request.path.sha256"}
#: What a client does next with an upload's state: send from where it stands, or download.
UPLOAD_LINKS = {
    "SendFromOffset": Link("upload_chunk", {**SAME_BLOB, "offset": "$response.body#/offset"},
                           "Send the content from where the caller's upload stands."),
    "Download": Link("download_blob", SAME_BLOB, "Download the content once complete."),
}


@router.get(wire.UPLOAD_STATUS.path, operation_id="upload_status", responses={
    **success(UploadStateOut, "The caller's own upload of the content.", UPLOAD_LINKS),
    **responses(*AUTHENTICATED, INVALID)})
def upload_status(request: Request, caller: CurrentCaller, sha256: str = SHA) -> Response:
    """The caller's own upload of ``sha256`` (offset 0 when they never sent any of it, whether or
    not somebody else did)."""
    state = server_state(request)
    with Session(state.engine) as session:
        status = blob_store(request).status(session, sha256, caller.user.id)
    return json_response(request, {"offset": status.offset, "complete": status.complete})


@router.put(wire.UPLOAD_CHUNK.path, operation_id="upload_chunk", responses={
    **success(UploadStateOut, "The caller's upload after this chunk.", {
        **UPLOAD_LINKS, "Status": Link("upload_status", SAME_BLOB, "Ask where the upload is.")}),
    **responses(*AUTHENTICATED, OFFSET_MISMATCH, TOTAL_MISMATCH, BLOB_TOO_LARGE, CONTENT_REFUSED,
                INVALID),
}, openapi_extra=raw_body(BINARY, "application/octet-stream", required=False,
                          description="The bytes from `offset` on (at most the chunk limit)."))
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
    server_metrics(request).blob_in(len(data))
    return json_response(request, {"offset": status.offset, "complete": status.complete})


@router.get(wire.DOWNLOAD_BLOB.path, operation_id="download_blob", responses={
    200: octet_stream("The content.", CONTENT_HEADERS),
    206: octet_stream("The bytes of the `Range`.", {
        **CONTENT_HEADERS, "Content-Range": Header("`bytes <first>-<last>/<size>`.")}),
    **responses(*AUTHENTICATED, MAY_NOT_USE, MISSING, UNSATISFIABLE, INVALID),
}, openapi_extra={"parameters": [RANGE]}, response_class=StreamingResponse)
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
    body = server_metrics(request).counted_out(store.read(sha256, start, end) if size
                                               else iter([b""]))
    return StreamingResponse(body, status_code=status, media_type="application/octet-stream",
                             headers=headers)
