"""``lapor-server backup`` / ``restore`` against the real server on SQLite and PostgreSQL: a backup
made while the server writes is consistent (every blob its database names is in it, checked), a
restore gives the database a new epoch that health, pull and push carry, ends every session,
voids cursors, refuses pushes made against the old epoch, and a damaged backup changes nothing."""

from __future__ import annotations

import hashlib
import itertools
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, func, select

from lapor_desk.models.ids import uuid7
from lapor_desk.server.backup import BackupError, make_backup, restore_backup
from lapor_desk.server.backup.manifest import Manifest
from lapor_desk.server.cli import main as server_cli
from lapor_desk.server.db import Attachment, ComplaintEvent, Counter, ServerMeta
from tests.server.client import Api
from tests.support.live_server import DatabaseFactory, start_server
from tests.support.restorable import Restorable

pytestmark = pytest.mark.timeout(180)

ADMIN = "admin.kendari"


@pytest.fixture
def served(db_factory: DatabaseFactory, seeded_template: tuple[str, Any],
           tmp_path: Path) -> Iterator[Restorable]:
    server = Restorable.start(db_factory, seeded_template, tmp_path / "blobs")
    yield server
    server.stop()


def _meta(url: str, key: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(ServerMeta.value).where(
                ServerMeta.key == key)).scalar_one_or_none()
    finally:
        engine.dispose()


def _notable(api: Api) -> list[str]:
    view, _ = api.pull_all()
    return sorted(view["state"]["complaint"])


def _note(api: Api, complaint_id: str, body: str, content: bytes | None = None) -> dict[str, Any]:
    attachments = []
    if content is not None:
        sha = api.upload(content)
        attachments = [{"id": uuid7(), "sha256": sha, "size": len(content),
                        "mime_type": "text/plain", "filename": "catatan.txt"}]
    return api.do("internal_note", complaint_id, 0, follow_up_id=uuid7(), body=body,
                  attachments=attachments)


def test_a_backup_made_while_the_server_writes_holds_every_blob_its_database_names(
        served: Restorable, db_factory: DatabaseFactory, tmp_path: Path) -> None:
    api = served.login(ADMIN)
    complaints = _notable(api)
    stop = threading.Event()
    written: list[int] = []
    failures: list[BaseException] = []

    def write() -> None:
        try:
            for n in itertools.count():
                if stop.is_set():
                    return
                content = f"lampiran {n} {uuid.uuid4()}".encode() * 50
                answer = _note(api, complaints[n % len(complaints)], f"catatan {n}", content)
                assert answer["outcome"] == "applied", answer
                written.append(n)
        except (AssertionError, requests.RequestException) as error:  # reported below
            failures.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 3:
            assert writer.is_alive(), failures
            threading.Event().wait(0.05)
        before = len(written)
        manifest = make_backup(served.settings.database_url,
                               served.settings.resolved_blob_dir(), tmp_path / "backup")
        during = len(written) - before
        while len(written) < before + during + 3:
            assert writer.is_alive(), failures
            threading.Event().wait(0.05)
    finally:
        stop.set()
        writer.join(30)
    assert not failures, failures
    assert manifest.blobs, "the seeded attachments' blobs are in the backup"
    # The live database publishes where the backup stands.
    assert _meta(served.settings.database_url, "backup_seq") == str(manifest.position.seq)

    # Restored elsewhere: the database stands exactly at the manifest's position, and every
    # attachment it names has its blob, intact.
    url = db_factory.new_url()
    blobs = tmp_path / "restored-blobs"
    restore_backup(url, blobs, tmp_path / "backup")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            counter = connection.execute(select(Counter.value).where(
                Counter.name == "change_seq")).scalar_one()
            named = set(connection.execute(select(Attachment.sha256)).scalars())
            notes = connection.execute(select(func.count()).select_from(ComplaintEvent).where(
                ComplaintEvent.client_id == api.client_id)).scalar_one()
    finally:
        engine.dispose()
    assert counter == manifest.position.seq
    assert 0 < notes < len(written)  # some notes before the backup, the later ones not in it
    assert named <= set(manifest.blobs)
    for sha in named:
        assert hashlib.sha256((blobs / sha[:2] / sha).read_bytes()).hexdigest() == sha


