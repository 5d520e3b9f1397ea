"""The FastAPI dependency that turns ``Authorization: Bearer`` into the acting user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from lapor_desk.models import wire
from lapor_desk.server.database import head_session, read_session, transaction
from lapor_desk.server.epoch import HEAD_COLUMNS, Epoch, head_of
from lapor_desk.server.errors import ApiError
from lapor_desk.server.scope import Viewer
from lapor_desk.server.services import tokens
from lapor_desk.server.services.directory import DirectoryCache, UserRecord
from lapor_desk.server.state import ServerState


@dataclass(frozen=True)
class Caller:
    user: UserRecord
    token_id: int
    viewer: Viewer


def server_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


#: ``Authorization: Bearer <token>``; named in the OpenAPI document as the scheme ``bearer`` of
#: every route that depends on :func:`current_caller`. Without a token the route answers 401
#: ``auth_required`` itself (``auto_error=False``), in the contract's error body.
BEARER = HTTPBearer(scheme_name="bearer", auto_error=False,
                    description=f"The token of `{wire.LOGIN.method} {wire.LOGIN.path}`.")


def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
) -> Caller:
    """Runs in the thread pool (it queries the database): one statement, on PostgreSQL outside
    a transaction (``database.head_session``: no ``BEGIN`` and ``ROLLBACK`` round trips)."""
    raw = bearer_token(credentials)
    state = server_state(request)
    first, snapshot = head_session(state.engine)
    with first as session:
        caller, needs_touch, _ = authenticate_in(session, request, raw, snapshot)
    touch_if_due(request, caller, needs_touch)
    return caller


def bearer_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    """The raw token of ``Authorization: Bearer``; 401 without one or with one too long."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(401, "auth_required", "a bearer token is required",
                       headers={"WWW-Authenticate": "Bearer"})
    raw = credentials.credentials
    if len(raw) > 256:
        raise ApiError(401, "token_invalid", "unknown token")
    return raw


#: The caller's token and user, the directory cache's key and the pull's head (the epoch and
#: the change counter): everything a no-op pull reads, in one statement.
_CALLER_AND_HEAD = tokens.caller_statement(DirectoryCache.KEY_COLUMNS[0], *HEAD_COLUMNS)


def authenticate_in(session: Session, request: Request, raw: str,
                    snapshot: bool = True) -> tuple[Caller, bool, tuple[Epoch, int]]:
    """The caller of token ``raw``, read in ``session`` (a pull reads it in its own first
    statement, so a no-op sync takes one connection); whether its last use is due to be
    written; and the epoch and change counter read with it (a pull page starts from them).
    ``snapshot``: whether ``session``'s statements all see one snapshot; when not
    (``database.head_session``), an agency tree not held yet is read with its key in a
    snapshot of its own."""
    state = server_state(request)
    row = session.connection().execute(_CALLER_AND_HEAD,
                                       {"token_hash": tokens.token_hash(raw)}).first()
    found = tokens.checked_caller(row, state.now(), state.token_idle)
    assert row is not None  # checked_caller refused a missing token
    newest_seq, head = row[-5], head_of(row[-4:])
    key = (newest_seq, head[0].id)
    held = None if snapshot else state.directories.current(key)
    if snapshot:
        viewer = state.viewer(session, found.user, key)
    elif held is not None:
        viewer = Viewer.of(found.user, held, state.dialect)
    else:
        with read_session(state.engine) as own:
            viewer = state.viewer(own, found.user)
    request.state.username = found.user.username
    return Caller(found.user, found.token_id, viewer), found.needs_touch, head


def touch_if_due(request: Request, caller: Caller, needs_touch: bool) -> None:
    """Write the token's last use (at most once per ``tokens.touch_interval``)."""
    if needs_touch:
        state = server_state(request)
        with transaction(state.engine) as session:
            tokens.touch(session, caller.token_id, state.now())


#: The authenticated caller, as a route parameter type.
CurrentCaller = Annotated[Caller, Depends(current_caller)]
