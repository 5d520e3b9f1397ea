"""``GET /sync/pull`` and ``POST /sync/push``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from lapor_desk.models import wire
from lapor_desk.server import pull as pull_module
from lapor_desk.server.auth import (
    BEARER,
    Caller,
    CurrentCaller,
    authenticate_in,
    bearer_token,
    server_state,
    touch_if_due,
)
from lapor_desk.server.database import head_session, read_session
from lapor_desk.server.epoch import Epoch
from lapor_desk.server.errors import ApiError
from lapor_desk.server.metrics import server_metrics
from lapor_desk.server.openapi import (
    AUTHENTICATED,
    INVALID,
    MALFORMED_JSON,
    Link,
    Refusal,
    model_ref,
    raw_body,
    responses,
    success,
)
from lapor_desk.server.push import EpochChangedError, push_batch
from lapor_desk.server.read_ahead import PageKey, ReadyPage
from lapor_desk.server.responses import (
    choose_coding,
    encode_body,
    encoded_response,
    json_response,
)
from lapor_desk.server.scope import Viewer
from lapor_desk.server.services.actions import Mutation

router = APIRouter()
#: The layouts a pull page may be asked in (models/wire.py).
LAYOUT_PATTERN = "^(" + "|".join(wire.LAYOUTS) + ")$"

MAX_INT = 2**62


def _json_integer(value: Any) -> Any:
    """An integer as JSON Schema has it: ``5`` or ``5.0``, never ``true`` or ``"5"``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("not an integer")  # noqa: TRY004 - pydantic reports a ValueError
    return value


_JSON_INTEGER = BeforeValidator(_json_integer)  # after any bounds (their JSON schema stays)


class ActionIn(BaseModel):
    mutation_id: Annotated[int, Field(ge=1, le=MAX_INT), _JSON_INTEGER]
    kind: str = Field(min_length=1, max_length=64)
    complaint_id: str | None = Field(default=None, max_length=64)
    base_version: Annotated[int, Field(ge=0, le=2**31 - 1), _JSON_INTEGER] | None = None
    payload: dict[str, Any] = Field(default_factory=dict)


class PushIn(BaseModel):
    client_id: str = Field(min_length=8, max_length=36, pattern=r"^[A-Za-z0-9-]+$")
    #: The server's epoch as the client last heard it; another one is 409 ``epoch_changed``
    #: (docs/sync-protocol.md, "Restores and the epoch").
    epoch: str | None = Field(None, max_length=64)
    #: At most ``ServerSettings.max_push_actions`` (the document says how many; 413 beyond).
    actions: list[ActionIn]


class ActionResultOut(BaseModel):
    mutation_id: int
    outcome: Literal["applied", "rejected", "conflict"]
    version: int | None = Field(description="The complaint's new version when applied.")
    reason: str | None = Field(description="A `RejectReason` code when rejected.")
    detail: str | None
    current: dict[str, Any] | None = Field(
        description="When in conflict: the complaint row as in pull, keyed by column.")


class PushOut(BaseModel):
    results: list[ActionResultOut] = Field(description="One answer per action, in order.")
    epoch: str = Field(description="The server's epoch (a restore from a backup changes it).")
    seq: int = Field(description="The change counter after the batch.")


class PageOut(BaseModel):
    """A pull page; ``changes`` and the rest are written per layout (docs/sync-protocol.md)."""

    model_config = ConfigDict(extra="allow")

    schema_version: Literal[1, 2, 3] = Field(description="1 rows, 2 columns, 3 packed.")
    cursor: str | None = Field(description="Where the next page starts; null with `reset`.")
    has_more: bool
    reset: bool
    server_time: str
    changes: dict[str, Any]
    tombstones: list[Any]


CURSOR_INVALID = Refusal(400, ("cursor_invalid",),
                         "the cursor is not one this server made (for this instance)")
CLIENT_MISMATCH = Refusal(403, ("client_mismatch",),
                          "the `client_id` belongs to another user")
BATCH_TOO_LARGE = Refusal(413, ("too_large",), "a batch of more actions than allowed")
EPOCH_CHANGED = Refusal(409, ("epoch_changed",),
                        "the server was restored from a backup since the client's `epoch`: "
                        "nothing applied (the body's `epoch` is the server's)")


@router.get(wire.PULL.path, operation_id="pull", responses={
    **success(PageOut, "The page after `cursor`; `Content-Encoding` when compressed.", {
        "NextPage": Link("pull", {"cursor": "$response.body#/cursor"},
                         "The next page (from the start again after a `reset`).")}),
    **responses(*AUTHENTICATED, CURSOR_INVALID, INVALID)})
