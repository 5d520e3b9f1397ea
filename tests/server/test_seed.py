"""The seed generator: deterministic, consistent with the lifecycle, plausible."""

from __future__ import annotations

import hashlib
import random
import re
import uuid
from collections import Counter as Tally
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import make_url

from lapor_desk.models.agencies import Actor, AgencyNode, DictDirectory, scope_root_for
from lapor_desk.models.calendar import default_config
from lapor_desk.models.categories import taxonomy
from lapor_desk.models.enums import (
    OFFLINE_CHANNELS,
    ActionKind,
    AgencyLevel,
    Channel,
    ComplaintType,
    Role,
    Status,
)
from lapor_desk.models.lifecycle import (
    ComplaintState,
    Transition,
    auto_close,
    auto_close_due,
    decide,
    new_complaint_deadlines,
    reporter_response,
)
from lapor_desk.server.database import init_database
from lapor_desk.server.db import (
    REPLICATED,
    Agency,
    Attachment,
    Blob,
    Complaint,
    ComplaintEvent,
    Counter,
    Disposition,
    FollowUp,
    PublicAccess,
    Reporter,
    User,
    UtcDateTime,
)
from lapor_desk.server.seed import DEFAULT_NOW, seed_database
from lapor_desk.server.seed.attachment_files import blob_path
from lapor_desk.server.seed.rows import (
    ATTACHMENT_COLUMNS,
    COMPLAINT_COLUMNS,
    DISPOSITION_COLUMNS,
    EVENT_COLUMNS,
    FOLLOW_UP_COLUMNS,
    PUBLIC_ACCESS_COLUMNS,
    REPORTER_COLUMNS,
    sqlite_time,
)
from lapor_desk.server.seed.workdays import FastCalendar
from tests.support.pg import pg_admin_url

N = 400
SEED = 7
PASSWORD = "rahasia-uji-123"
TABLES = (Agency, User, Reporter, Complaint, Disposition, FollowUp, Attachment, ComplaintEvent,
          PublicAccess)


def _seeded(tmp: Path, name: str, seed: int = SEED, **kwargs: Any) -> tuple[str, Any]:
    url = f"sqlite:///{tmp / name}"
    init_database(url)
    return url, seed_database(url, complaints=N, seed=seed, password=PASSWORD, **kwargs)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    tmp = tmp_path_factory.mktemp("seed")
    return _seeded(tmp, "a.sqlite3", blob_dir=tmp / "blobs")


