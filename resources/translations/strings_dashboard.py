"""Indonesian wording for the coordinators' dashboard and the recap export (fill_id.py)."""

ID = {
    # the window and its controls
    "Oversight dashboard": "Dasbor Pemantauan",
    "Oversight dashboard — LAPOR Desk": "Dasbor Pemantauan — LAPOR Desk",
    "Dashboard": "Dasbor",
    "Per unit and kabupaten/kota: statuses, overdue, follow-up time, trend; monthly recap "
    "(Ctrl+Shift+B)":
        "Per unit kerja dan kabupaten/kota: status, laporan terlambat, waktu tindak lanjut, "
        "tren; "
        "rekap bulanan (Ctrl+Shift+B)",
    "By unit": "Per unit kerja",
    "One row per unit or agency directly below yours":
        "Satu baris per unit kerja atau instansi tepat di bawah instansi Anda",
    "By kabupaten/kota": "Per kabupaten/kota",
    "One row per kabupaten/kota of the incident":
        "Satu baris per kabupaten/kota lokasi kejadian",
    "Complaints received in this month (status as of now)":
        "Laporan yang diterima pada bulan ini (status saat ini)",
    "All months": "Semua bulan",
    "Refresh": "Muat ulang",
    "Save the monthly recap as CSV (UTF-8, ';')":
        "Simpan rekap bulanan sebagai CSV (UTF-8, ';')",
    "Save the monthly recap": "Simpan rekap bulanan",
    # tiles and charts
    "Complaints": "Laporan",
    "Overdue": "Terlambat",
    "Without follow-up": "Tanpa tindak lanjut",
    "Median to first follow-up": "Median tindak lanjut pertama",
    "Done": "Selesai",
    "Open complaints past their deadline, in working days":
        "Laporan terbuka yang terlambat (tenggatnya sudah lewat), dihitung dalam hari kerja",
    "Forwarded to a unit and still without a follow-up reply":
        "Sudah didisposisikan ke unit tetapi belum ada tindak lanjut",
    "Half of the complaints got their first follow-up reply within this many working days "
    "of being forwarded":
        "Separuh laporan mendapat tindak lanjut pertama dalam sekian hari kerja sejak "
        "didisposisikan",
    "%1 working days": "%1 hari kerja",
    "No complaints in this period": "Tidak ada laporan pada periode ini",
    "Total": "Total",
    "Complaints by status": "Laporan menurut status",
    "Received and finished per month": "Diterima dan selesai per bulan",
    "Status by unit / agency": "Status per unit kerja / instansi",
    "Status by kabupaten/kota": "Status per kabupaten/kota",
    "Received": "Diterima",
    # messages
    "Counting…": "Menghitung…",
    "Counted from this computer's copy at %1.": "Dihitung dari salinan di komputer ini pada %1.",
    "Saving %1…": "Menyimpan %1…",
    "Recap saved: %1": "Rekap tersimpan: %1",
    "The recap could not be saved: %1": "Rekap tidak dapat disimpan: %1",
    # the table
    "Median 1st follow-up": "Median tindak lanjut pertama",
    "Unit / agency": "Unit kerja / instansi",
    "Kabupaten/kota": "Kabupaten/kota",
    "Working days from forwarding to the first follow-up reply: half of the complaints got "
    "it within this":
        "Hari kerja sejak disposisi sampai tindak lanjut pertama: separuh laporan "
        "mendapatkannya dalam waktu ini",
    "%1 (not yet with a unit)": "%1 (belum didisposisikan ke unit kerja)",
    "Not stated": "Tidak disebutkan",
    "Unknown unit (%1)": "Unit tidak dikenal (%1)",
}
