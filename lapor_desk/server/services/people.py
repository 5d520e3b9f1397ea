"""People: the accounts an admin manages, each change written with its audit row.

Every function here takes a :class:`Manager` (who acts: a desktop admin, or the shell) and does
one change in the caller's transaction, together with its :class:`~lapor_desk.server.db.UserAudit`
row, so a change is never made without its record nor recorded without being made. Who may
manage whom is :func:`lapor_desk.models.people.may_manage` (the desktop asks it too); a refusal
is ``forbidden`` (an account outside the manager's reach, their own, a role or unit they may not
give), an unknown id ``not_found``, a taken username ``already_exists``.

A new account and a reset one get a one-time password (:func:`one_time_password`), shown once to
the admin, and ``must_change_password``: the next sign-in must choose a new password
(``services/tokens.py``, ``POST auth/password``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from lapor_desk.models.enums import AgencyLevel, Role
from lapor_desk.models.people import AccountChange, may_manage, roles_managed_by
from lapor_desk.server.db import Agency, User, UserAudit
from lapor_desk.server.services import users
from lapor_desk.server.services.errors import (
    AuthError,
    InvalidInputError,
    NotFoundError,
    ServiceError,
)
from lapor_desk.server.services.passwords import hash_password, new_password_problem
from lapor_desk.server.services.tokens import CheckedPassword

#: Letters and digits no one misreads when the password is read out or copied by hand.
OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
OTP_GROUPS, OTP_GROUP_LENGTH = 3, 4
MAX_PAGE = 500


class Forbidden(ServiceError):
    code = "forbidden"
    status = 403


class UsernameTaken(ServiceError):
    code = "username_taken"
    status = 409


class PasswordUnchanged(ServiceError):
    code = "password_unchanged"
    status = 422


class NewPasswordRefused(ServiceError):
    """Too short or too long (``passwords.new_password_problem``)."""

    code = "invalid_request"
    status = 422


@dataclass(frozen=True)
class Manager:
    """Who acts: a signed-in admin (``role`` and the path of their subtree), or the shell
    (``role`` None: the server's own operator, who may do anything)."""

    user_id: int | None
    username: str
    role: str | None
    scope_path: str

    def may(self, target_role: str, unit_path: str) -> bool:
        if self.role is None:
            return True
        return may_manage(self.role, self.scope_path, target_role, unit_path)

    def may_place(self, target_role: str, unit: Agency) -> bool:
        """Whether the manager may put an account of ``target_role`` at ``unit``: never at the
        national node from the desktop (an agency admin there would see everything)."""
        if self.role is not None and unit.level == AgencyLevel.NATIONAL:
            return False
        return self.may(target_role, unit.path)


SHELL = Manager(None, "shell", None, "/")


@dataclass(frozen=True)
class Person:
    id: int
    username: str
    display_name: str
    role: str
    unit_id: int
    disabled: bool
    must_change_password: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> Person:
        return cls(user.id, user.username, user.display_name, user.role, user.unit_id,
                   bool(user.disabled), bool(user.must_change_password), user.created_at)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "display_name": self.display_name,
                "role": self.role, "unit_id": self.unit_id, "disabled": self.disabled,
                "must_change_password": self.must_change_password,
                "created_at": self.created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")}


def one_time_password() -> str:
    """``abcd-efgh-jkmn``: 60 random bits, easy to read out over the phone."""
    return "-".join("".join(secrets.choice(OTP_ALPHABET) for _ in range(OTP_GROUP_LENGTH))
                    for _ in range(OTP_GROUPS))


def _unit(session: Session, unit_id: int) -> Agency:
    unit = session.get(Agency, unit_id)
    if unit is None:
        raise NotFoundError(f"no unit {unit_id}")
    return unit


def _managed(session: Session, manager: Manager, user_id: int) -> tuple[User, Agency]:
    """The account ``user_id`` when ``manager`` may manage it, else ``forbidden`` (its own
    account too, from the desktop); ``not_found`` when there is none."""
    row = session.execute(select(User, Agency).join(Agency, Agency.id == User.unit_id)
                          .where(User.id == user_id)).first()
    if row is None:
        raise NotFoundError(f"no user {user_id}")
    if not manager.may(row[0].role, row[1].path):
        raise Forbidden("you may not manage this account")
    if manager.user_id is not None and row[0].id == manager.user_id:
        raise Forbidden("you may not change your own account here")
    return row[0], row[1]


def record(session: Session, manager: Manager, action: AccountChange, user: User, unit_path: str,
           now: datetime, from_unit_path: str | None = None, **detail: Any) -> None:
    session.add(UserAudit(at=now, actor_id=manager.user_id, actor_username=manager.username,
                          action=str(action), target_id=user.id, target_username=user.username,
                          unit_path=unit_path, from_unit_path=from_unit_path, detail=detail))


def list_people(session: Session, manager: Manager, *, unit_id: int | None = None,
                role: str | None = None, text: str = "", include_disabled: bool = True,
                after: int = 0, limit: int = 200) -> list[Person]:
    """The accounts ``manager`` manages, by id from ``after`` on; ``unit_id``: that unit and
    the units below it."""
    roles = sorted(roles_managed_by(manager.role)) if manager.role is not None else [
        str(r) for r in Role]
    if role is not None:
        roles = [r for r in roles if r == role]
    query = (select(User).join(Agency, Agency.id == User.unit_id)
             .where(User.role.in_(roles), User.id > after).order_by(User.id)
             .limit(max(1, min(limit, MAX_PAGE))))
    if manager.role not in (None, Role.NATIONAL_ADMIN):
        query = query.where(Agency.path.startswith(manager.scope_path, autoescape=True))
    if unit_id is not None:
        query = query.where(Agency.path.startswith(_unit(session, unit_id).path, autoescape=True))
    if text.strip():
        like = f"%{text.strip().lower()}%"
        query = query.where(or_(User.username.ilike(like), User.display_name.ilike(like)))
    if not include_disabled:
        query = query.where(User.disabled.is_(False))
    return [Person.of(user) for user in session.scalars(query)]


def create_person(session: Session, manager: Manager, *, username: str, display_name: str,
                  role: str, unit_id: int, now: datetime) -> tuple[Person, str]:
    """A new account with a one-time password (returned, never stored in clear)."""
    unit = users.placeable_unit(session, unit_id)
    if not manager.may_place(role, unit):
        raise Forbidden("you may not create this account")
    if session.scalars(select(User.id).where(User.username == username)).first() is not None:
        raise UsernameTaken(f"the username {username!r} is taken")
    password = one_time_password()
    user_id = users.create_user(session, username=username, display_name=display_name,
                                role=role, unit_id=unit_id, password=password, now=now)
    user = session.get(User, user_id)
    assert user is not None
    user.must_change_password = True
    record(session, manager, AccountChange.CREATED, user, unit.path, now, role=role,
           unit_id=unit_id)
    return Person.of(user), password


def set_disabled(session: Session, manager: Manager, user_id: int, disabled: bool,
                 now: datetime) -> Person:
    """Disable (its sessions end) or enable an account. Doing it twice changes nothing more
    and records nothing more."""
    user, unit = _managed(session, manager, user_id)
    if bool(user.disabled) != disabled:
        users.disable_user(session, user.username, disabled, now)
        record(session, manager, AccountChange.DISABLED if disabled else AccountChange.ENABLED,
               user, unit.path, now)
    return Person.of(user)


def move_person(session: Session, manager: Manager, user_id: int, unit_id: int,
                role: str | None, now: datetime) -> Person:
    """Move an account to another unit (and role) the manager may put it in; its cursors are
    reset at its next pull."""
    user, unit = _managed(session, manager, user_id)
    target = users.placeable_unit(session, unit_id)
    new_role = role or user.role
    if new_role not in {str(r) for r in Role}:
        raise InvalidInputError(f"no role {new_role!r}")
    if not manager.may_place(new_role, target):
        raise Forbidden("you may not put this account there")
    if user.unit_id == unit_id and user.role == new_role:
        return Person.of(user)
    old_role = user.role
    users.move_user(session, user.username, unit_id, new_role)
    record(session, manager, AccountChange.MOVED, user, target.path, now,
           from_unit_path=unit.path, from_unit_id=unit.id, unit_id=unit_id, from_role=old_role,
           role=new_role)
    return Person.of(user)


def reset_password(session: Session, manager: Manager, user_id: int,
                   now: datetime) -> tuple[Person, str]:
    """A one-time password for the account; its sessions end and its next sign-in must choose
    a new password."""
    user, unit = _managed(session, manager, user_id)
    password = one_time_password()
    users.set_password(session, user.username, password, now)
    user.must_change_password = True
    record(session, manager, AccountChange.PASSWORD_RESET, user, unit.path, now)
    return Person.of(user), password


def change_own_password(session: Session, checked: CheckedPassword, new_password: str,
                        now: datetime) -> CheckedPassword:
    """The user chose a new password with their current one (after a reset, or of their own
    accord): their other sessions end; recorded as their own act. Returns the check the token
    is then issued on."""
    problem = new_password_problem(new_password)
    if problem:
        raise NewPasswordRefused(problem)
    user = session.get(User, checked.user_id)
    if user is None or user.password_hash != checked.password_hash:
        raise AuthError("wrong username or password", code="bad_credentials")
    if users.verify_password(user.password_hash, new_password):
        raise PasswordUnchanged("the new password must differ from the old one")
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    users.revoke_tokens(session, user.id, now)
    unit = _unit(session, user.unit_id)
    record(session, Manager(user.id, user.username, user.role, unit.path),
           AccountChange.PASSWORD_CHANGED, user, unit.path, now)
    return CheckedPassword(user.id, user.password_hash, None)


def audit(session: Session, manager: Manager, *, user_id: int | None = None, before: int = 0,
          limit: int = 200) -> list[UserAudit]:
    """The audit rows ``manager`` may read, newest first (by id, below ``before`` when given):
    a national admin all, an agency admin those of accounts in their subtree (before or after
    the change)."""
    query = select(UserAudit).order_by(UserAudit.id.desc()).limit(max(1, min(limit, MAX_PAGE)))
    if manager.role is not None and manager.role != Role.NATIONAL_ADMIN:
        if not roles_managed_by(manager.role):
            raise Forbidden("you may not read the account audit")
        query = query.where(or_(
            UserAudit.unit_path.startswith(manager.scope_path, autoescape=True),
            UserAudit.from_unit_path.startswith(manager.scope_path, autoescape=True)))
    if user_id is not None:
        query = query.where(UserAudit.target_id == user_id)
    if before > 0:
        query = query.where(UserAudit.id < before)
    return list(session.scalars(query))


def audit_json(row: UserAudit) -> dict[str, Any]:
    return {"id": row.id, "at": row.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "actor_id": row.actor_id, "actor_username": row.actor_username,
            "action": row.action, "user_id": row.target_id, "username": row.target_username,
            "detail": dict(row.detail or {})}
