"""The recap's words: headings, names of groups and periods, and the definitions every file
states (the XLSX on its sheets, the PDF on its last page), so that one heading means one count
everywhere.

The recap is a document in Bahasa Indonesia whatever the UI language, so its words live here as
data. Files are written to a temporary name beside the target and then renamed, so a failed
export never leaves half a file under the chosen name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from lapor_desk.models.calendar import SlaTable
from lapor_desk.services.compliance import FINISH, FOLLOW_UP, VERIFY, Measure, OverdueItem
from lapor_desk.services.local_time import MONTHS_ID
from lapor_desk.services.monthly import MonthlyReport
from lapor_desk.services.oversight import GroupStats

STATUS_HEADINGS = {
    "unverified": "Belum Terverifikasi",
    "forwarded": "Terdisposisi, Belum Ditindaklanjuti",
    "in_progress": "Terdisposisi, Sedang Diproses",
    "reporter_responded": "Ditanggapi oleh Pelapor",
    "postponed": "Tertunda",
    "done": "Selesai",
    "archived": "Arsip",
}
TITLE = "Rekapitulasi Pengaduan SP4N-LAPOR!"
TOTAL_HEADING = "Jumlah Laporan"
OVERDUE_HEADING = "Terlambat"
OVERDUE_NOW_HEADING = "Terlambat Saat Ini (semua bulan)"
UNFOLLOWED_HEADING = "Tanpa Tindak Lanjut"
MEDIAN_HEADING = "Median Waktu Tindak Lanjut Pertama (HK)"
RATING_HEADING = "Penilaian Pelapor (rata-rata 1-5)"
RATED_HEADING = "Jumlah Penilaian"
FINISHED_IN_MONTH_HEADING = "Diselesaikan pada Bulan Itu"
UNIT_HEADING = "Unit Kerja / Instansi"
REGENCY_HEADING = "Kabupaten/Kota"
STAGE_HEADINGS = {VERIFY: "Verifikasi", FINISH: "Penyelesaian"}
TYPE_HEADINGS = {"pengaduan": "Pengaduan", "aspirasi": "Aspirasi",
                 "permintaan_informasi": "Permintaan Informasi"}
#: Characters that make a spreadsheet read a cell as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def measure_heading(which: str, sla: SlaTable) -> str:
    return {VERIFY: f"Diverifikasi ≤ {sla.verify} HK",
            FOLLOW_UP: f"Tindak Lanjut Pertama ≤ {sla.follow_up} HK",
            FINISH: "Selesai sesuai SLA"}[which]


def period_text(month: date | None) -> str:
    return f"{MONTHS_ID[month.month - 1]} {month.year}" if month is not None else "Semua periode"


def received_phrase(month: date | None) -> str:
    """Which complaints a figure counts: ``diterima pada Oktober 2026``."""
    if month is None:
        return "diterima kapan pun (semua periode)"
    return f"diterima pada {period_text(month)}"


def group_name(group: GroupStats) -> str:
    return kind_name(group.kind, group.name, group.key)


def kind_name(kind: str, name: str, key: str) -> str:
    if kind == "scope":
        return f"{name} (belum didisposisikan ke unit)"
    if kind == "none":
        return "Tidak disebutkan"
    if kind == "unknown":
        return f"Unit tidak dikenal ({key})"
    if kind == "total":
        return "Total"
    return name


def percent_share(share: float | None) -> str:
    """``83,3%``; ``—`` for no share."""
    return "—" if share is None else f"{share * 100:.1f}".replace(".", ",") + "%"


def percent_text(measure: Measure | None) -> str:
    """``83,3% (25 dari 30)``; ``—`` when nothing was judged."""
    share = measure.share if measure is not None else None
    if measure is None or share is None:
        return "—"
    return f"{share * 100:.1f}".replace(".", ",") + f"% ({measure.on_time} dari {measure.judged})"


def category_text(item: OverdueItem) -> str:
    if item.confidential:
        return "(rahasia)"
    return safe(item.category or "")


def safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def definitions(report: MonthlyReport) -> list[tuple[str, str]]:
    """(term, what it counts) for every heading of the recap."""
    sla, zone = report.sla, report.zone
    stamp = zone.stamp(report.current.generated_at)
    return [
        ("Periode", ("Laporan yang DITERIMA pada bulan kalender itu, menurut waktu setempat "
                    f"({zone.abbreviation}). Semua angka per bulan memakai kelompok laporan "
                    "yang sama.")),
        ("Status", (f"Status saat rekap dibuat ({stamp}), bukan status pada akhir bulan. "
                   "Bulan lalu dihitung pada saat yang sama dengan definisi yang sama.")),
        (TOTAL_HEADING, "Banyaknya laporan yang diterima pada periode (= jumlah semua status)."),
        ("Selesai", ("Dari laporan yang diterima pada periode, yang kini berstatus Selesai. "
                    "Angka ini sama di lembar Ringkasan, Per Unit Kerja, Per Kabupaten-Kota "
                    "dan Tren Bulanan (kolom \"Diterima, kini Selesai\").")),
        (FINISHED_IN_MONTH_HEADING,
         ("Lembar Tren Bulanan: laporan yang ditutup Selesai di dalam bulan itu, kapan pun "
         "diterimanya. Ini hitungan lain dari \"Selesai\": laporan yang diterima Oktober dan "
         "selesai November masuk November di sini, tetapi masuk Oktober pada \"Selesai\".")),
        (OVERDUE_HEADING, ("Laporan terbuka yang tenggatnya sudah lewat: tenggat verifikasi "
                          f"({sla.verify} HK) selama Belum Terverifikasi, tenggat penyelesaian "
                          "selama Terdisposisi atau Ditanggapi oleh Pelapor. Tunda, Selesai "
                          "dan Arsip tidak pernah terlambat. Di tabel per bulan: dari "
                          "laporan yang diterima pada periode.")),
        (OVERDUE_NOW_HEADING, ("Definisi yang sama, untuk semua laporan kapan pun diterimanya: "
                              "lembar Daftar Laporan Terlambat memuat laporan-laporan ini, per "
                              "unit kerja.")),
        (UNFOLLOWED_HEADING, ("Sudah didisposisikan ke unit, berstatus Terdisposisi Belum "
                             "Ditindaklanjuti atau Tunda, dan belum ada tindak lanjut.")),
        (MEDIAN_HEADING, ("Separuh laporan mendapat tindak lanjut pertama dalam sekian hari "
                         "kerja sejak didisposisikan ke unit.")),
        (RATING_HEADING, ("Rata-rata nilai yang diberikan pelapor atas penanganan laporan yang "
                         "selesai (1 = sangat tidak puas, 5 = sangat puas), di halaman publik.")),
        (RATED_HEADING, "Jumlah laporan yang dinilai pelapornya."),
        (measure_heading(VERIFY, sla),
         ("Laporan diverifikasi (didisposisikan ke unit, dikelola sendiri, atau diarsipkan) "
         f"paling lambat {sla.verify} HK sejak tiba di instansi yang memverifikasi (waktu "
         "Tunda tidak dihitung). Masih Belum Terverifikasi setelah tenggat: terlambat.")),
        (measure_heading(FOLLOW_UP, sla),
         (f"Tindak lanjut pertama unit paling lambat {sla.follow_up} HK sejak laporan "
         "didisposisikan ke unit itu. Belum ada tindak lanjut setelah itu: terlambat.")),
        (measure_heading(FINISH, sla),
         ("Selesai paling lambat pada tenggat penyelesaiannya sesuai jenis: aspirasi dan "
         f"permintaan informasi {sla.resolution_aspirasi} HK, pengaduan "
         f"{sla.resolution_pengaduan} HK, pengaduan berkadar pengawasan "
         f"{sla.resolution_pengaduan_misconduct} HK sejak didisposisikan. Masih terbuka "
         "setelah tenggat: terlambat.")),
        ("Persentase kepatuhan", ("Tepat waktu dibagi yang sudah dinilai (tepat waktu + "
                                 "terlambat). Laporan yang tenggatnya belum tiba tidak "
                                 "dinilai; \"25 dari 30\" menyebut dasarnya. \"—\": belum ada "
                                 "yang dinilai.")),
        ("HK", "Hari kerja: Senin sampai Jumat, tanpa libur nasional dan cuti bersama."),
        ("Identitas", ("Rekap ini tidak memuat identitas pelapor, judul atau isi laporan; "
                      "kategori laporan rahasia tidak ditampilkan.")),
    ]


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """``write`` to a temporary name beside ``target``, then rename it into place."""
    temporary = target.with_name(f".{target.name}.part")
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
