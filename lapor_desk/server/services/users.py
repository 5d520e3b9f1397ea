"""Desktop users: creating them, moving them between units, disabling them."""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import utcnow
from lapor_desk.models.enums import Role
from lapor_desk.models.text import clean_line
from lapor_desk.server.db import Agency, Token, User
from lapor_desk.server.services.errors import InvalidInputError, NotFoundError

#: OWASP's argon2id baseline (19 MiB, 2 passes): a login costs tens of milliseconds.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_DUMMY_HASH = _HASHER.hash("lapor-desk-dummy-password")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the user exists (pass ``None`` for an unknown user)."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def get_user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFoundError(f"no user {username!r}")
    return user


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
    if session.get(Agency, unit_id) is None:
        raise NotFoundError(f"no unit {unit_id}")
    if session.scalars(select(User.id).where(User.username == username)).first() is not None:
        raise InvalidInputError(f"user {username!r} exists", code="already_exists")
    if password_hash is None:
        if not password:
            raise InvalidInputError("a password is required")
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
    if session.get(Agency, unit_id) is None:
        raise NotFoundError(f"no unit {unit_id}")
    user.unit_id = unit_id
    if role is not None:
        user.role = str(Role(role))
    user.scope_epoch = (user.scope_epoch or 1) + 1


def set_password(session: Session, username: str, password: str) -> None:
    get_user(session, username).password_hash = hash_password(password)


def disable_user(session: Session, username: str, disabled: bool = True,
                 now: datetime | None = None) -> None:
    """Disable (or enable again) an account; disabling also revokes its tokens."""
    user = get_user(session, username)
    user.disabled = disabled
    if disabled:
        moment = now or utcnow()
        for token in session.scalars(
            select(Token).where(Token.user_id == user.id, Token.revoked_at.is_(None))
        ):
            token.revoked_at = moment
