"""National records taken in on the server (``lapor-server sp4n-import``; server/sp4n/national.py):
matched by the national tracking number, a known record is UPDATED (its follow-ups there
added, its status reached) and a new one created, none twice; what this system's status machine
cannot reach is reported per record, not forced; the same export again changes nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lapor_desk.server.cli import main
from lapor_desk.server.db import Complaint, FollowUp
from tests.server.builder import complaint_payload, new_id
from tests.server.client import WorldServer

HEADER = ["Tracking ID", "Judul Laporan", "Isi Laporan", "Tanggal Laporan", "Kategori",
          "Jenis Laporan", "Provinsi", "Kabupaten/Kota", "Anonim", "Nama Pelapor", "Status",
          "Tindak Lanjut", "Tanggal Tindak Lanjut"]


def _row(number: int, title: str, status: str, reply: str = "", at: str = "") -> list[str]:
    return [str(number), title, f"Kronologi: {title}, mohon ditindaklanjuti segera.",
            "02/11/2026 08:15", "Kesehatan", "Pengaduan", "Sulawesi Tenggara", "Konawe", "Ya",
            "", status, reply, at]


def _export(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADER, *rows])
    return path


def _run(config: Path, export: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["sp4n-import", "--config", str(config), str(export)])
    answer = json.loads(capsys.readouterr().out)
    return code, {r["national"]: r for r in answer["records"]}


def _state(server: WorldServer) -> tuple[int, list[tuple[int | None, str]], int]:
    with server.live.session() as session:
        seq = session.scalar(select(func.max(Complaint.seq)))
        rows = session.execute(select(Complaint.national_tracking_number, Complaint.status)
                               .where(Complaint.national_tracking_number.between(7200001, 7200009))
                               .order_by(Complaint.national_tracking_number)).all()
        replies = session.scalar(select(func.count()).select_from(FollowUp))
    return int(seq or 0), [tuple(r) for r in rows], int(replies or 0)


def test_known_national_records_are_updated_new_ones_created_none_twice(
        server: WorldServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    admin, known = server.login("admin_kab"), new_id()
    assert admin.do("record_complaint", known, None, complaint=complaint_payload(
        "Puskesmas tutup siang hari", national_tracking_number=7200001))["outcome"] == "applied"
    cursor = admin.pull_all()[0]["cursor"]
    config = tmp_path / "server.toml"
    config.write_text(f'[database]\nurl = "{server.live.database_url}"\n'
                      '[sp4n]\nagency = "T-kab"\n', "utf-8")

    # the known record moved on there while nobody here verified it: reported, not forced
    first = _export(tmp_path / "ekspor-1.csv", [
        _row(7200001, "Puskesmas tutup siang hari", "Sedang Diproses",
             "Petugas sudah meninjau puskesmas.", "03/11/2026 09:00"),
        _row(7200002, "Ambulans desa rusak", "Belum Terverifikasi")])
    code, outcome = _run(config, first, capsys)
    assert code == 3
    assert outcome[7200001]["outcome"] == "unchanged"
    assert outcome[7200001]["complaint"] == known
    assert outcome[7200001]["problems"] == ["reply_not_reachable:unverified",
                                            "status_not_reachable:unverified>in_progress"]
    assert outcome[7200002]["outcome"] == "created" and not outcome[7200002]["problems"]
    _, rows, _ = _state(server)
    assert rows == [(7200001, "unverified"), (7200002, "unverified")]

    # forwarded here: the next export's follow-ups land, and Selesai is reached
    assert admin.do("forward", known, None, to_id=server.unit("kab_health"),
                    note="mohon ditangani", disposition_id=new_id())["outcome"] == "applied"
    later = _export(tmp_path / "ekspor-2.csv", [
        _row(7200001, "Puskesmas tutup siang hari", "Sedang Diproses",
             "Petugas sudah meninjau puskesmas.", "03/11/2026 09:00"),
        _row(7200001, "Puskesmas tutup siang hari", "Selesai",
             "Jam layanan puskesmas kembali normal.", "05/11/2026 10:30"),
        _row(7200002, "Ambulans desa rusak", "Belum Terverifikasi")])
    code, outcome = _run(config, later, capsys)
    assert code == 0
    assert outcome[7200001]["outcome"] == "updated"
    assert outcome[7200001]["follow_ups_added"] == 2 and outcome[7200001]["status"] == "done"
    assert outcome[7200002]["outcome"] == "unchanged"
    before = _state(server)
    assert before[1] == [(7200001, "done"), (7200002, "unverified")]

    # the same export again: nothing changes at all
    code, outcome = _run(config, later, capsys)
    assert code == 0 and {o["outcome"] for o in outcome.values()} == {"unchanged"}
    assert _state(server) == before

    # the desktops receive the update at their next pull, as replies from SP4N-LAPOR!
    page = admin.pull_all(cursor)[0]["state"]
    assert page["complaint"][known]["status"] == "done"
    bodies = sorted(f["body"] for f in page["follow_up"].values()
                    if f["complaint_id"] == known)
    assert bodies == ["Jam layanan puskesmas kembali normal.",
                      "Petugas sudah meninjau puskesmas."]
    # a new record needs [sp4n] agency; without it the record is refused, by number
    bare = tmp_path / "bare.toml"
    bare.write_text(f'[database]\nurl = "{server.live.database_url}"\n', "utf-8")
    code, outcome = _run(bare, _export(tmp_path / "ekspor-3.csv", [
        _row(7200003, "Lampu jalan padam", "Belum Terverifikasi")]), capsys)
    assert code == 3 and outcome[7200003]["problems"] == ["no_agency"]


def test_an_xlsx_export_with_the_reporters_answers_and_bad_rows(
        server: WorldServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Daftar Laporan SP4N-LAPOR!"])  # a title row above the header
    sheet.append([*HEADER[:11], "Tanggapan Pelapor", "Tanggal Tanggapan"])
    sheet.append(_row(7200005, "Sekolah rusak berat", "Ditanggapi Pelapor",
                      "Mohon segera, atap hampir roboh.", "04/11/2026 07:00"))
    sheet.append(_row(7200006, "Pasar becek", "Entah apa"))
    sheet.append(["bukan nomor", "Judul", "Isi laporan yang cukup panjang."])
    export = tmp_path / "ekspor.xlsx"
    book.save(export)
    config = tmp_path / "server.toml"
    config.write_text(f'[database]\nurl = "{server.live.database_url}"\n'
                      '[sp4n]\nagency = "T-kab"\n', "utf-8")
    code = main(["sp4n-import", "--config", str(config), str(export)])
    answer = json.loads(capsys.readouterr().out)
    outcome = {r["national"]: r for r in answer["records"]}
    assert code == 3 and answer["bad_rows"] == [5]
    # created, the reporter's answer there added (the status stays: nobody verified it here)
    assert outcome[7200005]["outcome"] == "created"
    assert outcome[7200005]["follow_ups_added"] == 1
    assert outcome[7200005]["problems"] == ["status_not_reachable:unverified>reporter_responded"]
    assert outcome[7200006]["problems"] == ["unknown_status:Entah apa"]
    with server.live.session() as session:
        kinds = list(session.scalars(select(FollowUp.kind).join(
            Complaint, Complaint.id == FollowUp.complaint_id)
            .where(Complaint.national_tracking_number == 7200005)))
    assert kinds == ["reporter_response"]
    # again: the same answer is not added twice
    assert main(["sp4n-import", "--config", str(config), str(export)]) == 3
    again = {r["national"]: r for r in json.loads(capsys.readouterr().out)["records"]}
    assert again[7200005]["outcome"] == "unchanged" and again[7200005]["follow_ups_added"] == 0
