"""A register of national records (SP4N-LAPOR!'s tracking number, its status and follow-ups
there), typed the way an OPD keeps it, imported on the desktop and synced to the REAL server over
loopback HTTP (SQLite and PostgreSQL): new numbers become complaints, known ones are UPDATED
(status, follow-ups) through ``national_update`` actions with the server's own rules, none is
held twice; a number outside the admin's scope and a bad row change nothing; the same file
again changes nothing; a push repeated with the same mutation ids applies once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import func, select, update

from lapor_desk.models.cache import OutboxEntry
from lapor_desk.models.cache.schema import Complaint as CachedComplaint
from lapor_desk.server.db import Complaint, ComplaintEvent, FollowUp
from lapor_desk.server.sp4n.records import record_national_number
from lapor_desk.services.register import Register, RegisterSettings
from lapor_desk.sync import localview as lv
from lapor_desk.sync.importer import import_register
from tests.support.live_server import LiveServer
from tests.sync.live_desk import open_desk
from tests.sync.test_live_sync import Desk, outcomes

pytestmark = pytest.mark.timeout(240)

#: Numbers: 3 new, 2 known and updated, 1 known and unchanged, 1 held outside the scope.
NEW = (7301001, 7301002, 7301003)
UPDATED = (7301011, 7301012)
SAME = 7301021
OUTSIDE = 7301031
HEADER = ["No.", "TRACKING ID", "judul laporan", "Isi Laporan", "Tanggal Laporan", "KATEGORI",
          "Jenis Laporan", "Provinsi", "Kabupaten/Kota", "Nama Pelapor", "Status ",
          "Tindak Lanjut", "Tanggal Tindak Lanjut"]


PRESET = "Ekspor Admin LAPOR!"


def _mapped(preset: RegisterSettings | None) -> dict[str, Any]:
    assert preset is not None
    return {"columns": dict(preset.columns), "defaults": dict(preset.defaults)}


@pytest.fixture
def desk(live_server: LiveServer, tmp_path: Path, password: str) -> Iterator[Desk]:
    opened = open_desk(live_server, tmp_path / "desk", "admin.kendari", password)
    try:
        yield opened
    finally:
        opened.close()


def _in_scope_in_progress(desk: Desk, count: int) -> list[str]:
    with desk.cache.engine.connect() as c:
        return list(c.execute(select(CachedComplaint.id).where(
            CachedComplaint.status == "in_progress",
            CachedComplaint.national_tracking_number.is_(None))
            .order_by(CachedComplaint.id).limit(count)).scalars())


def _outside(live_server: LiveServer, desk: Desk) -> str:
    with desk.cache.engine.connect() as c:
        mine = set(c.execute(select(CachedComplaint.id)).scalars())
    with live_server.session() as s:
        ids = s.scalars(select(Complaint.id).where(Complaint.status == "in_progress")
                        .order_by(Complaint.id)).all()
    return next(i for i in ids if i not in mine)


def _give_numbers(live_server: LiveServer, numbers: dict[str, int]) -> None:
    with live_server.session() as s, s.begin():
        for complaint_id, number in numbers.items():
            record_national_number(s, complaint_id, number)


def _row(no: int, number: str, title: str, status: str, reply: str = "",
         at: str = "") -> list[str]:
    return [str(no), number, title, f"Kronologi: {title}, mohon segera ditindaklanjuti.",
            "02/03/2026", "Kesehatan", "Pengaduan", "Sulawesi Tenggara", "Kota Kendari",
            "Anonim", status, reply, at]


def _register(path: Path) -> Path:
    rows = [
        ["REGISTER PENGADUAN SP4N-LAPOR! DINAS KESEHATAN KOTA KENDARI"], [],
        HEADER,
        _row(1, "7301 001", "Puskesmas Poasia tutup siang hari", "Belum Terverifikasi"),
        _row(2, "7 301 002", "Obat habis di puskesmas Lepo-Lepo", ""),
        _row(3, "#7301003", "Ambulans kelurahan rusak", "belum terverifikasi "),
        _row(4, "7301011", "(diperbarui di LAPOR!)", "Selesai",
             "Petugas sudah meninjau dan memperbaiki layanan.", "12/03/2026"),
        _row(5, "7301 012", "(diperbarui di LAPOR!)", "selesai "),
        _row(6, "7301012", "(diperbarui di LAPOR!)", "SELESAI",
             "Sudah ditindaklanjuti oleh puskesmas.", "13/03/2026 10.30"),
        _row(7, "7301021", "(tidak berubah)", "Sedang Diproses"),
        _row(8, "7301031", "Laporan instansi lain", "Selesai",
             "Ditangani instansi lain.", "12/03/2026"),
        _row(9, "7301041", "Tanggal tindak lanjut salah", "Selesai",
             "Tindak lanjut tanpa tanggal yang benar.", "31/02/2026"),
    ]
    lines = [";".join(r) for r in rows]
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    return path


def _server_state(live_server: LiveServer) -> dict[str, Any]:
    with live_server.session() as s:
        rows = s.execute(select(Complaint.national_tracking_number, Complaint.status,
                                func.count(Complaint.id))
                         .where(Complaint.national_tracking_number.between(7301001, 7301099))
                         .group_by(Complaint.national_tracking_number, Complaint.status)).all()
        replies = s.scalar(select(func.count()).select_from(FollowUp))
        events = s.scalar(select(func.count()).select_from(ComplaintEvent).where(
            ComplaintEvent.kind == "national_update"))
        seq = s.scalar(select(func.max(Complaint.seq)))
    return {"rows": sorted((int(n), st, c) for n, st, c in rows), "follow_ups": replies,
            "events": events, "seq": seq}


def test_a_register_of_national_records_creates_new_updates_known_none_twice(
        desk: Desk, live_server: LiveServer, tmp_path: Path) -> None:
    known = _in_scope_in_progress(desk, 3)
    outside = _outside(live_server, desk)
    _give_numbers(live_server, {known[0]: UPDATED[0], known[1]: UPDATED[1],
                                known[2]: SAME, outside: OUTSIDE})
    desk.engine.sync()
    before = _server_state(live_server)
    register = _register(tmp_path / "Register SP4N Maret.csv")

    preset = Register(desk.outbox, desk.outbox.clock).preset(PRESET)
    preview = Register(desk.outbox, desk.outbox.clock).preview(register, preset)
    kinds = {r.row: r.national for r in preview.rows}
    assert [kinds[n] for n in (4, 5, 6)] == ["new"] * 3
    assert kinds[7] == kinds[8] == "update" and kinds[9] == "part" and kinds[10] == "unchanged"
    assert kinds[11] == "new"  # held on the server outside the scope: this desktop cannot know
    by_row = {r.row: r for r in preview.rows}
    assert (by_row[7].status_to, by_row[7].follow_ups_added) == ("done", 1)
    assert (by_row[8].status_to, by_row[8].follow_ups_added) == ("done", 1)
    assert by_row[9].same_as == 8
    assert [(p.field, p.code) for p in by_row[12].problems] == [("national_reply_at", "invalid")]
    assert (preview.new_rows, preview.updates, preview.unchanged, preview.bad_rows) == (4, 2, 1, 1)

    result = import_register(desk.outbox, register, skip_invalid=True, **_mapped(preset))
    assert (result.count, len(result.updated), len(result.unchanged)) == (4, 2, 1)
    assert [r.row for r in result.rejected] == [12]
    with desk.cache.engine.connect() as c:  # shown at once
        shown = dict(c.execute(select(CachedComplaint.national_tracking_number,
                                      CachedComplaint.status).where(
            CachedComplaint.national_tracking_number.in_(UPDATED))).all())
    assert shown == {UPDATED[0]: "done", UPDATED[1]: "done"}

    report = desk.engine.sync()
    answers = outcomes(desk)
    refused = {m: o for m, o in answers.items() if o[0] == "rejected"}
    assert report.applied == len(answers) - 2, answers
    # the number held outside the scope: the recorded copy and its update refused, nothing
    # changed there
    with desk.cache.engine.connect() as c:
        kinds_refused = sorted((e.kind, e.reason) for e in c.execute(
            select(OutboxEntry).where(OutboxEntry.mutation_id.in_(refused))))
    assert kinds_refused == [("national_update", "out_of_scope"),
                             ("record_complaint", "already_exists")]
    after = _server_state(live_server)
    assert after["rows"] == sorted(
        [(n, "unverified", 1) for n in NEW] + [(UPDATED[0], "done", 1), (UPDATED[1], "done", 1),
                                               (SAME, "in_progress", 1),
                                               (OUTSIDE, "in_progress", 1)])
    assert after["follow_ups"] == before["follow_ups"] + 2
    assert after["events"] == before["events"] + 4  # 2 replies, 2 Selesai

    # the same file again: nothing new, nothing twice
    again = Register(desk.outbox, desk.outbox.clock).preview(register, preset)
    assert (again.new_rows, again.updates) == (0, 0)
    result = import_register(desk.outbox, register, skip_invalid=True, **_mapped(preset))
    assert (result.count, len(result.updated)) == (0, 0)
    desk.engine.sync()
    assert _server_state(live_server) == after


def test_a_push_repeated_with_the_same_ids_applies_once(
        desk: Desk, live_server: LiveServer, tmp_path: Path) -> None:
    known = _in_scope_in_progress(desk, 2)
    _give_numbers(live_server, {known[0]: UPDATED[0], known[1]: UPDATED[1]})
    desk.engine.sync()
    preset = Register(desk.outbox, desk.outbox.clock).preset(PRESET)
    import_register(desk.outbox, _register(tmp_path / "r.csv"), skip_invalid=True,
                    **_mapped(preset))
    with desk.cache.engine.connect() as c:
        entries = list(c.execute(select(OutboxEntry).where(
            OutboxEntry.kind == "national_update").order_by(OutboxEntry.mutation_id)))
        client_id = c.execute(select(lv.SyncState.client_id)).scalar_one()
    known_updates = [e for e in entries if not orjson.loads(e.payload)["new"]]
    assert len(known_updates) == 2
    actions = [{"mutation_id": e.mutation_id, "kind": e.kind, "complaint_id": e.complaint_id,
                "base_version": e.base_version, "payload": orjson.loads(e.payload)}
               for e in known_updates]
    sent = [e.mutation_id for e in known_updates]
    first = desk.engine.api.push(client_id, actions, sent, None)  # the answer lost in a crash
    state = _server_state(live_server)
    second = desk.engine.api.push(client_id, actions, sent, None)
    assert [r.outcome for r in first.results] == ["applied", "applied"]
    assert [(r.outcome, r.version) for r in second.results] == \
        [(r.outcome, r.version) for r in first.results]
    assert _server_state(live_server) == state
    desk.engine.sync()  # the outbox sends them once more: answered from the stored results
    with desk.cache.writer.begin() as c:  # and once more, as if never answered
        c.execute(update(OutboxEntry).where(OutboxEntry.mutation_id.in_(sent))
                  .values(state=lv.PENDING))
    desk.engine.sync()
    after = _server_state(live_server)
    assert (after["follow_ups"], after["events"]) == (state["follow_ups"], state["events"])
    assert [r for r in after["rows"] if r[0] in UPDATED] == \
        [(UPDATED[0], "done", 1), (UPDATED[1], "done", 1)]
    assert all(o == ("applied", None) for m, o in outcomes(desk).items() if m in sent)


def test_a_number_the_server_holds_but_this_desktop_has_not_pulled_is_updated_not_doubled(
        desk: Desk, live_server: LiveServer, tmp_path: Path) -> None:
    known = _in_scope_in_progress(desk, 1)[0]
    _give_numbers(live_server, {known: UPDATED[0]})  # after the last pull: the cache lacks it
    before = _server_state(live_server)
    preset = Register(desk.outbox, desk.outbox.clock).preset(PRESET)
    path = tmp_path / "satu.csv"
    path.write_text(";".join(HEADER) + "\r\n" + ";".join(_row(
        1, "7301011", "Puskesmas tutup siang hari", "Selesai",
        "Petugas sudah meninjau dan memperbaiki layanan.", "12/03/2026")) + "\r\n", "utf-8")
    preview = Register(desk.outbox, desk.outbox.clock).preview(path, preset)
    assert [r.national for r in preview.rows] == ["new"]
    assert import_register(desk.outbox, path, **_mapped(preset)).count == 1

    desk.engine.sync()
    after = _server_state(live_server)
    assert [r for r in after["rows"] if r[0] == UPDATED[0]] == [(UPDATED[0], "done", 1)]
    assert after["follow_ups"] == before["follow_ups"] + 1
    with desk.cache.engine.connect() as c:
        entries = {e.kind: (e.state, e.reason, e.dismissed) for e in c.execute(
            select(OutboxEntry))}
        shown = c.execute(select(CachedComplaint.status).where(
            CachedComplaint.national_tracking_number == UPDATED[0])).scalars().all()
    # the recorded copy was refused (the number is held), and is no work for anyone
    assert entries == {"record_complaint": ("rejected", "already_exists", True),
                       "national_update": ("applied", None, False)}
    assert shown == ["done"]
