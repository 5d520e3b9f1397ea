"""Logging in and out: bearer tokens that are random, stored only as SHA-256, and expire."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.db import Token, User
from lapor_desk.server.services.directory import UserRecord
from lapor_desk.server.services.errors import AuthError
from lapor_desk.server.services.users import verify_password

#: Don't write ``last_used_at`` more often than this per token.
TOUCH_INTERVAL = timedelta(minutes=10)


@dataclass(frozen=True)
class LoginResult:
    token: str
    expires_at: datetime
    user: UserRecord


@dataclass(frozen=True)
class Authenticated:
    user: UserRecord
    token_id: int
    needs_touch: bool


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def login(session: Session, username: str, password: str, device: str = "",
          ttl: timedelta = timedelta(days=30), now: datetime | None = None) -> LoginResult:
    """Check the password and issue a token. Raises ``AuthError`` (bad_credentials,
    account_disabled); an unknown user and a wrong password are indistinguishable."""
    now = now or utcnow()
    user = session.scalars(select(User).where(User.username == username)).first()
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise AuthError("wrong username or password", code="bad_credentials")
    if user.disabled:
        raise AuthError("the account is disabled", code="account_disabled")
    raw = secrets.token_urlsafe(32)
    expires_at = now + ttl
    session.add(Token(token_hash=token_hash(raw), user_id=user.id, device=device[:120],
                      created_at=now, expires_at=expires_at, revoked_at=None, last_used_at=now))
    return LoginResult(raw, expires_at, UserRecord.of(user))


def authenticate(session: Session, raw: str, now: datetime | None = None) -> Authenticated:
    now = now or utcnow()
    row = session.execute(
        select(Token, User).join(User, User.id == Token.user_id)
        .where(Token.token_hash == token_hash(raw))
    ).first()
    if row is None:
        raise AuthError("unknown token", code="token_invalid")
    token, user = row
    if user.disabled:
        raise AuthError("the account is disabled", code="account_disabled")
    if token.revoked_at is not None:
        raise AuthError("the token was revoked", code="token_revoked")
    if token.expires_at <= now:
        raise AuthError("the token expired", code="token_expired")
    touch = token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL
    return Authenticated(UserRecord.of(user), token.id, touch)


def touch(session: Session, token_id: int, now: datetime | None = None) -> None:
    token = session.get(Token, token_id)
    if token is not None:
        token.last_used_at = now or utcnow()


def logout(session: Session, token_id: int, now: datetime | None = None) -> None:
    token = session.get(Token, token_id)
    if token is not None and token.revoked_at is None:
        token.revoked_at = now or utcnow()
