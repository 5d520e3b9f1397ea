"""Applying a pushed batch: each action in its own transaction, answers in order, all on one
connection (a transaction per action keeps the change counter's lock, which every writer takes,
held for one action at a time).

A database error inside one action (a race on a client-made id, a value the database refuses)
rolls back that action only: it is retried once, then answered ``rejected`` in a transaction of
its own (which stores nothing the client sent but the mutation id), so it never blocks the
actions after it. The agency directory is read once per batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import DictDirectory
from lapor_desk.models.enums import Outcome, RejectReason
from lapor_desk.server.blob_access import BlobAccess
from lapor_desk.server.database import connection_session, read_session
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
    metrics). One connection for the whole batch, a transaction per action on it."""
    with connection_session(state.engine) as session:
        with session.begin():
            values = session.connection().execute(_BATCH_HEAD).one()
            current, _ = head_of(values[1:])
            if epoch is not None and epoch != current.id:
                raise EpochChangedError(current.id)
            bind_client(session, client_id, viewer.user.id, state.now())
            directory = state.directory(session, (values[0], current.id))
        answers = []
        for mutation in mutations:
            result = _apply_one(session, state, viewer, client_id, mutation, directory)
            answers.append(_answer(state, viewer, result))
            if counted is not None:
                counted(str(result.outcome), result.replayed)
        seq = change_counter(session)
    return {"results": answers, "epoch": current.id, "seq": seq}


def _apply_one(session: Session, state: ServerState, viewer: Viewer, client_id: str,
               mutation: Mutation, directory: DictDirectory) -> ActionResult:
    for attempt in range(2):
        # Each action reads its rows afresh, as in a session of its own (none kept from the
        # action before: another writer may have changed them since).
        session.expunge_all()
        try:
            with session.begin():
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
    session.expunge_all()
    with session.begin():
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
