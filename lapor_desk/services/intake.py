"""Recording a complaint that arrived offline (counter, letter, phone, radio, newspaper).

The form's raw values are checked with the domain's own
:func:`lapor_desk.models.intake.validate_new_complaint`; every bad field comes back as a
:class:`FieldProblem` code (the UI words it next to the field) and nothing is written. A valid
complaint is written by the outbox in ONE transaction (the complaint row the user sees at once,
in Perlu Verifikasi, and its ``record_complaint`` entry); it gets its tracking number when the
server accepts it at the next sync.

What is typed into the form is kept as a draft while it is typed (:meth:`Intake.save_draft`, in
the profile's sealed drafts file, services/drafts.py): a closed form, a crash or a power cut
loses nothing, and the next form opened starts from it. It is removed once the complaint is
recorded, or when the officer throws it away.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from lapor_desk.models.cache.schema import Complaint, SyncState
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.categories import taxonomy
from lapor_desk.models.enums import OFFLINE_CHANNELS, Channel, ComplaintType
from lapor_desk.models.intake import IntakeError, validate_new_complaint
from lapor_desk.services.attach import StoredAttachment, attachment_files
from lapor_desk.services.drafts import DraftStore, FormDraft
from lapor_desk.services.errors import ServiceError, translate
from lapor_desk.services.receipts import IntakeReceipt, Receipts
from lapor_desk.sync.errors import SyncError
from lapor_desk.sync.log import event
from lapor_desk.sync.outbox import Outbox

log = logging.getLogger("lapor_desk.services.intake")

#: Offline channels in the order a counter clerk meets them (data, not widgets).
OFFLINE_CHANNEL_ORDER: tuple[str, ...] = tuple(
    str(c) for c in (Channel.WALK_IN, Channel.LETTER, Channel.PHONE, Channel.RADIO,
                     Channel.NEWSPAPER) if c in OFFLINE_CHANNELS)
ALL_CHANNELS: tuple[str, ...] = tuple(str(c) for c in Channel)
COMPLAINT_TYPES: tuple[str, ...] = tuple(str(t) for t in ComplaintType)
#: The drafts file's name for the form of a complaint being recorded.
RECORD_FORM = "record_complaint"


@dataclass(frozen=True)
class FieldProblem:
    """One bad field: ``field`` is the intake name (``title``, ``reporter.nik``...), ``code`` is
    ``required``, ``too_long``, ``too_short``, ``invalid``, ``unknown`` or ``future``."""

    field: str
    code: str


class IntakeRefused(ServiceError):
    """The form has bad fields; nothing was written."""

    code = "invalid_fields"

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        super().__init__(", ".join(f"{p.field}:{p.code}" for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class IntakeDefaults:
    """What the form starts with: the user's own area, a walk-in complaint."""

    province: str
    regency: str
    channel: str = str(Channel.WALK_IN)
    complaint_type: str = str(ComplaintType.PENGADUAN)
    #: The desk's "now" (the server's clock as learned; a training world's own time): what the
    #: form's "received" starts at and the latest day it offers. None: this computer's clock.
    now: datetime | None = None


@dataclass(frozen=True)
class RecordedComplaint:
    complaint_id: str
    mutation_id: int
    attachments: int


def problems_of(error: IntakeError) -> tuple[FieldProblem, ...]:
    return tuple(FieldProblem(e.field, e.code) for e in error.errors)


def category_tree() -> dict[str, list[str]]:
    """The 2025 taxonomy: category -> its sub-categories (a copy the UI may keep)."""
    return {name: list(subs) for name, subs in taxonomy().tree.items()}


def subcategories(category: str) -> list[str]:
    tax = taxonomy()
    canonical = tax.category(category)
    return list(tax.tree.get(canonical, [])) if canonical else []


class Intake:
    def __init__(self, cache: Cache, outbox: Outbox, clock: Callable[[], datetime],
                 drafts: DraftStore | None = None) -> None:
        self.cache = cache
        self.outbox = outbox
        self.clock = clock
        self.drafts = drafts
        self.receipts = Receipts(cache)

    def receipt(self, complaint_id: str) -> IntakeReceipt:
        """The receipt (tanda terima) of a complaint: services/receipts.py."""
        return self.receipts.of(complaint_id)

    # --- the form's draft ------------------------------------------------------------------------

    def draft(self) -> FormDraft | None:
        """What was typed into the form last time and not recorded (None: nothing)."""
        return self.drafts.get_form(RECORD_FORM) if self.drafts is not None else None

    def save_draft(self, raw: dict[str, Any], files: Sequence[str] = ()) -> None:
        """Keep the form as typed (``raw`` as the form gives it) and its picked files."""
        if self.drafts is not None:
            self.drafts.save_form(RECORD_FORM, raw, [str(f) for f in files])

    def discard_draft(self) -> None:
        if self.drafts is not None:
            self.drafts.remove_form(RECORD_FORM)

    def defaults(self) -> IntakeDefaults:
        """The province and kabupaten/kota most of the user's own complaints come from."""
        with self.cache.engine.connect() as connection:
            root = connection.execute(select(SyncState.scope_root_id)).scalar_one_or_none()
            query = select(Complaint.province, Complaint.regency, func.count()).where(
                Complaint.province.is_not(None), Complaint.regency.is_not(None))
            if root is not None:
                query = query.where(Complaint.responsible_id == root)
            places: Counter[tuple[str, str]] = Counter({
                (str(r[0]), str(r[1])): int(r[2]) for r in connection.execute(
                    query.group_by(Complaint.province, Complaint.regency))})
        now = self.clock()
        if not places:
            return IntakeDefaults("", "", now=now)
        (province, regency), _n = places.most_common(1)[0]
        return IntakeDefaults(province, regency, now=now)

    def check(self, raw: dict[str, Any]) -> tuple[FieldProblem, ...]:
        """Every bad field of ``raw`` (empty when it may be recorded). Writes nothing."""
        try:
            validate_new_complaint(raw, self.clock())
        except IntakeError as exc:
            return problems_of(exc)
        return ()

    def record(self, raw: dict[str, Any],
               files: Sequence[str | Path | StoredAttachment] = (), *,
               replaces: int | None = None) -> RecordedComplaint:
        """Validate, copy the attached files into the profile, record the complaint (one
        transaction). Raises :class:`IntakeRefused` and writes nothing when a field is bad.

        ``replaces``: the mutation id of a refused recorded complaint this one corrects; it is
        resolved in the same transaction (:meth:`Outbox.record_complaint`)."""
        problems = self.check(raw)
        if problems:
            raise IntakeRefused(problems)
        try:
            attached = attachment_files(self.outbox, files)
            receipt = self.outbox.record_complaint(raw, attached, replaces=replaces)
        except IntakeError as exc:  # validated twice; the clock may have moved on
            raise IntakeRefused(problems_of(exc)) from exc
        except SyncError as exc:
            raise translate(exc) from exc
        except OSError as exc:
            raise ServiceError(str(exc), code="file_unreadable") from exc
        if replaces is None:
            self._drop_draft()
        return RecordedComplaint(receipt.complaint_id, receipt.mutation_id, len(attached))

    def _drop_draft(self) -> None:
        """The recorded complaint's draft is no longer needed; failing to remove it (a full
        disk) costs a draft that comes back once, never the complaint."""
        try:
            self.discard_draft()
        except OSError as exc:
            event(log, "intake.draft_not_removed", logging.WARNING, error=str(exc))
