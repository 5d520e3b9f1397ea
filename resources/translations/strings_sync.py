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
}
