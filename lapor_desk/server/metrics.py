"""The server's Prometheus metrics (``GET /metrics``, server/routes_ops.py).

Every label takes its values from a small, fixed set, whatever clients send: requests are
counted by route *template* (``/api/v1/blobs/{sha256}``, never the hash itself; ``unmatched``
for a path no route serves), by method (unknown methods as ``other``) and status; auth failures
by the error code the server answered; pushed actions by outcome. What is measured:

    lapor_http_requests_total{method,route,status}      requests answered
    lapor_http_request_duration_seconds{method,route}   time to answer (histogram)
    lapor_pull_pages_total{content}                     pull pages served: ``changes``/``empty``
    lapor_pull_rows_total                               rows and tombstones in those pages
    lapor_push_actions_total{outcome}                   applied, duplicate, rejected, conflict
    lapor_auth_failures_total{reason}                   401/429 answers by their error code
    lapor_blob_bytes_total{direction}                   attachment bytes ``in`` and ``out``
    lapor_notifications_total{channel,outcome}          messages to reporters (server/notify/):
                                                        sent, retry, failed, skipped
    lapor_channel_messages_total{channel,outcome}       messages taken in by email, whatsapp, sms
                                                        (server/channels/): new_complaint, added,
                                                        duplicate, rejected
    lapor_public_submissions_total{outcome}             forms sent on the public page: accepted,
                                                        rate_limited, honeypot, invalid
    lapor_sp4n_rounds_total{outcome}                    SP4N rounds the server ran (server/sp4n/
                                                        loop.py): ok, partial (a part failed),
                                                        failed (the round as a whole)
    lapor_sp4n_items_total{part,outcome}                what they did: report, push (sent,
                                                        failed); fetch (created, updated,
                                                        unchanged, refused, failed); file
                                                        (taken, failed: downloads)
    lapor_build_info{version,python}                    1, for the running build

Several worker processes (``serve --workers N``) count into files under
``PROMETHEUS_MULTIPROC_DIR`` (prometheus-client's multiprocess mode): a scrape through any
worker sums them all. The variable must be set before the workers start and the directory be
emptied once before they do (:func:`prepare_for_workers`), never by a worker: another worker's
counts live there. Without the variable a process counts in its own registry.
"""

from __future__ import annotations

import atexit
import os
import platform
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    values,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import Request
from starlette.types import Scope

from lapor_desk import __version__ as package_version

if TYPE_CHECKING:
    from lapor_desk.server.channels.email_in import FetchReport
    from lapor_desk.server.sp4n.round import FullRound

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
#: The route label of a request no route serves (its path is the client's, not a template).
UNMATCHED = "unmatched"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
#: The codes an authentication failure is answered with (services/tokens.py, routes_auth.py).
AUTH_REASONS = frozenset({"auth_required", "bad_credentials", "account_disabled",
                          "token_invalid", "token_expired", "token_revoked",
                          "too_many_requests"})
PUSH_OUTCOMES = ("applied", "duplicate", "rejected", "conflict")
NOTIFY_CHANNELS = ("email", "whatsapp", "sms", "none")
NOTIFY_OUTCOMES = ("sent", "retry", "failed", "skipped")
INBOUND_CHANNELS = ("email", "whatsapp", "sms")
#: What became of a message taken in (the intake's own words: created, responded, duplicate).
INBOUND_OUTCOMES = {"created": "new_complaint", "responded": "added", "duplicate": "duplicate",
                    "rejected": "rejected"}
PUBLIC_OUTCOMES = ("accepted", "rate_limited", "honeypot", "invalid")
SP4N_ROUNDS = ("ok", "partial", "failed")
SP4N_ITEMS = {"report": ("sent", "failed"), "push": ("sent", "failed"),
              "fetch": ("created", "updated", "unchanged", "refused", "failed"),
              "file": ("taken", "failed")}
#: Seconds: a no-op pull answers in milliseconds, a big page or a push batch in a second or more.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def multiprocess_dir() -> str | None:
    """The shared directory when this process counts into it: the variable was set before
    prometheus-client was imported here (it chooses its value store on import)."""
    if not getattr(values.ValueClass, "_multiprocess", False):
        return None
    return os.environ.get(MULTIPROC_ENV) or None


