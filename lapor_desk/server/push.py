"""Applying a pushed batch: each action in its own transaction, answers in order.

A database error inside one action (a race on a client-made id, a value the database refuses)
rolls back that action only: it is retried once, then answered ``rejected`` in a transaction of
its own (which stores nothing the client sent but the mutation id), so it never blocks the
actions after it. The agency directory is read once per batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import DictDirectory
from lapor_desk.models.enums import Outcome, RejectReason
from lapor_desk.server.blob_access import BlobAccess
from lapor_desk.server.database import read_session, transaction
from lapor_desk.server.epoch import change_counter, read_epoch
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
from lapor_desk.server.state import ServerState

log = logging.getLogger(__name__)


class EpochChangedError(Exception):
    """The client's actions were answered in another epoch: the server went back to a backup
    since (server/epoch.py). Nothing of the batch is applied."""

    def __init__(self, epoch: str) -> None:
        super().__init__("the server was restored from a backup")
        self.epoch = epoch


def push_batch(state: ServerState, viewer: Viewer, client_id: str,
               mutations: list[Mutation], epoch: str | None = None,
               counted: Callable[[str, bool], None] | None = None) -> dict[str, Any]:
    """Apply ``mutations`` in order: the answer's ``results``, with the server's ``epoch`` and
    ``seq`` (its change counter after the batch: every applied action's changes are at or
    below it). Raises ``ClientMismatchError`` before applying any when the client belongs to
    another user, and :class:`EpochChangedError` when ``epoch`` (the one the client knows) is
    not the server's. ``counted(outcome, replayed)`` hears of each answer (the server's
    metrics)."""
    with transaction(state.engine) as session:
        current = read_epoch(session)
        if epoch is not None and epoch != current.id:
            raise EpochChangedError(current.id)
        bind_client(session, client_id, viewer.user.id, state.now())
        directory = state.directory(session)
    answers = []
    for mutation in mutations:
        result = _apply_one(state, viewer, client_id, mutation, directory)
        answers.append(_answer(state, viewer, result))
        if counted is not None:
            counted(str(result.outcome), result.replayed)
    with read_session(state.engine) as session:
        seq = change_counter(session)
    return {"results": answers, "epoch": current.id, "seq": seq}


def _apply_one(state: ServerState, viewer: Viewer, client_id: str, mutation: Mutation,
               directory: DictDirectory) -> ActionResult:
    for attempt in range(2):
        try:
            with transaction(state.engine) as session:
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
    with transaction(state.engine) as session:
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


def _answer(state: ServerState, viewer: Viewer, result: ActionResult) -> dict[str, Any]:
    current = None
    if result.outcome == Outcome.CONFLICT and result.complaint_id:
        current = current_row(state, viewer, result.complaint_id)
    return {"mutation_id": result.mutation_id, "outcome": str(result.outcome),
            "version": result.version if result.outcome == Outcome.APPLIED else None,
            "reason": result.reason, "detail": result.detail or None, "current": current}


def current_row(state: ServerState, viewer: Viewer, complaint_id: str) -> dict[str, Any] | None:
    with read_session(state.engine) as session:
        return complaint_row(session, viewer, complaint_id)


def complaint_row(session: Session, viewer: Viewer, complaint_id: str) -> dict[str, Any] | None:
    row = session.execute(Selects(viewer).complaint_by_id(complaint_id)).first()
    return encode_row(session, "complaint", row) if row is not None else None
