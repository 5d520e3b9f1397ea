"""A cache written by the previous schema (rev 0001) opens in this version with nothing lost.

``tests/fixtures/cache-rev0001.zip`` was made by the rev-0001 code
(``tests/fixtures/make_cache_rev0001.py`` says how): a synced agency admin's profile with pending
offline work, a rejected and a conflicting action, drafts and a downloaded attachment, plus the
reference server's database as it was when the laptop went offline. The test opens the profile
the way the desktop does (``Workstation.sign_in`` -> ``Session`` -> ``open_cache``: migrations,
and whatever else opening does to an old file), then checks every complaint, outbox entry, draft
and attachment, and that the pending work reaches the server exactly once.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from lapor_desk.models.cache.at_rest import file_is_sealed
from lapor_desk.models.cache.schema import Attachment, Blob, SyncState
from lapor_desk.models.cache.store import current_revision, head_revision
from lapor_desk.server import db as server_db
from lapor_desk.server.database import init_database
from lapor_desk.server.settings import ServerSettings
from lapor_desk.services import Workstation, use_memory_keyring
from tests.support.live_server import PASSWORD, LiveServer, start_server
from tests.support.profile_fixture import readdress_profile

pytestmark = pytest.mark.timeout(180)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "cache-rev0001.zip"
WALK_IN_TITLE = "Jembatan kayu di Desa Lalonggasu rusak parah"


@dataclass
class Laptop:
    manifest: dict[str, Any]
    profiles: Path
    server: LiveServer

    def outbox(self, state: str | None = None) -> list[dict[str, Any]]:
        return [e for e in self.manifest["outbox"] if state is None or e["state"] == state]


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Laptop]:
    """The fixture unpacked somewhere else than where it was made (as after a restore), and
    its server serving again (on a free port: the profile follows it, tests/support/
    profile_fixture.py)."""
    use_memory_keyring()
    with zipfile.ZipFile(FIXTURE) as archive:
        archive.extractall(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["cache_revision"] == "0001"
    url = f"sqlite:///{tmp_path / 'server' / 'server.sqlite3'}"
    init_database(url)  # a newer server schema migrates the saved server database too
    settings = ServerSettings(database_url=url, blob_dir=tmp_path / "server" / "blobs",
                              auto_close_interval=0)
    server = start_server(settings)
    try:
        [profile] = (tmp_path / "profiles").iterdir()
        readdress_profile(profile, server.url)
        yield Laptop(manifest, tmp_path / "profiles", server)
    finally:
        server.stop()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_upgraded(laptop: Laptop) -> Workstation:
    station = Workstation(laptop.profiles, device="fixture-laptop")
    [profile] = station.known_profiles()
    assert profile.username == laptop.manifest["user"]
    info = station.sign_in(profile.server_url, profile.username, PASSWORD)
    assert Path(info.profile_dir) == Path(profile.directory)  # the old profile, not a new one
    return station


def test_old_cache_opens_with_every_complaint_action_draft_and_file(laptop: Laptop) -> None:
    station = open_upgraded(laptop)
    try:
        cache = station.session.require_cache()
        assert current_revision(cache.engine) == head_revision()
        manifest = laptop.manifest

        ids = manifest["complaints"]
        assert len(ids) > 100
        assert sorted(r.id for r in station.rows(ids)) == ids
        status = station.status()
        assert (status.complaints, status.pending, status.rejected, status.conflicts) == (
            len(ids), len(laptop.outbox("pending")), 1, 1)

        items = station.outbox_review.items()
        assert sorted((i.mutation_id, i.kind, i.complaint_id, i.state) for i in items) == [
            (e["mutation_id"], e["kind"], e["complaint_id"], e["state"])
            for e in manifest["outbox"]]
        [rejected] = station.outbox_review.items(["rejected"])
        assert rejected.reason == "out_of_scope"
        [conflict] = station.outbox_review.items(["conflict"])
        assert conflict.server is not None and conflict.server.status == "postponed"
        walk_in = station.detail(manifest["walk_in"])
        assert walk_in.reporter_name == "Wa Ode Sitti"

        drafts = manifest["drafts"]
        for kind in ("follow_up", "internal_note"):
            draft = station.replies.draft(drafts["complaint_id"], kind)
            assert draft is not None and draft.text == drafts[kind]

        with cache.engine.connect() as connection:
            downloaded = connection.execute(select(Attachment.sha256).where(
                Attachment.id == manifest["downloaded"]["attachment_id"])).scalar_one()
            own = dict(connection.execute(select(Blob.sha256, Blob.uploaded)).all())
        assert downloaded == manifest["downloaded"]["sha256"]
        for sha in [downloaded] + [sha for _c, sha in manifest["uploads"].values()]:
            local = cache.blob_dir / sha[:2] / sha  # kept, and sealed at rest now
            assert local.is_file() and file_is_sealed(local)
            assert hashlib.sha256(cache.blobs.read(sha)).hexdigest() == sha
        assert own[downloaded] is True
        assert not any(own[sha] for _c, sha in manifest["uploads"].values())
    finally:
        station.close()


def test_pending_work_of_the_old_cache_reaches_the_server_exactly_once(laptop: Laptop) -> None:
    station = open_upgraded(laptop)
    try:
        pending = laptop.outbox("pending")
        outcome = station.sync()
        assert (outcome.pushed, outcome.applied, outcome.rejected, outcome.conflicts) == (
            len(pending), len(pending), 0, 0)
        assert station.sync().pushed == 0  # nothing left, nothing sent twice
        status = station.status()
        assert (status.pending, status.rejected, status.conflicts) == (0, 1, 1)
        walk_in = station.rows([laptop.manifest["walk_in"]])[0]
        assert walk_in.tracking_number  # the server numbered the walk-in complaint
        with station.session.require_cache().engine.connect() as connection:
            client_id = connection.execute(select(SyncState.client_id)).scalar_one()
    finally:
        station.close()

    uploads = laptop.manifest["uploads"]
    with laptop.server.session() as s:
        client_results = s.execute(select(
            server_db.MutationResult.mutation_id, server_db.MutationResult.outcome).where(
            server_db.MutationResult.client_id == client_id)).all()
        applied = sorted(m for m, outcome in client_results if outcome == "applied")
        assert applied == [e["mutation_id"] for e in pending]
        assert s.execute(select(func.count()).select_from(server_db.Complaint).where(
            server_db.Complaint.title == WALK_IN_TITLE)).scalar_one() == 1
        replied, letter = uploads["follow_up"]
        assert s.execute(select(func.count()).select_from(server_db.Attachment).where(
            server_db.Attachment.complaint_id == replied,
            server_db.Attachment.sha256 == letter)).scalar_one() == 1
        for _complaint, sha in uploads.values():
            blob = s.get(server_db.Blob, sha)
            assert blob is not None and blob.complete
            assert sha256(laptop.server.settings.blob_dir / sha[:2] / sha) == sha
