"""Applying one pushed action: idempotent, judged by ``lifecycle.decide``, answer recorded.

``apply_action`` works inside the caller's transaction (one per action, see ``push.py``): it looks
up an earlier answer to the same ``(client_id, mutation_id)`` (with the client's row, in one
statement), otherwise decides, records the answer and the client's last mutation id, then writes
the changes, all in the same transaction.
Every action is judged first and written after one check of the attachments it would write
(whatever its kind): each must name a blob the caller may use (``AttachmentAccess``), else the
action is rejected ``attachment_missing`` and nothing of it is written.
Its statements are SQLAlchemy Core on the session's connection, built once (a pushed batch is up
to 500 such transactions, so each must be cheap).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, cast

from sqlalchemy import Table, and_, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import Actor, DictDirectory, owning_agency
from lapor_desk.models.calendar import DomainConfig, utcnow
from lapor_desk.models.enums import ActionKind, Outcome, RejectReason
from lapor_desk.models.intake import IntakeError
from lapor_desk.models.lifecycle import (
    RULES,
    AttachmentRef,
    Conflict,
    Rejection,
    Transition,
    decide,
)
from lapor_desk.models.text import clean_line
from lapor_desk.models.validation import (
    ActionRejected,
    attachment_refs,
    check_record,
    check_record_id,
    is_record_id,
)
from lapor_desk.server.db import (
    Attachment,
    Complaint,
    Disposition,
    FollowUp,
    MutationResult,
    SyncClient,
)
from lapor_desk.server.services import records
from lapor_desk.server.services.errors import ServiceError
from lapor_desk.server.services.national_action import national_update


class ClientMismatchError(ServiceError):
    code = "client_mismatch"


class AttachmentAccess(Protocol):
    """Which attachments the acting user may name (``server/blob_access.py``)."""

    def refused(self, session: Session, refs: Sequence[AttachmentRef]) -> list[str]:
        """The hashes among ``refs`` the user may not attach."""
        ...


@dataclass(frozen=True)
class Mutation:
    mutation_id: int
    kind: str
    complaint_id: str | None
    base_version: int | None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ActionResult:
    mutation_id: int
    outcome: Outcome
    complaint_id: str | None = None
    version: int | None = None
    reason: str | None = None
    detail: str | None = None
    replayed: bool = False


_CLIENTS = cast(Table, SyncClient.__table__)
_RESULTS = cast(Table, MutationResult.__table__)
_SELECT_CLIENT = (select(_CLIENTS.c.user_id, _CLIENTS.c.last_mutation_id)
                  .where(_CLIENTS.c.client_id == bindparam("client_id")).with_for_update())
#: A client's first row; two first pushes of one client racing each other (a retry sent while
#: the first attempt is still running) both get past the SELECT, so the second one must wait for
#: the first and then use its row rather than fail on the primary key.
_INSERT_CLIENT = {
    "postgresql": pg_insert(_CLIENTS).on_conflict_do_nothing(index_elements=["client_id"]),
    "sqlite": sqlite_insert(_CLIENTS).on_conflict_do_nothing(index_elements=["client_id"]),
}
_UPDATE_CLIENT = (update(_CLIENTS).where(_CLIENTS.c.client_id == bindparam("_client_id"))
                  .values(last_mutation_id=bindparam("_last"), last_seen_at=bindparam("_seen")))
_SELECT_RESULT = select(
    _RESULTS.c.outcome, _RESULTS.c.complaint_id, _RESULTS.c.version, _RESULTS.c.reason,
    _RESULTS.c.detail,
).where(_RESULTS.c.client_id == bindparam("client_id"),
        _RESULTS.c.mutation_id == bindparam("mutation_id"))
_INSERT_RESULT = insert(_RESULTS)
#: An action's start in one statement: the client's row (locked, as ``_SELECT_CLIENT``) and the
#: answer it was given to this mutation before, if any.
_SELECT_CLIENT_AND_RESULT = (
    select(_CLIENTS.c.user_id, _CLIENTS.c.last_mutation_id, _RESULTS.c.outcome,
           _RESULTS.c.complaint_id, _RESULTS.c.version, _RESULTS.c.reason, _RESULTS.c.detail)
    .select_from(_CLIENTS.outerjoin(_RESULTS, and_(
        _RESULTS.c.client_id == _CLIENTS.c.client_id,
        _RESULTS.c.mutation_id == bindparam("mutation_id"))))
    .where(_CLIENTS.c.client_id == bindparam("client_id")).with_for_update(of=_CLIENTS))


@dataclass
class ClientState:
    """A sync client's row, as read (and locked) by ``bind_client``."""

    client_id: str
    user_id: int
    last_mutation_id: int


