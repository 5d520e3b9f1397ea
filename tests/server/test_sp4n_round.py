"""The SP4N round end to end against the simulated national server's bridge shape
(server/sp4n/round.py, push.py, bridge.py): a reply written on a desktop reaches SP4N-LAPOR!
exactly once across a failed call, its backoff, a worker killed mid-call and several workers at
once; a status change goes too; new national reports are fetched into complaints once, their
follow-ups there applied, and nothing fetched is sent back."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.cli import main
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Complaint, FollowUp, Sp4nPush
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.server.sp4n.addstream import AddstreamConnector
from lapor_desk.server.sp4n.bridge import BridgeConnector
from lapor_desk.server.sp4n.connector import OutgoingFollowUp
from lapor_desk.server.sp4n.round import fetch_new, push_changes, run_round
from tests.server.builder import NOW, complaint_payload, new_id
from tests.server.client import WorldServer
from tests.support.sp4n_standin import NationalStandin, national_standin

SINCE = NOW + timedelta(days=1)
T0 = SINCE + timedelta(hours=2)
TOKEN = "tok-konawe-0001"


class Killed(BaseException):
    """The worker process dies: nothing after this point of the round runs."""


class DiesAfterSending(BridgeConnector):
    def send_follow_up(self, follow_up: OutgoingFollowUp) -> str | None:
        super().send_follow_up(follow_up)
        raise Killed


def _at_once(server: WorldServer, count: int, call: Callable[[Engine], object]) -> list[Exception]:
    """``call`` in ``count`` threads released together, over two engines (two server processes'
    pools); the errors they raised."""
    engines = [make_engine(server.live.database_url) for _ in range(2)]
    start = threading.Barrier(count)
    errors: list[Exception] = []

    def worker(index: int) -> None:
        try:
            start.wait()
            call(engines[index % 2])
        except Exception as error:  # noqa: BLE001 - reported below, in the test thread
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        for engine in engines:
            engine.dispose()
    return errors


def _linked(server: WorldServer, national: NationalStandin, titles: list[str]) -> list[str]:
    """Complaints received since SINCE, sent to SP4N-LAPOR! by a round, forwarded here."""
    ids = []
    with transaction(server.live.engine) as session:
        for index, title in enumerate(titles):
            received = (SINCE + timedelta(minutes=index)).isoformat().replace("+00:00", "Z")
            ids.append(complaint_services.submit_complaint(
                session, complaint_payload(title, received_at=received), server.unit("kab"),
                now=SINCE + timedelta(hours=1)).id)
    first = run_round(server.live.engine, BridgeConnector(national.bridge_url, TOKEN),
                      since=SINCE, agency_id=server.unit("kab"), now=T0)
    assert sorted(c for c, _ in first.reports.sent) == sorted(ids)
    # the round's fetch saw them there, with our reference: no second complaint
    assert {o.kind for o in first.fetched.outcomes} == {"unchanged"}
    admin = server.login("admin_kab")
    for cid in ids:
        assert admin.do("forward", cid, None, to_id=server.unit("kab_health"),
                        note="mohon ditangani", disposition_id=new_id())["outcome"] == "applied"
    return ids


def _number(server: WorldServer, complaint_id: str) -> int:
    with server.live.session() as session:
        return int(session.scalar(select(Complaint.national_tracking_number)
                                  .where(Complaint.id == complaint_id)) or 0)


def test_a_desktop_reply_reaches_sp4n_once_across_a_retry_and_a_killed_worker(
        server: WorldServer) -> None:
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        (cid,) = _linked(server, national, ["Puskesmas Unaaha tutup siang"])
        number = _number(server, cid)
        officer, reply_id = server.login("lo_kab_health"), new_id()
        assert officer.do("follow_up", cid, None, follow_up_id=reply_id,
                          body="Petugas sudah meninjau, jam layanan kembali normal."
                          )["outcome"] == "applied"
        bridge = BridgeConnector(national.bridge_url, TOKEN)
        t0 = utcnow()  # the actions above were queued at the server's clock

        national.fail_next = [503]  # the national system is down: tried again after a wait
        failed = push_changes(server.live.engine, bridge, now=t0 + timedelta(minutes=1))
        assert failed.sent == [] and failed.failed == [("status", "forwarded", "unreachable")]
        early = push_changes(server.live.engine, bridge, now=t0 + timedelta(minutes=1, seconds=30))
        assert early.sent == [] and national.statuses_received == []  # its backoff runs

        # the worker dies after the national system recorded the reply, before writing it down
        with pytest.raises(Killed):
            push_changes(server.live.engine, DiesAfterSending(national.bridge_url, TOKEN),
                         now=t0 + timedelta(minutes=3))
        assert len(national.replies_received) == 1
        held = push_changes(server.live.engine, bridge, now=t0 + timedelta(minutes=4))
        assert held.sent == []  # still that worker's until its lease runs out

        other = make_engine(server.live.database_url)  # another process, after the lease
        try:
            later = push_changes(other, bridge, now=t0 + timedelta(minutes=9))
        finally:
            other.dispose()
        assert later.sent == [("follow_up", reply_id)]
        again = run_round(server.live.engine, bridge, since=SINCE,
                          agency_id=server.unit("kab"), now=t0 + timedelta(hours=1))
        assert again.pushes.sent == [] and again.reports.sent == []
        # what came back from there (our own reply, by its reference) is not taken in again
        assert {o.kind for o in again.fetched.outcomes} == {"unchanged"}

        assert [(r["trackingid"], r["referensi"], r["isi"]) for r in national.replies_received] \
            == [(number, reply_id, "Petugas sudah meninjau, jam layanan kembali normal.")]
        assert [(s["trackingid"], s["status"]) for s in national.statuses_received] == \
            [(number, "Terdisposisi, Belum Ditindaklanjuti")]
        assert national.reports[number]["status"] == "Sedang Diproses"

        # closed here: the status goes there, once
        admin = server.login("admin_kab")
        assert admin.do("close", cid, None, note="selesai ditangani")["outcome"] == "applied"
        push_changes(server.live.engine, bridge, now=t0 + timedelta(hours=2))
        push_changes(server.live.engine, bridge, now=t0 + timedelta(hours=3))
        assert [s["status"] for s in national.statuses_received][1:] == ["Selesai"]
    with server.live.session() as session:
        assert session.scalar(select(func.count()).select_from(FollowUp)
                              .where(FollowUp.complaint_id == cid)) == 1
        assert set(session.scalars(select(Sp4nPush.status))) == {"sent"}


def test_several_workers_push_each_change_once(server: WorldServer) -> None:
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        ids = _linked(server, national, [f"Jembatan desa putus nomor {i}" for i in range(5)])
        officer = server.login("lo_kab_health")
        for cid in ids:
            assert officer.do("follow_up", cid, None, follow_up_id=new_id(),
                              body=f"Tim sudah ke lokasi {cid[-4:]}.")["outcome"] == "applied"
        assert _at_once(server, 4, lambda engine: push_changes(
            engine, BridgeConnector(national.bridge_url, TOKEN),
            now=utcnow() + timedelta(minutes=5))) == []
        assert len(national.replies_received) == 5 and len(national.statuses_received) == 5
        assert len(national.answered) == 10


def test_new_national_reports_are_fetched_once_and_their_updates_applied(
        server: WorldServer) -> None:
    kab = server.unit("kab")
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        first = national.national_report("Ambulans desa rusak", "Kronologi: ambulans desa rusak "
                                         "sejak bulan lalu.", SINCE + timedelta(hours=3))
        second = national.national_report("Lampu jalan padam", "Kronologi: lampu jalan padam "
                                          "di jalan poros.", SINCE + timedelta(hours=4))
        bridge = BridgeConnector(national.bridge_url, TOKEN)
        assert _at_once(server, 2, lambda engine: fetch_new(
            engine, BridgeConnector(national.bridge_url, TOKEN), agency_id=kab, since=SINCE,
            now=SINCE + timedelta(hours=5))) == []
        with server.live.session() as session:
            held = {int(n): str(i) for n, i in session.execute(
                select(Complaint.national_tracking_number, Complaint.id)
                .where(Complaint.national_tracking_number.in_([first, second])))}
        assert sorted(held) == [first, second]  # each once

        # there, the agency answered and finished it; here it was forwarded meanwhile
        admin = server.login("admin_kab")
        assert admin.do("forward", held[first], None, to_id=server.unit("kab_health"),
                        note="mohon ditangani", disposition_id=new_id())["outcome"] == "applied"
        national.national_reply(first, "Ambulans sudah diperbaiki bengkel daerah.",
                                SINCE + timedelta(hours=6), status="Selesai")
        fetched = fetch_new(server.live.engine, bridge, agency_id=kab, since=SINCE,
                            now=SINCE + timedelta(hours=7))
        outcome = {o.national_tracking_number: o for o in fetched.outcomes}
        assert (outcome[first].kind, outcome[first].status) == ("updated", "done")
        again = fetch_new(server.live.engine, bridge, agency_id=kab, since=SINCE,
                          now=SINCE + timedelta(hours=8))
        assert {o.kind for o in again.outcomes} <= {"unchanged"}
        # only the forward made here goes there; nothing fetched is sent back
        push_changes(server.live.engine, bridge, now=utcnow() + timedelta(minutes=1))
        assert [s["status"] for s in national.statuses_received] == \
            ["Terdisposisi, Belum Ditindaklanjuti"]
        assert national.replies_received == []


def test_the_addstream_connector_leaves_pushes_queued_and_fetches_nothing(
        server: WorldServer) -> None:
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        (cid,) = _linked(server, national, ["Sampah menumpuk di pasar"])
        legacy = AddstreamConnector(national.url, TOKEN)
        round_ = run_round(server.live.engine, legacy, since=SINCE,
                           agency_id=server.unit("kab"), now=utcnow() + timedelta(minutes=5))
        assert round_.pushes.unsupported and round_.pushes.sent == []
        assert round_.fetched.outcomes == [] and round_.fetched.failed is None
        with server.live.session() as session:  # kept for a connector that can send them
            assert list(session.scalars(select(Sp4nPush.status)
                                        .where(Sp4nPush.complaint_id == cid))) == ["pending"]
            assert session.scalar(select(Sp4nPush.attempts)) == 0


def test_the_round_command_speaks_the_configured_connector(
        server: WorldServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        number = national.national_report("Pungutan liar di kelurahan", "Kronologi: diminta "
                                          "uang untuk surat pengantar.", SINCE + timedelta(hours=1))
        (tmp_path / "token").write_text(TOKEN + "\n", "utf-8")
        config = tmp_path / "server.toml"
        base = (f'[database]\nurl = "{server.live.database_url}"\n[sp4n]\n'
                f'url = "{national.bridge_url}"\ntoken_file = "token"\n'
                f'since = {SINCE.date().isoformat()}\nagency = "T-kab"\n')
        config.write_text(base + 'connector = "bridge"\n', "utf-8")
        assert main(["sp4n-round", "--config", str(config)]) == 0
        answer = json.loads(capsys.readouterr().out)
        assert [(f["national"], f["outcome"]) for f in answer["fetched"]] == \
            [(number, "created")]
        # the next round fetches from where this one did (its mark), and nothing is new there
        assert main(["sp4n-round", "--config", str(config)]) == 0
        assert json.loads(capsys.readouterr().out)["fetched"] == []
        config.write_text(base + 'connector = "v9"\n', "utf-8")
        assert main(["sp4n-round", "--config", str(config)]) == 1
        assert "[sp4n] connector" in capsys.readouterr().err


def test_a_complaint_sent_there_can_still_be_purged_here(server: WorldServer) -> None:
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        (cid,) = _linked(server, national, ["Data pribadi pelapor tersebar"])
    with transaction(server.live.engine) as session:  # its claim and its queued push go too
        complaint_services.delete_complaint(session, cid)
    with server.live.session() as session:
        assert session.get(Complaint, cid) is None
        assert session.scalar(select(func.count()).select_from(Sp4nPush)) == 0


def test_replies_written_before_the_national_number_go_once_when_it_comes(
        server: WorldServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Forwarded and answered here before the round sent the report (its first push answers
    the number), and a walk-in complaint answered here whose number an operator writes later
    (``sp4n-record``): their earlier changes reach SP4N-LAPOR! in order, once each."""
    kab = server.unit("kab")
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        with transaction(server.live.engine) as session:
            early = complaint_services.submit_complaint(
                session, complaint_payload("Puskesmas Wawotobi kekurangan obat", received_at=(
                    SINCE + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")),
                kab, now=SINCE + timedelta(hours=1)).id
            walk_in = complaint_services.submit_complaint(  # before [sp4n] since: never sent
                session, complaint_payload("Pungutan di kantor desa"), kab,
                now=SINCE - timedelta(days=1)).id
        admin, officer = server.login("admin_kab"), server.login("lo_kab_health")
        replies = {}
        for cid in (early, walk_in):
            assert admin.do("forward", cid, None, to_id=server.unit("kab_health"),
                            note="mohon ditangani", disposition_id=new_id()
                            )["outcome"] == "applied"
            replies[cid] = [new_id(), new_id()]
            for index, reply_id in enumerate(replies[cid]):
                assert officer.do("follow_up", cid, None, follow_up_id=reply_id,
                                  body=f"Tanggapan ke-{index + 1} untuk {cid[-4:]}."
                                  )["outcome"] == "applied"
        with server.live.session() as session:  # nothing to send while there is no number
            assert session.scalar(select(func.count()).select_from(Sp4nPush)) == 0
        bridge = BridgeConnector(national.bridge_url, TOKEN)
        later = utcnow() + timedelta(minutes=1)

        first = run_round(server.live.engine, bridge, since=SINCE, agency_id=kab, now=later)
        assert [c for c, _ in first.reports.sent] == [early]
        number = _number(server, early)
        assert first.pushes.sent == [("status", "forwarded"), ("follow_up", replies[early][0]),
                                     ("follow_up", replies[early][1])]

        there = national.national_report("Pungutan di kantor desa", "Dicatat petugas.",
                                         SINCE - timedelta(days=1))
        (tmp_path / "token").write_text(TOKEN, "utf-8")
        tracking = _tracking(server, walk_in)
        config = tmp_path / "server.toml"
        config.write_text(f'[database]\nurl = "{server.live.database_url}"\n', "utf-8")
        assert main(["sp4n-record", "--config", str(config), "--tracking-number",
                     str(tracking), "--national", str(there)]) == 0
        capsys.readouterr()
        second = run_round(server.live.engine, bridge, since=SINCE, agency_id=kab,
                           now=later + timedelta(minutes=5))
        assert second.pushes.sent == [("status", "forwarded"),
                                      ("follow_up", replies[walk_in][0]),
                                      ("follow_up", replies[walk_in][1])]
        for again in (10, 20):  # later rounds send nothing twice
            done = run_round(server.live.engine, bridge, since=SINCE, agency_id=kab,
                             now=later + timedelta(minutes=again))
            assert done.pushes.sent == [] and done.reports.sent == []
        assert [(r["trackingid"], r["referensi"]) for r in national.replies_received] == [
            (number, replies[early][0]), (number, replies[early][1]),
            (there, replies[walk_in][0]), (there, replies[walk_in][1])]
        assert [(s["trackingid"], s["status"]) for s in national.statuses_received] == [
            (number, "Terdisposisi, Belum Ditindaklanjuti"),
            (there, "Terdisposisi, Belum Ditindaklanjuti")]
        writes = [ref for method, _, ref in national.calls if method == "POST"]
        assert len(writes) == len(set(writes))  # each call made once
        # a reply written after the number goes once, after the earlier ones
        late = new_id()
        assert officer.do("follow_up", early, None, follow_up_id=late,
                          body="Obat sudah dikirim dari gudang farmasi.")["outcome"] == "applied"
        done = run_round(server.live.engine, bridge, since=SINCE, agency_id=kab,
                         now=utcnow() + timedelta(minutes=30))
        assert done.pushes.sent == [("follow_up", late)]


def _tracking(server: WorldServer, complaint_id: str) -> int:
    with server.live.session() as session:
        return int(session.scalar(select(Complaint.tracking_number)
                                  .where(Complaint.id == complaint_id)) or 0)


def test_an_old_national_reply_taken_in_starts_the_auto_close_clock_when_taken_in(
        server: WorldServer) -> None:
    """A reply the agency posted on SP4N-LAPOR! long ago, taken in today, gives the reporter
    their full time to answer from today: the complaint does not close the next day."""
    kab = server.unit("kab")
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        number = national.national_report("Air PDAM keruh", "Kronologi: air keruh seminggu.",
                                          SINCE + timedelta(hours=1))
        bridge = BridgeConnector(national.bridge_url, TOKEN)
        fetch_new(server.live.engine, bridge, agency_id=kab, since=SINCE,
                  now=SINCE + timedelta(hours=2))
        with server.live.session() as session:
            cid = session.scalar(select(Complaint.id).where(
                Complaint.national_tracking_number == number))
        admin = server.login("admin_kab")
        assert admin.do("forward", cid, None, to_id=server.unit("kab_health"), note="mohon",
                        disposition_id=new_id())["outcome"] == "applied"
        national.national_reply(number, "Pipa sudah dibersihkan.", SINCE + timedelta(hours=3))
        taken_in = SINCE + timedelta(days=40)  # the reply was written 40 days before
        fetched = fetch_new(server.live.engine, bridge, agency_id=kab, since=SINCE,
                            now=taken_in)
        assert [o.follow_ups_added for o in fetched.outcomes] == [1]
    with server.live.session() as session:
        due = session.scalar(select(Complaint.auto_close_due).where(Complaint.id == cid))
    assert due is not None and due > taken_in + timedelta(days=7)
    assert complaint_services.auto_close_due(server.live.engine,
                                             taken_in + timedelta(days=1)) == 0
    with server.live.session() as session:
        assert session.scalar(select(Complaint.status).where(Complaint.id == cid)) \
            == "in_progress"
    assert complaint_services.auto_close_due(server.live.engine,
                                             due + timedelta(minutes=1)) == 1
