"""Closing, reopening and postponing until a day: who may, from where, and what follows."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lapor_desk.models.calendar import UTC
from lapor_desk.models.enums import ActionKind, RejectReason, Role, Status
from lapor_desk.models.lifecycle import Conflict, Rejection, Transition, decide
from tests.models.test_lifecycle import (
    CONFIG,
    DINAS_PU,
    DINKES_KOLAKA,
    DIRECTORY,
    KOLAKA_LIAISON,
    KONAWE,
    KONAWE_ADMIN,
    NATIONAL_ADMIN,
    NOW,
    PU_LIAISON,
    actor,
    complaint,
    run,
)

KOLAKA_ADMIN = actor(Role.AGENCY_ADMIN, DINKES_KOLAKA, 5)
FOLLOWED_UP = datetime(2026, 11, 20, 3, tzinfo=UTC)


def test_close_then_reopen_goes_back_to_the_unit_in_progress() -> None:
    state = complaint(Status.IN_PROGRESS, at=DINAS_PU, last_follow_up_at=FOLLOWED_UP,
                      auto_close_due=datetime(2026, 12, 4, 3, tzinfo=UTC),
                      resolution_due=datetime(2026, 12, 9, 2, tzinfo=UTC))
    closed = run(state, ActionKind.CLOSE, KONAWE_ADMIN, note="Jalan sudah diperbaiki")
    assert isinstance(closed, Transition)
    assert closed.state.status == Status.DONE and closed.state.closed_at == NOW
    assert closed.state.auto_close_due is None
    reopened = run(closed.state, ActionKind.REOPEN, KONAWE_ADMIN, base=closed.state.version,
                   reason="Pelapor: lubang muncul lagi")
    assert isinstance(reopened, Transition)
    after = reopened.state
    assert after.status == Status.IN_PROGRESS and after.closed_at is None
    assert after.handling_unit_id == DINAS_PU.id
    assert after.auto_close_due is None  # it closes again after the next follow-up, not now
    assert after.resolution_due == state.resolution_due
    assert after.transition_version == after.version == closed.state.version + 1
    assert reopened.event.kind == "reopen"
    assert reopened.event.detail == {"reason": "Pelapor: lubang muncul lagi"}
    assert (reopened.event.from_status, reopened.event.to_status) == (Status.DONE,
                                                                      Status.IN_PROGRESS)


def test_reopen_an_archived_complaint_goes_back_to_verification() -> None:
    archived = complaint(Status.ARCHIVED, closed_at=NOW)
    reopened = run(archived, ActionKind.REOPEN, KONAWE_ADMIN, reason="Salah arsip")
    assert isinstance(reopened, Transition)
    assert reopened.state.status == Status.UNVERIFIED and reopened.state.closed_at is None
    assert reopened.state.verify_due == CONFIG.calendar.add_working_days(NOW, CONFIG.sla.verify)


@pytest.mark.parametrize("reason", ["", "   ", " \n\t "])
def test_reopen_needs_a_reason(reason: str) -> None:
    refused = run(complaint(Status.DONE, at=DINAS_PU), ActionKind.REOPEN, KONAWE_ADMIN,
                  reason=reason)
    assert refused == Rejection(RejectReason.REASON_REQUIRED, "reason:required")


@pytest.mark.parametrize(("kind", "status", "who", "reason"), [
    (ActionKind.CLOSE, Status.IN_PROGRESS, PU_LIAISON, RejectReason.ROLE_NOT_ALLOWED),
    (ActionKind.REOPEN, Status.DONE, PU_LIAISON, RejectReason.ROLE_NOT_ALLOWED),
    (ActionKind.CLOSE, Status.IN_PROGRESS, KOLAKA_ADMIN, RejectReason.OUT_OF_SCOPE),
    (ActionKind.REOPEN, Status.DONE, KOLAKA_ADMIN, RejectReason.OUT_OF_SCOPE),
    (ActionKind.REOPEN, Status.DONE, KOLAKA_LIAISON, RejectReason.OUT_OF_SCOPE),
    (ActionKind.CLOSE, Status.FORWARDED, KONAWE_ADMIN, RejectReason.INVALID_TRANSITION),
    (ActionKind.CLOSE, Status.DONE, KONAWE_ADMIN, RejectReason.INVALID_TRANSITION),
    (ActionKind.REOPEN, Status.IN_PROGRESS, KONAWE_ADMIN, RejectReason.INVALID_TRANSITION),
    (ActionKind.REOPEN, Status.POSTPONED, NATIONAL_ADMIN, RejectReason.INVALID_TRANSITION),
])
def test_who_may_close_and_reopen(kind: ActionKind, status: Status, who: object,
                                  reason: RejectReason) -> None:
    decision = run(complaint(status, at=DINAS_PU), kind, who, reason="x")  # type: ignore[arg-type]
    assert isinstance(decision, Rejection) and decision.reason == reason


def test_a_reopen_made_on_an_old_view_is_a_conflict() -> None:
    done = complaint(Status.DONE, at=DINAS_PU, version=7, transition_version=7)
    decision = decide(done, ActionKind.REOPEN, {"reason": "x"}, KONAWE_ADMIN, DIRECTORY, CONFIG,
                      NOW, base_version=5)
    assert isinstance(decision, Conflict)


def postpone(until: str) -> Transition | Rejection:
    decision = run(complaint(Status.UNVERIFIED, at=KONAWE), ActionKind.POSTPONE, KONAWE_ADMIN,
                   reason="Data pelapor belum lengkap", until=until)
    assert not isinstance(decision, Conflict)
    return decision


def test_postpone_until_a_working_day_keeps_the_day() -> None:
    done = postpone("2026-11-30")  # NOW is Monday 23 Nov 2026
    assert isinstance(done, Transition) and done.state.status == Status.POSTPONED
    assert done.event.detail == {"reason": "Data pelapor belum lengkap", "until": "2026-11-30"}


@pytest.mark.parametrize(("asked", "kept"), [
    ("2026-11-28", "2026-11-30"),  # Saturday: the Monday after
    ("2026-12-25", "2026-12-28"),  # Christmas (Friday): the Monday after
])
def test_postpone_to_a_day_off_moves_to_the_next_working_day(asked: str, kept: str) -> None:
    assert not CONFIG.calendar.is_working_day(date.fromisoformat(asked))
    done = postpone(asked)
    assert isinstance(done, Transition) and done.event.detail["until"] == kept


@pytest.mark.parametrize(("until", "detail"), [
    ("2026-11-23", "until:past"),   # today
    ("2026-11-01", "until:past"),
    ("2027-06-01", "until:too_far"),
    ("2026-11-31", "until:invalid"),
    ("23/11/2026", "until:invalid"),
])
def test_postpone_refuses_a_day_that_cannot_come(until: str, detail: str) -> None:
    assert postpone(until) == Rejection(RejectReason.INVALID_PAYLOAD, detail)


def test_postpone_without_a_day_is_still_accepted() -> None:
    """Actions queued by an older desktop carry a reason only."""
    done = run(complaint(), ActionKind.POSTPONE, KONAWE_ADMIN, reason="Menunggu data")
    assert isinstance(done, Transition) and done.event.detail == {"reason": "Menunggu data"}


def test_today_is_the_day_in_indonesia() -> None:
    """At 23:30 WIB on 23 Nov (16:30 UTC) 24 Nov is tomorrow, not today."""
    late = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
    ok = decide(complaint(), ActionKind.POSTPONE, {"reason": "x", "until": "2026-11-24"},
                KONAWE_ADMIN, DIRECTORY, CONFIG, late)
    assert isinstance(ok, Transition)
    after_midnight = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)  # 00:30 WIB on the 24th
    refused = decide(complaint(), ActionKind.POSTPONE, {"reason": "x", "until": "2026-11-24"},
                     KONAWE_ADMIN, DIRECTORY, CONFIG, after_midnight)
    assert refused == Rejection(RejectReason.INVALID_PAYLOAD, "until:past")
    assert KONAWE.id  # the complaint sits at the agency
