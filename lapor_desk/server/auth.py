"""The FastAPI dependency that turns ``Authorization: Bearer`` into the acting user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from lapor_desk.models import wire
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


#: ``Authorization: Bearer <token>``; named in the OpenAPI document as the scheme ``bearer`` of
#: every route that depends on :func:`current_caller`. Without a token the route answers 401
#: ``auth_required`` itself (``auto_error=False``), in the contract's error body.
BEARER = HTTPBearer(scheme_name="bearer", auto_error=False,
                    description=f"The token of `{wire.LOGIN.method} {wire.LOGIN.path}`.")


def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
) -> Caller:
    """Runs in the thread pool (it queries the database)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(401, "auth_required", "a bearer token is required",
                       headers={"WWW-Authenticate": "Bearer"})
    raw = credentials.credentials
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
