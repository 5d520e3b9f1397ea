"""Routing help: which unit should handle a complaint, learned on this desktop from the profile's
own cache (models/routing/; docs/routing.md).

``suggest`` and ``suggest_text`` never train and never touch the network: they use the model
trained last, loaded from the profile folder once and kept. ``refresh`` (re)trains when the
history grew enough since that model; it is long and belongs off the UI thread (the desktop calls
it after a sync). The desktop's dialogs and ``lapor-desk suggest-unit`` use this same class.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO

from sqlalchemy import select

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.routing import history as routing_history
from lapor_desk.models.routing import storage, trainer
from lapor_desk.models.routing.history import Labelled
from lapor_desk.models.routing.model import KIND, MIN_HISTORY, RoutingModel, learnable, train
from lapor_desk.models.routing.suggest import suggest
from lapor_desk.models.routing.types import ModelState, Suggestions
from lapor_desk.services.child_process import Child
from lapor_desk.services.errors import NotFound, ServiceError
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.routing")

#: Retrain when the finished complaints grew by this share since the model in use.
GROWTH = 0.05
#: The longest a training may take in its child process.
TRAIN_TIMEOUT = 3600.0

Progress = Callable[[int, int], None]


class TrainingFailed(ServiceError):
    """The routing model could not be trained; the model in use (if any) stays."""


def train_in_child(history: Sequence[Labelled], history_size: int,
                   progress: Progress | None = None, kind: str = KIND,
                   started: Callable[[Child], None] | None = None) -> RoutingModel:
    """Train in a child process (models/routing/trainer.py): this process's interpreter lock
    stays with its window while the child prepares texts and fits. ``started`` receives the
    child (whoever ends the session stops it)."""
    child = Child([sys.executable, "-m", trainer.MODULE], stdin=subprocess.PIPE,
                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if started is not None:
        started(child)
    process = child.process
    assert process is not None and process.stdin is not None
    assert process.stdout is not None and process.stderr is not None
    complaints: list[str] = []

    def feed(sink: IO[bytes]) -> None:
        try:
            for line in trainer.encode(history, history_size, kind):
                sink.write(line)
        except (BrokenPipeError, OSError):
            pass  # the child ended early: its error output says why
        finally:
            try:
                sink.close()
            except OSError:
                pass

    def listen(source: IO[bytes]) -> None:
        for raw in source:
            line = raw.decode(errors="replace").strip()
            parts = line.split()
            if len(parts) == 3 and parts[0] == "progress" and progress is not None:
                progress(int(parts[1]), int(parts[2]))
            elif line:
                complaints.append(line)
                del complaints[:-20]

    feeder = threading.Thread(target=feed, args=(process.stdin,), daemon=True,
                              name="routing-feed")
    listener = threading.Thread(target=listen, args=(process.stderr,), daemon=True,
                                name="routing-progress")
    feeder.start()
    listener.start()
    try:
        data = process.stdout.read()
        code = child.wait(TRAIN_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise TrainingFailed("training took too long", code="routing_timeout") from exc
    finally:
        child.stop()
        feeder.join(5)
        listener.join(5)
    if code != 0:
        event(log, "routing.child_failed", logging.ERROR, code=code,
              error=" | ".join(complaints[-5:]))
        raise TrainingFailed("the routing model could not be trained",
                             code="routing_failed")
    return storage.from_bytes(data)


class RoutingHelp:
    """The profile's routing model: suggestions from it, and its retraining."""

    def __init__(self, cache: Cache, *, in_child: bool = True) -> None:
        self.cache = cache
        #: train in a child process (the desktop); False: in the calling thread
        self.in_child = in_child
        self.path = Path(cache.profile_dir) / storage.MODEL_FILE
        self._key = cache.keys.routing if cache.keys is not None else None
        self._model: RoutingModel | None = None
        self._loaded = False
        self._lock = threading.Lock()  # the model in use
        self._training = threading.Lock()  # one refresh at a time
        self._busy = False
        #: the finished complaints counted when a refresh found too little to learn from
        self._too_little_at: int | None = None
        #: the session ended (signed out, quit): nothing more is trained or written
        self.closed = False
        self._child: Child | None = None

    def close(self) -> None:
        """The session ends: a training under way is stopped and its model never written (the
        profile folder may be about to go)."""
        self.closed = True
        child = self._child
        if child is not None:
            child.stop(timeout=2.0)

    def _hold_child(self, child: Child) -> None:
        self._child = child
        if self.closed:  # closed while the child started
            child.stop(timeout=2.0)

    # --- the model in use -----------------------------------------------------------------------

    def _current(self) -> RoutingModel | None:
        with self._lock:
            if not self._loaded:
                self._loaded = True
                try:
                    started = time.perf_counter()
                    self._model = storage.load(self.path, self._key)
                    if self._model is not None:
                        event(log, "routing.loaded", trained_on=self._model.trained_on,
                              ms=round((time.perf_counter() - started) * 1000, 1))
                except storage.ModelFileError as exc:
                    event(log, "routing.load_failed", logging.WARNING, error=str(exc))
                    self._model = None
            return self._model

    def _no_model(self) -> Suggestions:
        """What a suggestion says while there is no model."""
        with self.cache.engine.connect() as connection:
            finished = routing_history.finished(connection)
        if self._busy or (finished >= MIN_HISTORY and finished != self._too_little_at):
            return Suggestions(ModelState.TRAINING)
        return Suggestions(ModelState.TOO_LITTLE_HISTORY)

    def _allowed(self) -> dict[int, str]:
        with self.cache.engine.connect() as connection:
            return routing_history.viewer(connection).units

    def _lookup(self, ids: Sequence[str]) -> Mapping[str, tuple[int | None, str]]:
        with self.cache.engine.connect() as connection:
            return {row.id: (row.tracking_number, row.title or "") for row in connection.execute(
                select(Complaint.id, Complaint.tracking_number, Complaint.title)
                .where(Complaint.id.in_(list(ids))))}

    # --- suggestions (no training, no network) ------------------------------------------------

    def suggest(self, complaint_id: str, top: int = 3) -> Suggestions:
        """The likeliest units for a complaint of the cache (and its category when the
        reporter's looks wrong). Raises ``NotFound`` for a complaint the cache does not hold."""
        with self.cache.engine.connect() as connection:
            row = connection.execute(
                select(Complaint.title, Complaint.body, Complaint.regency, Complaint.category,
                       Complaint.handling_unit_id, Complaint.responsible_id)
                .where(Complaint.id == complaint_id)).first()
        if row is None:
            raise NotFound(f"complaint {complaint_id}", code="not_found")
        model = self._current()
        if model is None:
            return self._no_model()
        return suggest(model, title=row.title or "", body=row.body, regency=row.regency,
                       category=row.category, allowed=self._allowed(), top=top,
                       exclude=row.handling_unit_id or row.responsible_id, lookup=self._lookup)

    def suggest_text(self, title: str, body: str, regency: str | None,
                     category: str | None = None, top: int = 3) -> Suggestions:
        """The same for a text the cache does not hold (``lapor-desk suggest-unit``)."""
        model = self._current()
        if model is None:
            return self._no_model()
        return suggest(model, title=title, body=body, regency=regency, category=category,
                       allowed=self._allowed(), top=top, lookup=self._lookup)

    # --- training (long: off the UI thread) -----------------------------------------------------

    def refresh(self, progress: Progress | None = None) -> ModelState:
        """Train a new model when the finished complaints grew by :data:`GROWTH` since the
        model in use (or there is none); a cheap no-op otherwise. Saved sealed in the profile
        folder, then used by the next suggestion."""
        with self._training:
            model = self._current()
            with self.cache.engine.connect() as connection:
                finished = routing_history.finished(connection)
            if model is not None and finished < model.history_size * (1 + GROWTH):
                return ModelState.READY
            if finished < MIN_HISTORY:
                return ModelState.READY if model is not None else ModelState.TOO_LITTLE_HISTORY
            with self.cache.engine.connect() as connection:
                history = routing_history.read_history(connection)
            if not learnable(history):  # e.g. every finished complaint handled by one unit
                self._too_little_at = finished
                return ModelState.READY if model is not None else ModelState.TOO_LITTLE_HISTORY
            self._busy = True
            try:
                started = time.perf_counter()
                if self.closed:
                    raise TrainingFailed("the session ended", code="routing_closed")
                if self.in_child:
                    trained = train_in_child(history, finished, progress,
                                             started=self._hold_child)
                else:
                    trained = train(history, history_size=finished, progress=progress)
                if self.closed or not self.path.parent.is_dir():
                    # Signed out meanwhile: the profile's folder is gone or going; a model
                    # written now would outlive the session.
                    raise TrainingFailed("the session ended", code="routing_closed")
                size = storage.save(self.path, trained, self._key)
            finally:
                self._busy = False
                self._child = None
            event(log, "routing.trained", complaints=trained.trained_on, bytes=size,
                  seconds=round(time.perf_counter() - started, 2))
            with self._lock:
                self._model, self._loaded = trained, True
            return ModelState.READY
