"""A national record's update of a complaint held here: the rules, once, for every side.

SP4N-LAPOR! (docs/sp4n.md) holds a report under its national tracking number; what it says of
the report (its status word, the follow-ups written there) reaches a complaint held here through
``lapor-server sp4n-import`` (server/sp4n/national.py) and through the desktop's register import
(``national_update`` actions, docs/sync-protocol.md). Both plan the update with
:func:`plan_update`:

* each national follow-up not yet here is added (its id made from the number, its author's side,
  its time and its text: the same follow-up taken in twice is one follow-up): an agency's reply
  as a reply (the complaint Sedang Diproses), the reporter's answer as the reporter's response;
* the national status is reached when this system's status machine can reach it from where the
  complaint is (Selesai from Sedang Diproses or Ditanggapi Pelapor);
* what the machine cannot do is a problem (``reply_not_reachable:<status>``,
  ``response_not_reachable:<status>``, ``status_not_reachable:<from>><to>``,
  ``unknown_status:<word>``), never forced.

Planning writes nothing: the caller writes the transitions (the server in one transaction, the
desktop with its outbox entry). The events are of kind ``national_update``.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from lapor_desk.models.calendar import UTC, DomainConfig
from lapor_desk.models.complaint_state import (
    ActionRejected,
    ComplaintState,
    EventRecord,
    FollowUpRecord,
    Transition,
)
from lapor_desk.models.enums import ActionKind, FollowUpKind, RejectReason, Role, Status
from lapor_desk.models.intake import national_number_in
from lapor_desk.models.lifecycle import RULES
from lapor_desk.models.text import clean_line, clean_text
from lapor_desk.models.validation import TEXT_MAX

#: The kind of the events a national record writes (the SP4N push queue leaves them out).
EVENT_KIND = "national_update"
#: Ids of national follow-ups: uuid5 in this namespace.
NAMESPACE = uuid.UUID("6b1f5a8e-3c1d-5b7e-9a40-5d4e1f0c2a18")
#: Who may push a ``national_update``: those who may record and import complaints.
ROLES: frozenset[Role] = RULES[ActionKind.NATIONAL_UPDATE][0]
#: The most national follow-ups one action carries, and the longest status word.
MAX_FOLLOW_UPS = 200
STATUS_MAX = 80

#: SP4N-LAPOR!'s status words (as its exports and pages write them) -> this system's status.
STATUS_WORDS: dict[str, Status] = {
    "belum terverifikasi": Status.UNVERIFIED, "menunggu verifikasi": Status.UNVERIFIED,
    "terverifikasi": Status.FORWARDED, "terdisposisi": Status.FORWARDED,
    "didisposisikan": Status.FORWARDED, "belum ditindaklanjuti": Status.FORWARDED,
    "terdisposisi, belum ditindaklanjuti": Status.FORWARDED,
    "proses": Status.IN_PROGRESS, "diproses": Status.IN_PROGRESS,
    "sedang diproses": Status.IN_PROGRESS, "ditindaklanjuti": Status.IN_PROGRESS,
    "terdisposisi, sedang diproses": Status.IN_PROGRESS,
    "ditanggapi pelapor": Status.REPORTER_RESPONDED,
    "ditanggapi oleh pelapor": Status.REPORTER_RESPONDED,
    "tunda": Status.POSTPONED, "ditunda": Status.POSTPONED,
    "selesai": Status.DONE, "arsip": Status.ARCHIVED, "diarsipkan": Status.ARCHIVED,
    **{str(s): s for s in Status},
}
#: Statuses a national reply and Selesai are reached from (the rules of FOLLOW_UP and CLOSE).
REPLY_FROM = RULES[ActionKind.FOLLOW_UP][1]
CLOSE_FROM = RULES[ActionKind.CLOSE][1]
_CLOSED = frozenset({Status.DONE, Status.ARCHIVED})


def national_status(word: str) -> Status | None:
    """This system's status for SP4N-LAPOR!'s ``word``; None when it names none."""
    return STATUS_WORDS.get(" ".join(clean_line(word).casefold().split()))


class NationalItem(Protocol):
    """A follow-up written on SP4N-LAPOR!: when, what, and whether the reporter wrote it."""

    @property
    def at(self) -> datetime: ...

    @property
    def body(self) -> str: ...

    @property
    def from_reporter(self) -> bool: ...


@dataclass(frozen=True)
class NationalFollowUp:
    at: datetime
    body: str
    from_reporter: bool = False


@dataclass
class NationalPlan:
    """What an update does: the transitions in order, and what it cannot do."""

    transitions: list[Transition] = field(default_factory=list)
    follow_ups_added: int = 0
    status: Status | None = None  # the status reached, when it changes
    problems: list[str] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.transitions)


def follow_up_id(number: int, from_reporter: bool, at: datetime, body: str) -> str:
    """The id a national follow-up has here, the same at every import and on every side."""
    digest = hashlib.sha256(clean_text(body).encode()).hexdigest()
    side = "pelapor" if from_reporter else "instansi"
    return str(uuid.uuid5(NAMESPACE, f"{number}:{side}:{at.isoformat()}:{digest}"))


def taken_in(number: int, item: NationalItem) -> tuple[str, str] | None:
    """A national follow-up of record ``number`` as it is kept here: (its id, its text);
    None when it has no text."""
    body = clean_text(item.body)[:TEXT_MAX]
    if not body:
        return None
    return follow_up_id(number, item.from_reporter, item.at, body), body


def _bump(state: ComplaintState, exclusive: bool, **changes: Any) -> ComplaintState:
    return replace(state, version=state.version + 1,
                   transition_version=state.transition_version + int(exclusive), **changes)


def _event(before: ComplaintState, after: ComplaintState, number: int, now: datetime,
           actor_id: int | None, **detail: Any) -> EventRecord:
    return EventRecord(EVENT_KIND, before.status, after.status, actor_id, now,
                       {"national": number, **detail})


def _reply(state: ComplaintState, fid: str, body: str, at: datetime, number: int,
           config: DomainConfig, now: datetime, actor_id: int | None) -> Transition:
    """A reply the agency posted on SP4N-LAPOR!: as a follow-up written here (``_follow_up``
    in models/transitions.py), from the national side. The reporter's time to answer counts
    from when it is taken in here (or its national date, if later): an old reply taken in late
    must not close the complaint at once."""
    after = _bump(state, False, status=Status.IN_PROGRESS,
                  first_follow_up_at=state.first_follow_up_at or at, last_follow_up_at=at,
                  auto_close_due=config.calendar.add_working_days(max(at, now),
                                                                  config.sla.auto_close))
    return Transition(state=after,
                      event=_event(state, after, number, now, actor_id, follow_up=fid),
                      follow_up=FollowUpRecord(fid, FollowUpKind.REPLY, body, None, None, at))


def _response(state: ComplaintState, fid: str, body: str, at: datetime, number: int,
              now: datetime, actor_id: int | None) -> Transition:
    """The reporter answered there: waiting for it (Sedang Diproses), the complaint becomes
    Ditanggapi Pelapor; at another open status it is added and the status stays."""
    if state.status == Status.IN_PROGRESS:
        after = _bump(state, False, status=Status.REPORTER_RESPONDED, auto_close_due=None)
    else:
        after = _bump(state, False)
    return Transition(state=after,
                      event=_event(state, after, number, now, actor_id, follow_up=fid),
                      follow_up=FollowUpRecord(fid, FollowUpKind.REPORTER_RESPONSE, body,
                                               None, None, at))


def plan_update(state: ComplaintState, number: int, follow_ups: Iterable[NationalItem],
                status_word: str | None, *, known: Callable[[list[str]], Collection[str]],
                config: DomainConfig, now: datetime,
                actor_id: int | None = None) -> NationalPlan:
    """The update national record ``number`` makes of a complaint at ``state`` (see the
    module). ``known(ids)``: which of these follow-up ids the complaint has already;
    ``actor_id``: who takes the record in (None: the server's own import)."""
    plan = NationalPlan()
    items = []
    for item in sorted(follow_ups, key=lambda f: f.at):
        taken = taken_in(number, item)
        if taken is not None:
            items.append((*taken, item))
    held = set(known([fid for fid, _, _ in items])) if items else set()
    for fid, body, item in items:
        if fid in held:
            continue
        if item.from_reporter:
            if state.status in _CLOSED:
                plan.problems.append(f"response_not_reachable:{state.status}")
                continue
            transition = _response(state, fid, body, item.at, number, now, actor_id)
        else:
            if state.status not in REPLY_FROM:
                plan.problems.append(f"reply_not_reachable:{state.status}")
                continue
            transition = _reply(state, fid, body, item.at, number, config, now, actor_id)
        held.add(fid)
        plan.transitions.append(transition)
        plan.follow_ups_added += 1
        state = transition.state
    target = national_status(status_word) if status_word else None
    if status_word and target is None:
        plan.problems.append(f"unknown_status:{clean_line(status_word)[:40]}")
    elif target is not None and target != state.status:
        if target == Status.DONE and state.status in CLOSE_FROM:
            after = _bump(state, True, status=Status.DONE, closed_at=now, auto_close_due=None)
            plan.transitions.append(Transition(
                state=after, event=_event(state, after, number, now, actor_id)))
            plan.status = Status.DONE
        else:
            plan.problems.append(f"status_not_reachable:{state.status}>{target}")
    return plan


# --- the action's payload ------------------------------------------------------------------------

@dataclass(frozen=True)
class NationalUpdate:
    """A ``national_update`` action's payload, checked: the record's number, its status word,
    its follow-ups, and whether the desktop recorded the complaint in the same import (``new``:
    what the status machine cannot do yet is then left, not refused)."""

    number: int
    status: str = ""
    follow_ups: tuple[NationalFollowUp, ...] = ()
    new: bool = False

    def to_payload(self) -> dict[str, Any]:
        return {"national_tracking_number": self.number, "status": self.status,
                "follow_ups": [{"at": f.at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                                "body": f.body, "from_reporter": f.from_reporter}
                               for f in self.follow_ups],
                "new": self.new}


def _bad(name: str, code: str = "invalid") -> ActionRejected:
    return ActionRejected(RejectReason.INVALID_PAYLOAD, f"{name}:{code}")


def _moment(value: object) -> datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise _bad("follow_ups.at")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _bad("follow_ups.at") from None
    if moment.tzinfo is None:
        raise _bad("follow_ups.at")
    return moment.astimezone(UTC)


def check_national(payload: Mapping[str, Any]) -> NationalUpdate:
    """The payload of a ``national_update`` as the server and the desktop accept it; raises
    :class:`ActionRejected` (``invalid_payload``, ``field:code``) otherwise."""
    number = payload.get("national_tracking_number")
    if isinstance(number, bool) or not isinstance(number, int) or \
            national_number_in(number) is None:
        raise _bad("national_tracking_number")
    status = payload.get("status") or ""
    if not isinstance(status, str):
        raise _bad("status")
    status = clean_line(status)
    if len(status) > STATUS_MAX:
        raise _bad("status", "too_long")
    raw = payload.get("follow_ups") or []
    if not isinstance(raw, list):
        raise _bad("follow_ups")
    if len(raw) > MAX_FOLLOW_UPS:
        raise _bad("follow_ups", "too_many")
    items = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise _bad("follow_ups")
        body = entry.get("body")
        if not isinstance(body, str):
            raise _bad("follow_ups.body")
        body = clean_text(body)
        if not body:
            raise _bad("follow_ups.body", "required")
        if len(body) > TEXT_MAX:
            raise _bad("follow_ups.body", "too_long")
        side = entry.get("from_reporter", False)
        if not isinstance(side, bool):
            raise _bad("follow_ups.from_reporter")
        items.append(NationalFollowUp(_moment(entry.get("at")), body, side))
    new = payload.get("new", False)
    if not isinstance(new, bool):
        raise _bad("new")
    return NationalUpdate(number, status, tuple(items), new)

