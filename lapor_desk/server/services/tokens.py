"""Logging in and out: bearer tokens that are random, stored only as SHA-256, and end.

A token ends ``ttl`` after the login (absolute) or ``idle`` after its last use, whichever comes
first; both answer ``token_expired``. The last use is written at most once per
:data:`TOUCH_INTERVAL` (a write per request would contend with pushes), so the recorded time may
trail the real last use by up to that interval: the idle check allows for it, and a token never
ends before ``idle`` has passed since its real last use (at most one touch interval after).

A login is two steps: :func:`check_password` (argon2, in a read-only session: no write lock is
held while it runs) and :func:`issue_token` (one write transaction: the token, and the rehash of a
password stored with older argon2 parameters). :func:`login` does both in one session.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import utcnow
from lapor_desk.models.enums import Role
from lapor_desk.server.db import Token, User
from lapor_desk.server.services.directory import UserRecord
from lapor_desk.server.services.errors import AuthError
from lapor_desk.server.services.passwords import hash_password, needs_rehash, verify_password

#: Don't write ``last_used_at`` more often than this per token (see the module's docstring).
TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class CheckedPassword:
    user_id: int
    #: The stored hash the password was checked against (the token is issued only if unchanged).
    password_hash: str
    #: The password hashed with today's parameters, when the stored hash uses others.
    rehashed: str | None


@dataclass(frozen=True)
class LoginResult:
    token: str
    expires_at: datetime
    user: UserRecord
    rehashed: bool = False


@dataclass(frozen=True)
class Authenticated:
    user: UserRecord
    token_id: int
    needs_touch: bool


class PasswordChangeRequired(AuthError):
    """The password is right, but it is a one-time password (an admin's reset or a new
    account): the person chooses their own before any token is issued."""

    code = "password_change_required"
    status = 403


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def touch_interval(idle: timedelta | None) -> timedelta:
    """How stale ``last_used_at`` may get: :data:`TOUCH_INTERVAL`, less for a very short idle
    timeout (a tenth of it), so a token in use is never taken for an idle one."""
    if idle is None or idle <= timedelta(0):
        return TOUCH_INTERVAL
    return min(TOUCH_INTERVAL, idle / 10)


def _bad_credentials() -> AuthError:
    return AuthError("wrong username or password", code="bad_credentials")


def check_password(session: Session, username: str, password: str) -> CheckedPassword:
    """Raises ``AuthError`` (bad_credentials); an unknown user and a wrong password are
    indistinguishable (the same argon2 work for both)."""
    user = session.scalars(select(User).where(User.username == username)).first()
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise _bad_credentials()
    rehashed = hash_password(password) if needs_rehash(user.password_hash) else None
    return CheckedPassword(user.id, user.password_hash, rehashed)


def issue_token(session: Session, checked: CheckedPassword, device: str = "",
                ttl: timedelta = timedelta(days=30), now: datetime | None = None) -> LoginResult:
    """In the login's write transaction. Raises ``AuthError`` (account_disabled; bad_credentials
    when the password was changed since it was checked; password_change_required when it is a
    one-time password)."""
    now = now or utcnow()
    user = session.get(User, checked.user_id)
    if user is None or user.password_hash != checked.password_hash:
        raise _bad_credentials()
    if user.disabled:
        raise AuthError("the account is disabled", code="account_disabled")
    if user.must_change_password:
        raise PasswordChangeRequired("a new password must be chosen first (POST auth/password)")
    if checked.rehashed is not None:
        user.password_hash = checked.rehashed
    raw = secrets.token_urlsafe(32)
    expires_at = now + ttl
    session.add(Token(token_hash=token_hash(raw), user_id=user.id, device=device[:120],
                      created_at=now, expires_at=expires_at, revoked_at=None, last_used_at=now))
    return LoginResult(raw, expires_at, UserRecord.of(user), checked.rehashed is not None)


def login(session: Session, username: str, password: str, device: str = "",
          ttl: timedelta = timedelta(days=30), now: datetime | None = None) -> LoginResult:
    """Check the password and issue a token in one session (the caller's transaction)."""
    return issue_token(session, check_password(session, username, password), device, ttl, now)


_TOKENS = Token.__table__
_USERS = User.__table__
#: The caller's token and user, as one row of plain values (no ORM objects: it is read at
#: every authenticated request).
CALLER_COLUMNS = (_TOKENS.c.id, _TOKENS.c.created_at, _TOKENS.c.expires_at,
                  _TOKENS.c.revoked_at, _TOKENS.c.last_used_at, _USERS.c.id,
                  _USERS.c.username, _USERS.c.display_name, _USERS.c.role, _USERS.c.unit_id,
                  _USERS.c.scope_epoch, _USERS.c.disabled)


def caller_statement(*extra: Any) -> Select[Any]:
    """The row of the token whose hash is bound as ``token_hash``, joined to its user: the
    columns of :data:`CALLER_COLUMNS` and then ``extra`` (what a request reads beside it, in
    the same round trip)."""
    return (select(*CALLER_COLUMNS, *extra)
            .select_from(_TOKENS.join(_USERS, _USERS.c.id == _TOKENS.c.user_id))
            .where(_TOKENS.c.token_hash == bindparam("token_hash")))


_CALLER = caller_statement()


def authenticate(session: Session, raw: str, now: datetime | None = None,
                 idle: timedelta | None = None) -> Authenticated:
    """The caller of token ``raw``. ``idle``: how long a token may go unused (None: forever)."""
    row = session.connection().execute(_CALLER, {"token_hash": token_hash(raw)}).first()
    return checked_caller(row, now or utcnow(), idle)


def checked_caller(row: Sequence[Any] | None, now: datetime,
                   idle: timedelta | None) -> Authenticated:
    """The caller of a row of :func:`caller_statement` (None: no such token); raises
    ``AuthError`` for a disabled account and a revoked, expired or idle token."""
    if row is None:
        raise AuthError("unknown token", code="token_invalid")
    (token_id, created_at, expires_at, revoked_at, last_used_at,
     user_id, username, display_name, role, unit_id, scope_epoch, disabled) = row[:12]
    if disabled:
        raise AuthError("the account is disabled", code="account_disabled")
    if revoked_at is not None:
        raise AuthError("the token was revoked", code="token_revoked")
    if expires_at <= now:
        raise AuthError("the token expired", code="token_expired")
    interval = touch_interval(idle)
    last_used = last_used_at or created_at
    if idle is not None and idle > timedelta(0) and now - last_used > idle + interval:
        raise AuthError("the token expired: it was not used for too long", code="token_expired")
    user = UserRecord(user_id, username, display_name, Role(role), unit_id, scope_epoch,
                      bool(disabled))
    return Authenticated(user, token_id, now - last_used >= interval)


def touch(session: Session, token_id: int, now: datetime | None = None) -> None:
    token = session.get(Token, token_id)
    if token is not None:
        token.last_used_at = now or utcnow()


def logout(session: Session, token_id: int, now: datetime | None = None) -> None:
    token = session.get(Token, token_id)
    if token is not None and token.revoked_at is None:
        token.revoked_at = now or utcnow()
