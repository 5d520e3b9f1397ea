"""The lifecycle table: every role x action x status cell that matters, and the deadlines."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from lapor_desk.models.agencies import Actor, AgencyNode, DictDirectory, can_see, scope_root_for
from lapor_desk.models.calendar import UTC, default_config
from lapor_desk.models.enums import (
    ActionKind,
    AgencyLevel,
    FollowUpKind,
    RejectReason,
    Role,
    Status,
)
from lapor_desk.models.lifecycle import (
    RULES,
    ComplaintState,
    Conflict,
    Rejection,
    Transition,
    auto_close,
    auto_close_due,
    decide,
    reporter_response,
)

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 09:00 WIB
CONFIG = default_config()

NATIONAL = AgencyNode(1, None, AgencyLevel.NATIONAL, "/1/", "KemenPANRB")
PROVINCE = AgencyNode(2, 1, AgencyLevel.AGENCY, "/1/2/", "Pemprov Sultra")
KONAWE = AgencyNode(3, 2, AgencyLevel.AGENCY, "/1/2/3/", "Pemkab Konawe")
KOMINFO = AgencyNode(4, 3, AgencyLevel.UNIT, "/1/2/3/4/", "Diskominfo Konawe")
DINAS_PU = AgencyNode(5, 3, AgencyLevel.UNIT, "/1/2/3/5/", "Dinas PU Konawe")
KOLAKA = AgencyNode(6, 2, AgencyLevel.AGENCY, "/1/2/6/", "Pemkab Kolaka")
DINKES_KOLAKA = AgencyNode(7, 6, AgencyLevel.UNIT, "/1/2/6/7/", "Dinkes Kolaka")
DIRECTORY = DictDirectory([NATIONAL, PROVINCE, KONAWE, KOMINFO, DINAS_PU, KOLAKA, DINKES_KOLAKA])


#: Complaint ids as clients make them (UUIDs in canonical text).
C1 = "0193a1b2-0000-7000-8000-000000000001"
C2 = "0193a1b2-0000-7000-8000-000000000002"

def actor(role: Role, unit: AgencyNode, user_id: int = 10) -> Actor:
    root = scope_root_for(DIRECTORY, role, unit)
    return Actor(user_id, role, unit.id, root.id)


NATIONAL_ADMIN = actor(Role.NATIONAL_ADMIN, NATIONAL, 1)
KONAWE_ADMIN = actor(Role.AGENCY_ADMIN, KOMINFO, 2)
PU_LIAISON = actor(Role.LIAISON_OFFICER, DINAS_PU, 3)
KOLAKA_LIAISON = actor(Role.LIAISON_OFFICER, DINKES_KOLAKA, 4)


def complaint(status: Status = Status.UNVERIFIED, at: AgencyNode = KONAWE, **kw: object) -> ComplaintState:
    unit = at.id if at.level == AgencyLevel.UNIT else None
    responsible = KONAWE.id if unit else at.id
    base = ComplaintState(
        id=C1, status=status, responsible_id=responsible, handling_unit_id=unit,
        complaint_type="pengaduan", misconduct=False, version=3, transition_version=2,
        created_at=datetime(2026, 11, 18, 2, tzinfo=UTC),
        verify_due=datetime(2026, 11, 23, 2, tzinfo=UTC),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def run(state: ComplaintState, kind: ActionKind, who: Actor, base: int | None = 3, **payload: object):  # type: ignore[no-untyped-def]
    payload.setdefault("disposition_id", "0192f3a4-5b6c-7d8e-9fa0-000000000001")  # client-made
    payload.setdefault("follow_up_id", "0192f3a4-5b6c-7d8e-9fa0-000000000002")
    return decide(state, kind, dict(payload), who, DIRECTORY, CONFIG, NOW, base_version=base)


def test_scope_rules() -> None:
    assert scope_root_for(DIRECTORY, Role.AGENCY_ADMIN, KOMINFO) == KONAWE
    assert can_see(KONAWE_ADMIN, KONAWE, DINAS_PU)
    assert not can_see(KONAWE_ADMIN, KONAWE, DINKES_KOLAKA)
    assert can_see(PU_LIAISON, DINAS_PU, DINAS_PU)
    assert not can_see(PU_LIAISON, DINAS_PU, KONAWE)
    assert can_see(NATIONAL_ADMIN, NATIONAL, DINKES_KOLAKA)


def test_forward_to_unit_starts_resolution_clock() -> None:
    result = run(complaint(), ActionKind.FORWARD, KONAWE_ADMIN, to_id=DINAS_PU.id, note="segera")
    assert isinstance(result, Transition)
    s = result.state
    assert s.status == Status.FORWARDED and s.handling_unit_id == DINAS_PU.id
    assert s.version == 4 and s.transition_version == 4
    assert s.resolution_due == CONFIG.calendar.add_working_days(NOW, 14)
    assert result.disposition is not None and result.disposition.from_id == KONAWE.id
    assert set(s.handler_unit_ids) == {KOMINFO.id, DINAS_PU.id}
    assert result.scope_changed


def test_national_forwards_to_agency_for_verification_there() -> None:
    state = complaint(at=NATIONAL)
    result = run(state, ActionKind.FORWARD, NATIONAL_ADMIN, to_id=KONAWE.id)
    assert isinstance(result, Transition)
    assert result.state.status == Status.UNVERIFIED and result.state.responsible_id == KONAWE.id
    assert result.state.verify_due == CONFIG.calendar.add_working_days(NOW, 3)


@pytest.mark.parametrize(
    ("who", "kind", "payload", "reason"),
    [
        (PU_LIAISON, ActionKind.FORWARD, {"to_id": 5}, RejectReason.OUT_OF_SCOPE),
        (KOLAKA_LIAISON, ActionKind.ARCHIVE, {"reason_code": "spam"}, RejectReason.OUT_OF_SCOPE),
        (KONAWE_ADMIN, ActionKind.FORWARD, {"to_id": DINKES_KOLAKA.id}, RejectReason.TARGET_NOT_ALLOWED),
        (KONAWE_ADMIN, ActionKind.FORWARD, {"to_id": 999}, RejectReason.UNKNOWN_TARGET),
        (KONAWE_ADMIN, ActionKind.FORWARD, {"to_id": "5"}, RejectReason.INVALID_PAYLOAD),
        (KONAWE_ADMIN, ActionKind.POSTPONE, {"reason": "  "}, RejectReason.REASON_REQUIRED),
        (KONAWE_ADMIN, ActionKind.ARCHIVE, {"reason_code": "bosan"}, RejectReason.REASON_REQUIRED),
        (KONAWE_ADMIN, ActionKind.ARCHIVE, {"reason_code": "other"}, RejectReason.REASON_REQUIRED),
        (KONAWE_ADMIN, ActionKind.FOLLOW_UP, {"body": "Sudah ditangani"}, RejectReason.INVALID_TRANSITION),
        (KONAWE_ADMIN, ActionKind.CLOSE, {}, RejectReason.INVALID_TRANSITION),
        (KONAWE_ADMIN, ActionKind.LINK_DUPLICATE, {"other_id": C1}, RejectReason.DUPLICATE_OF_ITSELF),
        (KONAWE_ADMIN, ActionKind.RECORD_COMPLAINT, {}, RejectReason.UNKNOWN_ACTION),
    ],
)
def test_rejections(who: Actor, kind: ActionKind, payload: dict[str, object], reason: RejectReason) -> None:
    result = run(complaint(), kind, who, **payload)
    assert isinstance(result, Rejection), result
    assert result.reason == reason


def test_liaison_may_not_forward_or_archive_even_in_scope() -> None:
    at_unit = complaint(Status.FORWARDED, at=DINAS_PU)
    for kind, payload in [(ActionKind.ARCHIVE, {"reason_code": "spam"}), (ActionKind.CLOSE, {})]:
        result = run(at_unit, kind, PU_LIAISON, **payload)
        assert isinstance(result, Rejection) and result.reason == RejectReason.ROLE_NOT_ALLOWED


def test_follow_up_then_reporter_response_then_close() -> None:
    at_unit = complaint(Status.FORWARDED, at=DINAS_PU)
    first = run(at_unit, ActionKind.FOLLOW_UP, PU_LIAISON, body="Tim sudah meninjau lokasi.")
    assert isinstance(first, Transition)
    assert first.state.status == Status.IN_PROGRESS
    assert first.state.auto_close_due == CONFIG.calendar.add_working_days(NOW, 10)
    assert first.follow_up is not None and first.follow_up.kind == FollowUpKind.REPLY
    assert first.state.transition_version == at_unit.transition_version  # not exclusive
    answered = reporter_response(first.state, NOW, "resp-0001", "Terima kasih, tapi belum diperbaiki")
    assert answered.state.status == Status.REPORTER_RESPONDED and answered.state.auto_close_due is None
    closed = run(answered.state, ActionKind.CLOSE, KONAWE_ADMIN, base=answered.state.version)
    assert isinstance(closed, Transition) and closed.state.status == Status.DONE


def test_auto_close_after_ten_working_days_without_answer() -> None:
    replied = run(complaint(Status.FORWARDED, at=DINAS_PU), ActionKind.FOLLOW_UP, PU_LIAISON, body="Selesai diperbaiki.")
    assert isinstance(replied, Transition)
    due = replied.state.auto_close_due
    assert due is not None
    assert not auto_close_due(replied.state, due.replace(microsecond=0) - (due - NOW) / 2)
    assert auto_close_due(replied.state, due)
    assert auto_close(replied.state, due).state.status == Status.DONE


def test_exclusive_transitions_conflict_but_replies_do_not() -> None:
    state = complaint(transition_version=5, version=6)
    conflict = run(state, ActionKind.ARCHIVE, KONAWE_ADMIN, base=4, reason_code="spam")
    assert isinstance(conflict, Conflict) and conflict.current == state
    at_unit = complaint(Status.IN_PROGRESS, at=DINAS_PU, transition_version=5, version=6)
    reply = run(at_unit, ActionKind.FOLLOW_UP, PU_LIAISON, base=1, body="Balasan kedua.")
    assert isinstance(reply, Transition)


def test_not_our_authority_goes_back_up() -> None:
    at_unit = complaint(Status.FORWARDED, at=DINAS_PU)
    result = run(at_unit, ActionKind.NOT_OUR_AUTHORITY, PU_LIAISON, reason="Ranah Dinas Perhubungan")
    assert isinstance(result, Transition)
    assert result.state.status == Status.UNVERIFIED
    assert result.state.responsible_id == KONAWE.id and result.state.handling_unit_id is None
    at_agency = run(complaint(), ActionKind.NOT_OUR_AUTHORITY, KONAWE_ADMIN, reason="Kewenangan provinsi")
    assert isinstance(at_agency, Transition) and at_agency.state.responsible_id == PROVINCE.id


def test_postpone_pauses_the_verification_clock() -> None:
    paused = run(complaint(), ActionKind.POSTPONE, KONAWE_ADMIN, reason="Data pelapor belum lengkap")
    assert isinstance(paused, Transition) and paused.state.status == Status.POSTPONED
    later = datetime(2026, 11, 30, 2, tzinfo=UTC)  # five working days later
    resumed = decide(
        paused.state, ActionKind.FORWARD,
        {"to_id": DINAS_PU.id, "disposition_id": "0192f3a4-5b6c-7d8e-9fa0-000000000003"},
        KONAWE_ADMIN, DIRECTORY, CONFIG, later, base_version=paused.state.version,
    )
    assert isinstance(resumed, Transition)
    before = complaint().verify_due
    assert before is not None
    assert resumed.state.paused_at is None


def test_reroute_to_another_agency() -> None:
    result = run(complaint(), ActionKind.REROUTE, KONAWE_ADMIN, to_id=KOLAKA.id, note="Lokasi di Kolaka")
    assert isinstance(result, Transition)
    assert result.state.responsible_id == KOLAKA.id and result.state.status == Status.UNVERIFIED
    bad = run(complaint(), ActionKind.REROUTE, KONAWE_ADMIN, to_id=DINKES_KOLAKA.id)
    assert isinstance(bad, Rejection) and bad.reason == RejectReason.TARGET_NOT_ALLOWED


def test_duplicate_links_are_symmetric_set_operations() -> None:
    linked = run(complaint(), ActionKind.LINK_DUPLICATE, KONAWE_ADMIN, other_id=C2)
    assert isinstance(linked, Transition) and linked.state.duplicate_ids == (C2,)
    again = run(linked.state, ActionKind.LINK_DUPLICATE, KONAWE_ADMIN, other_id=C2)
    assert isinstance(again, Transition) and again.state.duplicate_ids == (C2,)
    gone = run(again.state, ActionKind.UNLINK_DUPLICATE, KONAWE_ADMIN, other_id=C2)
    assert isinstance(gone, Transition) and gone.state.duplicate_ids == ()


def test_every_action_has_a_rule() -> None:
    assert set(RULES) == set(ActionKind)


def test_bad_attachments_are_rejected() -> None:
    at_unit = complaint(Status.FORWARDED, at=DINAS_PU)
    result = run(at_unit, ActionKind.FOLLOW_UP, PU_LIAISON, body="Foto terlampir", attachments=[{"sha256": "zz"}])
    assert isinstance(result, Rejection) and result.reason == RejectReason.INVALID_PAYLOAD
