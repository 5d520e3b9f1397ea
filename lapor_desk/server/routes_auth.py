"""Health, login, logout and ``me``."""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.responses import Response

from lapor_desk.models import wire
from lapor_desk.models.enums import Role
from lapor_desk.models.shapes import SHOWABLE_PATTERN
from lapor_desk.server.addresses import client_address
from lapor_desk.server.auth import CurrentCaller, server_state
from lapor_desk.server.database import read_session, transaction
from lapor_desk.server.db import SCHEMA_VERSION
from lapor_desk.server.epoch import read_epoch
from lapor_desk.server.errors import ApiError
from lapor_desk.server.logs import event
from lapor_desk.server.openapi import (
    AUTHENTICATED,
    INVALID,
    MALFORMED_JSON,
    RETRY_AFTER,
    UNAVAILABLE,
    Refusal,
    responses,
    success,
)
from lapor_desk.server.responses import json_response
from lapor_desk.server.scope import Viewer
from lapor_desk.server.services import people, tokens
from lapor_desk.server.services.errors import AuthError
from lapor_desk.server.services.passwords import MAX_LENGTH, MIN_LENGTH, new_password_problem
from lapor_desk.server.services.throttle import Refused

log = logging.getLogger(__name__)
router = APIRouter()

#: The largest login body: every body ``LoginIn`` accepts fits, even written with ``\uXXXX``
#: escapes throughout (1,024 password characters of up to 12 bytes each, plus the rest).
LOGIN_BODY_BYTES = 16 * 1024


class LoginIn(BaseModel):
    #: No control or text-direction character (models/shapes.py): no user is named so.
    username: str = Field(min_length=1, max_length=64, pattern=SHOWABLE_PATTERN)
    password: str = Field(min_length=1, max_length=1024, pattern=r"^[^\x00]+$")
    device: str = Field(default="", max_length=120, pattern=SHOWABLE_PATTERN)


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    unit_id: int
    scope_root_id: int = Field(description="The agency whose subtree the user sees.")


class LoginOut(BaseModel):
    token: str = Field(description="The bearer token (`Authorization: Bearer <token>`).")
    expires_at: str = Field(description="When the token ends at the latest (ISO 8601 UTC).")
    user: UserOut


class StatusOut(BaseModel):
    status: Literal["ok"]


class HealthOut(BaseModel):
    status: Literal["ok"]
    schema_version: int
    instance_id: str
    #: Which history of changes the database holds: a restore from a backup changes it
    #: (docs/sync-protocol.md, "Restores and the epoch").
    epoch: str
    #: A training (bimtek) server: synthetic data, reachable over plain HTTP on the local
    #: network (``bimtek://``); a desktop signs in to such an address only when this is true.
    training: bool = False


WRONG_LOGIN = Refusal(401, ("bad_credentials", "account_disabled"),
                      "an unknown user or a wrong password (the same answer), or a disabled "
                      "account")
THROTTLED = Refusal(429, ("too_many_requests",),
                    "too many failed logins for this username or from this address",
                    {"Retry-After": RETRY_AFTER})

MUST_CHANGE = Refusal(403, ("password_change_required",),
                      "the password is a one-time password (a new account, or an admin's "
                      "reset): choose a new one with `POST auth/password`")


def user_json(viewer: Viewer) -> dict[str, Any]:
    user = viewer.user
    return {"id": user.id, "username": user.username, "display_name": user.display_name,
            "role": str(user.role), "unit_id": user.unit_id, "scope_root_id": viewer.scope_root.id}


def iso(moment: Any) -> str:
    return str(moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))


@router.get(wire.HEALTH.path, operation_id="health",
            responses={**success(HealthOut, "The server is up."), **responses()})
def health(request: Request) -> Response:
    state = server_state(request)
    with read_session(state.engine) as session:
        epoch = read_epoch(session)
    return json_response(request, {"status": "ok", "schema_version": SCHEMA_VERSION,
                                   "instance_id": state.instance_id, "epoch": epoch.id,
                                   "training": state.settings.training})