def pull(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
    cursor: str | None = Query(None, description="Opaque: where the previous page ended; "
                                                 "absent or empty from the start."),
    limit: int = Query(pull_module.DEFAULT_LIMIT, ge=pull_module.MIN_LIMIT,
                       le=pull_module.MAX_LIMIT),
    max_bytes: int = Query(pull_module.DEFAULT_MAX_BYTES, ge=pull_module.MIN_MAX_BYTES,
                           le=pull_module.MAX_MAX_BYTES),
    layout: str = Query("rows", pattern=LAYOUT_PATTERN),
) -> Response:
    """The caller is authenticated as ``auth.current_caller`` does it for other routes, in the
    same statement as the head (the epoch and the change counter): a sync with nothing new is
    one connection, one thread hop and, on PostgreSQL, one round trip (no transaction around
    it, ``database.head_session``); a page that reads changes reads them in a snapshot."""
    raw = bearer_token(credentials)
    state = server_state(request)
    coding = choose_coding(request.headers.get("accept-encoding", ""))

    def key(viewer: Viewer, at: str | None) -> PageKey:
        return PageKey(viewer.user.id, viewer.user.scope_epoch, at, limit, max_bytes, layout,
                       coding)

    def make_in(session: Session, viewer: Viewer, at: str | None,
                head: tuple[Epoch, int] | None = None) -> ReadyPage:
        page = pull_module.pull_page(session, viewer, cursor=at, limit=limit,
                                     max_bytes=max_bytes, instance_id=state.instance_id,
                                     now=state.now(), layout=layout, head=head)
        body, used = encode_body(page.body, coding)
        return ReadyPage(body, used, page.cursor if page.has_more else None, page.rows)

    def make(viewer: Viewer, at: str | None) -> ReadyPage:
        with read_session(state.engine) as session:
            return make_in(session, viewer, at)

    def read() -> tuple[Caller, bool, ReadyPage]:
        first, snapshot = head_session(state.engine)
        with first as session:
            caller, needs_touch, head = authenticate_in(session, request, raw, snapshot)
            viewer = caller.viewer
            ready = state.read_ahead.take(key(viewer, cursor))
            if ready is None and (snapshot or not pull_module.reads_changes(
                    viewer, cursor, head, state.instance_id)):
                ready = make_in(session, viewer, cursor, head)
        if ready is None:
            # The changes up to the head read above, in a snapshot taken after it: every change
            # numbered up to it was committed before it was read (writers commit in seq order).
            with read_session(state.engine) as session:
                ready = make_in(session, viewer, cursor, head)
        return caller, needs_touch, ready

    try:
        caller, needs_touch, ready = read()
    except DBAPIError as error:  # a pooled connection the database had closed: read again
        if not error.connection_invalidated:
            raise
        caller, needs_touch, ready = read()
    viewer = caller.viewer
    touch_if_due(request, caller, needs_touch)
    server_metrics(request).pull_page(ready.rows)
    if ready.next_cursor is not None:  # a big pull: make its next page while this one travels
        following = ready.next_cursor
        state.read_ahead.prepare(key(viewer, following), lambda: make(viewer, following))
    return encoded_response(ready.body, ready.coding)


async def read_body(request: Request) -> bytes:
    """The request body. Its size is bounded before it is read, by the route's limit in
    ``server/body_limit.py`` (413 ``too_large``)."""
    chunks = [chunk async for chunk in request.stream()]
    return b"".join(chunks)


@router.post(wire.PUSH.path, operation_id="push", responses={
    **success(PushOut, "The outcome of each action, in order."),
    **responses(*AUTHENTICATED, MALFORMED_JSON, CLIENT_MISMATCH, EPOCH_CHANGED, BATCH_TOO_LARGE,
                INVALID),
}, openapi_extra=raw_body(model_ref(PushIn)))
async def push(request: Request, caller: CurrentCaller) -> Response:
    state = server_state(request)
    raw = await read_body(request)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ApiError(400, "invalid_request", "malformed JSON") from None
    if isinstance(data, dict) and isinstance(data.get("actions"), list) and (
        len(data["actions"]) > state.settings.max_push_actions
    ):
        raise ApiError(413, "too_large",
                       f"at most {state.settings.max_push_actions} actions per batch")
    try:
        body = PushIn.model_validate(data)
    except ValidationError as error:
        raise ApiError(422, "invalid_request", _describe(error)) from None
    mutations = [Mutation(a.mutation_id, a.kind, a.complaint_id, a.base_version, a.payload)
                 for a in body.actions]
    try:
        answer = await run_in_threadpool(push_batch, state, caller.viewer, body.client_id,
                                         mutations, body.epoch,
                                         server_metrics(request).push_action)
    except EpochChangedError as changed:
        raise ApiError(409, "epoch_changed", "the server was restored from a backup",
                       extra={"epoch": changed.epoch}) from None
    return json_response(request, answer)


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        location = ".".join(str(p) for p in item.get("loc", ()))
        parts.append(f"{location}: {item.get('msg', 'invalid')}")
    return "; ".join(parts)[:500]