def prepare_multiprocess_dir(path: Path) -> None:
    """Before the workers start: ``path`` made and emptied of earlier runs' counts, and named
    in the environment the workers inherit (it must be set before prometheus-client is first
    imported in a worker, which a fresh worker process does)."""
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink()
    os.environ[MULTIPROC_ENV] = str(path)


def prepare_for_workers(workers: int) -> Path | None:
    """Called by what starts ``workers`` worker processes, before it does: with more than one,
    the shared directory (``PROMETHEUS_MULTIPROC_DIR`` if set, else a new private one, removed
    at exit) made ready; with one, nothing (a directory the operator named is left as it is:
    other processes may count there)."""
    if workers <= 1:
        return None
    named = os.environ.get(MULTIPROC_ENV)
    if named:
        path = Path(named)
    else:
        path = Path(tempfile.mkdtemp(prefix="lapor-metrics-"))
        atexit.register(shutil.rmtree, path, ignore_errors=True)
    prepare_multiprocess_dir(path)
    return path


def server_metrics(request: Request) -> ServerMetrics:
    """The metrics of the app serving ``request`` (server/app.py)."""
    found: ServerMetrics = request.app.state.metrics
    return found


class RouteNames:
    """A request's route label: the template of the route that served it (the router puts the
    route in the scope), or for a request answered before routing (a body over its limit) the
    first of ``templates`` its path fits; else UNMATCHED."""

    def __init__(self, templates: Iterable[str] = ()) -> None:
        self._patterns = [
            (re.compile("[^/]+".join(re.escape(part) for part in re.split(r"\{[^/{}]+\}", t))
                        + r"\Z"), t)
            for t in templates]

    def __call__(self, scope: Scope) -> str:
        path = getattr(scope.get("route"), "path", None)
        if isinstance(path, str):
            return path
        for pattern, template in self._patterns:
            if pattern.match(scope.get("path", "")):
                return template
        return UNMATCHED


def method_label(method: str) -> str:
    return method if method in METHODS else "other"