@router.post(wire.LOGIN.path, operation_id="login", responses={
    **success(LoginOut, "Signed in."),
    **responses(MALFORMED_JSON, WRONG_LOGIN, MUST_CHANGE, INVALID, THROTTLED, UNAVAILABLE)})
def login(request: Request, body: LoginIn) -> Response:
    """Throttled per username and per client address (services/throttle.py): an attempt is
    counted before its password is checked; a refused one is 429 with ``Retry-After``."""
    return _sign_in(request, body, None)


def _sign_in(request: Request, body: LoginIn, new_password: str | None) -> Response:
    """A login, or (``new_password``) a password change that signs in: throttled alike."""
    state = server_state(request)
    client = client_address(request.scope, state.trusted_proxies)
    now = state.now()
    problem = new_password_problem(new_password) if new_password is not None else None
    if problem:  # said before any password is checked (or counted)
        raise ApiError(422, "invalid_request", f"new_password: {problem}")
    attempt = state.throttle.attempt(state.engine, body.username, client.bucket, now)
    if isinstance(attempt, Refused):
        event(log, "login_throttled", logging.WARNING, user=body.username, addr=client.address,
              by=attempt.by, retry_after=attempt.retry_after)
        raise ApiError(429, "too_many_requests", "too many failed logins; try again later",
                       headers={"Retry-After": str(attempt.retry_after)})
    try:
        with Session(state.engine) as session:  # argon2 runs without holding the write lock
            checked = tokens.check_password(session, body.username, body.password)
        with transaction(state.engine) as session:
            if new_password is not None:
                checked = people.change_own_password(session, checked, new_password, now)
            result = tokens.issue_token(session, checked, body.device, ttl=state.token_ttl,
                                        now=now)
            state.throttle.succeeded(session, attempt)
            viewer = state.viewer(session, result.user)
    except (AuthError, people.PasswordUnchanged) as error:
        event(log, "login_failed", logging.WARNING, user=body.username, addr=client.address,
              code=error.code)
        if isinstance(error, tokens.PasswordChangeRequired | people.PasswordUnchanged):
            with transaction(state.engine) as session:  # the password was right: not a guess
                state.throttle.succeeded(session, attempt)
        raise
    event(log, "login" if new_password is None else "password_changed",
          user=result.user.username, addr=client.address, rehashed=result.rehashed)
    request.state.username = result.user.username
    return json_response(request, {"token": result.token, "expires_at": iso(result.expires_at),
                                   "user": user_json(viewer)})


class PasswordIn(LoginIn):
    new_password: str = Field(min_length=MIN_LENGTH, max_length=MAX_LENGTH,
                              pattern=r"^[^\x00]+$",
                              description="Not the current password.")


NEW_PASSWORD_REFUSED = Refusal(422, ("password_unchanged", "invalid_request"),
                               "the new password is the current one, or too short")


@router.post(wire.CHANGE_PASSWORD.path, operation_id="change_password", responses={
    **success(LoginOut, "The password is changed; signed in (the account's other sessions "
                        "ended)."),
    **responses(MALFORMED_JSON, WRONG_LOGIN, INVALID, NEW_PASSWORD_REFUSED, THROTTLED,
                UNAVAILABLE)})
def change_password(request: Request, body: PasswordIn) -> Response:
    """The current password (a one-time one too) and a new one; throttled as the login is."""
    return _sign_in(request, body, body.new_password)


@router.post(wire.LOGOUT.path, operation_id="logout", responses={
    **success(StatusOut, "The caller's token is revoked."), **responses(*AUTHENTICATED)})
def logout(request: Request, caller: CurrentCaller) -> Response:
    state = server_state(request)
    with transaction(state.engine) as session:
        tokens.logout(session, caller.token_id, state.now())
    return json_response(request, {"status": "ok"})


@router.get(wire.ME.path, operation_id="me", responses={**success(UserOut, "The caller."),
                               **responses(*AUTHENTICATED)})
def me(request: Request, caller: CurrentCaller) -> Response:
    return json_response(request, user_json(caller.viewer))


