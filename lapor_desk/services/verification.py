"""Verification work on complaints: every verification action by kind, re-routing, and bulk
forward / archive on a selection, each written through :meth:`Actions.submit`
(``services/actions.py``: the one check, the one transaction per action).

A bulk action on N complaints is N independent transactions, so one refusal never undoes the
others. Refusals are :class:`ActionNotAllowed` with the lifecycle's reason code and write
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from lapor_desk.models.cache.schema import Agency, Complaint, SyncState
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import ActionKind, AgencyLevel
from lapor_desk.services.actions import BULK_KINDS, ActionFields, Actions, check_fields
from lapor_desk.services.errors import ActionNotAllowed, NotFound, ServiceError
from lapor_desk.services.types import EVERYTHING, ActionResult, AgencyItem, Changes
from lapor_desk.services.unit_directory import agency_items


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


class Verification:
    def __init__(self, cache: Cache, actions: Actions) -> None:
        self.cache = cache
        self.actions = actions

    def submit(self, kind: str, complaint_id: str, fields: ActionFields, *,
               replaces: int | None = None) -> ActionResult:
        """The action ``kind`` on one complaint (:meth:`Actions.submit`)."""
        return self.actions.submit(kind, complaint_id, fields, replaces=replaces)

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
            return agency_items(connection, nodes, str(ActionKind.REROUTE),
                                lambda n: n.id != responsible, flat=True)

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
            return agency_items(connection, nodes, str(ActionKind.FORWARD),
                                lambda n: n.level != AgencyLevel.NATIONAL)