def bind_client(session: Session, client_id: str, user_id: int, now: datetime) -> ClientState:
    """The client's row, created for ``user_id`` on first use; raises ``ClientMismatchError``
    when the client belongs to another user. Row-locked on PostgreSQL: one client's actions
    are applied one at a time."""
    connection = session.connection()
    row = connection.execute(_SELECT_CLIENT, {"client_id": client_id}).first()
    if row is None:
        connection.execute(_INSERT_CLIENT[connection.dialect.name],
                           {"client_id": client_id, "user_id": user_id, "last_mutation_id": 0,
                            "created_at": now, "last_seen_at": now})
        row = connection.execute(_SELECT_CLIENT, {"client_id": client_id}).one()
    if row.user_id != user_id:
        raise ClientMismatchError("this client id belongs to another user")
    return ClientState(client_id, row.user_id, row.last_mutation_id or 0)


def stored_result(session: Session, client_id: str, mutation_id: int) -> ActionResult | None:
    row = session.connection().execute(
        _SELECT_RESULT, {"client_id": client_id, "mutation_id": mutation_id}).first()
    if row is None:
        return None
    return ActionResult(mutation_id, Outcome(row.outcome), row.complaint_id, row.version,
                        row.reason, row.detail, replayed=True)


def apply_action(
    session: Session,
    actor: Actor,
    client_id: str,
    mutation: Mutation,
    *,
    directory: DictDirectory,
    config: DomainConfig,
    attachments: AttachmentAccess,
    now: datetime | None = None,
) -> ActionResult:
    """Apply one action in the caller's transaction and record its answer there too.
    ``attachments`` says which blobs ``actor`` may attach.

    The answer is recorded before the action's rows are written: writing them takes the change
    counter's lock (``db.next_seqs``), which every writer waits for until this transaction
    commits, so only the statements that need a change number run under it."""
    now = now or utcnow()
    client, earlier = _client_and_result(session, client_id, actor.user_id, mutation, now)
    if earlier is not None:
        return earlier
    judged = _judge(session, actor, client_id, mutation, directory, config, now, attachments)
    if isinstance(judged, ActionResult):
        record_result(session, client, judged, now)
        return judged
    record_result(session, client, judged.result, now)
    judged.write()
    return judged.result


def _client_and_result(session: Session, client_id: str, user_id: int, mutation: Mutation,
                       now: datetime) -> tuple[ClientState, ActionResult | None]:
    """The client's row (locked, as ``bind_client``) and the answer stored for ``mutation``."""
    row = session.connection().execute(_SELECT_CLIENT_AND_RESULT, {
        "client_id": client_id, "mutation_id": mutation.mutation_id}).first()
    if row is None:  # the client's first action outside a batch (the batch makes the row)
        client = bind_client(session, client_id, user_id, now)
        return client, stored_result(session, client_id, mutation.mutation_id)
    if row.user_id != user_id:
        raise ClientMismatchError("this client id belongs to another user")
    client = ClientState(client_id, row.user_id, row.last_mutation_id or 0)
    if row.outcome is None:
        return client, None
    return client, ActionResult(mutation.mutation_id, Outcome(row.outcome), row.complaint_id,
                                row.version, row.reason, row.detail, replayed=True)


