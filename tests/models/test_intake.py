from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from lapor_desk.models.calendar import UTC
from lapor_desk.models.enums import Channel, ComplaintType
from lapor_desk.models.intake import IntakeError, latest_today, validate_new_complaint

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def good(**over: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "complaint_type": "pengaduan",
        "channel": "walk_in",
        "title": "Jalan poros Unaaha rusak parah",
        "body": "Sejak Oktober jalan berlubang dan membahayakan pengendara motor.",
        "incident_date": "2026-10-02",
        "province": "Sulawesi Tenggara",
        "regency": "Kabupaten Konawe",
        "district": "Unaaha",
        "category": "pekerjaan umum dan penataan ruang",
        "reporter": {"name": "Siti Rahma", "phone": "0812-3456-7890", "nik": "7402011203900001"},
    }
    raw.update(over)
    return raw


def fields(exc: IntakeError) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in exc.errors}


def test_valid_complaint_is_normalised() -> None:
    c = validate_new_complaint(good(), now=NOW)
    assert c.complaint_type == ComplaintType.PENGADUAN
    assert c.channel == Channel.WALK_IN
    assert c.category == "PEKERJAAN UMUM DAN PENATAAN RUANG"
    assert c.reporter.phone == "081234567890"
    assert c.incident_date == date(2026, 10, 2)
    payload = c.to_payload()
    assert payload["received_at"].endswith("Z") and payload["channel"] == "walk_in"


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(IntakeError) as info:
        validate_new_complaint(
            good(title="abc", channel="merpati", incident_date="2027-01-01", category="xyz",
                 reporter={"name": "", "nik": "123"}),
            now=NOW,
        )
    assert fields(info.value) == {
        ("title", "too_short"),
        ("channel", "invalid"),
        ("incident_date", "future"),
        ("category", "unknown"),
        ("reporter.name", "required"),
        ("reporter.nik", "invalid"),
    }


def test_anonymous_needs_no_name_and_misconduct_only_for_pengaduan() -> None:
    c = validate_new_complaint(good(anonymous="ya", reporter={}), now=NOW)
    assert c.anonymous and c.reporter.name is None
    with pytest.raises(IntakeError) as info:
        validate_new_complaint(good(complaint_type="aspirasi", misconduct=True), now=NOW)
    assert ("misconduct", "invalid") in fields(info.value)


def test_subcategory_must_belong_to_category() -> None:
    ok = validate_new_complaint(good(category="KESEHATAN", subcategory="Administrasi BPJS Kesehatan"), now=NOW)
    assert ok.subcategory == "ADMINISTRASI BPJS KESEHATAN"
    with pytest.raises(IntakeError) as info:
        validate_new_complaint(good(category="KESEHATAN", subcategory="Haji dan Umroh"), now=NOW)
    assert ("subcategory", "unknown") in fields(info.value)


def test_dates_in_indonesian_order_are_read() -> None:
    c = validate_new_complaint(good(incident_date="02/10/2026", received_at="2026-11-20"), now=NOW)
    assert c.incident_date == date(2026, 10, 2)
    assert c.received_at == datetime(2026, 11, 20, tzinfo=UTC)


@pytest.mark.parametrize(("now", "latest"), [
    # 01:00 WIB (03:00 WIT) on 24 Nov: UTC is still on the 23rd
    (datetime(2026, 11, 23, 18, 0, tzinfo=UTC), date(2026, 11, 24)),
    # 23:54 WIT on the 23rd: the 24th has begun nowhere, not even within the clock skew allowed
    (datetime(2026, 11, 23, 14, 54, tzinfo=UTC), date(2026, 11, 23)),
    # 23:56 WIT: within CLOCK_SKEW_TOLERANCE of midnight in WIT
    (datetime(2026, 11, 23, 14, 56, tzinfo=UTC), date(2026, 11, 24)),
])
def test_an_incident_date_is_future_only_after_today_everywhere_in_indonesia(
        now: datetime, latest: date) -> None:
    assert latest_today(now) == latest
    assert validate_new_complaint(good(incident_date=latest.isoformat()), now=now)
    with pytest.raises(IntakeError) as info:
        validate_new_complaint(good(incident_date=(latest + timedelta(days=1)).isoformat()),
                               now=now)
    assert fields(info.value) == {("incident_date", "future")}


def test_a_time_written_without_a_zone_is_read_in_the_zone_given() -> None:
    """A register's "00:30" at 01:00 WIB is half an hour ago in WIB; without a zone given (the
    wire always has one) it is UTC."""
    now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    wib = ZoneInfo("Asia/Jakarta")
    c = validate_new_complaint(good(received_at="2026-11-24 00:30"), now=now, local_zone=wib)
    assert c.received_at == datetime(2026, 11, 23, 17, 30, tzinfo=UTC)
    with pytest.raises(IntakeError) as info:
        validate_new_complaint(good(received_at="2026-11-24 00:30"), now=now)
    assert fields(info.value) == {("received_at", "future")}
    aware = validate_new_complaint(good(received_at="2026-11-23T17:30:00Z"), now=now,
                                   local_zone=wib)
    assert aware.received_at == datetime(2026, 11, 23, 17, 30, tzinfo=UTC)


def test_a_letter_number_and_date_are_checked_and_sent_only_when_given() -> None:
    c = validate_new_complaint(good(channel="letter", letter_number=" 045/12/KEL/2026 ",
                                    letter_date="20/11/2026"), now=NOW)
    assert c.letter_number == "045/12/KEL/2026" and c.letter_date == date(2026, 11, 20)
    payload = c.to_payload()
    assert payload["letter_number"] == "045/12/KEL/2026" and payload["letter_date"] == "2026-11-20"
    assert "letter_number" not in validate_new_complaint(good(), now=NOW).to_payload()
    with pytest.raises(IntakeError) as bad:
        validate_new_complaint(good(letter_number="x" * 101, letter_date="2026-12-31"), now=NOW)
    assert fields(bad.value) == {("letter_number", "too_long"), ("letter_date", "future")}
    with pytest.raises(IntakeError) as old:
        validate_new_complaint(good(letter_date="1999-01-01"), now=NOW)
    assert fields(old.value) == {("letter_date", "invalid")}


def test_a_national_number_is_read_as_an_opd_register_writes_it() -> None:
    """SP4N-LAPOR!'s number as a register keeps it: thousands dots (an Indonesian spreadsheet's
    number format), commas, spaces, "#"; a number that is not grouped in threes is refused."""
    from lapor_desk.models.intake import national_number_in

    for written in ("7312345", "#7312345", "7 312 345", "7.312.345", "#7.312.345",
                    "7,312,345", 7312345, 7312345.0):
        assert national_number_in(written) == 7312345, written
    for wrong in ("7.31.2345", "7312.345.", "73,12345", "7.312,345", "LAPOR-7312345"):
        assert national_number_in(wrong) is None, wrong
