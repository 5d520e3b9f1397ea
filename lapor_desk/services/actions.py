"""User actions on complaints: the one way an action is queued (:meth:`Actions.submit`).

Every action a person takes on a complaint (a verification action, a forward, a reply or note
with its files, a duplicate link, "fix and resend") goes through :meth:`Actions.submit` with its
:class:`~lapor_desk.models.enums.ActionKind` and the :class:`ActionFields` a form filled in.
There is one check: the one the outbox and the server run (``models/validation.py``), made
before anything is written or any file copied. Each action is ONE transaction (the effective
change and its outbox entry, written together by :class:`lapor_desk.sync.outbox.Outbox`) and is
shown at once; it reaches the server at the next sync. Refusals raise :class:`ActionNotAllowed`
with the lifecycle's reason code and the bad fields (``detail``) and write nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from lapor_desk.models.enums import ActionKind, ArchiveReason
from lapor_desk.models.validation import ActionRejected, check_payload
from lapor_desk.services.attach import FileToAttach, attachment_files
from lapor_desk.services.errors import ActionNotAllowed, ServiceError, translate
from lapor_desk.services.types import ActionResult
from lapor_desk.sync.errors import SyncError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.outbox_entries import new_id

ARCHIVE_REASONS: tuple[str, ...] = tuple(str(r) for r in ArchiveReason)
#: Kinds with a dialog in the desktop (what "fix and resend" can re-open).
DIALOG_KINDS = frozenset({"forward", "handle", "postpone", "not_our_authority", "archive",
                          "reroute", "follow_up", "internal_note", "close", "reopen"})
#: Kinds written with files (and a draft, services/replies.py).
REPLY_KINDS = frozenset({"follow_up", "internal_note"})
#: Kinds that may run on a selection of complaints.
BULK_KINDS = frozenset({"forward", "archive"})


@dataclass(frozen=True)
class ActionFields:
    """What a person filled in for an action (also the prefill when a dialog is re-opened)."""

    to_id: int | None = None      # forward, reroute
    to_name: str = ""
    reason: str = ""              # postpone, not_our_authority, reopen
    until: date | None = None     # postpone: the day to look at it again
    reason_code: str = ""         # archive: an ArchiveReason value
    note: str = ""                # forward, handle, archive, reroute, close
    body: str = ""                # follow_up, internal_note
    #: follow_up, internal_note: the files, picked (paths) or kept in the profile.
    files: tuple[FileToAttach, ...] = ()
    other_id: str = ""            # link_duplicate, unlink_duplicate


def action_kind(kind: ActionKind | str) -> ActionKind:
    """The kind of a complaint action; a recorded complaint (``services/intake.py``) or an
    unknown kind is refused as ``unknown_action``."""
    try:
        found = ActionKind(kind)
    except ValueError:
        raise ActionNotAllowed("unknown_action", str(kind)) from None
    if found == ActionKind.RECORD_COMPLAINT:
        raise ActionNotAllowed("unknown_action", str(kind))
    return found


def check_fields(kind: ActionKind | str, fields: ActionFields) -> dict[str, Any]:
    """The payload of ``kind`` for ``fields``, checked and cleaned by the check the outbox and
    the server run (``models/validation.py``), files aside. Raises :class:`ActionNotAllowed`
    (``detail`` ``"<field>:<code>"``) before anything is written."""
    action = action_kind(kind)
    raw: dict[str, Any] = {
        "to_id": fields.to_id, "note": fields.note, "reason": fields.reason,
        "reason_code": fields.reason_code, "body": fields.body, "other_id": fields.other_id,
        "until": fields.until.isoformat() if fields.until is not None else None,
        "disposition_id": new_id(), "follow_up_id": new_id(), "attachments": []}
    try:
        return check_payload(action, raw)  # only the keys of its kind are kept
    except ActionRejected as refused:
        raise ActionNotAllowed(str(refused.reason), refused.detail) from None


class Actions:
    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    def submit(self, kind: ActionKind | str, complaint_id: str, fields: ActionFields, *,
               replaces: int | None = None) -> ActionResult:
        """Check ``fields`` and record the action ``kind`` on one complaint (one transaction),
        with its files copied into the profile first. ``replaces``: the refused or conflicting
        entry it corrects, dismissed in the same transaction (:meth:`Outbox.submit`)."""
        action = action_kind(kind)
        payload = check_fields(action, fields)
        try:
            if "attachments" in payload and fields.files:
                payload["attachments"] = [
                    a.as_payload() for a in attachment_files(self.outbox, fields.files)]
            receipt = self.outbox.submit(action, complaint_id, payload, replaces)
        except SyncError as exc:
            raise translate(exc) from exc
        except OSError as exc:  # a picked file that cannot be read
            raise ServiceError(str(exc), code="file_unreadable") from exc
        return ActionResult(receipt.mutation_id, str(receipt.kind), receipt.complaint_id,
                            receipt.record_id)

    # --- shortcuts for one kind (each is :meth:`submit`) --------------------------------------

    def forward(self, complaint_id: str, to_id: int, note: str = "") -> ActionResult:
        return self.submit(ActionKind.FORWARD, complaint_id, ActionFields(to_id=to_id, note=note))

    def handle(self, complaint_id: str, note: str = "") -> ActionResult:
        return self.submit(ActionKind.HANDLE, complaint_id, ActionFields(note=note))

    def postpone(self, complaint_id: str, reason: str, until: date | None = None) -> ActionResult:
        return self.submit(ActionKind.POSTPONE, complaint_id,
                           ActionFields(reason=reason, until=until))

    def not_our_authority(self, complaint_id: str, reason: str) -> ActionResult:
        return self.submit(ActionKind.NOT_OUR_AUTHORITY, complaint_id,
                           ActionFields(reason=reason))

    def archive(self, complaint_id: str, reason_code: str, note: str = "") -> ActionResult:
        return self.submit(ActionKind.ARCHIVE, complaint_id,
                           ActionFields(reason_code=reason_code, note=note))

    def follow_up(self, complaint_id: str, body: str) -> ActionResult:
        return self.submit(ActionKind.FOLLOW_UP, complaint_id, ActionFields(body=body))

    def internal_note(self, complaint_id: str, body: str) -> ActionResult:
        return self.submit(ActionKind.INTERNAL_NOTE, complaint_id, ActionFields(body=body))

    def dismiss(self, mutation_id: int) -> None:
        """A person has read a rejection or conflict."""
        try:
            self.outbox.dismiss(mutation_id)
        except SyncError as exc:
            raise translate(exc) from exc
