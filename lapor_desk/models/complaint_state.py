"""What the lifecycle reads and writes: a complaint's state and the records a transition adds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lapor_desk.models.agencies import location_of
from lapor_desk.models.enums import ActionKind, FollowUpKind, RejectReason, Status


@dataclass(frozen=True)
class ComplaintState:
    """The part of a complaint the lifecycle reads and writes."""

    id: str
    status: Status
    responsible_id: int
    handling_unit_id: int | None
    complaint_type: str
    misconduct: bool
    version: int
    transition_version: int
    created_at: datetime
    verify_due: datetime | None = None
    resolution_due: datetime | None = None
    auto_close_due: datetime | None = None
    paused_at: datetime | None = None
    forwarded_at: datetime | None = None
    first_follow_up_at: datetime | None = None
    last_follow_up_at: datetime | None = None
    closed_at: datetime | None = None
    handler_unit_ids: tuple[int, ...] = ()
    duplicate_ids: tuple[str, ...] = ()

    @property
    def location_id(self) -> int:
        return location_of(self.responsible_id, self.handling_unit_id)


@dataclass(frozen=True)
class DispositionRecord:
    id: str
    from_id: int
    to_id: int
    kind: ActionKind
    note: str
    actor_id: int | None
    at: datetime


@dataclass(frozen=True)
class AttachmentRef:
    id: str
    sha256: str
    size: int
    mime_type: str
    filename: str


@dataclass(frozen=True)
class FollowUpRecord:
    id: str
    kind: FollowUpKind
    body: str
    author_id: int | None
    unit_id: int | None
    at: datetime
    attachments: tuple[AttachmentRef, ...] = ()


@dataclass(frozen=True)
class EventRecord:
    kind: str
    from_status: Status | None
    to_status: Status | None
    actor_id: int | None
    at: datetime
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Transition:
    state: ComplaintState
    event: EventRecord
    disposition: DispositionRecord | None = None
    follow_up: FollowUpRecord | None = None
    scope_changed: bool = False


class ActionRejected(Exception):
    """Input an action cannot be accepted with (raised by ``models/validation.py`` and the
    lifecycle's handlers; ``decide`` turns it into a :class:`Rejection`)."""

    def __init__(self, reason: RejectReason, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Rejection:
    reason: RejectReason
    detail: str = ""


@dataclass(frozen=True)
class Conflict:
    """The complaint changed hands since the client saw it; a person must decide."""

    current: ComplaintState


Decision = Transition | Rejection | Conflict
