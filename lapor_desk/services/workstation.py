"""The facade the UI talks to: a session plus the queries and actions of its profile.

It holds no Qt and no widgets. Network calls (``sign_in``, ``resume``, ``sync``, ``sign_out``)
belong on the UI's network worker; everything else reads or writes the cache and belongs on its
database worker. Each user action is one transaction; every answer is a frozen value.
"""

from __future__ import annotations

import platform
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from lapor_desk.models.calendar import DomainConfig, default_config, utcnow
from lapor_desk.services.actions import ARCHIVE_REASONS, Actions
from lapor_desk.services.attachments import Attachments
from lapor_desk.services.complaints import ComplaintQueries
from lapor_desk.services.duplicates import Duplicates
from lapor_desk.services.errors import SignInError
from lapor_desk.services.filter_options import FilterOptions
from lapor_desk.services.intake import Intake
from lapor_desk.services.lifecycle import Lifecycle
from lapor_desk.services.monthly import MonthlyRecaps, ReportWriter
from lapor_desk.services.outbox_review import OutboxReview
from lapor_desk.services.oversight import Oversight
from lapor_desk.services.people import People
from lapor_desk.services.profile_copy import UnsyncedWork, UnsyncedWorkError
from lapor_desk.services.profiles import ProfileStore
from lapor_desk.services.queues import QueueQueries, queues_for
from lapor_desk.services.register import Register
from lapor_desk.services.replies import Replies
from lapor_desk.services.session import Session, TransportFactory, _default_transport
from lapor_desk.services.types import (
    AgencyItem,
    ClockSkew,
    ComplaintDetail,
    ComplaintFilter,
    ComplaintRow,
    QueueInfo,
    SessionInfo,
    StatusSummary,
    SyncOutcome,
    SyncProgress,
    UserProfile,
)
from lapor_desk.services.unit_directory import UnitNames
from lapor_desk.services.verification import Verification
from lapor_desk.sync.address import is_training_url

if TYPE_CHECKING:  # numpy, SciPy and scikit-learn load at the first suggestion, not at the start
    from lapor_desk.services.routing import RoutingHelp

T = TypeVar("T")



def recap_writer(fmt: str) -> ReportWriter | None:
    """The recap's writer for ``fmt`` (services/recap.py: loaded, with openpyxl and reportlab,
    at the first export; the desktop's start does not need it)."""
    from lapor_desk.services import recap

    return recap.WRITERS.get(fmt)


