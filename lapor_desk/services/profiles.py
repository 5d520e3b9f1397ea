"""Profiles: one per server and user, each a directory (cache, blobs, logs) under the platform's
data directory, owner-only (0700; files 0600). ``profile.json`` keeps what the login screen offers
again (no secrets: the session token and the cache key live in the OS keyring)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, replace
from pathlib import Path
from urllib.parse import urlsplit

from lapor_desk.models.cache.permissions import PRIVATE_FILE_MODE, make_private_dir
from lapor_desk.paths import PROFILE_FILE, desk_paths
from lapor_desk.services.types import UserProfile


def default_root() -> Path:
    return desk_paths().profiles


def normalise_server(url: str) -> str:
    url = url.strip().rstrip("/")
    if url and "://" not in url:
        url = "https://" + url
    return url


def address_problem(url: str) -> str | None:
    """Why the desktop would refuse to talk to the server address ``url`` as typed (``None``
    when it would not): ``plain_http`` for ``http://`` to another computer, ``invalid_address``.
    The same check the transport makes before it connects (sync/address.py)."""
    from lapor_desk.sync.address import address_problem as problem

    return problem(normalise_server(url)) if url.strip() else None


def profile_slug(server_url: str, username: str) -> str:
    parts = urlsplit(normalise_server(server_url))
    host = (parts.netloc or parts.path).replace(":", "_")
    raw = f"{username}@{host}{parts.path if parts.netloc else ''}"
    return re.sub(r"[^A-Za-z0-9._@-]+", "_", raw).strip("_")[:120]


class ProfileStore:
    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()

    def directory(self, server_url: str, username: str) -> Path:
        return self.root / profile_slug(server_url, username)

    def save(self, profile: UserProfile) -> None:
        """Write ``profile.json`` whole or not at all (a full disk keeps the previous one)."""
        path = make_private_dir(Path(profile.directory))
        target = path / PROFILE_FILE
        partial = path / (PROFILE_FILE + ".tmp")
        descriptor = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, PRIVATE_FILE_MODE)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as out:
                out.write(json.dumps(asdict(profile), indent=2))
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    def load(self, directory: Path) -> UserProfile | None:
        try:
            data = json.loads((directory / PROFILE_FILE).read_text("utf-8"))
            return replace(UserProfile(**data), directory=str(directory))
        except (OSError, ValueError, TypeError):
            return None

    def all(self) -> list[UserProfile]:
        """Known profiles, most recently used first."""
        if not self.root.is_dir():
            return []
        found = [p for p in (self.load(d) for d in self.root.iterdir() if d.is_dir()) if p]
        return sorted(found, key=lambda p: p.last_used, reverse=True)


class FolderStore(ProfileStore):
    """One profile in a folder named by the person (``lapor-desk sync --profile DIR``), whatever
    the server and user; no ``profile.json`` is written there (the desktop lists only its own
    profiles)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder.parent)
        self.folder = folder

    def directory(self, server_url: str, username: str) -> Path:
        return self.folder

    def save(self, profile: UserProfile) -> None:
        return None
