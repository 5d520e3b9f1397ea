"""One function per desktop action: given a complaint the caller may act on, the transition.

``lifecycle.decide`` checks scope, role, status and conflicts, then calls the handler here.
A handler raises :class:`ActionRejected` for input it cannot accept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from lapor_desk.models.agencies import Actor, AgencyDirectory, AgencyNode, owning_agency
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.complaint_state import (
    AttachmentRef,
    ComplaintState,
    DispositionRecord,
    EventRecord,
    FollowUpRecord,
    Transition,
)
from lapor_desk.models.enums import (
    ActionKind,
    AgencyLevel,
    ArchiveReason,
    ComplaintType,
    FollowUpKind,
    RejectReason,
    Role,
    Status,
)
from lapor_desk.models.shapes import is_filename, is_mime_type, is_record_id, is_sha256

S = Status
R = Role


@dataclass(frozen=True)
class Context:
    """Who acts, where the complaint sits, and the rules in force: what every handler reads."""

    actor: Actor
    scope_root: AgencyNode
    location: AgencyNode
    directory: AgencyDirectory
    config: DomainConfig
    now: datetime



def _text(payload: dict[str, Any], key: str, limit: int = 20000) -> str | None:
    value = payload.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ActionRejected(RejectReason.INVALID_PAYLOAD, f"{key} must be text")
    value = value.strip()
    if len(value) > limit:
        raise ActionRejected(RejectReason.INVALID_PAYLOAD, f"{key} is longer than {limit} characters")
    return value


class ActionRejected(Exception):
    """Raised by a handler (or ``parse_attachments``) for input it cannot accept."""

    def __init__(self, reason: RejectReason, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


def _required_text(payload: dict[str, Any], key: str, reason: RejectReason) -> str:
    value = _text(payload, key)
    if not value:
        raise ActionRejected(reason, f"{key} is required")
    return value


def _resume(state: ComplaintState, config: DomainConfig, now: datetime) -> ComplaintState:
    """Leaving a postponement: shift the verification deadline by the working days paused."""
    if state.status != S.POSTPONED or state.paused_at is None:
        return state
    paused = config.calendar.working_days_between(state.paused_at, now)
    verify_due = state.verify_due
    if verify_due is not None and paused:
        verify_due = config.calendar.add_working_days(verify_due, paused)
    return replace(state, paused_at=None, verify_due=verify_due)


def _with_handler(state: ComplaintState, *unit_ids: int) -> tuple[int, ...]:
    merged = list(state.handler_unit_ids)
    for unit_id in unit_ids:
        if unit_id not in merged:
            merged.append(unit_id)
    return tuple(merged)



def _event(
    kind: ActionKind, before: ComplaintState, after: ComplaintState, actor: Actor, now: datetime,
    **detail: Any,
) -> EventRecord:
    return EventRecord(
        kind=str(kind),
        from_status=before.status,
        to_status=after.status,
        actor_id=actor.user_id,
        at=now,
        detail={k: v for k, v in detail.items() if v is not None},
    )


def _bump(state: ComplaintState, exclusive: bool, **changes: Any) -> ComplaintState:
    version = state.version + 1
    changes["version"] = version
    if exclusive:
        changes["transition_version"] = version
    return replace(state, **changes)


def _new_id(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key)
    if not is_record_id(value):  # every desktop refuses a page with another shape
        raise ActionRejected(RejectReason.INVALID_PAYLOAD, f"{key} must be a client-made id")
    return value


def _target(payload: dict[str, Any], key: str, directory: AgencyDirectory) -> AgencyNode:
    raw = payload.get(key)
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise ActionRejected(RejectReason.INVALID_PAYLOAD, f"{key} must be a unit id")
    node = directory.get(raw)
    if node is None:
        raise ActionRejected(RejectReason.UNKNOWN_TARGET)
    return node


def _moved(
    action: ActionKind, before: ComplaintState, after: ComplaintState, payload: dict[str, Any],
    target_id: int, note: str, ctx: Context, scope_changed: bool = True, **detail: Any,
) -> Transition:
    """A transition that moves the complaint to another node, with its disposition record."""
    return Transition(
        state=after,
        event=_event(action, before, after, ctx.actor, ctx.now, **detail),
        disposition=DispositionRecord(
            id=_new_id(payload, "disposition_id"),
            from_id=before.location_id,
            to_id=target_id,
            kind=action,
            note=note,
            actor_id=ctx.actor.user_id,
            at=ctx.now,
        ),
        scope_changed=scope_changed,
    )


def _forward(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    target = _target(payload, "to_id", ctx.directory)
    note = _text(payload, "note") or ""
    if not ctx.scope_root.contains(target) or target.id == state.location_id:
        raise ActionRejected(RejectReason.TARGET_NOT_ALLOWED)
    if target.level == AgencyLevel.NATIONAL:
        raise ActionRejected(RejectReason.TARGET_NOT_ALLOWED)
    if state.status == S.FORWARDED and ctx.actor.role != R.AGENCY_ADMIN:
        raise ActionRejected(RejectReason.INVALID_TRANSITION)
    state = _resume(state, ctx.config, ctx.now)
    if target.level == AgencyLevel.UNIT:
        agency = owning_agency(ctx.directory, target)
        forwarded_at = ctx.now
        after = _bump(
            state,
            True,
            status=S.FORWARDED,
            responsible_id=agency.id,
            handling_unit_id=target.id,
            forwarded_at=forwarded_at,
            resolution_due=ctx.config.calendar.add_working_days(
                ctx.now, ctx.config.sla.resolution_days(_type(state), state.misconduct)
            ),
            handler_unit_ids=_with_handler(state, ctx.actor.unit_id, target.id),
        )
    else:
        after = _bump(
            state,
            True,
            status=S.UNVERIFIED,
            responsible_id=target.id,
            handling_unit_id=None,
            verify_due=ctx.config.calendar.add_working_days(ctx.now, ctx.config.sla.verify),
            handler_unit_ids=_with_handler(state, ctx.actor.unit_id),
        )
    return _moved(ActionKind.FORWARD, state, after, payload, target.id, note, ctx, to_id=target.id)


def _type(state: ComplaintState) -> ComplaintType:
    return ComplaintType(state.complaint_type)


def _handle(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    note = _text(payload, "note") or ""
    state = _resume(state, ctx.config, ctx.now)
    unit = ctx.directory.get(ctx.actor.unit_id)
    if unit is None:
        raise ActionRejected(RejectReason.UNKNOWN_TARGET)
    after = _bump(
        state,
        True,
        status=S.FORWARDED,
        handling_unit_id=unit.id,
        responsible_id=owning_agency(ctx.directory, unit).id,
        forwarded_at=ctx.now,
        resolution_due=ctx.config.calendar.add_working_days(
            ctx.now, ctx.config.sla.resolution_days(_type(state), state.misconduct)
        ),
        handler_unit_ids=_with_handler(state, unit.id),
    )
    return _moved(ActionKind.HANDLE, state, after, payload, unit.id, note, ctx,
                  scope_changed=state.location_id != unit.id)


def _postpone(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    reason = _required_text(payload, "reason", RejectReason.REASON_REQUIRED)
    after = _bump(state, True, status=S.POSTPONED, paused_at=ctx.now)
    return Transition(
        state=after, event=_event(ActionKind.POSTPONE, state, after, ctx.actor, ctx.now, reason=reason)
    )


def _not_our_authority(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    reason = _required_text(payload, "reason", RejectReason.REASON_REQUIRED)
    if ctx.location.level == AgencyLevel.NATIONAL:
        raise ActionRejected(RejectReason.INVALID_TRANSITION, "already at national level")
    state = _resume(state, ctx.config, ctx.now)
    if ctx.location.level == AgencyLevel.UNIT:
        up = owning_agency(ctx.directory, ctx.location)
    else:
        parent = ctx.directory.get(ctx.location.parent_id) if ctx.location.parent_id is not None else None
        if parent is None:
            raise ActionRejected(RejectReason.INVALID_TRANSITION)
        up = owning_agency(ctx.directory, parent)
    after = _bump(
        state,
        True,
        status=S.UNVERIFIED,
        responsible_id=up.id,
        handling_unit_id=None,
        verify_due=ctx.config.calendar.add_working_days(ctx.now, ctx.config.sla.verify),
        resolution_due=None,
    )
    return _moved(ActionKind.NOT_OUR_AUTHORITY, state, after, payload, up.id, reason, ctx, reason=reason)


def _archive(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    code = payload.get("reason_code")
    try:
        reason_code = ArchiveReason(str(code))
    except ValueError:
        raise ActionRejected(RejectReason.REASON_REQUIRED, "reason_code from the archive list") from None
    note = _text(payload, "note") or ""
    if reason_code == ArchiveReason.OTHER and not note:
        raise ActionRejected(RejectReason.REASON_REQUIRED, "note required for reason 'other'")
    state = _resume(state, ctx.config, ctx.now)
    after = _bump(state, True, status=S.ARCHIVED, closed_at=ctx.now)
    return Transition(
        state=after,
        event=_event(
            ActionKind.ARCHIVE, state, after, ctx.actor, ctx.now, reason_code=str(reason_code), note=note
        ),
    )


def _reroute(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    target = _target(payload, "to_id", ctx.directory)
    note = _text(payload, "note") or ""
    if target.level != AgencyLevel.AGENCY or target.id == state.responsible_id:
        raise ActionRejected(RejectReason.TARGET_NOT_ALLOWED)
    state = _resume(state, ctx.config, ctx.now)
    after = _bump(
        state,
        True,
        status=S.UNVERIFIED,
        responsible_id=target.id,
        handling_unit_id=None,
        verify_due=ctx.config.calendar.add_working_days(ctx.now, ctx.config.sla.verify),
        resolution_due=None,
    )
    return _moved(ActionKind.REROUTE, state, after, payload, target.id, note, ctx, to_id=target.id)


MAX_ATTACHMENTS = 20
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


def parse_attachments(payload: dict[str, Any]) -> tuple[AttachmentRef, ...]:
    """Validate ``payload["attachments"]``; raises ``_Reject`` through ``decide``."""
    raw = payload.get("attachments", [])
    if not isinstance(raw, list) or len(raw) > MAX_ATTACHMENTS:
        raise ActionRejected(RejectReason.INVALID_PAYLOAD, "attachments must be a list of at most 20")
    refs = []
    for item in raw:
        if not isinstance(item, dict):
            raise ActionRejected(RejectReason.INVALID_PAYLOAD, "attachment must be an object")
        sha, size = item.get("sha256"), item.get("size")
        ident, mime, name = item.get("id"), item.get("mime_type"), item.get("filename")
        if (  # the shapes every desktop checks a pulled page against (models/shapes.py)
            not is_sha256(sha)
            or not isinstance(size, int) or isinstance(size, bool)
            or not 0 <= size <= MAX_ATTACHMENT_BYTES
            or not is_record_id(ident) or not is_mime_type(mime)
            or not is_filename(name) or not name
        ):
            raise ActionRejected(RejectReason.INVALID_PAYLOAD, "attachment fields are not valid")
        refs.append(AttachmentRef(ident, sha, size, mime, name))
    return tuple(refs)


def _follow_up(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    body = _required_text(payload, "body", RejectReason.INVALID_PAYLOAD)
    after = _bump(
        state,
        False,
        status=S.IN_PROGRESS,
        first_follow_up_at=state.first_follow_up_at or ctx.now,
        last_follow_up_at=ctx.now,
        auto_close_due=ctx.config.calendar.add_working_days(ctx.now, ctx.config.sla.auto_close),
    )
    return _written(ActionKind.FOLLOW_UP, FollowUpKind.REPLY, state, after, body, payload, ctx)


def _internal_note(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    body = _required_text(payload, "body", RejectReason.INVALID_PAYLOAD)
    after = _bump(state, False)
    return _written(ActionKind.INTERNAL_NOTE, FollowUpKind.INTERNAL_NOTE, state, after, body,
                    payload, ctx)


def _written(
    action: ActionKind, kind: FollowUpKind, before: ComplaintState, after: ComplaintState,
    body: str, payload: dict[str, Any], ctx: Context,
) -> Transition:
    """A reply or note: the transition and the follow-up record it writes."""
    return Transition(
        state=after,
        event=_event(action, before, after, ctx.actor, ctx.now),
        follow_up=FollowUpRecord(
            id=_new_id(payload, "follow_up_id"),
            kind=kind,
            body=body,
            author_id=ctx.actor.user_id,
            unit_id=ctx.actor.unit_id,
            at=ctx.now,
            attachments=parse_attachments(payload),
        ),
    )


def _close(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    note = _text(payload, "note") or ""
    after = _bump(state, True, status=S.DONE, closed_at=ctx.now, auto_close_due=None)
    return Transition(state=after, event=_event(ActionKind.CLOSE, state, after, ctx.actor, ctx.now, note=note))


def _duplicate(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
    link: bool = True,
) -> Transition:
    other = payload.get("other_id")
    if not isinstance(other, str) or not other:
        raise ActionRejected(RejectReason.INVALID_PAYLOAD, "other_id must be a complaint id")
    if other == state.id:
        raise ActionRejected(RejectReason.DUPLICATE_OF_ITSELF)
    ids = list(state.duplicate_ids)
    if link and other not in ids:
        ids.append(other)
    elif not link and other in ids:
        ids.remove(other)
    kind = ActionKind.LINK_DUPLICATE if link else ActionKind.UNLINK_DUPLICATE
    after = _bump(state, False, duplicate_ids=tuple(sorted(ids)))
    return Transition(state=after, event=_event(kind, state, after, ctx.actor, ctx.now, other_id=other))


def _unlink(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    return _duplicate(state, payload, ctx, link=False)


HANDLERS: dict[ActionKind, Callable[..., Transition]] = {
    ActionKind.FORWARD: _forward,
    ActionKind.HANDLE: _handle,
    ActionKind.POSTPONE: _postpone,
    ActionKind.NOT_OUR_AUTHORITY: _not_our_authority,
    ActionKind.ARCHIVE: _archive,
    ActionKind.REROUTE: _reroute,
    ActionKind.FOLLOW_UP: _follow_up,
    ActionKind.INTERNAL_NOTE: _internal_note,
    ActionKind.CLOSE: _close,
    ActionKind.LINK_DUPLICATE: _duplicate,
    ActionKind.UNLINK_DUPLICATE: _unlink,
}


# --- changes that come from the citizen or the clock, applied by the server only ---------------



_Reject = ActionRejected  # the name the lifecycle used first
