"""A pushed ``national_update``: a national record's status and follow-ups, from a register an
admin imported on the desktop (docs/sync-protocol.md), applied with the rules of ``lapor-server
sp4n-import`` (models/national.py plans it, server/sp4n/national.py writes it).

The complaint is the one that carries the record's national tracking number, whichever id the
desktop named (it may not have pulled that complaint yet). The admin must hold it in their scope
and have the role that imports registers. The update is one action: written whole, or refused
with its problems and nothing written. A record the desktop recorded in the same import
(``new``) is updated as far as the status machine reaches; what it cannot reach yet is left.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import Actor, DictDirectory, can_see
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.complaint_state import ActionRejected
from lapor_desk.models.enums import RejectReason
from lapor_desk.models.national import ROLES, check_national
from lapor_desk.server.db import Complaint
from lapor_desk.server.services import records
from lapor_desk.server.sp4n.national import apply_plan, plan_known


@dataclass(frozen=True)
class Verdict:
    """Applied (``reason`` None: the complaint and its version after) or refused."""

    reason: RejectReason | None = None
    detail: str = ""
    complaint_id: str | None = None
    version: int | None = None


def _refused(reason: RejectReason, detail: str = "") -> Verdict:
    return Verdict(reason, detail)


def national_update(session: Session, actor: Actor, client_id: str, mutation_id: int,
                    complaint_id: str | None, payload: Mapping[str, Any],
                    directory: DictDirectory, config: DomainConfig, now: datetime) -> Verdict:
    """Judge and write one ``national_update`` in the caller's transaction."""
    if actor.role not in ROLES:
        return _refused(RejectReason.ROLE_NOT_ALLOWED)
    try:
        update = check_national(payload)
    except ActionRejected as error:
        return _refused(error.reason, error.detail)
    holder = session.scalars(select(Complaint.id).where(
        Complaint.national_tracking_number == update.number)).first()
    if holder is None:
        return _refused(RejectReason.NOT_FOUND, f"SP4N-LAPOR! {update.number}")
    row = records.lock_complaint_row(session, holder)
    assert row is not None
    state = records.state_of(row)
    scope_root = directory.get(actor.scope_root_id)
    location = directory.get(state.location_id)
    if scope_root is None or location is None or not can_see(actor, scope_root, location):
        return _refused(RejectReason.OUT_OF_SCOPE, f"SP4N-LAPOR! {update.number}")
    plan = plan_known(session, row, update.number, update.follow_ups, update.status,
                      config=config, now=now, actor_id=actor.user_id)
    recorded_here = update.new and holder == complaint_id
    if plan.problems and not recorded_here:
        return _refused(RejectReason.INVALID_TRANSITION, ",".join(plan.problems))
    if not plan.transitions:
        return Verdict(complaint_id=holder, version=state.version)
    after = apply_plan(session, holder, plan, directory=directory, now=now,
                       client_id=client_id, mutation_id=mutation_id)
    return Verdict(complaint_id=holder, version=int(after.version))
