"""Files a person attaches to a follow-up reply, an internal note or a recorded complaint.

A file is either picked on this computer (a path: copied into the profile's blob store,
content-addressed, so a retry copies nothing twice) or one the profile already holds from an
action written before (:class:`StoredAttachment`): "Fix & resend" of a refused action keeps its
files, attached again as they are under a new attachment id, without being picked again. The
push uploads whatever the server does not hold for this user before the action itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lapor_desk.models.cache.schema import Blob
from lapor_desk.services.errors import ServiceError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.outbox_entries import AttachmentFile, new_id


@dataclass(frozen=True)
class StoredAttachment:
    """A file already in the profile, attached to an action written here before."""

    sha256: str
    size: int
    mime_type: str
    filename: str


#: What a form hands over: picked paths and files kept in the profile, in the list's order.
FileToAttach = str | Path | StoredAttachment


def stored_files(payload: Mapping[str, Any]) -> tuple[StoredAttachment, ...]:
    """The files an outbox entry's payload attaches (checked by shape when it was queued)."""
    refs = payload.get("attachments")
    return tuple(
        StoredAttachment(str(a["sha256"]), int(a["size"]),
                         str(a.get("mime_type") or "application/octet-stream"),
                         str(a.get("filename") or str(a["sha256"])[:12]))
        for a in (refs if isinstance(refs, list) else [])
        if isinstance(a, dict) and "sha256" in a and "size" in a)


def attachment_files(outbox: Outbox, files: Sequence[FileToAttach]) -> list[AttachmentFile]:
    """The files as the outbox attaches them: picked ones copied into the profile, kept ones
    named again. Raises :class:`ServiceError` (``file_unreadable``) when a kept file is no
    longer in the profile; a picked file that cannot be read raises :class:`OSError` and one
    the outbox refuses (too large, a full disk) its :class:`~lapor_desk.sync.errors.SyncError`.
    """
    kept = {f.sha256 for f in files if isinstance(f, StoredAttachment)}
    held: set[str] = set()
    if kept:
        with outbox.cache.engine.connect() as connection:
            held = set(connection.execute(select(Blob.sha256).where(
                Blob.sha256.in_(sorted(kept)))).scalars())
    gone = [f.filename for f in files if isinstance(f, StoredAttachment) and f.sha256 not in held]
    if gone:
        raise ServiceError(f"{gone[0]} is no longer in the profile", code="file_unreadable")
    return [AttachmentFile(new_id(), f.sha256, f.size, f.mime_type, f.filename)
            if isinstance(f, StoredAttachment) else outbox.add_file(Path(f)) for f in files]
