"""Applying a pushed batch: one transaction, each action in a savepoint of its own, answers
in order.

A database error inside one action (a race on a client-made id, a value the database refuses)
rolls back that action's savepoint only: it is retried once, then answered ``rejected`` in a
savepoint of its own (which stores nothing the client sent but the mutation id), so it never
blocks the actions after it. The batch commits once: every action with its recorded answer, or
(the database failed the commit) none of them, and the client sends the batch again. The agency
directory is read once per batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import DictDirectory
from lapor_desk.models.enums import Outcome, RejectReason
from lapor_desk.server.blob_access import BlobAccess
from lapor_desk.server.database import transaction
from lapor_desk.server.epoch import HEAD_COLUMNS, change_counter, head_of
from lapor_desk.server.logs import event
from lapor_desk.server.pull import encode_row
from lapor_desk.server.pull_sql import Selects
from lapor_desk.server.scope import Viewer
from lapor_desk.server.services.actions import (
    ActionResult,
    Mutation,
    apply_action,
    bind_client,
    record_result,
    rejected,
    stored_result,
)
from lapor_desk.server.services.directory import DirectoryCache
from lapor_desk.server.state import ServerState

log = logging.getLogger(__name__)


class EpochChangedError(Exception):
    """The client's actions were answered in another epoch: the server went back to a backup
    since (server/epoch.py). Nothing of the batch is applied."""

    def __init__(self, epoch: str) -> None:
        super().__init__("the server was restored from a backup")
        self.epoch = epoch


#: How often a batch is tried when PostgreSQL aborts its transaction to break a deadlock (two
#: batches locking the same complaints in another order) or a serialization failure; nothing
#: of an aborted try was stored, so trying again applies each action once.
BATCH_ATTEMPTS = 3
_RETRIED_STATES = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure


#: The directory cache's key and the epoch, read in one statement at the batch's start.
_BATCH_HEAD = select(DirectoryCache.KEY_COLUMNS[0], *HEAD_COLUMNS)


def push_batch(state: ServerState, viewer: Viewer, client_id: str,
               mutations: list[Mutation], epoch: str | None = None,
               counted: Callable[[str, bool], None] | None = None) -> dict[str, Any]:
    """Apply ``mutations`` in order: the answer's ``results``, with the server's ``epoch`` and
    ``seq`` (its change counter after the batch: every applied action's changes are at or
    below it). Raises ``ClientMismatchError`` before applying any when the client belongs to
    another user, and :class:`EpochChangedError` when ``epoch`` (the one the client knows) is
    not the server's. ``counted(outcome, replayed)`` hears of each answer (the server's
    metrics)."""
    for attempt in range(BATCH_ATTEMPTS):
        try:
            answer, results = _apply_batch(state, viewer, client_id, mutations, epoch)
            break
        except OperationalError as error:
            if (attempt + 1 == BATCH_ATTEMPTS
                    or getattr(error.orig, "sqlstate", None) not in _RETRIED_STATES):
                raise
            event(log, "push_batch_retried", logging.WARNING, client_id=client_id,
                  attempt=attempt, state=getattr(error.orig, "sqlstate", None))
    if counted is not None:
        for result in results:
            counted(str(result.outcome), result.replayed)
    return answer


def _apply_batch(state: ServerState, viewer: Viewer, client_id: str,
                 mutations: list[Mutation],
                 epoch: str | None) -> tuple[dict[str, Any], list[ActionResult]]:
    """The batch in one transaction, each action in a savepoint of its own."""
    with transaction(state.engine) as session:
        values = session.connection().execute(_BATCH_HEAD).one()
        current, _ = head_of(values[1:])
        if epoch is not None and epoch != current.id:
            raise EpochChangedError(current.id)
        bind_client(session, client_id, viewer.user.id, state.now())
        directory = state.directory(session, (values[0], current.id))
        results, answers = [], []
        for mutation in mutations:
            result = _apply_one(session, state, viewer, client_id, mutation, directory)
            results.append(result)
            answers.append(_answer(session, viewer, result))
        seq = change_counter(session)
    return {"results": answers, "epoch": current.id, "seq": seq}, results


def _apply_one(session: Session, state: ServerState, viewer: Viewer, client_id: str,
               mutation: Mutation, directory: DictDirectory) -> ActionResult:
    for attempt in range(2):
        try:
            with session.begin_nested():
                if state.before_action is not None:
                    state.before_action(session, viewer.actor, mutation.kind,
                                        mutation.complaint_id, directory, state.config,
                                        state.now())
                return apply_action(session, viewer.actor, client_id, mutation,
                                    directory=directory, config=state.config,
                                    attachments=BlobAccess(viewer), now=state.now())
        except (IntegrityError, DataError) as error:
            event(log, "push_action_failed", logging.WARNING, client_id=client_id,
                  mutation_id=mutation.mutation_id, attempt=attempt, error=type(error).__name__)
    with session.begin_nested():
        earlier = stored_result(session, client_id, mutation.mutation_id)
        if earlier is not None:
            return earlier
        client = bind_client(session, client_id, viewer.user.id, state.now())
        # Nothing the client sent but its mutation id: the database refused something of it
        # (PostgreSQL refuses NUL in text, also in an unknown kind or a complaint id).
        unstorable = Mutation(mutation.mutation_id, mutation.kind, None, None)
        result = rejected(unstorable, RejectReason.INVALID_PAYLOAD, "the server could not store it")
        record_result(session, client, result, state.now())
        return result


def _answer(session: Session, viewer: Viewer, result: ActionResult) -> dict[str, Any]:
    current = None
    if result.outcome == Outcome.CONFLICT and result.complaint_id:
        current = complaint_row(session, viewer, result.complaint_id)
    return {"mutation_id": result.mutation_id, "outcome": str(result.outcome),
            "version": result.version if result.outcome == Outcome.APPLIED else None,
            "reason": result.reason, "detail": result.detail or None, "current": current}


def complaint_row(session: Session, viewer: Viewer, complaint_id: str) -> dict[str, Any] | None:
    row = session.execute(Selects(viewer).complaint_by_id(complaint_id)).first()
    return encode_row(session, "complaint", row) if row is not None else None
