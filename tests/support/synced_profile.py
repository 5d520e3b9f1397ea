"""A profile signed in and synced once per module and user, copied for every test that starts
from it, instead of a sign-in and a full first sync per test.

The first test that asks for ``username`` on the module's server (tests/support/shared_server.py)
signs in and syncs a throwaway desk; its profile folder and the secrets it put in the keyring
(the token and the cache key) are kept, and so is the server's data right after that sign-in
(the token's row, ...). Every test then gets: the server's data put back to that moment, a copy
of the folder where its own desk keeps that profile, and the secrets in its keyring. The desk
opens it as a known profile (``resume``) and syncs once, which brings nothing new: the desk is
where it would be after signing in and syncing itself.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import keyring

from lapor_desk.services import Workstation
from lapor_desk.services.profiles import ProfileStore, UserProfile
from lapor_desk.sync.credentials import MemoryKeyring
from tests.support.shared_server import SharedServer


class RecordingKeyring(MemoryKeyring):
    """A memory keyring that remembers what was put in it, to put the same in another."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password)
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        super().delete_password(service, username)
        self.entries.pop((service, username), None)


@dataclass
class _Kept:
    generation: int
    folder: Path
    secrets: dict[tuple[str, str], str] = field(default_factory=dict)


class SyncedProfiles:
    def __init__(self, shared: SharedServer, workdir: Path) -> None:
        self.shared = shared
        self.workdir = workdir
        self._kept: dict[str, _Kept] = {}

    def place(self, store: ProfileStore, username: str, password: str,
              device: str = "pytest") -> UserProfile | None:
        """Copy ``username``'s synced profile into ``store`` (its secrets into the keyring in
        use) and put the server's data back to just after its sign-in; returns the profile to
        resume. None when that would undo something: the test wrote to the server's data
        already (another desk signed in, files registered...) or it runs on PostgreSQL, where
        that is not known; the caller then signs in and syncs as usual."""
        live = self.shared.live
        assert live is not None
        if not self.shared.untouched():
            return None
        name = f"signed-in-{username}-{device}"
        kept = self._kept.get(name)
        if kept is None or kept.generation != self.shared.generation:
            kept = self._make(live.url, username, password, device, name)
        else:
            self.shared.restore(name)
        target = store.directory(live.url, username)
        shutil.copytree(kept.folder, target)
        for (service, user), secret in kept.secrets.items():
            keyring.set_password(service, user, secret)
        profile = store.load(target)
        assert profile is not None, target
        return profile

    def _make(self, url: str, username: str, password: str, device: str, name: str) -> _Kept:
        generation = self.shared.generation
        root = self.workdir / f"{name}-{generation}"
        in_use = keyring.get_keyring()
        recording = RecordingKeyring()
        keyring.set_keyring(recording)
        try:
            station = Workstation(root, device=device)
            try:
                station.sign_in(url, username, password)
                station.sync()
            finally:
                station.close()
        finally:
            keyring.set_keyring(in_use)
        self.shared.keep(name)
        kept = _Kept(generation, ProfileStore(root).directory(url, username),
                     dict(recording.entries))
        self._kept[name] = kept
        return kept
