"""Verification work on complaints: every verification action by kind, re-routing, and bulk
forward / archive on a selection.

Each action is ONE transaction (written by :class:`lapor_desk.sync.outbox.Outbox`): a bulk
action on N complaints is N independent transactions, so one refusal never undoes the others.
Refusals are :class:`ActionNotAllowed` with the lifecycle's reason code and write nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from lapor_desk.models.cache.schema import Agency, Complaint, SyncState
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import AgencyLevel, ArchiveReason
from lapor_desk.models.text import clean_text
from lapor_desk.services.attach import FileToAttach
from lapor_desk.services.errors import ActionNotAllowed, NotFound, ServiceError, translate
from lapor_desk.services.types import EVERYTHING, ActionResult, AgencyItem, Changes
from lapor_desk.sync.errors import SyncError
from lapor_desk.sync.outbox import ActionReceipt, Outbox

#: Kinds with a dialog in the desktop (what "fix and resend" can re-open).
DIALOG_KINDS = frozenset({"forward", "handle", "postpone", "not_our_authority", "archive",
                          "reroute", "follow_up", "internal_note"})
#: Kinds written with their files by services/replies.py, not here.
REPLY_KINDS = frozenset({"follow_up", "internal_note"})
#: Kinds that need a written reason.
REASON_KINDS = frozenset({"postpone", "not_our_authority"})
#: Kinds that may run on a selection of complaints.
BULK_KINDS = frozenset({"forward", "archive"})


@dataclass(frozen=True)
class ActionFields:
    """What a person filled in for an action (also the prefill when a dialog is re-opened)."""

    to_id: int | None = None      # forward, reroute
    to_name: str = ""
    reason: str = ""              # postpone, not_our_authority
    reason_code: str = ""         # archive: an ArchiveReason value
    note: str = ""                # forward, handle, archive, reroute
    body: str = ""                # follow_up, internal_note
    #: follow_up, internal_note: the files, picked (paths) or kept in the profile.
    files: tuple[FileToAttach, ...] = ()


@dataclass(frozen=True)
class BulkRefusal:
    complaint_id: str
    tracking_number: int | None
    title: str
    code: str                     # a RejectReason code (or not_found)
    detail: str = ""


@dataclass(frozen=True)
class BulkOutcome:
    kind: str
    done: tuple[ActionResult, ...]
    refused: tuple[BulkRefusal, ...]

    @property
    def changes(self) -> Changes:
        return EVERYTHING if self.done else Changes()


def check_fields(kind: str, fields: ActionFields) -> None:
    """The checks a dialog makes before anything is written (the outbox then runs the whole
    check the server runs, models/validation.py); text counts as it will be stored."""
    if kind in REASON_KINDS and not clean_text(fields.reason):
        raise ActionNotAllowed("reason_required", "reason:required")
    if kind in ("forward", "reroute") and fields.to_id is None:
        raise ActionNotAllowed("unknown_target", "to_id:required")
    if kind == "archive":
        if fields.reason_code not in {str(r) for r in ArchiveReason}:
            raise ActionNotAllowed("reason_required", "reason_code:invalid")
        if fields.reason_code == ArchiveReason.OTHER and not clean_text(fields.note):
            raise ActionNotAllowed("reason_required", "note:required")
    if kind in ("follow_up", "internal_note") and not clean_text(fields.body):
        raise ActionNotAllowed("invalid_payload", "body:required")
    if kind not in DIALOG_KINDS:
        raise ActionNotAllowed("unknown_action", kind)


def _result(receipt: ActionReceipt) -> ActionResult:
    return ActionResult(receipt.mutation_id, str(receipt.kind), receipt.complaint_id,
                        receipt.record_id)


class Verification:
    def __init__(self, cache: Cache, outbox: Outbox) -> None:
        self.cache = cache
        self.outbox = outbox

    def submit(self, kind: str, complaint_id: str, fields: ActionFields, *,
               replaces: int | None = None) -> ActionResult:
        """Check ``fields`` and record the action ``kind`` on one complaint (one transaction).
        ``replaces``: the refused or conflicting entry it corrects, dismissed in the same
        transaction (:meth:`Outbox.submit`)."""
        if kind in REPLY_KINDS:
            raise ValueError(f"{kind} is written with its files by Replies.send")
        check_fields(kind, fields)
        o, f, r = self.outbox, fields, replaces
        note = f.note.strip()
        run: dict[str, Callable[[], ActionReceipt]] = {
            "forward": lambda: o.forward(complaint_id, int(f.to_id or 0), note, replaces=r),
            "reroute": lambda: o.reroute(complaint_id, int(f.to_id or 0), note, replaces=r),
            "handle": lambda: o.handle(complaint_id, note, replaces=r),
            "postpone": lambda: o.postpone(complaint_id, f.reason.strip(), replaces=r),
            "not_our_authority": lambda: o.not_our_authority(complaint_id, f.reason.strip(),
                                                             replaces=r),
            "archive": lambda: o.archive(complaint_id, f.reason_code, note, replaces=r),
        }
        try:
            return _result(run[kind]())
        except SyncError as exc:
            raise translate(exc) from exc

    def reroute(self, complaint_id: str, to_id: int, note: str = "") -> ActionResult:
        return self.submit("reroute", complaint_id, ActionFields(to_id=to_id, note=note))

    def bulk(self, kind: str, complaint_ids: Sequence[str], fields: ActionFields) -> BulkOutcome:
        """The same action on each complaint, each in its own transaction. Checks the fields
        once (raising before anything is written); per-complaint refusals are collected."""
        if kind not in BULK_KINDS:
            raise ActionNotAllowed("unknown_action", kind)
        check_fields(kind, fields)
        done: list[ActionResult] = []
        refused: list[BulkRefusal] = []
        titles = self._titles(complaint_ids)
        for complaint_id in dict.fromkeys(complaint_ids):
            try:
                done.append(self.submit(kind, complaint_id, fields))
            except ServiceError as exc:
                number, title = titles.get(complaint_id, (None, ""))
                refused.append(BulkRefusal(complaint_id, number, title, exc.code,
                                           getattr(exc, "detail", "")))
        return BulkOutcome(kind, tuple(done), tuple(refused))

    def _titles(self, ids: Sequence[str]) -> dict[str, tuple[int | None, str]]:
        with self.cache.engine.connect() as connection:
            return {r.id: (r.tracking_number, r.title) for r in connection.execute(
                select(Complaint.id, Complaint.tracking_number, Complaint.title)
                .where(Complaint.id.in_(list(ids))))}

    # --- targets ------------------------------------------------------------------------------

    def reroute_targets(self, complaint_id: str) -> list[AgencyItem]:
        """Agencies a complaint can be re-routed (dialihkan) to: every agency-level node the
        cache knows, by name; the complaint's current agency is shown but not selectable."""
        with self.cache.engine.connect() as connection:
            responsible = connection.execute(select(Complaint.responsible_id).where(
                Complaint.id == complaint_id)).scalar_one_or_none()
            if responsible is None:
                raise NotFound(f"complaint {complaint_id}", code="not_found")
            nodes = list(connection.execute(select(Agency).where(
                Agency.level == str(AgencyLevel.AGENCY)).order_by(Agency.name)))
        return [AgencyItem(n.id, None, n.level, n.name, n.code or "", n.id != responsible)
                for n in nodes]

    def bulk_targets(self) -> list[AgencyItem]:
        """The agency tree under the user's scope for a bulk forward (parents first). Which
        target fits each complaint is judged per complaint when the action runs."""
        with self.cache.engine.connect() as connection:
            root_id = connection.execute(select(SyncState.scope_root_id)).scalar_one_or_none()
            root = connection.execute(select(Agency.path).where(
                Agency.id == root_id)).scalar_one_or_none() if root_id is not None else None
            if root is None:
                return []
            nodes = list(connection.execute(select(Agency).where(
                Agency.path.startswith(root)).order_by(Agency.path)))
        return [AgencyItem(n.id, n.parent_id, n.level, n.name, n.code or "",
                           n.level != AgencyLevel.NATIONAL) for n in nodes]
