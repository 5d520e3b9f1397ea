"""``manifest.json``: what a backup holds, where the database stood, and the checksums."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from lapor_desk.server.backup.errors import BackupError

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1 << 20


@dataclass(frozen=True)
class Position:
    """Where the database stood in the backup: its epoch and change counter (every change up to
    ``seq`` is in it, none after)."""

    epoch: str
    seq: int
    instance_id: str
    #: The Alembic revision of the backed-up schema.
    revision: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    backend: str  # "postgresql" | "sqlite"
    database_file: str
    database_sha256: str
    database_size: int
    position: Position
    #: Every blob held complete in the backed-up database: SHA-256 (its checksum) -> size.
    blobs: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> bytes:
        return orjson.dumps({
            "format": FORMAT, "created_at": self.created_at, "backend": self.backend,
            "database": {"file": self.database_file, "sha256": self.database_sha256,
                         "size": self.database_size},
            "position": {"epoch": self.position.epoch, "seq": self.position.seq,
                         "instance_id": self.position.instance_id,
                         "revision": self.position.revision},
            "blobs": {"count": len(self.blobs), "bytes": sum(self.blobs.values()),
                      "files": self.blobs},
        }, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)

    def write(self, directory: Path) -> None:
        temporary = directory / (MANIFEST + ".tmp")
        temporary.write_bytes(self.to_json())
        temporary.replace(directory / MANIFEST)

    @classmethod
    def read(cls, directory: Path) -> Manifest:
        path = directory / MANIFEST
        if not path.is_file():
            raise BackupError(f"{directory} holds no finished backup (no {MANIFEST})",
                              code="not_a_backup")
        try:
            data: dict[str, Any] = orjson.loads(path.read_bytes())
            if data.get("format") != FORMAT:
                raise BackupError(f"{path}: unknown backup format {data.get('format')!r}",
                                  code="not_a_backup")
            database, position = data["database"], data["position"]
            blobs = {str(sha): int(size) for sha, size in data["blobs"]["files"].items()}
            return cls(str(data["created_at"]), str(data["backend"]), str(database["file"]),
                       str(database["sha256"]), int(database["size"]),
                       Position(str(position["epoch"]), int(position["seq"]),
                                str(position["instance_id"]), str(position["revision"])),
                       blobs)
        except (KeyError, TypeError, ValueError, AttributeError, orjson.JSONDecodeError) as error:
            raise BackupError(f"{path} is damaged: {error}", code="not_a_backup") from None


def file_sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
