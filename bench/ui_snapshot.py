"""A synced world for the UI benchmark, made once and reused: the server database with the
sessions it issued, the desktop profile of a national admin (the one measured) and the headless
profile of a second national admin (the one who makes changes while the window syncs).

It lives in ``bench/results/ui-<complaints>-s<seed>/`` with a ``stamp.json``. The stamp names the
cache's Alembic head, a hash of the files that define the cache schema and the wire format, and
the seeded server database it came from; a snapshot whose stamp differs, or whose cache cannot be
opened and read as expected, is built again. Every run works on a copy (:func:`working_copy`), so
the snapshot itself never changes.

The desk's secrets (session token, cache key) are in ``keyring.json`` (``bench/ui_keyring.py``).
The profile is addressed by its server's URL (``ProfileStore.directory``, the token's keyring
entry), and each run serves on a fresh port: the copy moves the profile to the directory the new
URL names, rewrites the URL in its ``profile.json`` and moves the token's keyring entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import PASSWORD, ROOT

#: Files whose change makes a cached profile suspect: the cache's schema and migrations (edited in
#: place during development as well as by new revisions) and the server's.
STAMPED = ("lapor_desk/models/cache/schema.py", "lapor_desk/models/cache/fts.py",
           "lapor_desk/models/migrations", "lapor_desk/server/migrations", "lapor_desk/server/db.py")
DESK_USER = "nasional1"
WRITER_USER = "nasional2"
TOKEN_FILE = "bench-token"
FORMAT = 1  # of the snapshot layout itself


def source_hash() -> str:
    digest = hashlib.sha256()
    for name in STAMPED:
        path = ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(str(file.relative_to(ROOT)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def stamp(complaints: int, server_db: Path) -> dict[str, Any]:
    from lapor_desk.models.cache.store import head_revision
    from lapor_desk.sync.protocol import SCHEMA_VERSION

    info = server_db.stat()
    return {"format": FORMAT, "complaints": complaints, "cache_head": head_revision(),
            "wire_schema": SCHEMA_VERSION, "sources": source_hash(),
            "server_db": [info.st_size, info.st_mtime_ns]}


@dataclass(frozen=True)
class Snapshot:
    root: Path

    @property
    def server_db(self) -> Path:
        return self.root / "server.sqlite3"

    @property
    def profiles(self) -> Path:
        return self.root / "profiles"

    @property
    def writer(self) -> Path:
        return self.root / "writer"

    @property
    def keyring(self) -> Path:
        return self.root / "keyring.json"

    @property
    def stamp_file(self) -> Path:
        return self.root / "stamp.json"

    def desk_profile(self) -> Path:
        found = [d for d in self.profiles.iterdir() if (d / "profile.json").exists()]
        if len(found) != 1:
            raise ValueError(f"expected one desk profile in {self.profiles}, found {found}")
        return found[0]


def read_cache(cache_dir: Path, keyring_file: Path | None) -> tuple[str | None, str, int]:
    """(Alembic revision, user name, complaints) of a cache, opened the way its owner opens it:
    the desk's through its keyring key (when this version encrypts caches), the writer's plain.
    Never migrates."""
    from sqlalchemy import text

    from lapor_desk.models.cache.store import current_revision, open_cache

    if keyring_file is not None:
        import keyring

        from bench.ui_keyring import FileKeyring

        keyring.set_keyring(FileKeyring(keyring_file))
        try:
            from lapor_desk.sync.secure_cache import open_secure_cache
        except ImportError:  # a version without cache encryption
            cache = open_cache(cache_dir, migrate=False)
        else:
            cache = open_secure_cache(cache_dir, migrate=False)
    else:
        cache = open_cache(cache_dir, migrate=False)
    try:
        revision = current_revision(cache.engine)
        with cache.engine.connect() as connection:
            username = connection.execute(text("SELECT username FROM sync_state")).scalar_one()
            complaints = connection.execute(text("SELECT count(*) FROM complaint")).scalar_one()
    finally:
        cache.close()
    return revision, str(username), int(complaints)


def problem(snapshot: Snapshot, expected: dict[str, Any]) -> str | None:
    """Why the snapshot cannot be used, or None when it can."""
    if not snapshot.stamp_file.exists():
        return "no snapshot yet"
    try:
        if json.loads(snapshot.stamp_file.read_text()) != expected:
            return "stamp differs (cache schema, wire format or seed changed)"
        if not (snapshot.writer / TOKEN_FILE).read_text().strip():
            return "the writer has no saved session"
        for cache_dir, user, keys in ((snapshot.desk_profile(), DESK_USER, snapshot.keyring),
                                      (snapshot.writer, WRITER_USER, None)):
            revision, username, complaints = read_cache(cache_dir, keys)
            if revision != expected["cache_head"]:
                return f"cache revision {revision} is not {expected['cache_head']}"
            if username != user or complaints < expected["complaints"] * 0.9:
                return f"{cache_dir.name}: {username} with {complaints} complaints"
    except Exception as exc:  # noqa: BLE001 - whatever stops it opening means: build again
        return f"cannot open the snapshot: {exc!r}"
    return None


def copy_database(source: Path, target: Path) -> None:
    """Copy a SQLite file whose writers have all closed (folds a leftover WAL in first)."""
    db = sqlite3.connect(source)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def copy_cache_dir(source: Path, target: Path) -> None:
    """Copy a closed profile as it is (its cache may be encrypted: copied with its ``-wal``)."""
    shutil.copytree(source, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*.sqlite3-shm"))


@dataclass(frozen=True)
class WorkingCopy:
    root: Path
    server_db: Path
    profiles: Path
    writer: Path
    keyring: Path
    settings: Path


def working_copy(snapshot: Snapshot, workdir: Path) -> WorkingCopy:
    """A throwaway copy of the snapshot under ``workdir``; call :func:`relocate` once its server's
    URL is known."""
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    copy_database(snapshot.server_db, workdir / "server.sqlite3")
    desk = snapshot.desk_profile()
    copy_cache_dir(desk, workdir / "profiles" / desk.name)
    copy_cache_dir(snapshot.writer, workdir / "writer")
    shutil.copyfile(snapshot.keyring, workdir / "keyring.json")
    return WorkingCopy(workdir, workdir / "server.sqlite3", workdir / "profiles",
                       workdir / "writer", workdir / "keyring.json", workdir / "qsettings")


def relocate(copy: WorkingCopy, server_url: str) -> None:
    """Point the copied desk profile at ``server_url`` (its directory is named by the URL)."""
    from bench.ui_keyring import FileKeyring
    from lapor_desk.services.profiles import ProfileStore
    from lapor_desk.sync import credentials

    store = ProfileStore(copy.profiles)
    (current,) = [d for d in copy.profiles.iterdir() if (d / "profile.json").exists()]
    data = json.loads((current / "profile.json").read_text("utf-8"))
    FileKeyring(copy.keyring).rename_user(
        credentials.SERVICE, credentials.key_for(data["server_url"], data["username"]),
        credentials.key_for(server_url, data["username"]))
    data["server_url"] = server_url
    target = store.directory(server_url, data["username"])
    data["directory"] = str(target)
    if target != current:
        current.rename(target)
    (target / "profile.json").write_text(json.dumps(data, indent=2), "utf-8")


Serve = Callable[[Path], Any]  # a context manager serving a database file, yielding its URL


def build(snapshot: Snapshot, seeded_db: Path, expected: dict[str, Any], serve: Serve,
          initial_sync: Callable[[Path, Path, Path, str], dict[str, Any]]) -> dict[str, Any]:
    """Make the snapshot from the seeded database. ``initial_sync(profiles, settings, keyring,
    url)`` signs the desk in and runs its first sync (the benchmark measures it); returns its
    figures."""
    building = snapshot.root.with_name(snapshot.root.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    work = Snapshot(building)
    copy_database(seeded_db, work.server_db)
    env = dict(os.environ, LAPOR_PASSWORD=PASSWORD,
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    with serve(work.server_db) as url:
        subprocess.run([sys.executable, "-m", "bench.ui_writer", "init", "--profile",
                        str(work.writer), "--server", url, "--user", WRITER_USER],
                       check=True, capture_output=True, text=True, env=env, cwd=ROOT)
        figures = initial_sync(work.profiles, building / "qsettings", work.keyring, url)
    shutil.rmtree(building / "qsettings", ignore_errors=True)
    work.stamp_file.write_text(json.dumps(expected))
    shutil.rmtree(snapshot.root, ignore_errors=True)
    building.rename(snapshot.root)
    reason = problem(snapshot, expected)
    if reason is not None:
        raise RuntimeError(f"the snapshot just built is not usable: {reason}")
    return figures
