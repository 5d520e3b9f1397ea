"""Plain frozen values the UI receives. No ORM objects, no sentences: codes and data."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from lapor_desk.models.enums import Role
from lapor_desk.models.people import manages_anyone


class DeadlineBadge(StrEnum):
    NONE = "none"          # no running deadline (closed, archived, postponed)
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"  # due within one working day (amber)
    OVERDUE = "overdue"    # past the deadline (red)


class OutboxMark(StrEnum):
    """What the outbox says about a complaint's row."""

    NONE = "none"
    PENDING = "pending"      # local action waiting to be sent
    REJECTED = "rejected"    # the server refused an action: needs attention
    CONFLICT = "conflict"    # someone else changed it first: needs a decision


@dataclass(frozen=True)
class UserProfile:
    """A profile: one server and one user, with its own cache directory."""

    server_url: str
    username: str
    directory: str
    display_name: str = ""
    role: str = ""
    last_used: str = ""


#: The coordinators (national and agency admins): the one definition of who verifies, records
#: complaints, acts on a selection and oversees units. (What each action needs is the
#: lifecycle's rule, ``models/lifecycle.py``, on both sides of the wire.)
COORDINATORS: frozenset[Role] = frozenset({Role.NATIONAL_ADMIN, Role.AGENCY_ADMIN})


@dataclass(frozen=True)
class Capabilities:
    """What a signed-in role may do in the desktop beyond the lifecycle's per-complaint rules.
    The UI asks these, never the role itself."""

    verify: bool = False             # the verification queues (needs_verification, postponed, ...)
    record_complaints: bool = False  # record a complaint, import a register file
    bulk_actions: bool = False       # forward / archive a selection of complaints
    oversight: bool = False          # the dashboard and the monthly recap
    #: edit the other names (aliases) of the units in their scope (while online); which nodes
    #: exactly: AgencyItem.names_editable
    unit_names: bool = False
    #: the people screen: accounts of their subtree (models/people.py::may_manage)
    people: bool = False

    @classmethod
    def of(cls, role: str) -> Capabilities:
        coordinator = role in COORDINATORS
        return cls(verify=coordinator, record_complaints=coordinator, bulk_actions=coordinator,
                   oversight=coordinator, unit_names=coordinator,
                   people=manages_anyone(role))


@dataclass(frozen=True)
class SessionInfo:
    server_url: str
    username: str
    display_name: str
    role: str            # models.enums.Role value
    unit_id: int
    unit_name: str
    profile_dir: str

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities.of(self.role)


@dataclass(frozen=True)
class ComplaintFilter:
    """Narrowing of a queue. Empty fields do not filter."""

    search: str = ""
    complaint_type: str | None = None
    channel: str | None = None
    category: str | None = None
    subcategory: str | None = None
    regency: str | None = None
    unit_id: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    anonymous: bool | None = None
    confidential: bool | None = None
    #: List order: "" (deadline, soonest first) or a SORTS code of services/queues.py;
    #: a leading "-" reverses it.
    order: str = ""


@dataclass(frozen=True)
class QueueInfo:
    key: str          # stable code, e.g. "needs_verification"
    count: int        # complaints; for the outbox and conflicts, the actions listed there
    attention: int = 0  # overdue complaints in the queue (or rejected entries in the outbox)


@dataclass(frozen=True)
class Deadline:
    due: datetime | None
    badge: DeadlineBadge
    working_days_left: int | None  # negative when overdue


@dataclass(frozen=True)
class ComplaintRow:
    id: str
    tracking_number: int | None
    title: str
    complaint_type: str
    status: str
    channel: str | None
    location_name: str
    created_at: datetime
    deadline: Deadline
    anonymous: bool
    confidential: bool
    redacted: bool
    outbox: OutboxMark
    #: the queue it is listed in (services/queues.py: QUEUE_OF_STATUS), said beside a result
    #: of the search, which looks in every queue
    queue: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str             # "disposition", "follow_up", "event"
    code: str             # disposition kind / follow-up kind / event kind
    actor_name: str
    text: str | None      # note or body (None when redacted)
    from_name: str = ""
    to_name: str = ""
    from_status: str | None = None
    to_status: str | None = None
    pending: bool = False  # made here, not yet accepted by the server
    redacted: bool = False
    attachments: tuple[str, ...] = ()  # file names
    until: date | None = None  # a postponement: the day to look at it again


@dataclass(frozen=True)
class OutboxNote:
    mutation_id: int
    kind: str
    state: str            # pending / rejected / conflict / applied
    reason: str | None
    detail: str | None
    created_at: datetime


