"""Plain copies of attachments handed to the system's application.

LAPOR Desk shows images and PDFs itself, from memory. Any other file is opened, after a warning,
by the application the system uses for its kind, which can only read a plain file under a
name with the right extension. That copy is the one plaintext of an attachment written to disk
by the desktop on its own: it is made under the attachment's own name in an owner-only folder
inside the profile (``opened/<hash>/<name>``, directories 0700 and files 0600 on POSIX; on
Windows the profile's folder is the user's own), and removed

* ``EXTERNAL_KEEP_SECONDS`` after it was made (at the prefetch after a sync: the application has
  opened it by then; a file it still holds open on Windows is removed the next time),
* when the desktop quits, and when a session starts (copies left by a crash),
* with the whole profile at sign-out.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import time
from pathlib import Path

from lapor_desk.models.cache.blob_store import BlobDamaged, BlobStore, check_sha256
from lapor_desk.models.shapes import safe_file_name
from lapor_desk.paths import OPENED_DIR as EXTERNAL_DIR
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.external_copies")

#: How long a copy handed to the system's application stays (it has opened it by then).
EXTERNAL_KEEP_SECONDS = 600.0


class ExternalCopies:
    def __init__(self, profile_dir: Path, store: BlobStore) -> None:
        self.root = Path(profile_dir) / EXTERNAL_DIR
        self.store = store

    def make(self, sha256: str, filename: str) -> Path:
        """The verified plaintext of blob ``sha256`` as ``opened/<hash>/<filename>`` (made
        again unless an intact copy is there). Raises ``BlobDamaged``."""
        # The name came from the wire: only a plain name, fit for any file system, is used.
        folder = self.root / check_sha256(sha256)[:16]
        target = folder / safe_file_name(filename, sha256[:12])
        if target.parent != folder:
            raise BlobDamaged("attachment name unusable", code="blob_damaged")
        if target.is_file() and _sha256(target) == sha256:
            target.touch()  # kept for another EXTERNAL_KEEP_SECONDS from now
        else:
            self.root.mkdir(mode=0o700, exist_ok=True)
            target.parent.mkdir(mode=0o700, exist_ok=True)
            self.store.copy_to(sha256, target)
        event(log, "attachment.external_copy", sha256=sha256)
        return target

    def remove(self, older_than: float = EXTERNAL_KEEP_SECONDS) -> int:
        """Delete the copies made ``older_than`` seconds ago or earlier (all with 0 or less).
        Returns how many were removed."""
        if not self.root.is_dir():
            return 0
        cutoff = time.time() - older_than
        removed = 0
        for path in self.root.glob("*/*"):
            try:
                if older_than <= 0 or path.stat().st_mtime < cutoff:
                    if path.is_dir():
                        shutil.rmtree(path)
                    else:
                        path.unlink()
                    removed += 1
            except OSError:  # still open in the other application (Windows): next time
                continue
        for folder in self.root.iterdir():
            try:
                folder.rmdir()  # only when empty
            except OSError:
                continue
        if removed:
            event(log, "attachment.external_copies_removed", count=removed)
        return removed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