class Workstation:
    def __init__(self, profile_root: Path | None = None, *,
                 clock: Callable[[], datetime] = utcnow, config: DomainConfig | None = None,
                 device: str | None = None,
                 transport_factory: TransportFactory = _default_transport,
                 encrypt_cache: bool = True, training: bool = False) -> None:
        self.clock = clock
        #: On the training sandbox (the demo): its server keeps the training world's time.
        self.training = training
        self.config = config or default_config()
        self.profiles = ProfileStore(profile_root)
        self.session = Session(self.profiles, device=device or platform.node() or "lapor-desk",
                               clock=clock, config=self.config,
                               transport_factory=transport_factory,
                               encrypt_cache=encrypt_cache)
        self._queues: QueueQueries | None = None
        self._complaints: ComplaintQueries | None = None
        self._actions: Actions | None = None
        self._verification: Verification | None = None
        self._outbox_review: OutboxReview | None = None
        self._intake: Intake | None = None
        self._register: Register | None = None
        self._duplicates: Duplicates | None = None
        self._replies: Replies | None = None
        self._lifecycle: Lifecycle | None = None
        self._routing: RoutingHelp | None = None

    # --- session (network worker) -------------------------------------------------------------

    def known_profiles(self) -> list[UserProfile]:
        return self.profiles.all()

    def sign_in(self, server_url: str, username: str, password: str,
                new_password: str | None = None) -> SessionInfo:
        """``new_password``: replaces a one-time password (``password_change_required``)."""
        return self._bind(self.session.sign_in(server_url, username, password, new_password))

    def resume(self, profile: UserProfile) -> SessionInfo:
        return self._bind(self.session.resume(profile))

    def unsynced_work(self) -> UnsyncedWork:
        """What signing out would throw away (database worker); the UI asks before it does."""
        work = self.session.unsynced_work()
        drafts = self._replies.drafts.count() if self._replies is not None else 0
        return replace(work, drafts=drafts)

    def sign_out(self, *, discard_unsynced: bool = False) -> None:
        """End the session and delete this computer's copy of the profile (cache, attachments,
        drafts, cache key, token). With unsynced work (drafts too) and without
        ``discard_unsynced``: raises ``UnsyncedWorkError`` and changes nothing."""
        if not discard_unsynced and self.session.info is not None:
            work = self.unsynced_work()
            if work.any:
                raise UnsyncedWorkError(work)
        self._close_routing()  # before the folder goes: a training must not write into it
        try:
            self.session.sign_out(discard_unsynced=discard_unsynced)
        finally:
            if self.session.info is None:
                self._unbind()

    def forget_profile(self, profile: UserProfile) -> None:
        """Delete a profile that cannot be opened (its cache key is lost from the keyring)."""
        self._close_routing()
        self.session.forget_profile(profile)
        if self.session.info is None:
            self._unbind()

    def _close_routing(self) -> None:
        """Stop a routing training under way before the profile's folder goes."""
        if self._routing is not None:
            self._routing.close()

    def _unbind(self) -> None:
        self._close_routing()
        self._queues = self._complaints = self._actions = None
        self._verification = self._outbox_review = self._lifecycle = None
        self._intake = self._register = self._duplicates = self._replies = None
        self._routing = None

    def close(self) -> None:
        """End the session here (the profile stays): copies handed to other applications are
        removed, every service of the session dropped."""
        if self.session.cache is not None and self.session.info is not None:
            self.attachments.remove_external_copies(0)
        self.session.close()
        self._unbind()

    def sync(self, progress: Callable[[SyncProgress], None] | None = None,
             cancel: threading.Event | None = None) -> SyncOutcome:
        return self.session.sync(progress, cancel)

    @property
    def info(self) -> SessionInfo | None:
        return self.session.info

    def clock_skew(self) -> ClockSkew | None:
        """How far this PC's clock is off from the server's, when it is off by more than a few
        minutes (arithmetic on what the answers taught, no I/O: any thread)."""
        if self.session.cache is None:
            return None
        if self._on_training_server():
            return None  # a training server keeps the training world's time on purpose
        reading = self.session.server_clock.reading()
        if reading is None or not reading.noticeable:
            return None
        return ClockSkew(ahead=-reading.offset, learned_at=reading.learned_at,
                         confirmed=not reading.saved)

    def _on_training_server(self, info: SessionInfo | None = None) -> bool:
        info = info or self.session.info
        return self.training or (info is not None and is_training_url(info.server_url))

    def _today(self, info: SessionInfo | None = None) -> Callable[[], datetime]:
        """The clock deadlines are read by: this PC's, except against a training server, whose
        world keeps its own time (server/training/clock.py): there the server's, as learned."""
        return self.session.server_clock.now if self._on_training_server(info) else self.clock

    def _bind(self, info: SessionInfo) -> SessionInfo:
        cache = self.session.require_cache()
        assert self.session.outbox is not None
        today = self._today(info)
        self._queues = QueueQueries(cache, self._role, self.config, today)
        self._complaints = ComplaintQueries(cache, self.config, today)
        self._actions = Actions(self.session.outbox)
        self._verification = Verification(cache, self._actions)
        # What is recorded and sent is timed by the server's clock (sync/clock.py).
        server_now = self.session.server_clock.now
        self._replies = Replies(self._actions, info.profile_dir, today)
        # One sealed drafts file: replies and the form of a complaint being recorded.
        self._intake = Intake(cache, self.session.outbox, server_now, self._replies.drafts)
        # What an earlier version (or a crash) left in the clear: drafts are sealed, copies
        # handed to other applications removed (attachment files: when the cache opened).
        self._replies.drafts.seal_plaintext()
        self.attachments.remove_external_copies(0)
        self._outbox_review = OutboxReview(cache, self._actions, self._intake,
                                           self.session.server_clock)
        self._register = Register(self.session.outbox, server_now, Path(info.profile_dir))
        self._duplicates = Duplicates(cache, self._actions)
        self._lifecycle = Lifecycle(cache, self._actions, self.config, server_now,
                                    info.profile_dir)
        return info

    def _role(self) -> str:
        return self.session.info.role if self.session.info else ""

    def queue_keys(self) -> list[str]:
        """The queues the signed-in role sees, in the sidebar's order (no read: any thread)."""
        return [queue.key for queue in queues_for(self._role())]

    # --- reads (database worker) --------------------------------------------------------------

    def status(self) -> StatusSummary:
        return self.session.status()

    def queues(self) -> list[QueueInfo]:
        return self._need(self._queues).queues()

    def complaint_ids(self, queue_key: str,
                      where: ComplaintFilter | None = None) -> list[str]:
        return self._need(self._queues).complaint_ids(queue_key, where)

    def remember_queue(self, queue_key: str) -> bool:
        """Read a queue's list ahead of its first opening (``QueueQueries.remember``)."""
        return self._need(self._queues).remember(queue_key)

    def filter_options(self, queue_key: str) -> FilterOptions:
        """The channels, categories, regions and units the queue's complaints carry."""
        return self._need(self._queues).filter_options(queue_key)

    def rows(self, ids: Sequence[str]) -> list[ComplaintRow]:
        return self._need(self._complaints).rows(ids)

    def detail(self, complaint_id: str) -> ComplaintDetail:
        """The complaint, and whether its postponement's day has come (the reminder's today)."""
        return self._need(self._lifecycle).with_reminder(
            self._need(self._complaints).detail(complaint_id))

    def forward_targets(self, complaint_id: str) -> list[AgencyItem]:
        return self._need(self._complaints).forward_targets(complaint_id)

    # --- actions (database worker) ------------------------------------------------------------

    @property
    def actions(self) -> Actions:
        return self._need(self._actions)

    @property
    def intake(self) -> Intake:
        """Record a complaint that arrived offline (services/intake.py)."""
        return self._need(self._intake)

    @property
    def register(self) -> Register:
        """Import a register file, with a dry-run preview (services/register.py)."""
        return self._need(self._register)

    @property
    def duplicates(self) -> Duplicates:
        return self._need(self._duplicates)

    @property
    def oversight(self) -> Oversight:
        """Coordinators' dashboard (services/oversight.py; stateless)."""
        return Oversight(self.session.require_cache(), self._role, self.config, self._today())

    @property
    def recaps(self) -> MonthlyRecaps:
        """The monthly recap for leadership and its files (services/monthly.py; stateless)."""
        return MonthlyRecaps(self.oversight, recap_writer)

    @property
    def replies(self) -> Replies:
        """Follow-ups with attachments, templates and drafts (services/replies.py)."""
        return self._need(self._replies)

    @property
    def attachments(self) -> Attachments:
        """Attachments, opened and kept for offline use (services/attachments.py)."""
        info = self._need(self.session.info)
        return Attachments(self.session.require_cache(),
                           lambda: self.session.transport, info.profile_dir)

    @property
    def lifecycle(self) -> Lifecycle:
        """Close, reopen, the days a postponement may name, its reminder (lifecycle.py)."""
        return self._need(self._lifecycle)

    @property
    def people(self) -> People:
        """The accounts this admin manages, on the server (services/people.py)."""
        return People(self.session.require_cache(), lambda: self.session.transport)

    @property
    def routing(self) -> RoutingHelp:
        """Which unit should handle a complaint, learned from this profile's history
        (services/routing.py): one per session, its model loaded once and kept."""
        from lapor_desk.services.routing import RoutingHelp

        cache = self.session.require_cache()
        if self._routing is None or self._routing.cache is not cache or self._routing.closed:
            self._routing = RoutingHelp(cache)
        return self._routing

    @property
    def unit_names(self) -> UnitNames:
        """The directory's other names of units, edited on the server (unit_directory.py)."""
        return UnitNames(self.session.require_cache(), lambda: self.session.transport)

    @property
    def verification(self) -> Verification:
        """Verification actions by kind, re-routing, bulk forward/archive (verification.py)."""
        return self._need(self._verification)

    @property
    def outbox_review(self) -> OutboxReview:
        """Kotak Keluar and Konflik: resend, re-apply, discard (outbox_review.py)."""
        return self._need(self._outbox_review)

    archive_reasons = ARCHIVE_REASONS

    @staticmethod
    def _need(part: T | None) -> T:
        if part is None:
            raise SignInError("not signed in", code="not_signed_in")
        return part
