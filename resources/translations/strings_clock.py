"""Indonesian wording for the computer's clock (the status bar's warning) and for reopening a
refused recorded complaint from Kotak Keluar (merged into lapor_desk_id.ts by fill_id.py)."""

ID = {
    # status bar: this computer's clock against the server's
    "⚠ The computer's clock is %1 fast": "⚠ Jam komputer %1 lebih cepat",
    "⚠ The computer's clock is %1 slow": "⚠ Jam komputer %1 lebih lambat",
    "%1: set it, or turn on automatic time.": "%1: setel jam, atau aktifkan waktu otomatis.",
    "Compared with the server's clock at %1. Until the clock is set, the times you record "
    "are taken from the server's clock.":
        "Dibandingkan dengan jam server pada %1. Sampai jam disetel, waktu yang Anda catat "
        "diambil dari jam server.",
    "Compared with the server's clock at %1, before this start; it is checked again at the "
    "next sync. Until the clock is set, the times you record are taken from the server's "
    "clock.":
        "Dibandingkan dengan jam server pada %1, sebelum aplikasi dibuka kali ini; diperiksa "
        "lagi pada sinkronisasi berikutnya. Sampai jam disetel, waktu yang Anda catat diambil "
        "dari jam server.",
    "%1 min": "%1 menit",
    "%1 h %2 min": "%1 jam %2 menit",
    "%1 h": "%1 jam",
    "%1 days": "%1 hari",
    # outbox review: a refused recorded complaint
    "Not recorded · %1": "Belum tercatat · %1",
    "This computer's clock was ahead of the server's when the complaint was recorded; the "
    "form sets the time by the server's clock.":
        "Jam komputer ini lebih cepat dari jam server saat laporan dicatat; formulir memakai "
        "waktu menurut jam server.",
    # the record form, reopened
    "Fix a refused complaint": "Perbaiki laporan yang ditolak",
    "Fix a complaint the server refused": "Perbaiki laporan yang ditolak server",
    "Everything typed is here, with its files. Correct it and save: it is sent again at the "
    "next sync and the refused one leaves the Outbox. Cancel leaves the refused complaint in "
    "the Outbox as it was.":
        "Semua yang sudah diketik ada di sini, beserta berkasnya. Perbaiki lalu simpan: laporan "
        "dikirim lagi pada sinkronisasi berikutnya dan yang ditolak keluar dari Kotak Keluar. "
        "Batal membiarkan laporan yang ditolak tetap di Kotak Keluar seperti semula.",
    "Save and send again": "Simpan dan kirim ulang",
    "The server refused this complaint.": "Server menolak laporan ini.",
    "The time it was received was ahead of the server's clock (this computer's clock was "
    "fast); it is now set by the server's clock: check it.":
        "Waktu diterimanya lebih cepat dari jam server (jam komputer ini terlalu cepat); kini "
        "disetel menurut jam server: periksalah.",
    "Set by the server's clock: this computer's clock was ahead when the complaint was "
    "recorded.":
        "Disetel menurut jam server: jam komputer ini lebih cepat saat laporan dicatat.",
    "Attached before (%1 KB)": "Sudah dilampirkan sebelumnya (%1 KB)",
}
