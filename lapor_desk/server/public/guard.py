"""What protects the public pages: signed form tokens and per-address request limits.

Form tokens (CSRF, a signed double-submit cookie): the browser gets a random cookie
(``SameSite=Strict``, ``HttpOnly``) and each form ``nonce.issued.signature``, the signature over
the cookie too; a POST is taken only with the cookie its token was signed for and a form not
older than :data:`FORM_TTL`. Each form gets its own nonce, which is also its one-time key: the
same form sent twice makes one complaint, two forms in two tabs make two. Access tokens (``complaint_id.expires.signature``) let the tracking
page's own forms act on the complaint for :data:`ACCESS_TTL` without the secret code in the page.
The signing key is a random value in ``server_meta`` (``public_secret``): every worker shares it.

Limits: a fixed window of an hour per key (``submit:<address>``, ``lookup:<address>``), counted
in ``public_rate`` in one short write transaction (the row locked), so several workers count
together and a burst gets exactly the allowed number.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from lapor_desk.server.database import read_session, transaction
from lapor_desk.server.db import PublicRate, ServerMeta

FORM_TTL = timedelta(hours=3)
ACCESS_TTL = timedelta(hours=1)
WINDOW = timedelta(hours=1)
SECRET_KEY = "public_secret"
COOKIE = "lapor_form"


def signing_key(engine: Engine) -> bytes:
    """The shared signing key, made once by whichever worker needs it first."""
    with read_session(engine) as session:
        value = session.scalar(select(ServerMeta.value).where(ServerMeta.key == SECRET_KEY))
    if value is None:
        try:
            with transaction(engine) as session:
                session.add(ServerMeta(key=SECRET_KEY, value=secrets.token_hex(32)))
        except IntegrityError:
            pass  # another worker made it first
        with read_session(engine) as session:
            value = session.scalar(
                select(ServerMeta.value).where(ServerMeta.key == SECRET_KEY))
    assert value is not None
    return bytes.fromhex(value)


def _sign(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:32]


def new_nonce() -> str:
    return secrets.token_hex(16)


def form_token(key: bytes, browser: str, nonce: str, now: datetime) -> str:
    """A form's token: its own nonce, when it was issued, signed with the browser's cookie."""
    text = f"{nonce}.{int(now.timestamp())}"
    return f"{text}.{_sign(key, f'form:{browser}:{text}')}"


def check_form(key: bytes, token: str, browser: str | None, now: datetime) -> str | None:
    """The form's nonce when ``token`` was issued to the browser with cookie ``browser`` and has
    not expired, else None."""
    parts = token.split(".")
    if len(parts) != 3 or not browser or not parts[1].isdigit():
        return None
    nonce, issued, signature = parts
    if not hmac.compare_digest(signature, _sign(key, f"form:{browser}:{nonce}.{issued}")):
        return None
    age = now.timestamp() - int(issued)
    if age < -300 or age > FORM_TTL.total_seconds():
        return None
    return nonce


def access_token(key: bytes, complaint_id: str, now: datetime) -> str:
    text = f"{complaint_id}.{int((now + ACCESS_TTL).timestamp())}"
    return f"{text}.{_sign(key, 'access:' + text)}"


def check_access(key: bytes, token: str, now: datetime) -> str | None:
    """The complaint id ``token`` gives access to, or None (forged or expired)."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    complaint_id, expires, signature = parts
    if not hmac.compare_digest(signature, _sign(key, f"access:{complaint_id}.{expires}")):
        return None
    if int(expires) < now.timestamp():
        return None
    return complaint_id


_INSERT = {
    "postgresql": pg_insert(PublicRate).on_conflict_do_nothing(index_elements=["key"]),
    "sqlite": sqlite_insert(PublicRate).on_conflict_do_nothing(index_elements=["key"]),
}


def allow(engine: Engine, key: str, limit: int, now: datetime) -> bool:
    """Count one request for ``key``; False when it is past ``limit`` in the current window."""
    key = key[:200]
    with transaction(engine) as session:
        session.execute(_INSERT[engine.dialect.name],
                        {"key": key, "hits": 0, "window_start": now})
        row = session.execute(
            select(PublicRate).where(PublicRate.key == key).with_for_update()
        ).scalar_one()
        if row.window_start <= now - WINDOW:
            row.hits = 0
            row.window_start = now
        row.hits += 1
        allowed = row.hits <= limit
        session.execute(delete(PublicRate).where(PublicRate.window_start <= now - 2 * WINDOW))
    return allowed
