"""The admin's export of SP4N-LAPOR! imported with the built-in preset "Ekspor Admin LAPOR!"
(sync/register_presets.py), synced to the REAL server: each national record becomes one
complaint carrying its national tracking number; a later export, where a record's status moved
on and its text was edited, adds only the records that are new (services/register.py,
sync/importer.py: a national record's fingerprint is its number)."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import func, select

from lapor_desk.server.db import Complaint
from lapor_desk.services import Workstation
from lapor_desk.services.types import ComplaintFilter
from tests.support.live_server import LiveServer

HEADER = ["Tracking ID", "Judul Laporan", "Isi Laporan", "Tanggal Laporan", "Kategori",
          "Jenis Laporan", "Provinsi", "Kabupaten/Kota", "Anonim", "Nama Pelapor", "Status"]


def _row(number: int, title: str, status: str = "Belum Terverifikasi") -> list[str]:
    return [str(number), title, f"Kronologi: {title}, mohon ditindaklanjuti segera.",
            "02/11/2026", "Kesehatan", "Pengaduan", "Sulawesi Tenggara", "Kota Kendari", "Ya",
            "", status]


def _export(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADER, *rows])
    return path


def test_the_admins_export_imports_each_national_record_once(
        signed_in: Workstation, live_server: LiveServer, tmp_path: Path) -> None:
    preset = signed_in.register.preset("Ekspor Admin LAPOR!")
    assert preset is not None
    first = _export(tmp_path / "lapor-1.csv", [_row(7100001, "Puskesmas tutup siang hari"),
                                               _row(7100002, "Obat habis di puskesmas")])
    preview = signed_in.register.preview(first, preset)
    assert {c.header: c.field for c in preview.columns}["Tracking ID"] == \
        "national_tracking_number"
    assert signed_in.register.run(first, preset).count == 2

    later = _export(tmp_path / "lapor-2.csv", [
        _row(7100001, "Puskesmas tutup siang hari (diperbarui)", "Sedang Diproses"),
        _row(7100002, "Obat habis di puskesmas"),
        _row(7100003, "Ambulans desa rusak")])
    outcome = signed_in.register.run(later, preset)
    assert outcome.count == 1 and len(outcome.already_imported) == 2
    report = signed_in.sync()
    assert report.applied == 3 and report.rejected == 0
    with live_server.session() as session:
        numbers = session.execute(
            select(Complaint.national_tracking_number, func.count())
            .where(Complaint.national_tracking_number.between(7100001, 7100003))
            .group_by(Complaint.national_tracking_number)).all()
    assert sorted(numbers) == [(7100001, 1), (7100002, 1), (7100003, 1)]
    found = signed_in.complaint_ids("all", ComplaintFilter(search="7100003"))
    assert signed_in.detail(found[0]).row.title == "Ambulans desa rusak"
