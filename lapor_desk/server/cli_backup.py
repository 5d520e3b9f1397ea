"""``lapor-server backup`` and ``lapor-server restore`` (server/backup/).

    lapor-server backup  --db URL --to DIR [--blobs DIR]
    lapor-server restore --db URL --from DIR [--blobs DIR] --yes

``backup`` runs beside the server (it may keep writing); ``restore`` needs the server stopped,
replaces the database and asks for ``--yes``, since everything after the backup is gone from the
server (desktops send their part again: docs/sync-protocol.md, "Restores and the epoch").
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from lapor_desk.server.backup import BackupError, make_backup, restore_backup

COMMANDS = ("backup", "restore")


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("backup", "back up the database and its blobs into a new directory")
    p.add_argument("--to", type=Path, required=True, help="a new (or empty) directory")
    p.add_argument("--blobs", type=Path, default=None, help="the server's blob directory")
    p = command("restore", "restore a backup (the server stopped; later changes are lost)")
    p.add_argument("--from", dest="source", type=Path, required=True,
                   help="a directory made by `lapor-server backup`")
    p.add_argument("--blobs", type=Path, default=None, help="the server's blob directory")
    p.add_argument("--yes", action="store_true",
                   help="yes, replace the database with the backup")


def run(args: argparse.Namespace, blob_dir: Path) -> int:
    """``blob_dir``: ``--blobs``, else the configuration's ``[blobs] dir``, else the default."""
    if args.command == "backup":
        manifest = make_backup(args.db, blob_dir, args.to)
        print(f"backup {args.to}: change {manifest.position.seq}, "
              f"{len(manifest.blobs)} blob(s), epoch {manifest.position.epoch}")
        return 0
    if not args.yes:
        raise BackupError("a restore replaces the database and loses every change made after "
                          "the backup: stop the server, then run again with --yes",
                          code="not_confirmed")
    epoch = restore_backup(args.db, blob_dir, args.source)
    print(f"restored {args.source}; new epoch {epoch}; every session ended "
          "(desktops sign in again and send what the server no longer has)")
    return 0