def record_result(session: Session, client: ClientState, result: ActionResult,
                  now: datetime) -> None:
    connection = session.connection()
    connection.execute(_INSERT_RESULT, {
        "client_id": client.client_id, "mutation_id": result.mutation_id,
        "outcome": str(result.outcome), "complaint_id": result.complaint_id,
        "version": result.version, "reason": result.reason, "detail": result.detail, "at": now,
    })
    client.last_mutation_id = max(client.last_mutation_id, result.mutation_id)
    connection.execute(_UPDATE_CLIENT, {"_client_id": client.client_id,
                                        "_last": client.last_mutation_id, "_seen": now})


def rejected(mutation: Mutation, reason: RejectReason | str, detail: str = "") -> ActionResult:
    """A refusal as it is stored and answered: the complaint id only when it is an id at all,
    the detail cleaned (it may quote what the client sent)."""
    complaint_id = mutation.complaint_id if is_record_id(mutation.complaint_id) else None
    return ActionResult(mutation.mutation_id, Outcome.REJECTED, complaint_id, None,
                        str(reason), clean_line(detail)[:2000] or None)


@dataclass(frozen=True)
class _Accepted:
    """An action judged acceptable, not yet written: the attachments it would write, how, and
    the answer it gets once written."""

    attachments: tuple[AttachmentRef, ...]
    write: Callable[[], object]
    result: ActionResult


def _judge(session: Session, actor: Actor, client_id: str, mutation: Mutation,
           directory: DictDirectory, config: DomainConfig, now: datetime,
           access: AttachmentAccess) -> ActionResult | _Accepted:
    """The action's refusal, or the action accepted (its attachments checked), not written."""
    try:
        kind = ActionKind(mutation.kind)
    except ValueError:
        return rejected(mutation, RejectReason.UNKNOWN_ACTION, mutation.kind[:64])
    problem = _payload_problem(mutation)
    if problem:
        return rejected(mutation, RejectReason.INVALID_PAYLOAD, problem)
    if kind == ActionKind.NATIONAL_UPDATE:  # no attachments; its own rules
        verdict = national_update(session, actor, client_id, mutation.mutation_id,
                                  mutation.complaint_id, mutation.payload, directory, config,
                                  now)
        if verdict.reason is not None:
            return rejected(mutation, verdict.reason, verdict.detail)
        return ActionResult(mutation.mutation_id, Outcome.APPLIED, verdict.complaint_id,
                            verdict.version)
    if kind == ActionKind.RECORD_COMPLAINT:
        judged = _record_complaint(session, actor, client_id, mutation, directory, config, now)
    else:
        judged = _transition(session, actor, client_id, kind, mutation, directory, config, now)
    if isinstance(judged, ActionResult):
        return judged
    # The one gate every attachment an action writes passes through.
    refused = access.refused(session, judged.attachments)
    if refused:
        return rejected(mutation, RejectReason.ATTACHMENT_MISSING, ",".join(refused))
    return judged


def _transition(session: Session, actor: Actor, client_id: str, kind: ActionKind,
                mutation: Mutation, directory: DictDirectory, config: DomainConfig,
                now: datetime) -> ActionResult | _Accepted:
    if not mutation.complaint_id:
        return rejected(mutation, RejectReason.INVALID_PAYLOAD, "complaint_id is required")
    complaint = records.lock_complaint_row(session, mutation.complaint_id)
    state = records.state_of(complaint) if complaint is not None else None
    decision = decide(state, kind, mutation.payload, actor, directory, config, now,
                      mutation.base_version)
    if isinstance(decision, Rejection):
        return rejected(mutation, decision.reason, decision.detail)
    if isinstance(decision, Conflict):
        return ActionResult(mutation.mutation_id, Outcome.CONFLICT, mutation.complaint_id,
                            None, None, "exclusive transition since base_version")
    assert isinstance(decision, Transition) and complaint is not None
    clash = _clashing_ids(session, decision)
    if clash:
        return rejected(mutation, RejectReason.ALREADY_EXISTS, clash)
    row, transition = complaint, decision

    def write() -> None:
        records.write_transition(session, row, transition, directory=directory, now=now,
                                 client_id=client_id, mutation_id=mutation.mutation_id)

    refs = decision.follow_up.attachments if decision.follow_up is not None else ()
    return _Accepted(refs, write, ActionResult(mutation.mutation_id, Outcome.APPLIED, row.id,
                                               transition.state.version))


