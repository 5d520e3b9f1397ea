"""The link with SP4N-LAPOR! on the server (server/sp4n/): complaints sent through the reference
``addstream`` connector to a simulated national server, each once, their national numbers
written back where every desktop pulls them; an anonim reporter's identity never sent; a failed
call tried again at the next round; two rounds at once send nothing twice."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desk.server.cli import main
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Complaint, Sp4nSent
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.server.services.errors import InvalidInputError
from lapor_desk.server.sp4n import records
from lapor_desk.server.sp4n.addstream import AddstreamConnector, parse_answer
from lapor_desk.server.sp4n.connector import ConnectorError
from lapor_desk.server.sp4n.run import send_reports
from tests.server.builder import NOW, complaint_payload, new_id
from tests.server.client import WorldServer
from tests.support.sp4n_standin import national_standin

SINCE = NOW + timedelta(days=1)
TOKEN = "tok-konawe-0001"


def _new(server: WorldServer, titles: list[str], anonymous: set[str] = frozenset()) -> list[str]:
    ids = []
    with transaction(server.live.engine) as session:
        for index, title in enumerate(titles):
            received = (SINCE + timedelta(minutes=index)).isoformat().replace("+00:00", "Z")
            ids.append(complaint_services.submit_complaint(
                session, complaint_payload(title, anonymous=title in anonymous,
                                           received_at=received),
                server.unit("kab"), now=SINCE + timedelta(hours=1)).id)
    return ids


def _tracking(server: WorldServer, complaint_id: str) -> int:
    with server.live.session() as session:
        return int(session.scalar(select(Complaint.tracking_number)
                                  .where(Complaint.id == complaint_id)) or 0)


def _numbers(server: WorldServer, ids: list[str]) -> dict[str, int | None]:
    with server.live.session() as session:
        return {row.id: row.national_tracking_number for row in session.execute(
            select(Complaint.id, Complaint.national_tracking_number)
            .where(Complaint.id.in_(ids)))}


def test_reports_go_once_with_their_numbers_back_and_no_anonim_identity(
        server: WorldServer) -> None:
    ids = _new(server, ["Jalan rusak di Tumpas", "Puskesmas Unaaha tutup"],
               anonymous={"Puskesmas Unaaha tutup"})
    admin = server.login("admin_kab")
    cursor = admin.pull_all()[0]["cursor"]
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        connector = AddstreamConnector(national.url, TOKEN)
        report = send_reports(server.live.engine, connector, since=SINCE,
                              now=SINCE + timedelta(hours=2))
        assert [cid for cid, _ in report.sent] == ids and not report.failed
        again = send_reports(server.live.engine, connector, since=SINCE,
                             now=SINCE + timedelta(hours=3))
        assert again.sent == [] and len(national.recorded) == 2  # nothing twice
    numbers = _numbers(server, ids)
    assert numbers == dict(report.sent)
    named, anonim = national.recorded
    # the document public code posts: <lapor token><pelapor>...</pelapor><laporan><isi>
    assert named["token"] == TOKEN
    assert named["isi"].startswith("Jalan rusak di Tumpas\n\nKronologi: Jalan rusak di Tumpas")
    assert f"Nomor pelacakan instansi: {_tracking(server, ids[0])}" in named["isi"]
    assert (named["namadepan"], named["namabelakang"]) == ("Pelapor", "Tumpas")
    assert named["telpon"].startswith("0812") and named["email"].endswith("@example.id")
    assert named["anonim"] == "0" and anonim["anonim"] == "1"
    # an anonim reporter's identity never leaves the server, the NIK of none ever does
    assert [anonim[k] for k in ("namadepan", "namabelakang", "telpon", "email")] == [""] * 4
    assert not any("74020155" in value for form in national.recorded for value in form.values())
    # the desktops receive the numbers at their next pull
    rows = admin.pull_all(cursor)[0]["state"]["complaint"]
    for cid in ids:
        assert rows[cid]["national_tracking_number"] == numbers[cid]
        assert rows[cid]["national_link"] == f"https://www.lapor.go.id/pengaduan/{numbers[cid]}"


def test_a_failed_call_is_tried_again_and_a_refused_token_stops_the_round(
        server: WorldServer) -> None:
    ids = _new(server, ["Lampu jalan padam", "Air PDAM keruh", "Sampah menumpuk"])
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        national.fail_next = [503]
        first = send_reports(server.live.engine, AddstreamConnector(national.url, TOKEN),
                             since=SINCE, now=SINCE + timedelta(hours=2))
        assert first.sent == [] and first.failed == [(ids[0], "unreachable")]
        refused = send_reports(server.live.engine, AddstreamConnector(national.url, "salah"),
                               since=SINCE, now=SINCE + timedelta(hours=2))
        assert refused.failed == [(ids[0], "token_refused")]
        national.fail_next = ["no_tracking"]  # refused for this report alone: the others go
        second = send_reports(server.live.engine, AddstreamConnector(national.url, TOKEN),
                              since=SINCE, now=SINCE + timedelta(hours=3))
        assert second.failed == [(ids[0], "refused")]
        assert [cid for cid, _ in second.sent] == ids[1:]
        third = send_reports(server.live.engine, AddstreamConnector(national.url, TOKEN),
                             since=SINCE, now=SINCE + timedelta(hours=4))
        assert [cid for cid, _ in third.sent] == ids[:1]
        assert len(national.recorded) == 3
    with server.live.session() as session:  # no claim left behind
        assert session.scalar(select(Sp4nSent.key).where(
            Sp4nSent.national_tracking_number.is_(None))) is None


def test_two_rounds_at_once_send_each_report_once(server: WorldServer) -> None:
    ids = _new(server, [f"Jembatan putus nomor {i}" for i in range(6)])
    engines = [make_engine(server.live.database_url) for _ in range(2)]  # two processes
    try:
        with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
            start = threading.Barrier(4)
            sent: list[str] = []

            def worker(index: int) -> None:
                start.wait()
                report = send_reports(engines[index % 2], AddstreamConnector(national.url, TOKEN),
                                      since=SINCE, now=SINCE + timedelta(hours=2))
                sent.extend(cid for cid, _ in report.sent)

            threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            assert sorted(sent) == sorted(ids)
            assert len(national.recorded) == 6
    finally:
        for engine in engines:
            engine.dispose()
    assert len(set(_numbers(server, ids).values())) == 6


def test_a_national_number_belongs_to_one_complaint(server: WorldServer) -> None:
    first, second = _new(server, ["Pungutan liar di kelurahan", "Pungli di kecamatan"])
    with transaction(server.live.engine) as session:
        assert records.record_national_number(session, first, 4_400_001)
    with transaction(server.live.engine) as session:  # again: nothing written
        assert not records.record_national_number(session, first, 4_400_001)
    with pytest.raises(records.NumberTaken), transaction(server.live.engine) as session:
        records.record_national_number(session, second, 4_400_001)
    with pytest.raises(InvalidInputError), transaction(server.live.engine) as session:
        records.record_national_number(session, first, 4_400_002)  # never re-pointed silently


@pytest.mark.parametrize("answer", [
    b"<!DOCTYPE r [<!ENTITY a 'x'>]><response><trackingid>&a;</trackingid></response>",
    b"not xml", b"<response><trackingid>-3</trackingid></response>", b"<r>" + b"x" * 70000 + b"</r>",
])
def test_an_answer_that_names_no_number_is_refused(answer: bytes) -> None:
    with pytest.raises(ConnectorError):
        parse_answer(answer)
    assert parse_answer(b"<r><trackingid> 123 </trackingid><transaksiid>T1</transaksiid></r>"
                        ).transaction_id == "T1"


def test_the_commands_send_from_the_configuration_and_record_by_hand(
        server: WorldServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sent_id, by_hand = _new(server, ["Drainase tersumbat", "Trotoar rusak"])
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        (tmp_path / "token").write_text(TOKEN + "\n", "utf-8")
        config = tmp_path / "server.toml"
        config.write_text(f'[database]\nurl = "{server.live.database_url}"\n'
                          f'[sp4n]\nurl = "{national.url}"\ntoken_file = "token"\n'
                          f"since = {SINCE.date().isoformat()}\n", "utf-8")
        assert main(["sp4n-send", "--config", str(config), "--limit", "1"]) == 0
        answer = json.loads(capsys.readouterr().out)
        assert [s["complaint"] for s in answer["sent"]] == [sent_id]
        assert len(national.recorded) == 1
    with server.live.session() as session:
        number = session.scalar(select(Complaint.tracking_number).where(Complaint.id == by_hand))
    assert main(["sp4n-record", "--config", str(config), "--tracking-number", str(number),
                 "--national", "5550001"]) == 0
    assert _numbers(server, [by_hand]) == {by_hand: 5550001}
    # the link switched off: the command says what to set
    off = tmp_path / "off.toml"
    off.write_text(f'[database]\nurl = "{server.live.database_url}"\n', "utf-8")
    assert main(["sp4n-send", "--config", str(off)]) == 1
    assert "[sp4n] url" in capsys.readouterr().err


def test_a_national_record_imported_twice_is_one_complaint(server: WorldServer) -> None:
    admin, first_id = server.login("admin_kab"), new_id()
    first = admin.do("record_complaint", first_id, None, complaint=complaint_payload(
        "Laporan dari SP4N-LAPOR!", national_tracking_number="#9165 816"))
    assert first["outcome"] == "applied"
    again = admin.do("record_complaint", new_id(), None, complaint=complaint_payload(
        "Laporan dari SP4N-LAPOR! (ekspor berikutnya)", national_tracking_number=9165816))
    assert (again["outcome"], again["reason"]) == ("rejected", "already_exists")
    bad = admin.do("record_complaint", new_id(), None, complaint=complaint_payload(
        "Nomor salah", national_tracking_number="91A5"))
    assert bad["outcome"] == "rejected" and "national_tracking_number" in bad["detail"]
    row = admin.pull_all()[0]["state"]["complaint"][first_id]
    assert row["national_tracking_number"] == 9165816
    assert row["national_link"] == "https://www.lapor.go.id/pengaduan/9165816"
