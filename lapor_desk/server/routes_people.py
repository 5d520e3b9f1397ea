"""People: an admin lists, creates, disables, enables and moves accounts and resets passwords.

Who may manage whom is ``models/people.py::may_manage`` (services/people.py applies it and
writes each change with its audit row in one transaction). A liaison officer is refused every
route here (403 ``forbidden``); so is an admin acting on an account outside their reach or on
their own. A new or reset account gets a one-time password, in this answer only.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from lapor_desk.models import wire
from lapor_desk.models.enums import Role
from lapor_desk.models.people import manages_anyone
from lapor_desk.models.shapes import SHOWABLE_PATTERN
from lapor_desk.server.auth import Caller, CurrentCaller, server_state
from lapor_desk.server.database import read_session, transaction
from lapor_desk.server.logs import event
from lapor_desk.server.openapi import AUTHENTICATED, INVALID, MALFORMED_JSON, Refusal, responses
from lapor_desk.server.openapi import success as answered
from lapor_desk.server.responses import json_response
from lapor_desk.server.services import people
from lapor_desk.server.services.people import Forbidden, Manager

log = logging.getLogger(__name__)
router = APIRouter()

USER_ID = Path(ge=1, le=2**31 - 1, description="The account's id.")
ID = Field(ge=1, le=2**31 - 1)


class PersonOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    unit_id: int
    disabled: bool
    must_change_password: bool = Field(description="The next sign-in must choose a password.")
    created_at: str


class PeopleOut(BaseModel):
    users: list[PersonOut]
    has_more: bool = Field(description="More accounts follow: ask again with `after` = the "
                                       "last id.")


class CreateIn(BaseModel):
    username: str = Field(min_length=1, max_length=64, pattern=SHOWABLE_PATTERN)
    display_name: str = Field(min_length=1, max_length=120, pattern=SHOWABLE_PATTERN)
    role: Literal["agency_admin", "liaison_officer"]
    unit_id: int = ID


class MoveIn(BaseModel):
    unit_id: int = ID
    role: Literal["agency_admin", "liaison_officer"] | None = None


class EmptyIn(BaseModel):
    pass


class WithPasswordOut(BaseModel):
    user: PersonOut
    one_time_password: str = Field(description="Shown once: the account's next sign-in must "
                                               "replace it (`POST auth/password`).")


class AuditOut(BaseModel):
    id: int
    at: str
    actor_id: int | None
    actor_username: str
    action: str
    user_id: int
    username: str
    detail: dict[str, Any]


class AuditListOut(BaseModel):
    entries: list[AuditOut]


MAY_NOT = Refusal(403, ("forbidden",),
                  "the caller manages no one (a liaison officer), or not this account, role or "
                  "unit (outside their subtree, a national admin, their own account)")
UNKNOWN = Refusal(404, ("not_found",), "no account or unit has this id")
TAKEN = Refusal(409, ("username_taken",), "another account has this username")


def manager_of(caller: Caller) -> Manager:
    viewer = caller.viewer
    if not manages_anyone(str(viewer.user.role)):
        raise Forbidden("you manage no accounts")
    return Manager(viewer.user.id, viewer.user.username, str(viewer.user.role),
                   viewer.scope_root.path)


@router.get(wire.USERS.path, operation_id="list_users", responses={
    **answered(PeopleOut, "The accounts the caller manages, by id."),
    **responses(*AUTHENTICATED, INVALID, MAY_NOT, UNKNOWN)})
def list_users(request: Request, caller: CurrentCaller,
               unit_id: int | None = Query(default=None, ge=1, le=2**31 - 1,
                                           description="Only this unit and those below it."),
               role: Literal["agency_admin", "liaison_officer"] | None = None,
               q: str = Query(default="", max_length=64, pattern=SHOWABLE_PATTERN,
                              description="A piece of the username or the name."),
               include_disabled: bool = True,
               after: int = Query(default=0, ge=0, le=2**31 - 1),
               limit: int = Query(default=200, ge=1, le=people.MAX_PAGE)) -> Response:
    manager = manager_of(caller)
    state = server_state(request)
    with read_session(state.engine) as session:
        found = people.list_people(session, manager, unit_id=unit_id, role=role, text=q,
                                   include_disabled=include_disabled, after=after,
                                   limit=limit + 1)
    return json_response(request, {"users": [p.as_json() for p in found[:limit]],
                                   "has_more": len(found) > limit})


def _with_password(request: Request, person: people.Person, password: str) -> Response:
    return json_response(request, {"user": person.as_json(), "one_time_password": password})


@router.post(wire.CREATE_USER.path, operation_id="create_user", responses={
    **answered(WithPasswordOut, "Created, with its one-time password."),
    **responses(*AUTHENTICATED, MALFORMED_JSON, INVALID, MAY_NOT, UNKNOWN, TAKEN)})
def create_user(request: Request, caller: CurrentCaller, body: CreateIn) -> Response:
    manager = manager_of(caller)
    state = server_state(request)
    with transaction(state.engine) as session:
        person, password = people.create_person(
            session, manager, username=body.username, display_name=body.display_name,
            role=body.role, unit_id=body.unit_id, now=state.now())
    event(log, "user_created", by=manager.username, user=person.username, role=person.role,
          unit=person.unit_id)
    return _with_password(request, person, password)


def _switch(request: Request, caller: Caller, user_id: int, disabled: bool) -> Response:
    manager = manager_of(caller)
    state = server_state(request)
    with transaction(state.engine) as session:
        person = people.set_disabled(session, manager, user_id, disabled, state.now())
    event(log, "user_disabled" if disabled else "user_enabled", by=manager.username,
          user=person.username)
    return json_response(request, person.as_json())


@router.post(wire.DISABLE_USER.path, operation_id="disable_user", responses={
    **answered(PersonOut, "Disabled (its sessions ended); again changes nothing."),
    **responses(*AUTHENTICATED, MALFORMED_JSON, INVALID, MAY_NOT, UNKNOWN)})
def disable_user(request: Request, caller: CurrentCaller, body: EmptyIn,
                 user_id: int = USER_ID) -> Response:
    return _switch(request, caller, user_id, True)


@router.post(wire.ENABLE_USER.path, operation_id="enable_user", responses={
    **answered(PersonOut, "Enabled; again changes nothing."),
    **responses(*AUTHENTICATED, MALFORMED_JSON, INVALID, MAY_NOT, UNKNOWN)})
def enable_user(request: Request, caller: CurrentCaller, body: EmptyIn,
                user_id: int = USER_ID) -> Response:
    return _switch(request, caller, user_id, False)


@router.post(wire.MOVE_USER.path, operation_id="move_user", responses={
    **answered(PersonOut, "Moved (its cursors reset at its next pull)."),
    **responses(*AUTHENTICATED, MALFORMED_JSON, INVALID, MAY_NOT, UNKNOWN)})
def move_user(request: Request, caller: CurrentCaller, body: MoveIn,
              user_id: int = USER_ID) -> Response:
    manager = manager_of(caller)
    state = server_state(request)
    with transaction(state.engine) as session:
        person = people.move_person(session, manager, user_id, body.unit_id, body.role,
                                    state.now())
    event(log, "user_moved", by=manager.username, user=person.username, unit=person.unit_id,
          role=person.role)
    return json_response(request, person.as_json())


@router.post(wire.RESET_PASSWORD.path, operation_id="reset_password", responses={
    **answered(WithPasswordOut, "A one-time password; the account's sessions ended."),
    **responses(*AUTHENTICATED, MALFORMED_JSON, INVALID, MAY_NOT, UNKNOWN)})
def reset_password(request: Request, caller: CurrentCaller, body: EmptyIn,
                   user_id: int = USER_ID) -> Response:
    manager = manager_of(caller)
    state = server_state(request)
    with transaction(state.engine) as session:
        person, password = people.reset_password(session, manager, user_id, state.now())
    event(log, "user_password_reset", by=manager.username, user=person.username)
    return _with_password(request, person, password)


@router.get(wire.USER_AUDIT.path, operation_id="user_audit", responses={
    **answered(AuditListOut, "What was done to the accounts the caller may read, newest first."),
    **responses(*AUTHENTICATED, INVALID, MAY_NOT)})
def user_audit(request: Request, caller: CurrentCaller,
               user_id: int | None = Query(default=None, ge=1, le=2**31 - 1),
               before: int = Query(default=0, ge=0, le=2**62),
               limit: int = Query(default=200, ge=1, le=people.MAX_PAGE)) -> Response:
    manager = manager_of(caller)
    state = server_state(request)
    with read_session(state.engine) as session:
        rows = people.audit(session, manager, user_id=user_id, before=before, limit=limit)
        entries = [people.audit_json(row) for row in rows]
    return json_response(request, {"entries": entries})
