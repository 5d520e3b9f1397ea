"""Follow-up replies and internal notes with attachments, templates and drafts.

Sending copies the picked files into the profile's blob store (content-addressed, so a retry
copies nothing twice), then writes the follow-up and its outbox entry in ONE transaction; only
after that is the draft removed, so a refused reply keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from lapor_desk.services.drafts import Draft, DraftStore
from lapor_desk.services.errors import ActionNotAllowed, ServiceError, translate
from lapor_desk.services.templates import ReplyTemplate, load_templates
from lapor_desk.services.types import ActionResult
from lapor_desk.sync.errors import SyncError
from lapor_desk.sync.outbox import Outbox

KINDS = ("follow_up", "internal_note")


class Replies:
    def __init__(self, outbox: Outbox, profile_dir: Path | str,
                 clock: Callable[[], datetime]) -> None:
        self.outbox = outbox
        self.profile_dir = Path(profile_dir)
        keys = outbox.cache.keys
        self.drafts = DraftStore(self.profile_dir, clock, keys.drafts if keys else None)

    def templates(self) -> list[ReplyTemplate]:
        return load_templates(self.profile_dir)

    def draft(self, complaint_id: str, kind: str) -> Draft | None:
        return self.drafts.get(complaint_id, kind)

    def save_draft(self, complaint_id: str, kind: str, text: str,
                   files: Sequence[str] = ()) -> None:
        self.drafts.save(complaint_id, kind, text, tuple(files))

    def send(self, complaint_id: str, kind: str, body: str,
             files: Sequence[str | Path] = ()) -> ActionResult:
        if kind not in KINDS:
            raise ActionNotAllowed("invalid_payload", f"unknown kind {kind}")
        if not body.strip():
            raise ActionNotAllowed("invalid_payload", "empty text")
        try:
            attached = [self.outbox.add_file(Path(f)) for f in files]
            write = self.outbox.follow_up if kind == "follow_up" else self.outbox.internal_note
            receipt = write(complaint_id, body.strip(), attached)
        except SyncError as exc:
            raise translate(exc) from exc
        except OSError as exc:
            raise ServiceError(str(exc), code="file_unreadable") from exc
        self.drafts.remove(complaint_id, kind)
        return ActionResult(receipt.mutation_id, str(receipt.kind), receipt.complaint_id,
                            receipt.record_id)
