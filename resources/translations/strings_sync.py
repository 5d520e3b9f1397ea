"""Indonesian wording for work that leaves at once (the push after an action, a server that
stopped answering, quitting with unsent work) and for repairing refused or conflicting actions
(fill_id.py)."""

ID = {
    # a server that stopped answering
    "The server stopped answering. Your work is kept and is sent as soon as it answers again.":
        "Server berhenti menjawab. Pekerjaan Anda tetap tersimpan dan dikirim begitu server "
        "menjawab lagi.",
    "● Server not answering: work is kept and sent when it answers":
        "● Server tidak menjawab: pekerjaan tersimpan dan dikirim saat server menjawab",
    # the status bar's counts (the same as the sidebar's Kotak Keluar and Konflik)
    "Conflicts: %1": "Konflik: %1",
    "Actions not yet accepted by the server (Outbox)":
        "Tindakan yang belum diterima server (Kotak Keluar)",
    "Refused by the server: open the Outbox to fix or discard them":
        "Ditolak server: buka Kotak Keluar untuk memperbaiki atau membuangnya",
    "Someone else changed these complaints first: open Conflicts to re-apply or drop your "
    "action":
        "Orang lain lebih dulu mengubah laporan ini: buka Konflik untuk menerapkan ulang atau "
        "membuang tindakan Anda",
    # quitting with unsent work
    "Quit LAPOR Desk": "Keluar dari LAPOR Desk",
    "%1 action(s) not yet sent to the server": "%1 tindakan belum terkirim ke server",
    "Sending did not succeed: %1": "Pengiriman tidak berhasil: %1",
    "They are kept on this computer and sent at the next start. Send them now so that the "
    "units and the reporters see them today?":
        "Tindakan itu tetap tersimpan di komputer ini dan dikirim saat aplikasi dibuka lagi. "
        "Kirim sekarang agar unit dan pelapor melihatnya hari ini?",
    "Send and quit": "Kirim lalu keluar",
    "Quit without sending": "Keluar tanpa mengirim",
    "Cancel": "Batal",
    "some actions are still waiting.": "masih ada tindakan yang menunggu.",
    "sending was stopped.": "pengiriman dihentikan.",
    "Outbox: %1": "Kotak Keluar: %1",
    "Waiting to send: %1 · Refused: %2": "Menunggu dikirim: %1 · Ditolak: %2",
    "(%1 refused)": "(%1 ditolak)",
    # repairing a refused or conflicting action
    "No. %1 · %2 · no longer in your list": "No. %1 · %2 · tidak lagi di daftar Anda",
    "Open the text…": "Buka teksnya…",
    "Another user": "Pengguna lain",
    "%1 changed this complaint on %2: from “%3” to “%4”.":
        "%1 mengubah laporan ini pada %2: dari “%3” menjadi “%4”.",
    "%1 changed this complaint on %2 (%3).": "%1 mengubah laporan ini pada %2 (%3).",
    "Not possible now: the complaint is no longer on this computer (it left your area). Your "
    "words are kept: open the text to copy them.":
        "Tidak bisa sekarang: laporan ini tidak lagi ada di komputer ini (sudah keluar dari "
        "wilayah Anda). Kata-kata Anda tetap tersimpan: buka teksnya untuk menyalinnya.",
    "Not possible now: the complaint is “%1”, and “%2” is not allowed in that status. Choose "
    "another action in the detail, or discard this one.":
        "Tidak bisa sekarang: laporan ini berstatus “%1”, dan “%2” tidak diizinkan pada status "
        "itu. Pilih tindakan lain di rincian, atau buang tindakan ini.",
    "Not possible: your role may not make this action. Discard it, or ask an admin of your "
    "agency.":
        "Tidak bisa: peran Anda tidak boleh melakukan tindakan ini. Buang tindakan ini, atau "
        "minta admin instansi Anda.",
    "Action": "Tindakan",
    "Status": "Status",
    "%1 (when you acted)": "%1 (saat Anda bertindak)",
    "Agency / unit": "Instansi / unit",
    "Changed by": "Diubah oleh",
    "What you did": "Yang Anda lakukan",
    "On the server now": "Di server sekarang",
    # the words of a refused action, in an editor
    "Your words": "Teks Anda",
    "Copy the text to write it on another complaint or in a letter. It stays in the Outbox "
    "until you discard the action.":
        "Salin teks ini untuk menuliskannya di laporan lain atau dalam surat. Teks tetap ada di "
        "Kotak Keluar sampai tindakan itu Anda buang.",
    "Copy the text": "Salin teks",
    "Close": "Tutup",
    "Copied. Paste it where you need it (Ctrl+V).":
        "Tersalin. Tempelkan di tempat yang Anda perlukan (Ctrl+V).",
    "Your action arrived after that, so it was not applied. Re-apply it on the new state, or "
    "drop yours.":
        "Tindakan Anda sampai sesudahnya, sehingga tidak diterapkan. Terapkan ulang pada keadaan "
        "baru, atau buang milik Anda.",
    "Your action arrived after that, so it was not applied.":
        "Tindakan Anda sampai sesudahnya, sehingga tidak diterapkan.",
}
