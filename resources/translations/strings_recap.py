"""Indonesian wording for the monthly recap's exports on the dashboard (fill_id.py)."""

ID = {
    "Report PDF…": "Laporan PDF…",
    "Save the monthly report for leadership as a PDF (A4, with charts), ready to send":
        "Simpan laporan bulanan untuk pimpinan sebagai PDF (A4, dengan grafik), siap dikirim",
    "Save the monthly recap as an Excel workbook: compliance per unit, last month beside this "
    "month, the overdue list, ready to print":
        "Simpan rekap bulanan sebagai berkas Excel: kepatuhan per unit kerja, bulan lalu di "
        "samping bulan ini, daftar lewat tenggat, siap cetak",
}
