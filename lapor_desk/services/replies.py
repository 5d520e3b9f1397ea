"""Follow-up replies and internal notes with attachments, templates and drafts.

Sending goes through :meth:`Actions.submit` (``services/actions.py``): it copies the picked
files into the profile's blob store (content-addressed, so a retry copies nothing twice), then
writes the follow-up and its outbox entry in ONE transaction; only after that is the draft
removed, so a refused reply keeps what was typed. "Fix & resend" of a
refused reply or note (services/outbox_review.py) sends through here too, with the files it
kept and those picked again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from lapor_desk.services.actions import REPLY_KINDS, ActionFields, Actions
from lapor_desk.services.attach import FileToAttach
from lapor_desk.services.drafts import Draft, DraftStore
from lapor_desk.services.errors import ActionNotAllowed, storage_guard
from lapor_desk.services.templates import ReplyTemplate, load_templates
from lapor_desk.services.types import ActionResult
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.replies")


class Replies:
    def __init__(self, actions: Actions, profile_dir: Path | str,
                 clock: Callable[[], datetime]) -> None:
        self.actions = actions
        self.profile_dir = Path(profile_dir)
        keys = actions.outbox.cache.keys
        self.drafts = DraftStore(self.profile_dir, clock, keys.drafts if keys else None)

    def templates(self) -> list[ReplyTemplate]:
        return load_templates(self.profile_dir)

    def draft(self, complaint_id: str, kind: str) -> Draft | None:
        return self.drafts.get(complaint_id, kind)

    def save_draft(self, complaint_id: str, kind: str, text: str,
                   files: Sequence[str] = ()) -> None:
        """Keep what was typed; a full disk raises :class:`StorageProblem` (the previous draft
        file stays whole, the text stays in the form)."""
        with storage_guard(self.profile_dir):
            self.drafts.save(complaint_id, kind, text, tuple(files))

    def send(self, complaint_id: str, kind: str, body: str,
             files: Sequence[FileToAttach] = (), *, replaces: int | None = None) -> ActionResult:
        """Write the reply or note with its files (picked paths, or files kept in the profile
        from a refused one). ``replaces``: the refused or conflicting entry this one corrects,
        dismissed in the same transaction (:meth:`Outbox.submit`); the draft is then left as it
        is (it belongs to a new reply being written)."""
        if kind not in REPLY_KINDS:
            raise ActionNotAllowed("unknown_action", kind)
        fields = ActionFields(body=body, files=tuple(files))
        result = self.actions.submit(kind, complaint_id, fields, replaces=replaces)
        try:
            if replaces is None:
                self.drafts.remove(complaint_id, kind)
        except OSError as exc:  # the reply IS written: saying it failed would have it sent twice
            event(log, "drafts.not_removed", logging.WARNING, error=str(exc))
        return result