def _clashing_ids(session: Session, transition: Transition) -> str:
    if transition.disposition is not None and records.existing_ids(
        session, Disposition, [transition.disposition.id]
    ):
        return transition.disposition.id
    if transition.follow_up is not None:
        if records.existing_ids(session, FollowUp, [transition.follow_up.id]):
            return transition.follow_up.id
        taken = records.existing_ids(session, Attachment, [a.id for a in transition.follow_up.attachments])
        if taken:
            return taken[0]
    return ""


def _record_complaint(session: Session, actor: Actor, client_id: str, mutation: Mutation,
                      directory: DictDirectory, config: DomainConfig,
                      now: datetime) -> ActionResult | _Accepted:
    roles, _ = RULES[ActionKind.RECORD_COMPLAINT]
    if actor.role not in roles:
        return rejected(mutation, RejectReason.ROLE_NOT_ALLOWED)
    try:  # models/validation.py: the check the desktop ran before it queued the action
        new, checked = check_record(mutation.complaint_id, mutation.payload, now)
    except IntakeError as error:
        return rejected(mutation, RejectReason.INVALID_PAYLOAD, str(error))
    except ActionRejected as error:
        return rejected(mutation, error.reason, error.detail)
    complaint_id = str(mutation.complaint_id)
    refs: tuple[AttachmentRef, ...] = attachment_refs(checked)
    if records.existing_ids(session, Complaint, [complaint_id]):
        return rejected(mutation, RejectReason.ALREADY_EXISTS, complaint_id)
    national = new.national_tracking_number
    if national is not None and session.scalars(select(Complaint.id).where(
            Complaint.national_tracking_number == national)).first() is not None:
        # a national record already held here: never a second complaint for it
        return rejected(mutation, RejectReason.ALREADY_EXISTS, f"SP4N-LAPOR! {national}")
    taken = records.existing_ids(session, Attachment, [r.id for r in refs])
    if taken:
        return rejected(mutation, RejectReason.ALREADY_EXISTS, taken[0])
    unit = directory.get(actor.unit_id)
    if unit is None:
        return rejected(mutation, RejectReason.UNKNOWN_TARGET)
    responsible, new_id = owning_agency(directory, unit), complaint_id

    def write() -> None:
        records.insert_complaint(
            session, complaint_id=new_id, new=new, responsible=responsible, config=config, now=now,
            event_kind=str(ActionKind.RECORD_COMPLAINT), actor_id=actor.user_id,
            recorded_by=actor.user_id, handler_unit_ids=[actor.unit_id], attachments=refs,
            client_id=client_id, mutation_id=mutation.mutation_id,
        )

    return _Accepted(refs, write, ActionResult(mutation.mutation_id, Outcome.APPLIED,
                                               complaint_id, records.FIRST_VERSION))


def _payload_problem(mutation: Mutation) -> str:
    """A complaint id the database could not hold (too long, a NUL...), refused before anything
    is looked up by it. Every other value is checked by ``models/validation.py`` (in ``decide``
    and ``check_record``), as the desktop checked it before queueing."""
    try:
        check_record_id(mutation.complaint_id, "complaint_id")
    except ActionRejected as error:
        return error.detail
    return ""
