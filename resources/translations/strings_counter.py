"""Indonesian wording for the counter: the record form's closing question and draft, when the
complaint came and a letter's number and date, and the receipt (tanda terima)
(merged into lapor_desk_id.ts by fill_id.py)."""

ID = {
    # the record form
    "For complaints brought to the counter, or received by letter, phone, radio or newspaper. "
    "It waits in Needs verification and gets its tracking number at the next sync. What you "
    "type is kept as a draft until it is saved.":
        "Untuk pengaduan yang disampaikan langsung di loket, atau diterima lewat surat, telepon, "
        "radio atau surat kabar. Laporan menunggu di Perlu Verifikasi dan mendapat nomor laporan "
        "pada sinkronisasi berikutnya. Yang Anda ketik disimpan sebagai draf sampai laporan "
        "disimpan.",
    "Save the complaint (Ctrl+Enter)": "Simpan laporan (Ctrl+Enter)",
    "How and when it came": "Cara dan waktu diterima",
    "As written on the letter": "Seperti tertulis pada surat",
    "No date": "Tanpa tanggal",
    "Letter number": "Nomor surat",
    "Letter date": "Tanggal surat",
    "Close the form?": "Tutup formulir?",
    "Keep typing": "Lanjut mengisi",
    "What you changed is not saved. The refused complaint stays in the Outbox as it was.":
        "Perubahan Anda belum disimpan. Laporan yang ditolak tetap di Kotak Keluar seperti "
        "semula.",
    "Close without saving": "Tutup tanpa menyimpan",
    "The complaint is not saved yet. What you typed is kept as a draft and comes back the next "
    "time you record a complaint.":
        "Laporan belum disimpan. Yang Anda ketik disimpan sebagai draf dan muncul lagi saat "
        "Anda mencatat laporan berikutnya.",
    "Close, keep the draft": "Tutup, simpan draf",
    "Throw away what was typed": "Buang isian",
    "Restored what was typed earlier (kept %1); it is not saved yet. To start again, close the "
    "form and throw it away.":
        "Isian sebelumnya dipulihkan (disimpan %1); laporan belum disimpan. Untuk mulai dari "
        "awal, tutup formulir lalu pilih Buang isian.",
    # a reply: Enter never sends it
    "Ctrl+Enter": "Ctrl+Enter",
    # the receipt
    "The receipt (tanda terima) for the reporter (Ctrl+P)":
        "Tanda terima untuk pelapor (Ctrl+P)",
    "Came by %1": "Diterima lewat %1",
    "letter number %1": "nomor surat %1",
    "dated %1": "tanggal %1",
    "Print receipt…": "Cetak tanda terima…",
    "The receipt (tanda terima) of the complaint shown, for its reporter (Ctrl+P)":
        "Tanda terima laporan yang ditampilkan, untuk pelapor (Ctrl+P)",
    "Complaint receipt": "Tanda terima pengaduan",
    "Receipt for the reporter": "Tanda terima untuk pelapor",
    "Print it or save it as a PDF and hand it to the reporter.":
        "Cetak atau simpan sebagai PDF, lalu serahkan kepada pelapor.",
    "Not synced yet: the receipt names a provisional reference. Print it again after the next "
    "sync for the tracking number (File > Print receipt).":
        "Belum tersinkron: tanda terima memuat nomor sementara. Cetak ulang setelah "
        "sinkronisasi berikutnya untuk mendapat nomor laporan (Berkas > Cetak tanda terima).",
    "Print…": "Cetak…",
    "Save as PDF…": "Simpan sebagai PDF…",
    "tanda-terima-%1.pdf": "tanda-terima-%1.pdf",
    "Save the receipt as PDF": "Simpan tanda terima sebagai PDF",
    "The PDF could not be written to %1. Choose another folder, or print the receipt.":
        "PDF tidak dapat ditulis ke %1. Pilih folder lain, atau cetak tanda terimanya.",
    "Received": "Diterima",
    "Channel": "Kanal",
    "Type": "Jenis",
    "Title": "Judul",
    "Reporter": "Pelapor",
    "Anonymous (identity kept confidential)": "Anonim (identitas dirahasiakan)",
    "Location": "Lokasi",
    "Documents received": "Dokumen diterima",
    "%1 file(s)": "%1 berkas",
    "Confidential": "Rahasia",
    "The content is not shown to the public.": "Isi laporan tidak ditampilkan kepada publik.",
    "Tracking number": "Nomor laporan",
    "Provisional reference given earlier: %1": "Nomor sementara sebelumnya: %1",
    "Follow your complaint at www.lapor.go.id or by SMS to 1708 with the tracking number.":
        "Pantau laporan Anda di www.lapor.go.id atau lewat SMS ke 1708 dengan nomor laporan.",
    "Provisional reference": "Nomor sementara",
    "The tracking number is given once this computer has sent the complaint to LAPOR!. Ask "
    "with this provisional reference; a receipt with the tracking number can be printed for "
    "you.":
        "Nomor laporan diberikan setelah komputer ini mengirim laporan ke LAPOR!. Tanyakan "
        "dengan nomor sementara ini; tanda terima dengan nomor laporan dapat dicetak untuk "
        "Anda.",
    "Keep this receipt until you receive the tracking number.":
        "Simpan tanda terima ini sampai Anda menerima nomor laporan.",
    "Received by %1, %2": "Diterima oleh %1, %2",
    "Printed %1": "Dicetak %1",
    "COMPLAINT RECEIPT": "TANDA TERIMA PENGADUAN",
}
