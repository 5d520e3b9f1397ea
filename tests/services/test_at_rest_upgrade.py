"""A profile of the version with an encrypted cache but plain drafts and attachment files opens
in this version with its files sealed, their plaintext gone from the disk, and nothing lost.

``tests/fixtures/profile-plain-files.zip`` was made by that version's code
(``tests/fixtures/make_profile_plain_files.py`` says how): downloaded attachments, a broken-off
download, a copy handed to the system's application, a follow-up and a walk-in complaint whose
files wait in the outbox, drafts naming a reporter and her NIK. The test opens it the way the
desktop does (``Workstation.sign_in``), checks the disk holds none of the plaintext any more,
that every draft and file reads back the same, and that the waiting files reach the server
exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
from sqlalchemy import select

from lapor_desk.models.cache.at_rest import file_is_sealed
from lapor_desk.server import db as server_db
from lapor_desk.server.database import init_database
from lapor_desk.server.settings import ServerSettings
from lapor_desk.services import Workstation, use_memory_keyring
from lapor_desk.sync import credentials
from tests.support.live_server import PASSWORD, LiveServer, start_server
from tests.support.profile_fixture import readdress_profile

pytestmark = pytest.mark.timeout(180)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "profile-plain-files.zip"


@dataclass
class Laptop:
    manifest: dict[str, Any]
    profiles: Path
    profile: Path
    server: LiveServer

    def plaintexts(self) -> list[bytes]:
        """What must not be found on disk: the markers, and a slice of each attachment."""
        found = [m.encode() for m in self.manifest["markers"]]
        blobs = self.server.settings.blob_dir
        for item in self.manifest["downloaded"]:
            sha = item["sha256"]
            found.append((blobs / sha[:2] / sha).read_bytes()[40:80])
        return found


def on_disk(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Laptop]:
    use_memory_keyring()
    with zipfile.ZipFile(FIXTURE) as archive:
        archive.extractall(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    # The cache key, where the OS keyring kept it for that profile.
    keyring.set_password(credentials.cache_key_service(manifest["cache_key_id"]),
                         credentials.CACHE_KEY_USER, manifest["cache_key"])
    url = f"sqlite:///{tmp_path / 'server' / 'server.sqlite3'}"
    init_database(url)
    settings = ServerSettings(database_url=url, blob_dir=tmp_path / "server" / "blobs",
                              auto_close_interval=0)
    server = start_server(settings)
    try:
        profile = readdress_profile(tmp_path / manifest["profile"], server.url)
        yield Laptop(manifest, tmp_path / "profiles", profile, server)
    finally:
        server.stop()


def open_upgraded(laptop: Laptop) -> Workstation:
    station = Workstation(laptop.profiles, device="fixture-laptop")
    [profile] = station.known_profiles()
    info = station.sign_in(profile.server_url, profile.username, PASSWORD)
    assert Path(info.profile_dir) == laptop.profile  # the old profile, not a new one
    return station


def test_plain_drafts_and_files_are_sealed_with_nothing_lost(laptop: Laptop) -> None:
    manifest = laptop.manifest
    before = on_disk(laptop.profile)
    assert all(p in before for p in laptop.plaintexts())  # what that version left in clear
    station = open_upgraded(laptop)
    try:
        after = on_disk(laptop.profile)
        assert [p for p in laptop.plaintexts() if p in after] == []
        assert file_is_sealed(laptop.profile / "drafts.json")
        blobs = sorted(p for p in (laptop.profile / "blobs").rglob("*") if p.is_file())
        assert blobs and all(file_is_sealed(p) for p in blobs)
        assert not [p for p in blobs if p.name.endswith(".part")]  # the plain partial: gone
        assert not (laptop.profile / manifest["opened"]).exists()
        assert not list((laptop.profile / "opened").rglob("*.*"))

        drafts = manifest["drafts"]
        for kind in ("follow_up", "internal_note"):
            draft = station.replies.draft(drafts["complaint_id"], kind)
            assert draft is not None and draft.text == drafts[kind]
        service = station.attachments
        for item in manifest["downloaded"]:
            assert service.info(item["attachment_id"]).available
            content = service.content(item["attachment_id"])
            assert hashlib.sha256(content).hexdigest() == item["sha256"]
        # The broken-off download starts again and arrives whole.
        partial = manifest["partial"]
        content = service.content(partial["attachment_id"])
        assert hashlib.sha256(content).hexdigest() == partial["sha256"]
        cache = station.session.require_cache()
        for _complaint, sha in manifest["uploads"].values():
            assert hashlib.sha256(cache.blobs.read(sha)).hexdigest() == sha
    finally:
        station.close()
    sealed = on_disk(laptop.profile / "blobs") + (laptop.profile / "drafts.json").read_bytes()

    again = open_upgraded(laptop)  # a second opening finds nothing more to do
    try:
        assert on_disk(laptop.profile / "blobs") + (
            laptop.profile / "drafts.json").read_bytes() == sealed
        assert again.replies.draft(manifest["drafts"]["complaint_id"], "follow_up") is not None
    finally:
        again.close()


def test_files_waiting_in_the_outbox_reach_the_server_as_they_were(laptop: Laptop) -> None:
    station = open_upgraded(laptop)
    try:
        outcome = station.sync()
        assert (outcome.pushed, outcome.applied) == (laptop.manifest["pending"],) * 2
        assert station.status().pending == 0
    finally:
        station.close()
    with laptop.server.session() as s:
        for complaint, sha in laptop.manifest["uploads"].values():
            blob = s.get(server_db.Blob, sha)
            assert blob is not None and blob.complete
            assert s.execute(select(server_db.Attachment.id).where(
                server_db.Attachment.complaint_id == complaint,
                server_db.Attachment.sha256 == sha)).first() is not None
            served = laptop.server.settings.blob_dir / sha[:2] / sha
            assert hashlib.sha256(served.read_bytes()).hexdigest() == sha  # the plaintext
