"""Secrets in the operating system's keyring (never in a plain file): session tokens and the
profiles' cache keys.

Tokens: service name ``lapor-desk``; the key is ``"<server>|<user>"``.

Cache keys: one 256-bit random key per profile, hex-encoded, under its own service name
``lapor-desk-cache/<profile id>`` (user ``cache-key``). The profile id is a random name kept in
the profile directory (``cache.keyid``, not a secret), so a profile keeps its key when its
directory is moved. A key is written only if the keyring gives it back unchanged:
:class:`CacheKeyUnavailable` otherwise (no usable keyring: the cache is never left unencrypted).

Tests install :class:`MemoryKeyring` with ``keyring.set_keyring(MemoryKeyring())``.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringError, PasswordDeleteError

from lapor_desk.paths import CACHE_KEY_ID_FILE as KEY_ID_FILE

SERVICE = "lapor-desk"
CACHE_KEY_SERVICE = "lapor-desk-cache"
CACHE_KEY_USER = "cache-key"
CACHE_KEY_BYTES = 32


class CacheKeyUnavailable(Exception):
    """The keyring cannot keep the cache key (``code`` ``keyring_unavailable``)."""

    code = "keyring_unavailable"


def key_for(server: str, user: str) -> str:
    return f"{server.rstrip('/')}|{user}"


def save_token(server: str, user: str, token: str) -> None:
    keyring.set_password(SERVICE, key_for(server, user), token)


def load_token(server: str, user: str) -> str | None:
    """The stored token, or None when there is none or no usable keyring."""
    try:
        return keyring.get_password(SERVICE, key_for(server, user))
    except KeyringError:
        return None


def forget_token(server: str, user: str) -> None:
    try:
        keyring.delete_password(SERVICE, key_for(server, user))
    except (PasswordDeleteError, KeyringError):
        pass


def _key_id(profile_dir: Path, create: bool) -> str | None:
    path = Path(profile_dir) / KEY_ID_FILE
    try:
        found = path.read_text("ascii").strip()
        if found:
            return found
    except FileNotFoundError:
        pass
    if not create:
        return None
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key_id = uuid.uuid4().hex
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(key_id + "\n")
        out.flush()
        os.fsync(out.fileno())
    return key_id


def cache_key_service(key_id: str) -> str:
    return f"{CACHE_KEY_SERVICE}/{key_id}"


def load_cache_key(profile_dir: Path) -> bytes | None:
    """The profile's cache key, or None when it has none. Raises :class:`CacheKeyUnavailable`
    when the keyring cannot be asked (a missing key and an unusable keyring are different)."""
    key_id = _key_id(profile_dir, create=False)
    if key_id is None:
        return None
    try:
        stored = keyring.get_password(cache_key_service(key_id), CACHE_KEY_USER)
    except KeyringError as exc:
        raise CacheKeyUnavailable(f"keyring unusable: {type(exc).__name__}") from exc
    if not stored:
        return None
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        return None
    return key if len(key) == CACHE_KEY_BYTES else None


def create_cache_key(profile_dir: Path) -> bytes:
    """Generate the profile's cache key and keep it in the keyring (replacing any old one)."""
    key_id = _key_id(profile_dir, create=True)
    assert key_id is not None
    key = os.urandom(CACHE_KEY_BYTES)
    try:
        keyring.set_password(cache_key_service(key_id), CACHE_KEY_USER, key.hex())
        kept = keyring.get_password(cache_key_service(key_id), CACHE_KEY_USER)
    except KeyringError as exc:
        raise CacheKeyUnavailable(f"keyring unusable: {type(exc).__name__}") from exc
    if kept != key.hex():
        raise CacheKeyUnavailable("the keyring did not keep the cache key")
    return key


def forget_cache_key(profile_dir: Path) -> bool:
    """Remove the profile's cache key from the keyring; True when one was removed."""
    key_id = _key_id(profile_dir, create=False)
    if key_id is None:
        return False
    try:
        keyring.delete_password(cache_key_service(key_id), CACHE_KEY_USER)
    except (PasswordDeleteError, KeyringError):
        return False
    return True


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in memory only (tests, demo/training mode), installed explicitly
    with ``keyring.set_keyring``. Never chosen by keyring's own detection: a viable backend
    would join its chain behind the Secret Service (or stand alone on a desktop without one)
    and silently keep tokens and cache keys only until the process ends."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("MemoryKeyring is only ever installed explicitly")

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)