def test_a_restore_gives_a_new_epoch_ends_sessions_voids_cursors_and_old_pushes(
        served: Restorable, tmp_path: Path) -> None:
    api = served.login(ADMIN)
    before = requests.get(served.base + "/health", timeout=10).json()["epoch"]
    view, _ = api.pull_all()
    page = api.pull(view["cursor"])
    assert page["epoch"] == before and page["backup_seq"] is None
    first, second = _notable(api)[:2]
    assert _note(api, first, "sebelum cadangan")["outcome"] == "applied"
    make_backup(served.settings.database_url, served.settings.resolved_blob_dir(),
                tmp_path / "backup")
    lost = _note(api, second, "sesudah cadangan: hilang saat dipulihkan")
    assert lost["outcome"] == "applied"
    cursor = api.pull_all(view["cursor"])[0]["cursor"]
    assert api.pull(cursor)["backup_seq"] is not None

    served.restore(tmp_path / "backup")

    after = requests.get(served.base + "/health", timeout=10).json()["epoch"]
    assert after != before
    old = api.get("/sync/pull")
    assert old.status_code == 401 and old.json()["error"]["code"] == "token_revoked"
    again = served.login(ADMIN)
    again.client_id, again.next_mutation = api.client_id, api.next_mutation
    reset = again.pull(cursor)
    assert reset["reset"] is True and reset["cursor"] is None and reset["epoch"] == after

    # A push made against the old epoch is refused whole, nothing applied.
    retry = again.action("internal_note", second, 0, follow_up_id=uuid7(), body="lagi")
    refused = again.post("/sync/push", json={"client_id": again.client_id, "epoch": before,
                                             "actions": [retry]})
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"] == {**refused.json()["error"], "code": "epoch_changed",
                                       "epoch": after}
    answer = again.post("/sync/push", json={"client_id": again.client_id, "epoch": after,
                                            "actions": [retry]})
    assert answer.status_code == 200 and answer.json()["epoch"] == after
    assert answer.json()["results"][0]["outcome"] == "applied"
    engine = create_engine(served.settings.database_url)
    try:
        with engine.connect() as connection:
            mutations = sorted(connection.execute(select(ComplaintEvent.mutation_id).where(
                ComplaintEvent.client_id == api.client_id)).scalars())
    finally:
        engine.dispose()
    # The note before the backup and the one sent after the restore; the lost one is gone.
    assert mutations == [1, 3]


def test_a_damaged_backup_is_refused_before_anything_changes(served: Restorable,
                                                              tmp_path: Path) -> None:
    backup = tmp_path / "backup"
    manifest = make_backup(served.settings.database_url, served.settings.resolved_blob_dir(),
                           backup)
    sha = next(iter(manifest.blobs))
    damaged = backup / "blobs" / sha[:2] / sha
    damaged.write_bytes(b"X" + damaged.read_bytes()[1:])
    epoch = _meta(served.settings.database_url, "epoch")
    served.live.stop()
    with pytest.raises(BackupError) as refused:
        restore_backup(served.settings.database_url, served.settings.resolved_blob_dir(),
                       backup)
    assert refused.value.code == "blob_damaged"
    assert _meta(served.settings.database_url, "epoch") == epoch
    served.live = start_server(served.settings, served.live.seed, port=served.port)
    (backup / "manifest.json").unlink()
    with pytest.raises(BackupError) as unfinished:
        Manifest.read(backup)
    assert unfinished.value.code == "not_a_backup"


def test_the_commands_back_up_and_ask_before_restoring(served: Restorable, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    url = served.settings.database_url
    blobs = str(served.settings.resolved_blob_dir())
    target = tmp_path / "cadangan"
    assert server_cli(["backup", "--db", url, "--to", str(target), "--blobs", blobs]) == 0
    assert (target / "manifest.json").is_file() and target.stat().st_mode & 0o077 == 0
    assert server_cli(["backup", "--db", url, "--to", str(target), "--blobs", blobs]) == 1
    assert "not empty" in capsys.readouterr().err
    assert server_cli(["restore", "--db", url, "--from", str(target), "--blobs", blobs]) == 1
    assert "--yes" in capsys.readouterr().err


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True, scope="session")
def test_a_restore_refuses_a_database_in_use(served: Restorable, tmp_path: Path) -> None:
    """PostgreSQL: while the server (any worker) holds connections, nothing is restored (SQLite
    keeps no list of the processes that use a file: the documentation says to stop the server)."""
    served.backup(tmp_path / "backup")
    api = served.login(ADMIN)
    api.pull()  # the server holds a connection
    epoch = _meta(served.settings.database_url, "epoch")
    with pytest.raises(BackupError) as refused:
        restore_backup(served.settings.database_url, served.blob_dir, tmp_path / "backup")
    assert refused.value.code == "in_use" and "stop the server" in refused.value.message
    assert _meta(served.settings.database_url, "epoch") == epoch
