"""Making a backup and restoring one (the steps; the parts are in the modules beside this)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import update

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.backup import databases
from lapor_desk.server.backup.blob_copy import BLOBS, blob_path, check_blob, copy_blobs
from lapor_desk.server.backup.errors import BackupError
from lapor_desk.server.backup.manifest import MANIFEST, Manifest, Position, file_sha256
from lapor_desk.server.database import init_database, is_sqlite, make_engine, transaction
from lapor_desk.server.db import Token
from lapor_desk.server.epoch import record_backup, start_new_epoch
from lapor_desk.server.logs import event

log = logging.getLogger(__name__)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def make_backup(database_url: str, blob_dir: Path, target: Path, *,
                clock: Callable[[], datetime] = utcnow) -> Manifest:
    """Back up the database and its blobs into ``target`` (a new or empty directory) while the
    server runs; the manifest is written last. The live database then publishes the backup's
    position (``backup_seq``), so desktops may let go of what it holds."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: back up into a new directory",
                          code="target_not_empty")
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)  # personal data (reporters, NIK): for the server's account alone
    started = clock()
    sqlite = is_sqlite(database_url)
    database_file = databases.SQLITE_FILE if sqlite else databases.PG_DUMP_FILE
    dump = databases.dump_sqlite if sqlite else databases.dump_postgresql
    snapshot = dump(database_url, target / database_file)
    copied = copy_blobs(snapshot.blobs, blob_dir, target / BLOBS)
    digest, size = file_sha256(target / database_file)
    manifest = Manifest(
        created_at=_stamp(started), backend="sqlite" if sqlite else "postgresql",
        database_file=database_file, database_sha256=digest, database_size=size,
        position=Position(snapshot.epoch, snapshot.seq, snapshot.instance_id, snapshot.revision),
        blobs=dict(snapshot.blobs))
    manifest.write(target)
    engine = make_engine(database_url)
    try:
        with transaction(engine) as session:
            published = record_backup(session, snapshot.epoch, snapshot.seq)
    finally:
        engine.dispose()
    event(log, "backup_done", target=str(target), seq=snapshot.seq, epoch=snapshot.epoch,
          blobs=len(snapshot.blobs), blob_bytes=copied, database_bytes=size,
          published=published)
    return manifest


def verify_backup(source: Path) -> Manifest:
    """The manifest, once the database file and every blob match their checksums."""
    manifest = Manifest.read(source)
    if manifest.database_file not in (databases.SQLITE_FILE, databases.PG_DUMP_FILE):
        raise BackupError(f"{source / MANIFEST} names an unknown database file",
                          code="not_a_backup")
    database = source / manifest.database_file
    if not database.is_file():
        raise BackupError(f"the backup lacks its database file {database}", code="not_a_backup")
    if file_sha256(database) != (manifest.database_sha256, manifest.database_size):
        raise BackupError(f"{database} does not match its checksum", code="backup_damaged")
    for sha, size in manifest.blobs.items():
        check_blob(blob_path(source / BLOBS, sha), sha, size)
    return manifest


def restore_backup(database_url: str, blob_dir: Path, source: Path, *,
                   clock: Callable[[], datetime] = utcnow) -> str:
    """Put the backup in ``source`` back (the server stopped): every checksum first, then the
    database, its blobs, the schema of this version, a new epoch, and no session left.
    Returns the new epoch."""
    manifest = verify_backup(source)
    sqlite = is_sqlite(database_url)
    if manifest.backend != ("sqlite" if sqlite else "postgresql"):
        raise BackupError(f"a {manifest.backend} backup cannot be restored into this "
                          "database", code="backend_mismatch")
    database = source / manifest.database_file
    if sqlite:
        databases.restore_sqlite(database_url, database)
    else:
        databases.restore_postgresql(database_url, database)
    copy_blobs(manifest.blobs.items(), source / BLOBS, blob_dir, skip_present=True)
    init_database(database_url)  # a backup of an older version: migrated to this one
    now = clock()
    engine = make_engine(database_url)
    try:
        with transaction(engine) as session:
            epoch = start_new_epoch(session, restored_from=manifest.created_at,
                                    position=manifest.position.seq, now=now)
            ended = session.connection().execute(update(Token).where(
                Token.revoked_at.is_(None)).values(revoked_at=now)).rowcount
    finally:
        engine.dispose()
    event(log, "restore_done", source=str(source), seq=manifest.position.seq,
          old_epoch=manifest.position.epoch, epoch=epoch, sessions_ended=ended,
          blobs=len(manifest.blobs))
    return epoch
