"""Recording offline complaints, register import with preview, duplicates, reply templates and
drafts: the service layer against the REAL reference server (on SQLite)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from lapor_desk.models.cache.schema import OutboxEntry
from lapor_desk.models.time_zones import WITA
from lapor_desk.services import Workstation, duplicates
from lapor_desk.services.drafts import DraftStore
from lapor_desk.services.intake import IntakeRefused
from lapor_desk.services.templates import ReplyContext, address, builtin_templates, render
from lapor_desk.services.types import OutboxMark

pytestmark = pytest.mark.timeout(120)

CATEGORY = "PEKERJAAN UMUM DAN PENATAAN RUANG"
HEADER = "judul,isi,jenis,kanal,provinsi,kabupaten_kota,kategori,nama_pelapor,anonim\n"
GOOD = ("Lampu jalan padam di Jalan Sudirman,Sudah dua minggu lampu jalan padam dan rawan,"
        "pengaduan,surat,Sulawesi Tenggara,Kota Kendari,{cat},Budi Santoso,tidak\n")


def form(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "complaint_type": "pengaduan", "misconduct": False,
        "title": "Jembatan kayu di Desa Lalonggasu rusak parah",
        "body": "Jembatan penghubung dua dusun rusak sejak banjir bulan lalu; anak sekolah "
                "harus memutar jauh.",
        "incident_date": "2025-01-15", "province": "Sulawesi Tenggara",
        "regency": "Kota Kendari", "district": "Mandonga", "village": "Korumba",
        "category": CATEGORY, "subcategory": "", "channel": "walk_in",
        "anonymous": False, "confidential": False,
        "reporter": {"name": "Wa Ode Sitti", "nik": "7471010101900001",
                     "phone": "081234567890", "email": ""},
    }
    raw.update(changes)
    return raw


def outbox_count(station: Workstation) -> int:
    cache = station.session.require_cache()
    with cache.engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(OutboxEntry)).scalar_one())


@pytest.fixture(autouse=True)
def known_category() -> None:
    from lapor_desk.models.categories import taxonomy

    assert taxonomy().category(CATEGORY) == CATEGORY


def test_invalid_record_lists_every_bad_field_and_writes_nothing(signed_in: Workstation) -> None:
    before = outbox_count(signed_in)
    bad = form(title="abc", regency="", reporter={"name": "", "nik": "123"},
               incident_date="2999-01-01", channel="merpati")
    with pytest.raises(IntakeRefused) as refused:
        signed_in.intake.record(bad)
    found = {(p.field, p.code) for p in refused.value.problems}
    assert {("title", "too_short"), ("regency", "required"), ("reporter.name", "required"),
            ("reporter.nik", "invalid"), ("incident_date", "future"),
            ("channel", "invalid")} <= found
    assert outbox_count(signed_in) == before


def test_recorded_complaint_waits_in_verification_then_gets_a_number(
        signed_in: Workstation, tmp_path: Path) -> None:
    defaults = signed_in.intake.defaults()
    assert defaults.province and defaults.regency and defaults.channel == "walk_in"
    photo = tmp_path / "jembatan.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 2048)
    recorded = signed_in.intake.record(form(regency=defaults.regency), [photo])
    assert recorded.attachments == 1
    assert recorded.complaint_id in signed_in.complaint_ids("needs_verification")
    [row] = signed_in.rows([recorded.complaint_id])
    assert row.outbox == OutboxMark.PENDING and row.tracking_number is None
    assert row.channel == "walk_in"
    outcome = signed_in.sync()
    assert outcome.applied == 1 and outcome.rejected == 0
    [row] = signed_in.rows([recorded.complaint_id])
    assert row.tracking_number and row.outbox == OutboxMark.NONE
    detail = signed_in.detail(recorded.complaint_id)
    assert detail.reporter_name == "Wa Ode Sitti"
    assert any("jembatan.jpg" in t.attachments for t in detail.timeline)


def test_register_preview_shows_bad_rows_and_a_good_file_imports_all(
        signed_in: Workstation, tmp_path: Path) -> None:
    bad = tmp_path / "register-salah.csv"
    bad.write_text(HEADER + GOOD.format(cat=CATEGORY)
                   + "Bau,pendek,pengaduan,telepon,Sulawesi Tenggara,,NGAWUR,,tidak\n"
                   + GOOD.format(cat=CATEGORY), "utf-8")
    before = outbox_count(signed_in)
    preview = signed_in.register.preview(bad)
    assert [r.row for r in preview.rows] == [2, 3, 4]
    assert not preview.importable and preview.bad_rows == 1
    problems = {(p.field, p.code) for p in preview.rows[1].problems}
    assert {("title", "too_short"), ("regency", "required"),
            ("category", "unknown")} <= problems
    assert preview.rows[0].ok and preview.rows[0].values[0].startswith("Lampu jalan")
    assert outbox_count(signed_in) == before  # a preview writes nothing

    good = tmp_path / "register.csv"
    good.write_text(HEADER + three_reporters(), "utf-8")
    preview = signed_in.register.preview(good)
    assert preview.importable and len(preview.rows) == 3
    outcome = signed_in.register.run(good)
    assert outcome.count == 3 and outbox_count(signed_in) == before + 3
    waiting = set(signed_in.complaint_ids("needs_verification"))
    assert set(outcome.complaint_ids) <= waiting

    dirty = tmp_path / "register-kotor.csv"
    dirty.write_text(HEADER + GOOD.format(cat=CATEGORY).replace("Lampu", "Lam\x00pu \u202e")
                     .replace("Budi Santoso", "Rina Wati"), "utf-8")
    preview = signed_in.register.preview(dirty)
    assert preview.importable and preview.cleaned_rows == (2,)
    assert preview.rows[0].values[0].startswith("Lampu  jalan")  # shown as it will be stored
    assert signed_in.register.run(dirty).cleaned_rows == (2,)

    empty = tmp_path / "kosong.csv"
    empty.write_text("", "utf-8")
    assert signed_in.register.preview(empty).file_error == "empty"


def three_reporters() -> str:
    """Three rows of the same kind from three reporters (the same row three times would be
    imported once)."""
    return "".join(GOOD.format(cat=CATEGORY).replace("Budi Santoso", name)
                   for name in ("Budi Santoso", "Siti Aminah", "La Ode Hamid"))


def test_similar_complaints_link_and_unlink(signed_in: Workstation) -> None:
    first = signed_in.intake.record(form(title="Jalan berlubang di depan Pasar Sentral "
                                               "Kendari")).complaint_id
    second = signed_in.intake.record(form(title="Lubang besar jalan Pasar Sentral membahayakan",
                                          channel="phone")).complaint_id
    similar = [s.id for s in signed_in.duplicates.similar(first)]
    assert second in similar and first not in similar
    signed_in.duplicates.link(first, second)
    assert [s.id for s in signed_in.duplicates.linked(first)] == [second]
    assert [s.id for s in signed_in.duplicates.linked(second)] == [first]  # either way round
    assert second not in [s.id for s in signed_in.duplicates.similar(first)]
    signed_in.duplicates.unlink(second, first)  # from the other side
    assert signed_in.duplicates.linked(first) == []
    assert signed_in.sync().rejected == 0


def test_complaints_linking_to_one_are_found_from_their_index(signed_in: Workstation) -> None:
    """Showing a complaint asks which complaints link to it: that reads the partial index of
    complaints with links, not every complaint's row (255 ms at 100,000 complaints)."""
    captured: list[str] = []
    with signed_in.session.require_cache().engine.connect() as connection:
        event.listen(connection, "before_cursor_execute",
                     lambda _c, _cur, statement, *_a: captured.append(statement))
        first = signed_in.complaint_ids("needs_verification")[0]
        duplicates._linked_ids(connection, first)
        [linking] = [s for s in captured if "LIKE" in s]
        plan = " ".join(str(r[-1]) for r in connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {linking}", ('%"x"%', "x")))
    assert "ix_complaint_duplicate_links" in plan, plan


def test_template_names_only_a_reporter_who_is_not_anonymous() -> None:
    body = "Yth. {nama_pelapor}, laporan {nomor} ditangani {unit}. {lainnya}"
    named = ReplyContext("Budi Santoso", False, 9165816, "Dinas PUPR Kota Kendari")
    hidden = ReplyContext("Budi Santoso", True, None, "Dinas PUPR Kota Kendari")
    assert render(body, named) == ("Yth. Bapak/Ibu/Sdr. Budi Santoso, laporan 9165816 ditangani "
                                   "Dinas PUPR Kota Kendari. {lainnya}")
    text = render(body, hidden)
    assert "Budi" not in text and text.startswith("Yth. Bapak/Ibu Pelapor, laporan (nomor")
    for given in ("Ibu Sri Wahyuni", "Sdr. Andi", "Bapak H. Rahman"):  # already addressed
        assert address(given, False) == given
    assert address("  ", False) == address("Budi", True) == "Bapak/Ibu Pelapor"
    templates = builtin_templates()
    assert len(templates) >= 4 and all("{nomor}" in t.body for t in templates)


def test_drafts_survive_a_new_store_and_go_when_removed(tmp_path: Path) -> None:
    clock = lambda: datetime(2025, 3, 3, tzinfo=UTC)
    store = DraftStore(tmp_path, clock)
    store.save("c1", "follow_up", "Yth. Bapak", ["/tmp/a.pdf"])
    store.save("c1", "internal_note", "catatan")
    again = DraftStore(tmp_path, clock)
    draft = again.get("c1", "follow_up")
    assert draft is not None and draft.text == "Yth. Bapak" and draft.files == ("/tmp/a.pdf",)
    again.remove("c1", "follow_up")
    assert DraftStore(tmp_path, clock).get("c1", "follow_up") is None
    assert DraftStore(tmp_path, clock).get("c1", "internal_note") is not None
    assert not list(tmp_path.glob(".drafts-*"))  # no temporary file left behind


def test_a_receipt_keeps_its_provisional_reference_and_never_names_an_anonymous_reporter(
        signed_in: Workstation, tmp_path: Path) -> None:
    defaults = signed_in.intake.defaults()
    signed_in.intake.save_draft(form(title="Setengah diketik"), [])
    assert signed_in.intake.draft() is not None
    photo = tmp_path / "kwitansi.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"k" * 512)
    recorded = signed_in.intake.record(
        form(regency=defaults.regency, anonymous=True, channel="phone"), [photo])
    assert signed_in.intake.draft() is None   # recorded: its draft is gone
    offline = signed_in.intake.receipt(recorded.complaint_id)
    assert offline.tracking_number is None and offline.provisional_reference.startswith("S-")
    assert offline.anonymous and offline.reporter_name is None and offline.attachments == 1
    assert offline.channel == "phone" and offline.zone is WITA   # Sulawesi Tenggara
    assert signed_in.sync().applied == 1
    synced = signed_in.intake.receipt(recorded.complaint_id)
    assert synced.tracking_number and synced.provisional_reference == offline.provisional_reference
    assert synced.reporter_name is None
    # The desk knows the server's clock to the second (its Date header): a time recorded within
    # that second may reach the server a fraction "ahead", and the server keeps its own now.
    assert offline.received_at is not None and synced.received_at is not None
    assert abs(synced.received_at - offline.received_at) < timedelta(seconds=1)


def test_a_form_draft_is_kept_sealed_beside_reply_drafts(tmp_path: Path) -> None:
    clock = lambda: datetime(2025, 3, 3, tzinfo=UTC)
    key = b"k" * 32
    store = DraftStore(tmp_path, clock, key)
    store.save("c1", "follow_up", "Yth. Bapak")
    store.save_form("record_complaint", {"title": "Pungli di loket", "reporter": {"nik": "7471"}},
                    ["/tmp/surat.pdf"])
    assert b"Pungli" not in (tmp_path / "drafts.json").read_bytes()
    again = DraftStore(tmp_path, clock, key)
    kept = again.get_form("record_complaint")
    assert kept is not None and kept.values["title"] == "Pungli di loket"
    assert kept.files == ("/tmp/surat.pdf",) and again.count() == 2
    again.remove_form("record_complaint")
    assert DraftStore(tmp_path, clock, key).get_form("record_complaint") is None
    assert DraftStore(tmp_path, clock, key).get("c1", "follow_up") is not None