@dataclass(frozen=True)
class ComplaintDetail:
    row: ComplaintRow
    body: str | None       # None when redacted (rahasia and we are not a reader)
    incident_date: str | None
    province: str | None
    regency: str | None
    district: str | None
    village: str | None
    category: str | None
    subcategory: str | None
    misconduct: bool
    reporter_name: str | None     # None for anonim
    reporter_contact: str | None
    responsible_name: str
    handling_unit_name: str | None
    tags: tuple[str, ...]
    timeline: tuple[TimelineEntry, ...]
    outbox: tuple[OutboxNote, ...]
    allowed_actions: frozenset[str]   # ActionKind values the user may start now
    #: While postponed: the day the latest postponement named (None: it named none).
    postponed_until: date | None = None
    #: That day has come (``services/lifecycle.py``: today by the reminder's clock).
    postponement_due: bool = False
    #: SP4N-LAPOR!'s tracking number and the link to the report there (None: not recorded yet).
    national_tracking_number: int | None = None
    national_link: str | None = None
    #: The reporter's rating of the handling (1-5, from the public page), their note (None when
    #: they wrote none or the complaint is rahasia and hidden) and when (None: not rated).
    rating: int | None = None
    rating_note: str | None = None
    rated_at: datetime | None = None


@dataclass(frozen=True)
class AgencyItem:
    id: int
    parent_id: int | None
    level: str
    name: str
    code: str
    selectable: bool  # a valid forward target (not the national root, not the current place)
    #: other names admins use for it (the directory's aliases)
    aliases: tuple[str, ...] = ()
    #: the names of the agencies above it, nearest first (not the national root)
    above: tuple[str, ...] = ()
    #: its place among the targets this user chose most recently (0: the last one), or None
    recent: int | None = None
    #: this user may edit its aliases (models/unit_names.py::may_edit_aliases)
    names_editable: bool = False


@dataclass(frozen=True)
class Changes:
    """What an operation changed, so the screens refresh that and nothing else (Anki's
    ``OpChanges``, in small)."""

    queues: bool = False   # the queues and their counts (read in front of the lists)
    counts: bool = False   # the counts alone (read beside the lists: the clock moved)
    rows: bool = False     # the complaints in the lists
    detail: bool = False   # the complaint shown in the detail
    status: bool = False   # the outbox and sync status

    def __or__(self, other: Changes) -> Changes:
        return Changes(*(a or b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def __bool__(self) -> bool:
        return any(astuple(self))

    @property
    def lists(self) -> bool:
        """The queues or the complaints in them changed (what lists derive from the cache)."""
        return self.queues or self.rows


#: An action written to the cache: every screen reads again.
EVERYTHING = Changes(queues=True, rows=True, detail=True, status=True)


@dataclass(frozen=True)
class ActionResult:
    mutation_id: int
    kind: str
    complaint_id: str
    record_id: str | None
    #: What the screens should refresh.
    changes: Changes = EVERYTHING


@dataclass(frozen=True)
class StatusSummary:
    online: bool | None      # None: not tried yet in this session
    last_sync_at: datetime | None
    pending: int
    rejected: int
    conflicts: int
    complaints: int
    last_error: str | None = None  # code of the last failed sync


@dataclass(frozen=True)
class ClockSkew:
    """This PC's clock against the server's, when it is off by more than a few minutes."""

    ahead: timedelta        # how far the PC's clock is ahead (negative: behind)
    learned_at: datetime    # when the server last told its time (server time)
    confirmed: bool         # told in this session (False: saved by an earlier one)


@dataclass(frozen=True)
class SyncProgress:
    phase: str        # push, upload, pull, download, done
    records: int
    bytes: int
    elapsed: float    # seconds since the sync started
    total: int | None = None  # records the phase has in all (pull: an estimate), or None


@dataclass(frozen=True)
class SyncOutcome:
    pushed: int
    applied: int
    rejected: int
    conflicts: int
    pulled_rows: int
    finished_at: datetime | None
    pages: int = 0      # pull pages
    resets: int = 0     # full re-pulls the server asked for
    #: The server went back to a backup during this sync (its epoch changed); ``resent`` of
    #: this desktop's actions that it no longer held were sent again (sync/epoch.py).
    server_restored: bool = False
    resent: int = 0


@dataclass(frozen=True)
class DemoProgress:
    step: str          # prepare, seed, start, ready
    detail: int = 0    # e.g. number of complaints being seeded