@pytest.fixture(scope="module")
def rows(seeded: tuple[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return _dump(seeded[0])


def _dump(url: str) -> dict[str, list[dict[str, Any]]]:
    engine = create_engine(url)
    out = {}
    with engine.connect() as conn:
        for model in TABLES:
            table = model.__table__
            key = table.c.seq if "seq" in table.c else (
                table.c.id if "id" in table.c else table.c.complaint_id)
            rows = conn.execute(select(table).order_by(key))
            out[model.__tablename__] = [dict(r._mapping) for r in rows]
    engine.dispose()
    return out


def _digest(dump: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    return {name: hashlib.sha256(repr(table).encode()).hexdigest() for name, table in dump.items()}


# --- determinism ---------------------------------------------------------------------------------


def test_same_seed_gives_identical_database(
    rows: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    url, _ = _seeded(tmp_path, "b.sqlite3")
    assert _digest(_dump(url)) == _digest(rows)


def test_parallel_generation_gives_the_same_rows(
    rows: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    url, report = _seeded(tmp_path, "p.sqlite3", parallel=True)
    assert _digest(_dump(url)) == _digest(rows)
    assert report.counts["complaints"] == N


def test_other_seed_differs_but_keeps_the_region(
    rows: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    url, _ = _seeded(tmp_path, "c.sqlite3", seed=SEED + 1)
    other = _dump(url)
    assert other["agencies"] == rows["agencies"]
    assert [u["username"] for u in other["users"]] == [u["username"] for u in rows["users"]]
    assert [u["display_name"] for u in other["users"]] == [u["display_name"] for u in rows["users"]]
    assert other["complaints"] != rows["complaints"]
    assert {c["id"] for c in other["complaints"]}.isdisjoint({c["id"] for c in rows["complaints"]})


def test_postgresql_gets_the_same_content(rows: dict[str, list[dict[str, Any]]]) -> None:
    admin = pg_admin_url()
    name = f"lapor_seed_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(admin).set(database=name).render_as_string(hide_password=False)
        init_database(url)
        seed_database(url, complaints=N, seed=SEED, password=PASSWORD)
        assert _digest(_dump(url)) == _digest(rows)
        pg = create_engine(url)
        with pg.begin() as conn:  # the id sequences moved past the seeded ids
            conn.execute(insert(Agency).values(
                parent_id=1, level="agency", path="/x/", name="x", code="X-TEST", seq=10**9))
        pg.dispose()
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


# --- counts, users, region -----------------------------------------------------------------------


def test_report_counts_match_database(seeded: tuple[str, Any], rows: dict[str, Any]) -> None:
    report = seeded[1]
    counts = report.counts
    assert counts["agencies"] == len(rows["agencies"])
    assert counts["users"] == len(rows["users"]) == len(report.users)
    assert counts["complaints"] == len(rows["complaints"]) == N
    assert counts["reporters"] == len(rows["reporters"])
    assert counts["follow_ups"] == len(rows["follow_ups"])
    assert counts["dispositions"] == len(rows["dispositions"])
    assert counts["attachments"] == len(rows["attachments"])
    assert counts["events"] == len(rows["complaint_events"])
    by_status = Tally(c["status"] for c in rows["complaints"])
    for status in Status:
        assert counts[f"status_{status}"] == by_status[str(status)]
    processed = [c for c in rows["complaints"] if c["forwarded_at"] is not None]
    # "about five follow-ups each" (replies, internal notes, reporter responses) over all
    # complaints, so more on the processed ones; none on a complaint no unit ever received
    assert 4.5 <= counts["follow_ups"] / N <= 5.5
    assert 5 <= counts["follow_ups"] / len(processed) <= 8
    followed_up = {f["complaint_id"] for f in rows["follow_ups"]}
    assert followed_up <= {c["id"] for c in processed}


def test_users_cover_every_role_with_stable_names(seeded: tuple[str, Any], rows: dict[str, Any]) -> None:
    report = seeded[1]
    agencies = {a["id"]: a for a in rows["agencies"]}
    names = [u.username for u in report.users]
    assert names[:2] == ["nasional1", "nasional2"]
    assert {"admin.kendari", "admin2.kendari", "admin.konawe", "admin.sultra", "admin.pln",
            "lo.konawe.dinkes", "lo.kendari.pupr", "lo.pln.up3-baubau"} <= set(names)
    assert len(set(names)) == len(names)
    roles = Tally(u.role for u in report.users)
    assert roles[Role.NATIONAL_ADMIN] == 2 and roles[Role.AGENCY_ADMIN] >= 26
    assert report.users[2].username == "admin.kendari"
    assert next(u for u in report.users if u.role == Role.LIAISON_OFFICER).username == "lo.kendari.pupr"
    db_users = {u["username"]: u for u in rows["users"]}
    hashes = {u["password_hash"] for u in rows["users"]}
    assert len(hashes) == 1 and hashes.pop().startswith("$argon2")
    for user in report.users:
        row = db_users[user.username]
        assert (row["role"], row["unit_id"], row["display_name"]) == (
            user.role, user.unit_id, user.display_name)
        assert agencies[user.unit_id]["name"] == user.unit_name
        unit = agencies[user.unit_id]
        if user.role == Role.AGENCY_ADMIN:
            assert unit["level"] == "unit"
            if agencies[unit["parent_id"]]["code"].startswith(("KAB-", "KOTA-", "PROV-")):
                assert "Komunikasi dan Informatika" in unit["name"]
        if user.role == Role.LIAISON_OFFICER:
            assert unit["level"] == "unit"
    # every unit has its liaison officer
    units = {a["id"] for a in rows["agencies"] if a["level"] == "unit"}
    assert units == {u.unit_id for u in report.users if u.role == Role.LIAISON_OFFICER}


def test_agency_tree(rows: dict[str, Any]) -> None:
    agencies = {a["id"]: a for a in rows["agencies"]}
    root = [a for a in agencies.values() if a["parent_id"] is None]
    assert len(root) == 1 and root[0]["level"] == "national" and "PANRB" in root[0]["name"]
    assert len({a["code"] for a in agencies.values()}) == len(agencies)
    for a in agencies.values():
        parent = agencies.get(a["parent_id"])
        expected = (parent["path"] if parent else "/") + f"{a['id']}/"
        assert a["path"] == expected
        if a["level"] == "unit":
            assert parent is not None and parent["level"] == "agency"
    names = {a["name"] for a in agencies.values()}
    for regency in ("Kabupaten Konawe", "Kabupaten Buton Selatan", "Kota Baubau",
                    "Kabupaten Konawe Kepulauan", "Kabupaten Muna Barat", "Kota Kendari"):
        assert f"Pemerintah {regency}" in names
        assert f"Dinas Komunikasi dan Informatika {regency}" in names
    province = next(a for a in agencies.values() if a["code"] == "PROV-74")
    kabkota = [a for a in agencies.values() if a["parent_id"] == province["id"] and a["level"] == "agency"]
    assert len(kabkota) == 17
    assert {a["region_code"] for a in kabkota} >= {"7403", "7471", "7472", "7415"}


# --- complaints ---------------------------------------------------------------------------------


def test_every_status_type_and_channel_present(rows: dict[str, Any]) -> None:
    complaints = rows["complaints"]
    assert {c["status"] for c in complaints} == {str(s) for s in Status}
    assert {c["complaint_type"] for c in complaints} == {str(t) for t in ComplaintType}
    assert {c["channel"] for c in complaints} == {str(c) for c in Channel}
    assert any(c["misconduct"] for c in complaints)
    assert all(c["complaint_type"] == "pengaduan" for c in complaints if c["misconduct"])
    anonymous = sum(c["anonymous"] for c in complaints) / len(complaints)
    confidential = sum(c["confidential"] for c in complaints) / len(complaints)
    assert 0.05 <= anonymous <= 0.16 and 0.02 <= confidential <= 0.12
    assert any(c["duplicate_ids"] for c in complaints)
    ids = {c["id"] for c in complaints}
    assert all(set(c["duplicate_ids"]) <= ids - {c["id"]} for c in complaints)


def test_reporters_rate_finished_web_complaints_as_citizens_do(
        seeded: tuple[str, Any], rows: dict[str, Any]) -> None:
    """The public page's ratings: finished web complaints only, rated after closing and before
    now, most of them well but not all (the lower ones where the answer was late), the note
    often empty and written as citizens write."""
    complaints = {c["id"]: c for c in rows["complaints"]}
    rated = rows["public_access"]
    assert len(rated) == seeded[1].counts["ratings"]
    web_done = [c for c in complaints.values() if c["channel"] == "web" and c["status"] == "done"]
    assert 0.25 * len(web_done) <= len(rated) <= 0.65 * len(web_done)
    spread = Tally(r["rating"] for r in rated)
    assert set(spread) <= {1, 2, 3, 4, 5} and spread[5] + spread[4] > len(rated) * 0.4
    assert spread[1] + spread[2] >= 2
    assert 0.35 * len(rated) <= sum(r["rating_note"] is not None for r in rated) <= 0.85 * len(rated)
    notes = " ".join(r["rating_note"] or "" for r in rated).lower()
    assert "terima kasih" in notes and re.search(r"\b(sdh|blm|tdk|tp)\b", notes)
    now = DEFAULT_NOW
    for r in rated:
        complaint = complaints[r["complaint_id"]]
        assert complaint["channel"] == "web" and complaint["status"] == "done"
        assert complaint["closed_at"] < r["rated_at"] < now
        assert r["code_hash"] == "!seed" and r["form_key"] == f"seed-{complaint['id']}"


def test_texts_and_places(rows: dict[str, Any]) -> None:
    tax = taxonomy()
    for c in rows["complaints"]:
        assert tax.category(c["category"]) == c["category"]
        assert tax.subcategory(c["category"], c["subcategory"]) == c["subcategory"]
        assert 5 <= len(c["title"]) <= 200 and len(c["body"]) >= 10
        assert "{" not in c["title"] + c["body"]
        assert c["province"] == "Sulawesi Tenggara"
        assert c["regency"].startswith(("Kabupaten ", "Kota ")) and c["district"] and c["village"]
        assert c["incident_date"] <= c["created_at"].date() + timedelta(days=1)
    for f in rows["follow_ups"]:
        assert f["body"] and "{" not in f["body"]
    bodies = " ".join(c["body"] for c in rows["complaints"])
    assert "Kecamatan" in bodies and "Konawe" in bodies


def test_texts_read_as_citizens_write_them(rows: dict[str, Any]) -> None:
    """Routing help is measured on these texts (bench/routing_bench.py): a share of them carry
    informal spelling, greetings naming an office, local words, a second matter, a vague
    title; and misrouted complaints come back (bukan wewenang, re-routed) before the right
    unit handles them."""
    complaints = rows["complaints"]
    words = [set(re.findall(r"[a-z]+", (c["title"] + " " + c["body"]).lower()))
             for c in complaints]
    informal = sum(bool(w & {"gak", "tdk", "sdh", "yg", "dgn", "jln", "blm"}) for w in words)
    assert len(complaints) * 0.15 < informal < len(complaints) * 0.6
    assert sum(c["body"].lower().startswith(("yth", "kepada yth", "kpd yth"))
               for c in complaints) > len(complaints) * 0.15
    assert any(w & {"sa", "tida", "pigi", "ora", "wis", "banyu", "durung"} for w in words)
    assert sum("Selain itu" in c["body"] for c in complaints) > len(complaints) * 0.08
    assert any(c["title"] in ("Pengaduan", "Laporan Masyarakat", "Tolong Pak")
               for c in complaints)
    kinds: dict[str, set[str]] = {}
    for d in rows["dispositions"]:
        kinds.setdefault(d["complaint_id"], set()).add(d["kind"])
    done = {c["id"] for c in complaints if c["status"] == "done"}
    came_back = [cid for cid, k in kinds.items() if cid in done
                 and k & {"not_our_authority", "reroute"}]
    assert len(came_back) > len(done) * 0.03


def test_reporters(rows: dict[str, Any]) -> None:
    reporters = {r["id"]: r for r in rows["reporters"]}
    for c in rows["complaints"]:
        assert c["reporter_id"] in reporters
    for r in reporters.values():
        assert r["name"]
        assert r["nik"] is None or re.fullmatch(r"74\d{14}", r["nik"])
        assert r["phone"] is None or re.fullmatch(r"08\d{9,11}", r["phone"])
        assert r["phone"] or r["email"]


def test_tracking_numbers_are_unique_seven_digits(rows: dict[str, Any]) -> None:
    numbers = [c["tracking_number"] for c in rows["complaints"]]
    assert len(set(numbers)) == len(numbers)
    assert all(1_000_000 <= n <= 9_999_999 for n in numbers)


def test_seqs_unique_and_counter_moved(seeded: tuple[str, Any], rows: dict[str, Any]) -> None:
    seqs = [r["seq"] for model in REPLICATED for r in rows[model.__tablename__]]
    assert len(set(seqs)) == len(seqs)
    engine = create_engine(seeded[0])
    with engine.connect() as conn:
        counter = conn.execute(select(Counter.value).where(Counter.name == "change_seq")).scalar_one()
    engine.dispose()
    assert counter == max(seqs) == seeded[1].last_seq
    assert seeded[1].counts["seqs"] == len(seqs)


def test_location_and_ownership_consistent(rows: dict[str, Any]) -> None:
    agencies = {a["id"]: a for a in rows["agencies"]}
    users = {u["id"]: u for u in rows["users"]}
    for c in rows["complaints"]:
        responsible = agencies[c["responsible_id"]]
        assert responsible["level"] in ("national", "agency")
        if c["handling_unit_id"] is None:
            assert c["location_path"] == responsible["path"]
            assert c["status"] in ("unverified", "postponed", "archived")
        else:
            unit = agencies[c["handling_unit_id"]]
            assert unit["level"] == "unit" and unit["parent_id"] == responsible["id"]
            assert c["location_path"] == unit["path"]
            assert c["handling_unit_id"] in c["handler_unit_ids"]
        offline = Channel(c["channel"]) in OFFLINE_CHANNELS
        assert (c["recorded_by"] is not None) == offline
        if offline:
            assert users[c["recorded_by"]]["role"] in ("national_admin", "agency_admin")


def test_timelines(rows: dict[str, Any]) -> None:
    events: dict[str, list[dict[str, Any]]] = {}
    for e in rows["complaint_events"]:
        events.setdefault(e["complaint_id"], []).append(e)
    now = DEFAULT_NOW
    overdue = 0
    for c in rows["complaints"]:
        trail = events[c["id"]]
        assert trail[0]["kind"] in ("submitted", "record_complaint")
        assert trail[0]["to_status"] == "unverified" and trail[0]["from_status"] is None
        assert len(trail) == c["version"]
        times = [e["at"] for e in trail]
        assert times == sorted(times) and len(set(times)) == len(times)
        assert c["created_at"] <= times[0] and times[-1] == c["updated_at"] < now
        assert trail[-1]["to_status"] == c["status"]
        for before, after in pairwise(trail):
            assert after["from_status"] == before["to_status"]
        if c["status"] == "in_progress":
            assert c["auto_close_due"] > now
        if c["status"] in ("forwarded", "in_progress") and c["resolution_due"] < now:
            overdue += 1
        if c["status"] == "unverified" and c["verify_due"] < now:
            overdue += 1
    assert overdue > 0


def test_attachments_and_blobs(seeded: tuple[str, Any], rows: dict[str, Any], tmp_path: Path) -> None:
    follow_ups = {f["id"]: f for f in rows["follow_ups"]}
    attachments = rows["attachments"]
    assert attachments and any(a["follow_up_id"] for a in attachments)
    for a in attachments:
        if a["follow_up_id"]:
            assert follow_ups[a["follow_up_id"]]["complaint_id"] == a["complaint_id"]
    engine = create_engine(seeded[0])
    with engine.connect() as conn:
        blobs = {b.sha256: b for b in conn.execute(select(Blob))}
    engine.dispose()
    blob_dir = Path(make_url(seeded[0]).database or "").parent / "blobs"
    for a in attachments:
        blob = blobs[a["sha256"]]
        assert blob.complete and blob.size == blob.received == a["size"]
        content = blob_path(blob_dir, a["sha256"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == a["sha256"] and len(content) == a["size"]


def test_lifecycle_replay_matches_decide(rows: dict[str, Any]) -> None:
    """Every seeded history is replayed through ``lifecycle.decide``: each step must be allowed
    and produce exactly the seeded event, disposition, follow-up and final complaint row."""
    config = default_config()
    directory = DictDirectory([
        AgencyNode(a["id"], a["parent_id"], AgencyLevel(a["level"]), a["path"], a["name"],
                   a["code"], a["region_code"]) for a in rows["agencies"]
    ])
    actors = {}
    for u in rows["users"]:
        role = Role(u["role"])
        unit = directory.get(u["unit_id"])
        assert unit is not None
        actors[u["id"]] = Actor(u["id"], role, unit.id, scope_root_for(directory, role, unit).id)
    children: dict[str, list[tuple[int, str, dict[str, Any]]]] = {}
    for name in ("complaint_events", "dispositions", "follow_ups", "attachments"):
        for r in rows[name]:
            children.setdefault(r["complaint_id"], []).append((r["seq"], name, r))
    for c in rows["complaints"]:
        trail = sorted(children[c["id"]], key=lambda x: x[0])
        first = trail[0][2]
        dispositions = [r for _, n, r in trail if n == "dispositions"]
        responsible = dispositions[0]["from_id"] if dispositions else c["responsible_id"]
        recorder = first["actor_id"]
        state = ComplaintState(
            id=c["id"], status=Status.UNVERIFIED, responsible_id=responsible,
            handling_unit_id=None, complaint_type=c["complaint_type"],
            misconduct=c["misconduct"], version=1, transition_version=1,
            created_at=c["created_at"],
            verify_due=new_complaint_deadlines(config, c["created_at"])["verify_due"],
            handler_unit_ids=(actors[recorder].unit_id,) if recorder else (),
        )
        i = 1
        while i < len(trail):
            _, name, event = trail[i]
            if name == "attachments" and event["follow_up_id"] is None:
                i += 1  # sent with the complaint
                continue
            assert name == "complaint_events"
            following = [r for _, n, r in trail[i + 1:i + 4]]
            kind, at, detail = event["kind"], event["at"], event["detail"]
            if kind == "reporter_response":
                fu = following[0]
                result: Any = reporter_response(state, at, fu["id"], fu["body"])
            elif kind == "auto_close":
                assert auto_close_due(state, at)
                result = auto_close(state, at)
            else:
                payload = dict(detail)
                nxt = following[0] if following else {}
                if kind in ("forward", "handle", "not_our_authority", "reroute"):
                    payload.update(disposition_id=nxt["id"], note=nxt["note"])
                elif kind in ("follow_up", "internal_note"):
                    payload.update(follow_up_id=nxt["id"], body=nxt["body"], attachments=[
                        {k: a[k] for k in ("id", "sha256", "size", "mime_type", "filename")}
                        for a in following[1:] if a.get("follow_up_id") == nxt["id"]
                    ])
                result = decide(state, ActionKind(kind), payload, actors[event["actor_id"]],
                                directory, config, at, base_version=state.version)
            assert isinstance(result, Transition), (c["id"], kind, result)
            assert result.event.kind == kind
            assert (result.event.from_status, result.event.to_status) == (
                event["from_status"], event["to_status"])
            assert result.event.detail == detail and result.event.actor_id == event["actor_id"]
            i += 1
            if result.disposition is not None:
                d = trail[i][2]
                assert (d["from_id"], d["to_id"], d["kind"], d["actor_id"], d["at"]) == (
                    result.disposition.from_id, result.disposition.to_id,
                    str(result.disposition.kind), result.disposition.actor_id, at)
                i += 1
            if result.follow_up is not None:
                f = trail[i][2]
                assert (f["kind"], f["author_id"], f["unit_id"], f["at"]) == (
                    str(result.follow_up.kind), result.follow_up.author_id,
                    result.follow_up.unit_id, at)
                i += 1
                while i < len(trail) and trail[i][1] == "attachments":
                    i += 1
            state = result.state
        for key in ("responsible_id", "handling_unit_id", "version", "transition_version",
                    "verify_due", "resolution_due", "auto_close_due", "paused_at", "forwarded_at",
                    "closed_at"):
            assert getattr(state, key) == c[key], (c["id"], key)
        assert state.status == c["status"]
        assert state.first_follow_up_at == c["first_follow_up_at"]
        assert state.last_follow_up_at == c["last_follow_up_at"]
        assert list(state.handler_unit_ids) == c["handler_unit_ids"]
        assert list(state.duplicate_ids) == c["duplicate_ids"]


# --- pieces -------------------------------------------------------------------------------------


def test_fast_calendar_matches_working_calendar() -> None:
    calendar = default_config().calendar
    fast = FastCalendar(calendar, DEFAULT_NOW.date() - timedelta(days=420),
                        DEFAULT_NOW.date() + timedelta(days=400))
    rng = random.Random(1)
    for _ in range(600):
        start = DEFAULT_NOW - timedelta(seconds=rng.randrange(400 * 86400))
        ts = int(start.timestamp())
        n = rng.choice((0, 1, 3, 5, 10, 14, 60))
        assert fast.add(ts, n) == int(calendar.add_working_days(start, n).timestamp())
        end = start + timedelta(seconds=rng.randrange(90 * 86400))
        assert fast.between(ts, int(end.timestamp())) == calendar.working_days_between(start, end)


def test_sqlite_values_are_what_sqlalchemy_writes() -> None:
    dialect = sqlite_dialect.dialect()
    process = UtcDateTime().dialect_impl(dialect).bind_processor(dialect)
    for ts in (0, 1_700_000_000, 1_790_000_123):
        moment = datetime.fromtimestamp(ts, UTC)
        assert process is not None and sqlite_time(ts) == process(moment)


def test_bulk_column_lists_match_schema() -> None:
    for model, columns in ((Complaint, COMPLAINT_COLUMNS), (Reporter, REPORTER_COLUMNS),
                           (Disposition, DISPOSITION_COLUMNS), (FollowUp, FOLLOW_UP_COLUMNS),
                           (Attachment, ATTACHMENT_COLUMNS),
                           (PublicAccess, PUBLIC_ACCESS_COLUMNS)):
        assert set(columns) == {c.name for c in model.__table__.columns}
    assert set(EVENT_COLUMNS) == {c.name for c in ComplaintEvent.__table__.columns} - {"id"}


def test_refuses_a_seeded_database(seeded: tuple[str, Any]) -> None:
    with pytest.raises(RuntimeError, match="already"):
        seed_database(seeded[0], complaints=1, seed=1, password="x")


def test_demo_queues_have_work(seeded: tuple[str, Any], rows: dict[str, Any]) -> None:
    """Other suites (seed 7, 400 complaints) rely on these queues not being empty."""
    users = {u.username: u for u in seeded[1].users}
    kendari = users["admin.kendari"].agency_id
    waiting = [c for c in rows["complaints"] if c["status"] == "unverified"
               and c["handling_unit_id"] is None and c["responsible_id"] == kendari]
    assert len(waiting) >= 5
    pupr = users["lo.kendari.pupr"].unit_id
    assert any(c["handling_unit_id"] == pupr for c in rows["complaints"])
    national = [c for c in rows["complaints"] if c["status"] == "unverified"
                and c["responsible_id"] == users["nasional1"].unit_id]
    assert national


# --- ids -------------------------------------------------------------------------------------------


def test_ids_are_uuid7_made_at_each_rows_creation(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Every seeded record's id is a UUIDv7 whose time is the moment the server created the row
    (what a real server makes), so ids made later sort later."""
    from lapor_desk.models.ids import uuid7_ms

    def second(moment: datetime) -> int:
        return int(moment.timestamp())

    first_event: dict[str, datetime] = {}
    for event in rows["complaint_events"]:
        first_event.setdefault(event["complaint_id"], event["at"])
    for complaint in rows["complaints"]:
        ms = uuid7_ms(complaint["id"])
        assert ms is not None and uuid.UUID(complaint["id"]).version == 7
        assert ms // 1000 == second(first_event[complaint["id"]])
    for table, moment in (("dispositions", "at"), ("follow_ups", "at"),
                          ("attachments", "created_at")):
        assert rows[table]
        for row in rows[table]:
            ms = uuid7_ms(row["id"])
            assert ms is not None, (table, row["id"])
            assert ms // 1000 == second(row[moment]), (table, row["id"])
    ids = [c["id"] for c in sorted(rows["complaints"], key=lambda c: first_event[c["id"]])]
    assert len(set(ids)) == len(ids)
    # Time order is id order (up to the random millisecond inside one second).
    assert sum(a > b for a, b in pairwise(ids)) <= len(ids) // 50
