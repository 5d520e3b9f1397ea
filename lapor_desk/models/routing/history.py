"""What the routing model learns from: each finished complaint and the unit that finally handled
it, read from a profile's cache.

The label of a finished (``done``) complaint is the last unit it was forwarded to (or handled
at: ``forward``/``handle`` dispositions) that answered it: a public reply (``follow_up`` of kind
``reply``) from that unit. A unit that sent the complaint back ("bukan wewenang") or passed it on
(re-route) before answering is never the label. When no forwarded unit answered (replies written
at the agency, a history pulled in part), the complaint's ``handling_unit_id`` stands, if it is a
unit. A complaint that came back (a ``not_our_authority`` or ``reroute`` disposition in its
history) is a *misroute*: it counts more in training (:data:`MISROUTE_WEIGHT`) and the unit that
finally handled it "caught" it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from lapor_desk.models.cache.schema import Agency, Complaint, Disposition, FollowUp, SyncState
from lapor_desk.models.enums import ActionKind, AgencyLevel, FollowUpKind, Status

#: How much a complaint that was misrouted and came back weighs in training, against 1 for one
#: that went straight to the right unit: these are the mistakes the suggestion is there to stop.
MISROUTE_WEIGHT = 3.0

FORWARDS = frozenset({str(ActionKind.FORWARD), str(ActionKind.HANDLE)})
BOUNCES = frozenset({str(ActionKind.NOT_OUR_AUTHORITY), str(ActionKind.REROUTE)})


@dataclass(frozen=True)
class Step:
    """One disposition of a complaint, in time order."""

    kind: str
    from_id: int | None
    to_id: int | None


@dataclass(frozen=True)
class Labelled:
    """A finished complaint as the model learns it."""

    complaint_id: str
    tracking_no: int | None
    title: str
    body: str
    regency: str | None
    category: str | None
    #: ``created_at`` and ``closed_at`` as the cache keeps them (ISO 8601 UTC text): a label
    #: is known from ``closed_at`` on (the time split's key, models/routing/evaluation.py).
    created_at: str
    closed_at: str | None
    unit_id: int
    misrouted: bool


def final_unit(steps: Sequence[Step], repliers: Iterable[int | None], handling_unit_id: int | None,
               units: frozenset[int]) -> int | None:
    """The unit that finally handled a finished complaint (see the module's text), or None."""
    answered = {u for u in repliers if u is not None}
    bounced_from: set[int] = set()
    for step in steps:
        if step.kind in BOUNCES and step.from_id is not None:
            bounced_from.add(step.from_id)
    for step in reversed(steps):
        if step.kind in FORWARDS and step.to_id in units and step.to_id in answered:
            return step.to_id
    if handling_unit_id in units and handling_unit_id not in bounced_from:
        return handling_unit_id
    return None


def misrouted(steps: Sequence[Step]) -> bool:
    """Whether the complaint came back from a unit or agency before it was handled."""
    return any(step.kind in BOUNCES for step in steps)


def unit_ids(connection: Connection) -> frozenset[int]:
    """Every unit-level node the cache knows (active or not: history names old ones too)."""
    return frozenset(connection.execute(select(Agency.id).where(
        Agency.level == str(AgencyLevel.UNIT))).scalars())


def finished(connection: Connection) -> int:
    """How many finished complaints the cache holds (the cheap test of whether to retrain)."""
    from sqlalchemy import func

    return int(connection.execute(select(func.count()).select_from(Complaint).where(
        Complaint.status == str(Status.DONE))).scalar_one())


def read_history(connection: Connection) -> list[Labelled]:
    """Every finished complaint of the cache with its label, oldest first."""
    units = unit_ids(connection)
    steps: dict[str, list[Step]] = {}
    for row in connection.execute(
            select(Disposition.complaint_id, Disposition.kind, Disposition.from_id,
                   Disposition.to_id)
            .join(Complaint, Complaint.id == Disposition.complaint_id)
            .where(Complaint.status == str(Status.DONE))
            .order_by(Disposition.complaint_id, Disposition.at, Disposition.id)):
        steps.setdefault(row.complaint_id, []).append(Step(row.kind, row.from_id, row.to_id))
    repliers: dict[str, list[int | None]] = {}
    for reply in connection.execute(
            select(FollowUp.complaint_id, FollowUp.unit_id)
            .join(Complaint, Complaint.id == FollowUp.complaint_id)
            .where(Complaint.status == str(Status.DONE),
                   FollowUp.kind == str(FollowUpKind.REPLY))):
        repliers.setdefault(reply.complaint_id, []).append(reply.unit_id)
    out = []
    for c in connection.execute(
            select(Complaint.id, Complaint.tracking_number, Complaint.title, Complaint.body,
                   Complaint.regency, Complaint.category, Complaint.created_at,
                   Complaint.closed_at, Complaint.handling_unit_id)
            .where(Complaint.status == str(Status.DONE))
            .order_by(Complaint.created_at, Complaint.id)):
        history = steps.get(c.id, [])
        label = final_unit(history, repliers.get(c.id, ()), c.handling_unit_id, units)
        if label is None:
            continue
        out.append(Labelled(c.id, c.tracking_number, c.title or "", c.body or "", c.regency,
                            c.category, c.created_at, c.closed_at, label,
                            misrouted(history)))
    return out


@dataclass(frozen=True)
class Viewer:
    """Whose suggestions: the units this profile's user may forward to."""

    #: id -> name of every active unit under the user's scope.
    units: dict[int, str]


def viewer(connection: Connection) -> Viewer:
    """The active units under this profile's scope (the forward picker's selectable units)."""
    root_id = connection.execute(select(SyncState.scope_root_id)).scalar_one_or_none()
    root = connection.execute(select(Agency.path).where(
        Agency.id == root_id)).scalar_one_or_none() if root_id is not None else None
    if root is None:
        return Viewer({})
    return Viewer({int(row.id): str(row.name) for row in connection.execute(
        select(Agency.id, Agency.name).where(
            Agency.path.startswith(root), Agency.level == str(AgencyLevel.UNIT),
            Agency.active.is_(True)))})
