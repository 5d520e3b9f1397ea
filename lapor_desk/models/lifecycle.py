"""The complaint lifecycle as data: which role may do what from which status, and what follows.

``decide(state, action, actor, ...)`` is pure: it returns either a :class:`Transition` (the new
state plus the records to write: a disposition, a follow-up, an audit event) or a
:class:`Rejection` with a reason code. The server applies it authoritatively; the desktop applies
the same function to show an action at once while it waits in the outbox.

Rules that may change by regulation are rows of ``RULES`` and the SLA table in ``data/sla.toml``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lapor_desk.models.agencies import Actor, AgencyDirectory, can_see
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.complaint_state import (
    ActionRejected,
    AttachmentRef,
    ComplaintState,
    Conflict,
    Decision,
    DispositionRecord,
    EventRecord,
    FollowUpRecord,
    Rejection,
    Transition,
)
from lapor_desk.models.enums import (
    EXCLUSIVE_ACTIONS,
    ActionKind,
    FollowUpKind,
    RejectReason,
    Role,
    Status,
)
from lapor_desk.models.transitions import HANDLERS, Context, _bump, parse_attachments
from lapor_desk.models.validation import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, check_payload

_Reject = ActionRejected

__all__ = [
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "RULES",
    "ActionRejected",
    "AttachmentRef",
    "ComplaintState",
    "Conflict",
    "Decision",
    "DispositionRecord",
    "EventRecord",
    "FollowUpRecord",
    "Rejection",
    "Transition",
    "auto_close",
    "auto_close_due",
    "decide",
    "new_complaint_deadlines",
    "parse_attachments",
    "reporter_response",
]

S = Status
R = Role

#: action -> (roles allowed, statuses it may start from). The row is the whole permission.
RULES: dict[ActionKind, tuple[frozenset[Role], frozenset[Status]]] = {
    ActionKind.FORWARD: (
        frozenset({R.NATIONAL_ADMIN, R.AGENCY_ADMIN}),
        frozenset({S.UNVERIFIED, S.POSTPONED, S.FORWARDED}),
    ),
    ActionKind.HANDLE: (frozenset({R.AGENCY_ADMIN}), frozenset({S.UNVERIFIED, S.POSTPONED})),
    ActionKind.POSTPONE: (
        frozenset({R.NATIONAL_ADMIN, R.AGENCY_ADMIN}),
        frozenset({S.UNVERIFIED}),
    ),
    ActionKind.NOT_OUR_AUTHORITY: (
        frozenset({R.AGENCY_ADMIN, R.LIAISON_OFFICER}),
        frozenset({S.UNVERIFIED, S.POSTPONED, S.FORWARDED, S.IN_PROGRESS}),
    ),
    ActionKind.ARCHIVE: (
        frozenset({R.NATIONAL_ADMIN, R.AGENCY_ADMIN}),
        frozenset({S.UNVERIFIED, S.POSTPONED}),
    ),
    ActionKind.REROUTE: (
        frozenset({R.NATIONAL_ADMIN, R.AGENCY_ADMIN}),
        frozenset({S.UNVERIFIED, S.POSTPONED}),
    ),
    ActionKind.FOLLOW_UP: (
        frozenset({R.AGENCY_ADMIN, R.LIAISON_OFFICER}),
        frozenset({S.FORWARDED, S.IN_PROGRESS, S.REPORTER_RESPONDED}),
    ),
    ActionKind.INTERNAL_NOTE: (frozenset(R), frozenset(S)),
    ActionKind.CLOSE: (
        frozenset({R.AGENCY_ADMIN}),
        frozenset({S.IN_PROGRESS, S.REPORTER_RESPONDED}),
    ),
    ActionKind.REOPEN: (
        frozenset({R.NATIONAL_ADMIN, R.AGENCY_ADMIN}),
        frozenset({S.DONE, S.ARCHIVED}),
    ),
    ActionKind.LINK_DUPLICATE: (frozenset(R), frozenset(S)),
    ActionKind.UNLINK_DUPLICATE: (frozenset(R), frozenset(S)),
    ActionKind.RECORD_COMPLAINT: (frozenset({R.NATIONAL_ADMIN, R.AGENCY_ADMIN}), frozenset()),
    # a national record's status and follow-ups (models/national.py plans it, not ``decide``)
    ActionKind.NATIONAL_UPDATE: (frozenset({R.NATIONAL_ADMIN, R.AGENCY_ADMIN}), frozenset()),
}

#: Statuses in which the SLA clock runs toward the verification deadline.
VERIFY_CLOCK = frozenset({S.UNVERIFIED})


def decide(
    state: ComplaintState | None,
    kind: ActionKind,
    payload: dict[str, Any],
    actor: Actor,
    directory: AgencyDirectory,
    config: DomainConfig,
    now: datetime,
    base_version: int | None = None,
) -> Decision:
    """Judge one action against the current state of its complaint."""
    try:
        return _decide(state, kind, payload, actor, directory, config, now, base_version)
    except ActionRejected as rejected:
        return Rejection(rejected.reason, rejected.detail)


def _decide(
    state: ComplaintState | None,
    kind: ActionKind,
    payload: dict[str, Any],
    actor: Actor,
    directory: AgencyDirectory,
    config: DomainConfig,
    now: datetime,
    base_version: int | None,
) -> Decision:
    rule = RULES.get(kind)
    if rule is None or kind in (ActionKind.RECORD_COMPLAINT, ActionKind.NATIONAL_UPDATE):
        raise ActionRejected(RejectReason.UNKNOWN_ACTION, str(kind))
    roles, statuses = rule
    if state is None:
        raise ActionRejected(RejectReason.NOT_FOUND)
    scope_root = directory.get(actor.scope_root_id)
    location = directory.get(state.location_id)
    if scope_root is None or location is None or not can_see(actor, scope_root, location):
        raise ActionRejected(RejectReason.OUT_OF_SCOPE)
    if actor.role not in roles:
        raise ActionRejected(RejectReason.ROLE_NOT_ALLOWED)
    if (
        kind in EXCLUSIVE_ACTIONS
        and base_version is not None
        and state.transition_version > base_version
    ):
        return Conflict(state)
    if state.status not in statuses:
        raise ActionRejected(RejectReason.INVALID_TRANSITION, f"{kind} from {state.status}")

    handler = HANDLERS[kind]
    checked = check_payload(kind, payload)
    return handler(state, checked, Context(actor, scope_root, location, directory, config, now))




def reporter_response(state: ComplaintState, now: datetime, response_id: str, body: str) -> Transition:
    """The reporter answered a follow-up: the conversation reopens and auto-close stops."""
    after = _bump(state, False, status=S.REPORTER_RESPONDED, auto_close_due=None)
    return Transition(
        state=after,
        event=EventRecord("reporter_response", state.status, after.status, None, now),
        follow_up=FollowUpRecord(response_id, FollowUpKind.REPORTER_RESPONSE, body, None, None, now),
    )


def auto_close_due(state: ComplaintState, now: datetime) -> bool:
    return (
        state.status == S.IN_PROGRESS
        and state.auto_close_due is not None
        and state.auto_close_due <= now
    )


def auto_close(state: ComplaintState, now: datetime) -> Transition:
    after = _bump(state, True, status=S.DONE, closed_at=now, auto_close_due=None)
    return Transition(
        state=after, event=EventRecord("auto_close", state.status, after.status, None, now)
    )


def new_complaint_deadlines(config: DomainConfig, created_at: datetime) -> dict[str, datetime]:
    return {"verify_due": config.calendar.add_working_days(created_at, config.sla.verify)}
