"""The sync engine against the REAL reference server over loopback HTTP (SQLite and PostgreSQL):
every action kind round-trips, offline conflicts surface, scope changes reset, deletions arrive
as tombstones, interrupted pulls resume, registers import end to end. After each scenario the
cache equals the server's view for its user (``tests/support/compare.py``)."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import orjson
import pytest
from openpyxl import Workbook
from sqlalchemy import select, update

from lapor_desk.cli import main as cli_main
from lapor_desk.models.cache import Cache, Complaint, FollowUp, OutboxEntry, open_cache
from lapor_desk.models.cache.schema import Agency, Attachment, Blob, SyncState
from lapor_desk.models.enums import Role
from lapor_desk.sync.credentials import MemoryKeyring
from lapor_desk.sync.engine import Progress, SyncEngine
from lapor_desk.sync.errors import CancelledError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.secure_cache import open_secure_cache
from lapor_desk.sync.transport import RetryPolicy, Transport
from tests.support.compare import assert_cache_matches_server, server_view
from tests.support.live_server import LiveServer
from tests.sync.test_importer import ID_HEADER, ID_ROWS

pytestmark = pytest.mark.timeout(120)
FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


@dataclass
class Desk:
    cache: Cache
    transport: Transport
    engine: SyncEngine
    outbox: Outbox
    username: str

    def close(self) -> None:
        self.transport.close()
        self.cache.close()


@pytest.fixture
def desks(live_server: LiveServer, tmp_path: Path, password: str) -> Iterator[Any]:
    opened: list[Desk] = []

    def open_desk(username: str, name: str | None = None, **engine_kw: Any) -> Desk:
        cache = open_cache(tmp_path / (name or username))
        transport = Transport(live_server.url, timeout=(5.0, 30.0), retry=FAST,
                              sleep=lambda _s: None)
        engine = SyncEngine(cache, transport, **engine_kw)
        engine.login(username, password, "pytest")
        desk = Desk(cache, transport, engine, Outbox(cache), username)
        opened.append(desk)
        return desk

    yield open_desk
    for desk in opened:
        desk.close()


def rows(desk: Desk, **where: Any) -> list[Any]:
    with desk.cache.engine.connect() as c:
        query = select(Complaint).order_by(Complaint.id)
        for key, value in where.items():
            query = query.where(getattr(Complaint, key) == value)
        return list(c.execute(query))


def row(desk: Desk, complaint_id: str) -> Any:
    found = rows(desk, id=complaint_id)
    assert found, complaint_id
    return found[0]


def outcomes(desk: Desk) -> dict[int, tuple[str, str | None]]:
    with desk.cache.engine.connect() as c:
        return {e.mutation_id: (e.state, e.reason) for e in c.execute(select(OutboxEntry))}


def actor_of(desk: Desk) -> Any:
    with desk.cache.engine.connect() as c:
        return c.execute(select(SyncState)).one()


def agencies(desk: Desk) -> list[Any]:
    with desk.cache.engine.connect() as c:
        return list(c.execute(select(Agency)))


def at_home_agency(desk: Desk, status: str = "unverified") -> list[Any]:
    me = actor_of(desk)
    return [r for r in rows(desk, status=status)
            if r.handling_unit_id is None and r.responsible_id == me.scope_root_id]


def test_every_action_kind_round_trips(live_server: LiveServer, desks: Any,
                                       tmp_path: Path) -> None:
    admin = desks("admin.kendari")
    admin.engine.sync()
    me = actor_of(admin)
    liaison_user = next(u for u in live_server.seed.users
                        if u.role == "liaison_officer" and u.agency_id == me.scope_root_id)
    free = at_home_agency(admin)
    assert len(free) >= 5, "seed has too few unverified complaints at the agency"
    c1, c2, c3, c4, c5 = (r.id for r in free[:5])
    other_agency = next(a for a in agencies(admin)
                        if a.level == "agency" and a.id != me.scope_root_id)
    box = admin.outbox
    box.postpone(c1, "data pelapor belum lengkap")
    box.forward(c1, liaison_user.unit_id, "mohon ditindaklanjuti")
    box.archive(c2, "too_general")
    box.internal_note(c2, "diarsipkan: terlalu umum")
    box.handle(c3, "dikelola sendiri")
    box.reroute(c4, other_agency.id, "bukan kewenangan kota")
    box.not_our_authority(c5, "kewenangan provinsi")
    box.link_duplicate(c3, c1)
    box.unlink_duplicate(c3, c1)
    recorded = box.record_complaint({
        "complaint_type": "aspirasi", "channel": "walk_in", "title": "Usul jalur sepeda",
        "body": "Warga mengusulkan jalur sepeda di jalan utama kota.", "province": "Sulawesi "
        "Tenggara", "regency": "Kota Kendari", "category": "Perhubungan", "anonymous": True,
        "reporter": {"name": "Rahmat", "nik": "7471010101010001"}})
    assert row(admin, c1).status == "forwarded"  # shown at once
    report = admin.engine.sync()
    assert report.rejected == 0 and report.conflicts == 0, outcomes(admin)
    assert all(state == "applied" for state, _ in outcomes(admin).values())
    new = row(admin, recorded.complaint_id)
    assert new.tracking_number and new.reporter_name is None and new.anonymous
    assert_cache_matches_server(admin.cache, live_server, admin.username)

    liaison = desks(liaison_user.username)
    liaison.engine.sync()
    assert row(liaison, c1).status == "forwarded"
    attachment_file = tmp_path / "foto.jpg"
    attachment_file.write_bytes(b"\xff\xd8" + bytes(range(256)) * 4000)  # ~1 MB
    attached = liaison.outbox.add_file(attachment_file, "image/jpeg")
    # Half of the blob reaches the server, then the connection drops: the push resumes it.
    sha = attached.sha256
    liaison.transport.put_bytes(f"/api/v1/blobs/{sha}/upload",
                                {"offset": 0, "total": attached.size},
                                attachment_file.read_bytes()[:500_000])
    liaison.outbox.follow_up(c1, "Jalan sudah kami perbaiki, terlampir foto.", [attached])
    assert liaison.engine.sync().applied == 1
    assert_cache_matches_server(liaison.cache, live_server, liaison.username)

    admin.engine.sync()
    assert row(admin, c1).status == "in_progress"
    with admin.cache.engine.connect() as c:
        attachment_id = c.execute(select(Attachment.id).where(
            Attachment.complaint_id == c1, Attachment.sha256 == sha)).scalar_one()
    path = admin.engine.download_attachment(attachment_id)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    admin.outbox.close(c1, "selesai")
    admin.engine.sync()
    assert row(admin, c1).status == "done"
    assert_cache_matches_server(admin.cache, live_server, admin.username)
    with admin.cache.engine.connect() as c:
        payload = orjson.loads(c.execute(select(OutboxEntry.payload).where(
            OutboxEntry.complaint_id == recorded.complaint_id)).scalar_one())
    assert payload["complaint"]["reporter"] == {"name": None, "nik": None, "phone": None,
                                                "email": None}


def test_two_offline_clients_one_conflict_and_both_replies_kept(
        live_server: LiveServer, desks: Any) -> None:
    admin = desks("admin.kendari")
    national = desks("nasional1")
    admin.engine.sync()
    national.engine.sync()
    me = actor_of(admin)
    target = at_home_agency(admin)[0].id
    unit = next(a for a in agencies(admin) if a.level == "unit" and a.parent_id == me.scope_root_id)
    # Both act offline on the same complaint: two exclusive transitions.
    national.outbox.forward(target, unit.id, "langsung ke OPD")
    admin.outbox.archive(target, "spam")
    # And both write on a complaint in progress: replies never conflict.
    busy = next(r for r in rows(admin, status="in_progress") if r.handling_unit_id is not None)
    admin.outbox.internal_note(busy.id, "catatan admin")
    national.outbox.internal_note(busy.id, "catatan nasional")
    assert national.engine.sync().applied == 2
    report = admin.engine.sync()
    assert report.conflicts == 1 and report.applied == 1
    with admin.cache.engine.connect() as c:
        conflict = c.execute(select(OutboxEntry).where(OutboxEntry.state == "conflict")).one()
    assert conflict.complaint_id == target
    assert orjson.loads(conflict.current)["handling_unit_id"] == unit.id
    assert row(admin, target).status == "forwarded"  # the server's state, not ours
    national.engine.sync()
    for desk in (admin, national):
        with desk.cache.engine.connect() as c:
            notes = set(c.execute(select(FollowUp.body).where(
                FollowUp.complaint_id == busy.id, FollowUp.kind == "internal_note")).scalars())
        assert {"catatan admin", "catatan nasional"} <= notes
        assert_cache_matches_server(desk.cache, live_server, desk.username)


def test_moved_user_loses_old_records(live_server: LiveServer, desks: Any) -> None:
    from lapor_desk.server.services.users import move_user

    liaisons = [u for u in live_server.seed.users if u.role == "liaison_officer"]
    mover, elsewhere = liaisons[0], next(u for u in liaisons if u.unit_id != liaisons[0].unit_id)
    desk = desks(mover.username)
    desk.engine.sync()
    before = {r.id for r in rows(desk)}
    assert before and all(r.handling_unit_id == mover.unit_id for r in rows(desk))
    desk.outbox.internal_note(next(iter(before)), "catatan sebelum pindah")
    with live_server.session() as session, session.begin():
        move_user(session, mover.username, elsewhere.unit_id)
    report = desk.engine.sync()
    assert report.resets == 1
    after = {r.id for r in rows(desk)}
    assert not (after & before)
    assert actor_of(desk).unit_id == elsewhere.unit_id  # the engine learnt its new scope
    assert all(r.handling_unit_id == elsewhere.unit_id for r in rows(desk))
    assert_cache_matches_server(desk.cache, live_server, desk.username)


def test_a_refused_attachment_is_sent_again_when_the_action_is_written_again(
        live_server: LiveServer, desks: Any, tmp_path: Path) -> None:
    """The server holds no copy of the file for this user (``attachment_missing``): the desk
    stops believing it uploaded the file, so the action written again sends the bytes."""
    from lapor_desk.server.db import BlobUpload, User

    admin = desks("admin.kendari")
    admin.engine.sync()
    target = rows(admin)[0].id
    photo = tmp_path / "foto_gorong_gorong.jpg"
    photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 600)
    first = admin.outbox.add_file(photo, "image/jpeg")
    # As after downloading it from a complaint the user could read then (and may no longer).
    with admin.cache.writer.begin() as c:
        c.execute(update(Blob).where(Blob.sha256 == first.sha256).values(uploaded=True))
    admin.outbox.internal_note(target, "Foto gorong-gorong terlampir.", [first])
    assert admin.engine.sync().rejected == 1
    assert set(outcomes(admin).values()) == {("rejected", "attachment_missing")}
    again = admin.outbox.add_file(photo, "image/jpeg")
    admin.outbox.internal_note(target, "Foto gorong-gorong terlampir.", [again])
    assert admin.engine.sync().applied == 1
    with live_server.session() as session:
        owner = session.execute(select(User.username).join(
            BlobUpload, BlobUpload.user_id == User.id).where(
            BlobUpload.sha256 == first.sha256, BlobUpload.complete.is_(True))).scalar_one()
    assert owner == "admin.kendari"
    assert_cache_matches_server(admin.cache, live_server, admin.username)


def test_deletions_and_leaving_scope_arrive_as_tombstones(live_server: LiveServer,
                                                         desks: Any) -> None:
    from lapor_desk.server.services.complaints import delete_complaint

    admin = desks("admin.kendari")
    admin.engine.sync()
    me = actor_of(admin)
    liaison_user = next(u for u in live_server.seed.users
                        if u.role == "liaison_officer" and u.agency_id == me.scope_root_id)
    liaison = desks(liaison_user.username)
    liaison.engine.sync()
    mine = rows(liaison, status="forwarded") or rows(liaison)
    assert mine
    moved_away = next((r for r in rows(liaison, status="forwarded")), None)
    victim = next(r.id for r in rows(admin) if r.id not in {m.id for m in mine})
    with live_server.session() as session, session.begin():
        delete_complaint(session, victim)
    if moved_away is not None:
        # Bukan wewenang: the complaint goes back up to the agency, out of the unit's scope.
        liaison.outbox.not_our_authority(moved_away.id, "bukan tugas dinas kami")
    assert liaison.engine.sync().applied == (1 if moved_away else 0)
    admin.engine.sync()
    assert not rows(admin, id=victim)
    with admin.cache.engine.connect() as c:
        assert not list(c.execute(select(FollowUp.id).where(FollowUp.complaint_id == victim)))
    if moved_away is not None:
        assert not rows(liaison, id=moved_away.id)
        assert rows(admin, id=moved_away.id)
    for desk in (admin, liaison):
        assert_cache_matches_server(desk.cache, live_server, desk.username)


def test_pull_reports_received_bytes_and_how_far_it_has_come(live_server: LiveServer,
                                                             desks: Any) -> None:
    seen: list[Progress] = []
    desk = desks("nasional2", page_limit=150, progress=seen.append)
    desk.engine.bulk_page_limit = 150  # many pages, as a slow first sync has
    desk.engine.sync()
    pulls = [p for p in seen if p.phase == "pull"]
    assert len(pulls) > 5
    fractions = [p.fraction for p in pulls]
    assert all(f is not None for f in fractions)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0  # type: ignore[type-var]
    assert 0.0 < fractions[len(fractions) // 2] < 1.0  # type: ignore[operator]
    sizes = [p.bytes for p in pulls]
    assert sizes == sorted(sizes) and sizes[0] > 0 and sizes[-1] > sizes[0]


def test_interrupted_pull_resumes_never_from_zero_never_skipping(live_server: LiveServer,
                                                                 desks: Any) -> None:
    cancel = threading.Event()
    holder: list[Desk] = []

    def progress(p: Progress) -> None:
        # Stop between pages once some complaints (not just agencies) are in.
        if p.phase == "pull" and len(rows(holder[0])) > 30:
            cancel.set()

    desk = desks("nasional2", page_limit=150, progress=progress, cancel=cancel)
    holder.append(desk)
    with pytest.raises(CancelledError):
        desk.engine.sync()
    with desk.cache.engine.connect() as c:
        cursor = c.execute(select(SyncState.cursor)).scalar_one()
    assert cursor and len(rows(desk)) > 0
    requested: list[Any] = []
    original = desk.transport.get_json

    def spy(path: str, params: Any = None) -> Any:
        requested.append(dict(params or {}))
        return original(path, params)

    desk.transport.get_json = spy  # type: ignore[method-assign]
    cancel.clear()
    desk.engine.progress = None
    desk.engine.page_limit = desk.engine.bulk_page_limit = 5000
    desk.engine.sync()
    assert requested[0]["cursor"] == cursor  # resumed, not from zero
    assert_cache_matches_server(desk.cache, live_server, desk.username)  # nothing skipped


def test_import_csv_and_xlsx_then_sync_and_status(live_server: LiveServer, tmp_path: Path,
                                                  password: str,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    monkeypatch.setenv("LAPOR_PASSWORD", password)
    profile = tmp_path / "desk"
    base = ["--profile", str(profile)]
    sync = ["sync", *base, "--server", live_server.url, "--user", "admin.kendari", "--once"]
    try:
        assert cli_main(sync) == 0
        csv_path = tmp_path / "register.csv"
        csv_path.write_text("\n".join([ID_HEADER, *ID_ROWS]), "utf-8")
        book = Workbook()
        book.active.append(["judul", "isi", "provinsi", "kabupaten", "kategori", "kanal",
                            "jenis", "nama pelapor"])
        book.active.append(["Air PDAM keruh", "Air PDAM keruh sudah dua minggu.",
                            "Sulawesi Tenggara", "Kota Kendari", "Kesehatan", "telepon",
                            "pengaduan", "Wa Ode"])
        xlsx_path = tmp_path / "register.xlsx"
        book.save(xlsx_path)
        assert cli_main(["import", str(csv_path), *base]) == 0
        assert cli_main(["import", str(xlsx_path), *base]) == 0
        capsys.readouterr()
        assert cli_main(["status", *base, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["outbox_pending"] == 3
        monkeypatch.delenv("LAPOR_PASSWORD")  # the token saved in the keyring is enough now
        assert cli_main(sync) == 0
        assert "synced: pushed 3 (applied 3" in capsys.readouterr().out
        assert cli_main(["status", *base, "--json"]) == 0
        status = json.loads(capsys.readouterr().out)
    finally:
        keyring.set_keyring(previous)
    assert status["outbox_pending"] == 0 and status["outbox_rejected"] == 0
    assert status["conflicts"] == 0 and status["cursor"] and status["last_sync_at"]
    keyring.set_keyring(memory)  # the CLI encrypted the cache; its key is in this keyring
    try:
        cache = open_secure_cache(profile)
    finally:
        keyring.set_keyring(previous)
    try:
        with cache.engine.connect() as c:
            titles = set(c.execute(select(Complaint.title)).scalars())
        assert {"Jalan rusak parah", "Usul taman kota", "Air PDAM keruh"} <= titles
        assert status["complaints"] == len(server_view(live_server.url, "admin.kendari",
                                                       password).complaints)
        assert_cache_matches_server(cache, live_server, "admin.kendari", password)
    finally:
        cache.close()


def test_role_enum_is_wire_spelling() -> None:
    assert Role("liaison_officer") is Role.LIAISON_OFFICER
