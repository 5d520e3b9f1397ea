"""Session tokens in the operating system's keyring (never in a plain file).

Service name ``lapor-desk``; the key is ``"<server>|<user>"``. Tests install
:class:`MemoryKeyring` with ``keyring.set_keyring(MemoryKeyring())``.
"""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

SERVICE = "lapor-desk"


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


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in memory only (tests, demo/training mode)."""

    priority = 1

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
