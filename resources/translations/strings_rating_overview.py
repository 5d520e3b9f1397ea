"""Indonesian wording for the reporters' ratings on the coordinators' dashboard: the average and
how many were rated (a tile), and the low ratings (1-2) to open (ui/dashboard.py,
ui/dashboard_ratings.py, ui/models/low_ratings.py; fill_id.py)."""

ID = {
    # the tile
    "Reporters' rating": "Penilaian pelapor",
    "The reporters' average rating of the handling (1 = very dissatisfied, 5 = very "
    "satisfied) given on the public page, for the complaints of this period they rated":
        "Rata-rata nilai yang diberikan pelapor di halaman publik atas penanganan laporan "
        "(1 = sangat tidak puas, 5 = sangat puas), untuk laporan periode ini yang dinilai",
    "%1 / 5": "%1 / 5",
    "%1 rated, %2 low (1-2)": "%1 dinilai, %2 rendah (1–2)",
    "none rated": "belum ada yang menilai",
    # the tabs under the charts
    "Table": "Tabel",
    "Low ratings": "Penilaian rendah",
    "Low ratings (%1)": "Penilaian rendah (%1)",
    # the list of low ratings
    "No complaint received in this period was rated 1 or 2 by its reporter.":
        "Tidak ada laporan periode ini yang dinilai 1 atau 2 oleh pelapornya.",
    "Complaints rated 1 (very dissatisfied) or 2 (dissatisfied) on the public page, newest "
    "first. Double-click one to open it in the main window.":
        "Laporan yang dinilai 1 (sangat tidak puas) atau 2 (tidak puas) oleh pelapornya di "
        "halaman publik, yang terbaru di atas. Klik dua kali untuk membukanya di jendela utama.",
    "Open complaint": "Buka laporan",
    "Rating": "Nilai",
    "Reporter's note": "Catatan pelapor",
    "Rated on": "Dinilai pada",
    "Confidential complaint: the note is not shown":
        "Laporan rahasia: catatannya tidak ditampilkan",
}
