"""A keyring kept in a JSON file, for the UI benchmark only.

The desktop keeps two secrets per profile in the OS keyring: the session token and the cache's
encryption key. The tests use an in-memory keyring; a benchmark that starts the desktop again and
again in fresh processes needs the same secrets every time, as the OS keyring would give them,
so here they live in a file beside the benchmark's throwaway profile (never use this for a real
profile: the file is plain text).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

SEPARATOR = "\x1f"


class FileKeyring(KeyringBackend):
    priority = 1

    def __init__(self, path: Path | str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.path = Path(path)

    def _read(self) -> dict[str, str]:
        try:
            return dict(json.loads(self.path.read_text("utf-8")))
        except FileNotFoundError:
            return {}

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1), "utf-8")
        os.replace(temporary, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(service + SEPARATOR + username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[service + SEPARATOR + username] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if data.pop(service + SEPARATOR + username, None) is None:
            raise PasswordDeleteError(username)
        self._write(data)

    def rename_user(self, service: str, old: str, new: str) -> None:
        """Move an entry to another user name (a profile served on another URL)."""
        data = self._read()
        value = data.pop(service + SEPARATOR + old, None)
        if value is not None:
            data[service + SEPARATOR + new] = value
            self._write(data)
