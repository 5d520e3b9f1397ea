"""Indonesian wording for the monthly recap's exports on the dashboard (fill_id.py)."""

ID = {
    "Monthly recap": "Rekap bulanan",
    "Save the chosen month's recap for leadership: a PDF report or an Excel workbook":
        "Simpan rekap bulan yang dipilih untuk pimpinan: laporan PDF atau berkas Excel",
    "PDF report for leadership (A4, with charts)…": "Laporan PDF untuk pimpinan (A4, dengan grafik)…",
    "Compliance per unit, last month beside this month, the overdue list: ready to print or "
    "send":
        "Kepatuhan per unit kerja, bulan lalu di samping bulan ini, daftar terlambat: siap "
        "dicetak atau dikirim",
    "Excel workbook (XLSX, ready to print)…": "Berkas Excel (XLSX, siap cetak)…",
    "Every figure of the report with its definitions, one sheet per table":
        "Semua angka laporan beserta definisinya, satu lembar per tabel",
    "CSV table…": "Tabel CSV…",
    "Finished in the month": "Diselesaikan pada bulan itu",
}
