"""Desktop users: creating them, moving them between units, disabling them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import utcnow
from lapor_desk.models.enums import Role
from lapor_desk.models.shapes import showable
from lapor_desk.models.text import clean_line
from lapor_desk.server.db import Agency, Token, User
from lapor_desk.server.services.errors import InvalidInputError, NotFoundError
from lapor_desk.server.services.passwords import (
    hash_password,
    new_password_problem,
    verify_password,
)

__all__ = ["create_user", "disable_user", "get_user", "hash_password", "move_user", "revoke_tokens",
           "set_password", "verify_password"]


def get_user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFoundError(f"no user {username!r}")
    return user


def placeable_unit(session: Session, unit_id: int) -> Agency:
    """The unit ``unit_id`` when accounts may be put in it: it exists and is still active (a
    unit that left the pemda's structure keeps the accounts it had, but gets no new ones)."""
    unit = session.get(Agency, unit_id)
    if unit is None:
        raise NotFoundError(f"no unit {unit_id}")
    if not unit.active:
        raise InvalidInputError(f"the unit {unit.name} ({unit.code}) is no longer active: put the "
                                "account in the unit that took over its work")
    return unit


def create_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: Role | str,
    unit_id: int,
    password: str | None = None,
    password_hash: str | None = None,
    now: datetime | None = None,
) -> int:
    """Add a user; give ``password`` or an already computed ``password_hash``. Returns the id."""
    role = Role(role)
    display_name = clean_line(display_name)  # no controls, no bidirectional overrides
    if not username or len(username) > 64 or not display_name or len(display_name) > 120:
        raise InvalidInputError("username (1-64) and display name (1-120) are required")
    if not showable(username) or username != username.strip():
        # Every desktop refuses a sign-in answer naming such a user (sync/protocol.py).
        raise InvalidInputError("a username has no control or text-direction characters and "
                                "no spaces at its ends")
    placeable_unit(session, unit_id)
    if session.scalars(select(User.id).where(User.username == username)).first() is not None:
        raise InvalidInputError(f"user {username!r} exists", code="already_exists")
    if password_hash is None:
        if not password:
            raise InvalidInputError("a password is required")
        problem = new_password_problem(password)
        if problem:
            raise InvalidInputError(problem)
        password_hash = hash_password(password)
    user = User(
        username=username,
        display_name=display_name,
        password_hash=password_hash,
        role=str(role),
        unit_id=unit_id,
        scope_epoch=1,
        disabled=False,
        created_at=now or utcnow(),
    )
    session.add(user)
    session.flush()
    return user.id


def move_user(session: Session, username: str, unit_id: int, role: Role | str | None = None) -> None:
    """Move a user to another unit (and role): their old cursors are reset on the next pull."""
    user = get_user(session, username)
    placeable_unit(session, unit_id)
    user.unit_id = unit_id
    if role is not None:
        user.role = str(Role(role))
    user.scope_epoch = (user.scope_epoch or 1) + 1


def set_password(session: Session, username: str, password: str,
                 now: datetime | None = None) -> int:
    """Give ``username`` a new password and end every session of theirs (a password is reset
    when it is forgotten or may be known to someone else: a token made with the old one must
    not outlive it). Returns how many tokens were revoked; the desktop asks for the new
    password at its next contact (``token_revoked``) and keeps its unsynced work."""
    problem = new_password_problem(password)
    if problem:
        raise InvalidInputError(problem)
    user = get_user(session, username)
    user.password_hash = hash_password(password)
    return revoke_tokens(session, user.id, now or utcnow())


def disable_user(session: Session, username: str, disabled: bool = True,
                 now: datetime | None = None) -> None:
    """Disable (or enable again) an account; disabling also revokes its tokens."""
    user = get_user(session, username)
    user.disabled = disabled
    if disabled:
        revoke_tokens(session, user.id, now or utcnow())


def revoke_tokens(session: Session, user_id: int, moment: datetime) -> int:
    revoked = 0
    for token in session.scalars(
        select(Token).where(Token.user_id == user_id, Token.revoked_at.is_(None))
    ):
        token.revoked_at = moment
        revoked += 1
    return revoked
