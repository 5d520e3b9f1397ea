"""The one check of an action's values that the desktop and the server share
(models/validation.py, and the intake it calls for recorded complaints)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapor_desk.models.enums import ActionKind, RejectReason
from lapor_desk.models.intake import IntakeError, validate_new_complaint
from lapor_desk.models.validation import (
    MAX_ATTACHMENTS,
    TEXT_MAX,
    ActionRejected,
    check_payload,
    check_record,
    detail_problems,
    is_record_id,
)

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
ID = "01a25012-1723-7c2b-94fe-d9a8e615e2fc"
SHA = "ab" * 32
KINDS = [k for k in ActionKind
         if k not in (ActionKind.RECORD_COMPLAINT, ActionKind.NATIONAL_UPDATE)]


def attachment(**change: Any) -> dict[str, Any]:
    return {"id": ID, "sha256": SHA, "size": 10, "mime_type": "image/jpeg",
            "filename": "foto.jpg", **change}


def good(kind: ActionKind) -> dict[str, Any]:
    return {"to_id": 5, "note": "catatan", "disposition_id": ID, "reason": "alasan",
            "reason_code": "spam", "follow_up_id": ID, "body": "Isi balasan",
            "attachments": [attachment()], "other_id": ID}


def refused(kind: ActionKind, payload: dict[str, Any]) -> tuple[RejectReason, str]:
    with pytest.raises(ActionRejected) as info:
        check_payload(kind, payload)
    return info.value.reason, info.value.detail


def complaint(**change: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "complaint_type": "pengaduan", "title": "Jalan rusak di depan pasar",
        "body": "Jalan di depan pasar berlubang besar sejak Januari.",
        "province": "Sulawesi Tenggara", "regency": "Konawe",
        "category": "Pekerjaan Umum dan Penataan Ruang", "channel": "walk_in",
        "reporter": {"name": "Budi", "phone": "081234567890"},
    }
    raw.update(change)
    return raw


def intake_errors(raw: dict[str, Any]) -> set[tuple[str, str]]:
    with pytest.raises(IntakeError) as info:
        validate_new_complaint(raw, NOW)
    return {(e.field, e.code) for e in info.value.errors}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_keeps_only_its_keys_with_nul_removed(kind: ActionKind) -> None:
    payload = {**good(kind), "extra": "\x00" * 5, "note": "cat\x00atan", "reason": "ala\x00san",
               "body": "Isi\x00 balasan"}
    checked = check_payload(kind, payload)
    assert "extra" not in checked
    assert all("\x00" not in v for v in checked.values() if isinstance(v, str))
    assert check_payload(kind, checked) == checked


def test_a_right_to_left_override_in_a_filename_is_removed() -> None:
    checked = check_payload(ActionKind.FOLLOW_UP, {
        **good(ActionKind.FOLLOW_UP), "attachments": [attachment(filename="foto\u202egpj.exe")]})
    assert checked["attachments"][0]["filename"] == "fotogpj.exe"


@pytest.mark.parametrize(("kind", "change", "reason", "detail"), [
    (ActionKind.FORWARD, {"to_id": None}, RejectReason.INVALID_PAYLOAD, "to_id:required"),
    (ActionKind.FORWARD, {"to_id": True}, RejectReason.INVALID_PAYLOAD, "to_id:invalid"),
    (ActionKind.FORWARD, {"to_id": 2**31}, RejectReason.INVALID_PAYLOAD, "to_id:invalid"),
    (ActionKind.FORWARD, {"disposition_id": "x" * 37}, RejectReason.INVALID_PAYLOAD,
     "disposition_id:invalid"),
    (ActionKind.FORWARD, {"disposition_id": "abc\x00defgh"}, RejectReason.INVALID_PAYLOAD,
     "disposition_id:invalid"),
    (ActionKind.HANDLE, {"note": "x" * (TEXT_MAX + 1)}, RejectReason.INVALID_PAYLOAD,
     "note:too_long"),
    (ActionKind.HANDLE, {"note": 5}, RejectReason.INVALID_PAYLOAD, "note:invalid"),
    (ActionKind.POSTPONE, {"reason": "\x00 \x01"}, RejectReason.REASON_REQUIRED,
     "reason:required"),
    (ActionKind.ARCHIVE, {"reason_code": "bosan"}, RejectReason.REASON_REQUIRED,
     "reason_code:invalid"),
    (ActionKind.ARCHIVE, {"reason_code": "other", "note": "\x00"}, RejectReason.REASON_REQUIRED,
     "note:required"),
    (ActionKind.FOLLOW_UP, {"body": "\x00\x01"}, RejectReason.INVALID_PAYLOAD, "body:required"),
    (ActionKind.FOLLOW_UP, {"attachments": [attachment()] * (MAX_ATTACHMENTS + 1)},
     RejectReason.INVALID_PAYLOAD, "attachments:too_many"),
    (ActionKind.FOLLOW_UP, {"attachments": [attachment(sha256="AB" * 32)]},
     RejectReason.INVALID_PAYLOAD, "attachments.sha256:invalid"),
    (ActionKind.FOLLOW_UP, {"attachments": [attachment(size=25 * 1024 * 1024 + 1)]},
     RejectReason.INVALID_PAYLOAD, "attachments.size:too_large"),
    (ActionKind.FOLLOW_UP, {"attachments": [attachment(filename="\u202e\x00")]},
     RejectReason.INVALID_PAYLOAD, "attachments.filename:required"),
    (ActionKind.FOLLOW_UP, {"attachments": [attachment(mime_type="a/" + "b" * 99)]},
     RejectReason.INVALID_PAYLOAD, "attachments.mime_type:too_long"),
    (ActionKind.LINK_DUPLICATE, {"other_id": "c-2"}, RejectReason.INVALID_PAYLOAD,
     "other_id:invalid"),
])
def test_refusals_name_the_field_and_what_is_wrong(kind: ActionKind, change: dict[str, Any],
                                                   reason: RejectReason, detail: str) -> None:
    assert refused(kind, {**good(kind), **change}) == (reason, detail)
    assert detail_problems(detail) == [tuple(detail.split(":"))]


def test_lengths_count_what_is_stored() -> None:
    text = "x" * TEXT_MAX
    note = check_payload(ActionKind.HANDLE, {**good(ActionKind.HANDLE),
                                             "note": "\x00" * 50 + text + " \x01\n"})["note"]
    assert note == text
    assert refused(ActionKind.HANDLE, {**good(ActionKind.HANDLE), "note": text + "y"}) == (
        RejectReason.INVALID_PAYLOAD, "note:too_long")


def test_record_ids() -> None:
    assert is_record_id(ID)
    for bad in ("abc", "abcd-123", "x" * 37, "abcdefg\x00", "../../etc/x", "ábcdefgh", None,
                12345678, ID.upper(), ID.replace("-", ""), "{" + ID + "}"):
        assert not is_record_id(bad)


def test_recorded_complaint_text_is_cleaned_and_names_lose_bidi_overrides() -> None:
    new = validate_new_complaint(complaint(
        title="Pungli \u202eFDP\u202c di loket\x00", body="Kro\x00nologi \u202eteks\u202c\x0blagi",
        regency="Kon\u2066awe\u2069", tags=["jalan\x00", "\u202eoke"],
        reporter={"name": "Bu\x00di \u202eSan\u202c", "nik": "7471\x00010101010001",
                  "email": "\x00budi@contoh.id"}), NOW)
    assert new.title == "Pungli FDP di loket"
    assert new.body == "Kronologi \u202eteks\u202c\nlagi"
    assert new.regency == "Konawe" and new.tags == ("jalan", "oke")
    assert new.reporter.name == "Budi San" and new.reporter.nik == "7471010101010001"
    assert new.reporter.email == "budi@contoh.id"


def test_recorded_complaint_limits_and_dates() -> None:
    assert ("reporter.email", "too_long") in intake_errors(complaint(
        reporter={"name": "B", "email": "a@" + "b" * 260 + ".id"}))
    assert ("title", "required") in intake_errors(complaint(title="\x00\u202e \x01"))
    for moment in ("0001-01-01T00:00:00+01:00", "1999-12-31", "0001-01-01",
                   "9999-12-31T23:59:59-01:00"):
        assert intake_errors(complaint(received_at=moment)) & {
            ("received_at", "invalid"), ("received_at", "future")}, moment


def test_a_record_action_is_checked_whole() -> None:
    new, payload = check_record(ID, {"complaint": complaint(title="Jalan\x00 rusak sekali"),
                                     "attachments": [attachment(filename="a\u202eb.jpg")],
                                     "extra": 1}, NOW)
    assert new.title == "Jalan rusak sekali" and set(payload) == {"complaint", "attachments"}
    assert payload["attachments"][0]["filename"] == "ab.jpg"
    assert check_record(ID, payload, NOW)[1] == payload
    with pytest.raises(ActionRejected) as info:
        check_record("x" * 40, payload, NOW)
    assert info.value.detail == "complaint_id:invalid"


# --- properties: checking is stable, so both sides store the same ----------------------------

TEXT = st.one_of(st.text(st.characters(codec=None), max_size=40),
                 st.sampled_from(["\x00", "a\x00b", "\u202e", "\ud800", "x" * 20001, "",
                                  " ", "\u2066\u2069", "\r\n"]))
VALUE = st.one_of(TEXT, st.integers(-2, 2**32), st.booleans(), st.none(), st.just(ID))
PAYLOADS = st.fixed_dictionaries({}, optional={
    "to_id": VALUE, "note": TEXT, "disposition_id": VALUE, "reason": TEXT,
    "reason_code": st.one_of(st.sampled_from(["spam", "other", "OTHER"]), TEXT),
    "follow_up_id": VALUE, "body": TEXT, "other_id": VALUE,
    "attachments": st.lists(st.fixed_dictionaries({
        "id": VALUE, "sha256": st.one_of(st.just(SHA), TEXT), "size": VALUE,
        "mime_type": TEXT, "filename": TEXT}), max_size=3)})
STABLE = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow])


@STABLE
@given(st.sampled_from(KINDS), PAYLOADS)
def test_checking_a_checked_payload_changes_nothing(kind: ActionKind,
                                                   payload: dict[str, Any]) -> None:
    try:
        checked = check_payload(kind, payload)
    except ActionRejected as error:
        assert detail_problems(error.detail), error.detail
        return
    assert check_payload(kind, checked) == checked


@STABLE
@given(st.fixed_dictionaries({}, optional={
    "title": TEXT, "body": TEXT, "province": TEXT, "regency": TEXT, "district": TEXT,
    "tags": st.lists(TEXT, max_size=3),
    "reporter": st.fixed_dictionaries({}, optional={"name": TEXT, "email": TEXT,
                                                    "nik": TEXT, "phone": TEXT})}))
def test_validating_a_validated_complaint_changes_nothing(change: dict[str, Any]) -> None:
    try:
        new = validate_new_complaint(complaint(**change), NOW)
    except IntakeError:
        return
    assert validate_new_complaint(new.to_payload(), NOW) == new
