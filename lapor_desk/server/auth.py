"""The FastAPI dependency that turns ``Authorization: Bearer`` into the acting user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from lapor_desk.server.database import transaction
from lapor_desk.server.errors import ApiError
from lapor_desk.server.scope import Viewer
from lapor_desk.server.services import tokens
from lapor_desk.server.services.directory import UserRecord
from lapor_desk.server.state import ServerState


@dataclass(frozen=True)
class Caller:
    user: UserRecord
    token_id: int
    viewer: Viewer


def server_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


def current_caller(request: Request) -> Caller:
    """Runs in the thread pool (it queries the database)."""
    header = request.headers.get("authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise ApiError(401, "auth_required", "a bearer token is required",
                       headers={"WWW-Authenticate": "Bearer"})
    raw = raw.strip()
    if len(raw) > 256:
        raise ApiError(401, "token_invalid", "unknown token")
    state = server_state(request)
    now = state.now()
    with Session(state.engine) as session:
        found = tokens.authenticate(session, raw, now, state.token_idle)
        viewer = state.viewer(session, found.user)
    if found.needs_touch:
        with transaction(state.engine) as session:
            tokens.touch(session, found.token_id, now)
    request.state.username = found.user.username
    return Caller(found.user, found.token_id, viewer)


#: The authenticated caller, as a route parameter type.
CurrentCaller = Annotated[Caller, Depends(current_caller)]
