"""Backups that restore: ``lapor-server backup --to DIR`` and ``restore --from DIR``.

A backup directory holds the database (PostgreSQL: ``pg_dump`` custom format; SQLite: a copy made
through SQLite's online backup API), the blobs the database holds complete, and ``manifest.json``
(written last: a directory without it is no backup) with the database's position (its epoch and
change counter) and checksums. It is made while the server runs and writes:

- the database is read from one snapshot (PostgreSQL: ``pg_dump --snapshot`` of a snapshot that
  also lists the blobs; SQLite: the copy, from which the list is read);
- the server writes a blob's file before the row that records it complete, and never deletes a
  complete blob, so every blob that snapshot names is on disk when it is copied after it. Each is
  checked against its SHA-256 (its name) as it is copied.

A restore checks every checksum before it changes anything, puts the database and the blobs
back, migrates the database to this version's schema, gives it a new epoch
(:mod:`lapor_desk.server.epoch`) and ends every session (tokens revoked after the backup was made
would otherwise be valid again). Desktops notice the new epoch and send again what the restored
server no longer holds (docs/sync-protocol.md, "Restores and the epoch"). The server must be
stopped while a restore runs.
"""

from lapor_desk.server.backup.errors import BackupError
from lapor_desk.server.backup.manifest import Manifest
from lapor_desk.server.backup.run import make_backup, restore_backup

__all__ = ["BackupError", "Manifest", "make_backup", "restore_backup"]