class ServerMetrics:
    """The metrics of one server. In multiprocess mode the values live in the shared directory
    and :meth:`render` collects every worker's; otherwise in :attr:`registry`, one per app."""

    def __init__(self) -> None:
        self.shared_dir = multiprocess_dir()
        if self.shared_dir:  # each worker's file goes there (a systemd RuntimeDirectory, ...)
            Path(self.shared_dir).mkdir(parents=True, exist_ok=True)
        self.registry = CollectorRegistry()
        # In multiprocess mode nothing is registered: a scrape reads the files (render).
        into = None if self.shared_dir else self.registry
        self.requests = Counter("lapor_http_requests", "HTTP requests answered",
                                ("method", "route", "status"), registry=into)
        self.latency = Histogram("lapor_http_request_duration_seconds",
                                 "Time to answer an HTTP request", ("method", "route"),
                                 buckets=LATENCY_BUCKETS, registry=into)
        self.pull_pages = Counter("lapor_pull_pages", "Pull pages served, with changes or empty",
                                  ("content",), registry=into)
        self.pull_rows = Counter("lapor_pull_rows", "Rows and tombstones in the pull pages served",
                                 registry=into)
        self.push_actions = Counter("lapor_push_actions", "Pushed actions by outcome",
                                    ("outcome",), registry=into)
        self.auth_failures = Counter("lapor_auth_failures", "Refused authentications by reason",
                                     ("reason",), registry=into)
        self.blob_bytes = Counter("lapor_blob_bytes", "Attachment bytes received and sent",
                                  ("direction",), registry=into)
        self.notifications = Counter("lapor_notifications", "Messages to reporters by outcome",
                                     ("channel", "outcome"), registry=into)
        self.channel_messages = Counter("lapor_channel_messages",
                                        "Messages taken in from the channels, by outcome",
                                        ("channel", "outcome"), registry=into)
        self.public_submissions = Counter("lapor_public_submissions",
                                          "Forms sent on the public page, by outcome",
                                          ("outcome",), registry=into)
        self.sp4n_rounds = Counter("lapor_sp4n_rounds", "SP4N rounds run, by outcome",
                                   ("outcome",), registry=into)
        self.sp4n_items = Counter("lapor_sp4n_items", "What the SP4N rounds sent and took in",
                                  ("part", "outcome"), registry=into)
        self.build_info = Gauge("lapor_build_info", "The running build (always 1)",
                                ("version", "python"), multiprocess_mode="max", registry=into)
        self.build_info.labels(str(package_version), platform.python_version()).set(1)
        for outcome in PUSH_OUTCOMES:  # every outcome shows, also before it first happens
            self.push_actions.labels(outcome)
        for content in ("changes", "empty"):
            self.pull_pages.labels(content)
        for direction in ("in", "out"):
            self.blob_bytes.labels(direction)
        for channel in INBOUND_CHANNELS:
            for label in INBOUND_OUTCOMES.values():
                self.channel_messages.labels(channel, label)
        for label in PUBLIC_OUTCOMES:
            self.public_submissions.labels(label)
        for label in SP4N_ROUNDS:
            self.sp4n_rounds.labels(label)
        for part, outcomes in SP4N_ITEMS.items():
            for label in outcomes:
                self.sp4n_items.labels(part, label)

    # --- recording ---------------------------------------------------------------------------

    def request(self, method: str, route: str, status: int, seconds: float,
                error_code: str | None) -> None:
        method = method_label(method)
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)
        if status in (401, 429) and error_code:
            self.auth_failures.labels(error_code if error_code in AUTH_REASONS else "other").inc()

    def pull_page(self, rows: int) -> None:
        self.pull_pages.labels("changes" if rows else "empty").inc()
        if rows:
            self.pull_rows.inc(rows)

    def push_action(self, outcome: str, replayed: bool) -> None:
        label = "duplicate" if replayed else outcome
        self.push_actions.labels(label if label in PUSH_OUTCOMES else "rejected").inc()

    def notification(self, channel: str, outcome: str) -> None:
        self.notifications.labels(channel if channel in NOTIFY_CHANNELS else "none",
                                  outcome if outcome in NOTIFY_OUTCOMES else "failed").inc()

    def channel_message(self, channel: str, outcome: str, count: int = 1) -> None:
        """``count`` messages of ``channel`` taken in with the intake's ``outcome`` (created,
        responded, duplicate) or refused (``rejected``)."""
        if count and channel in INBOUND_CHANNELS:
            self.channel_messages.labels(
                channel, INBOUND_OUTCOMES.get(outcome, "rejected")).inc(count)

    def mail_taken(self, report: FetchReport) -> None:
        """What a round of reading the mailbox took in (automatic answers are not messages)."""
        for outcome, count in (("created", report.created), ("responded", report.responded),
                               ("duplicate", report.duplicates), ("rejected", report.refused)):
            self.channel_message("email", outcome, count)

    def sp4n_round(self, done: FullRound | None) -> None:
        """How an SP4N round went: what it did, or None when it failed as a whole."""
        if done is None:
            self.sp4n_rounds.labels("failed").inc()
            return
        fetched = done.fetched
        counts = {("report", "sent"): len(done.reports.sent),
                  ("report", "failed"): len(done.reports.failed),
                  ("push", "sent"): len(done.pushes.sent),
                  ("push", "failed"): len(done.pushes.failed),
                  ("fetch", "failed"): int(fetched.failed is not None),
                  ("file", "taken"): fetched.files_taken, ("file", "failed"): fetched.files_failed}
        for outcome in fetched.outcomes:
            key = ("fetch", outcome.kind)
            counts[key] = counts.get(key, 0) + 1
        for (part, label), count in counts.items():
            if count and label in SP4N_ITEMS[part]:
                self.sp4n_items.labels(part, label).inc(count)
        failed = done.reports.failed or done.pushes.failed or fetched.failed
        self.sp4n_rounds.labels("partial" if failed else "ok").inc()

    def public_submission(self, outcome: str) -> None:
        self.public_submissions.labels(outcome if outcome in PUBLIC_OUTCOMES else "invalid").inc()

    def blob_in(self, count: int) -> None:
        if count:
            self.blob_bytes.labels("in").inc(count)

    def counted_out(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """``chunks`` as they are sent, each counted as attachment bytes out."""
        counter = self.blob_bytes.labels("out")
        for chunk in chunks:
            counter.inc(len(chunk))
            yield chunk

    # --- the scrape --------------------------------------------------------------------------

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type: this process's counts, or every worker's
        in multiprocess mode."""
        if self.shared_dir:
            registry = CollectorRegistry()
            MultiProcessCollector(registry, path=self.shared_dir)  # type: ignore[no-untyped-call]
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
