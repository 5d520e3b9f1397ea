"""One function per desktop action: given a complaint the caller may act on, the transition.

``lifecycle.decide`` checks scope, role, status and conflicts, then the payload's values
(``models/validation.py``: the check both sides share), then calls the handler here with the
checked payload. A handler raises :class:`ActionRejected` for a payload the rules refuse (an
unknown or unsuitable target).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from lapor_desk.models.agencies import Actor, AgencyDirectory, AgencyNode, owning_agency
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.complaint_state import (
    ActionRejected,
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
from lapor_desk.models.validation import (
    attachment_refs,
    check_attachments,
)

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



def _text(payload: dict[str, Any], key: str) -> str:
    """A checked text of the payload (``""`` when absent)."""
    return str(payload.get(key) or "")


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
    """A checked client-made id of the payload."""
    return str(payload[key])


def _target(payload: dict[str, Any], key: str, directory: AgencyDirectory) -> AgencyNode:
    node = directory.get(int(payload[key]))
    if node is None:
        raise ActionRejected(RejectReason.UNKNOWN_TARGET)
    if not node.active:  # left the pemda's structure (server/org/): no new complaints go there
        raise ActionRejected(RejectReason.TARGET_NOT_ALLOWED)
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
    note = _text(payload, "note")
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
    note = _text(payload, "note")
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


def postpone_until(asked: date, now: datetime, config: DomainConfig) -> date:
    """The day a postponement asked for ``asked`` is looked at again: that day, or the next
    working day when it is a weekend or holiday. Raises :class:`ActionRejected` ``until:past``
    for today or earlier (in Indonesia's working-day zone) and ``until:too_far`` beyond
    ``sla.postpone_max`` working days from today."""
    calendar = config.calendar
    today = calendar.local_date(now)
    if asked <= today:
        raise ActionRejected(RejectReason.INVALID_PAYLOAD, "until:past")
    day = calendar.working_day_from(asked)
    if day > calendar.working_days_ahead(today, config.sla.postpone_max):
        raise ActionRejected(RejectReason.INVALID_PAYLOAD, "until:too_far")
    return day


def _postpone(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    reason = _text(payload, "reason")
    asked = payload.get("until")
    until = (postpone_until(date.fromisoformat(asked), ctx.now, ctx.config).isoformat()
             if asked else None)
    after = _bump(state, True, status=S.POSTPONED, paused_at=ctx.now)
    return Transition(
        state=after, event=_event(ActionKind.POSTPONE, state, after, ctx.actor, ctx.now,
                                  reason=reason, until=until)
    )


def _reopen(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    """Buka kembali: a finished complaint goes back to its handlers (in progress when it had a
    follow-up, else forwarded), an archived one back to verification with a new verification
    deadline. It closes again by hand or after the next follow-up's auto-close; its resolution
    deadline stays what it was."""
    reason = _text(payload, "reason")
    if state.status == S.ARCHIVED or state.handling_unit_id is None:
        after = _bump(state, True, status=S.UNVERIFIED, closed_at=None, auto_close_due=None,
                      paused_at=None,
                      verify_due=ctx.config.calendar.add_working_days(ctx.now, ctx.config.sla.verify))
    else:
        status = S.IN_PROGRESS if state.last_follow_up_at is not None else S.FORWARDED
        after = _bump(state, True, status=status, closed_at=None, auto_close_due=None)
    return Transition(
        state=after, event=_event(ActionKind.REOPEN, state, after, ctx.actor, ctx.now, reason=reason)
    )


def _not_our_authority(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    reason = _text(payload, "reason")
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
    reason_code = ArchiveReason(payload["reason_code"])
    note = _text(payload, "note")
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
    note = _text(payload, "note")
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


def parse_attachments(payload: dict[str, Any]) -> tuple[AttachmentRef, ...]:
    """``payload["attachments"]`` checked (``models/validation.py``); raises
    :class:`ActionRejected`."""
    return attachment_refs({"attachments": check_attachments(payload.get("attachments", []))})


def _follow_up(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    body = _text(payload, "body")
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
    body = _text(payload, "body")
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
            attachments=attachment_refs(payload),
        ),
    )


def _close(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
) -> Transition:
    note = _text(payload, "note")
    after = _bump(state, True, status=S.DONE, closed_at=ctx.now, auto_close_due=None)
    return Transition(state=after, event=_event(ActionKind.CLOSE, state, after, ctx.actor, ctx.now, note=note))


def _duplicate(
    state: ComplaintState, payload: dict[str, Any], ctx: Context,
    link: bool = True,
) -> Transition:
    other = str(payload["other_id"])
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
    ActionKind.REOPEN: _reopen,
    ActionKind.LINK_DUPLICATE: _duplicate,
    ActionKind.UNLINK_DUPLICATE: _unlink,
}


# --- changes that come from the citizen or the clock, applied by the server only ---------------



_Reject = ActionRejected  # the name the lifecycle used first
