"""Indonesian wording for verification, bulk actions, Kotak Keluar and Konflik (fill_id.py)."""

ID = {
    # verification actions (menu, toolbar, outbox list)
    "Veri&fy": "&Verifikasi", "Verify": "Verifikasi",
    "Handle, postpone, return, archive or re-route the complaint":
        "Tangani sendiri, tunda, kembalikan, arsipkan, atau alihkan laporan",
    "Handle ourselves": "Tangani sendiri (tanpa disposisi)", "Postpone": "Tunda",
    "Not our authority": "Bukan wewenang", "Re-route to another agency":
        "Alihkan ke instansi lain",
    "Close complaint": "Selesaikan laporan",
    "New complaint recorded here": "Laporan baru dicatat di sini",
    "Remove duplicate link": "Hapus tautan duplikat",
    "Forward selected complaints…": "Disposisikan laporan terpilih…",
    "Archive selected complaints…": "Arsipkan laporan terpilih…",
    "%1 complaints selected": "%1 laporan terpilih",
    # reason dialogs
    "Your agency handles this complaint itself (kelola): it is assigned to your unit and the "
    "resolution deadline starts.":
        "Instansi Anda menangani sendiri laporan ini, tanpa mendisposisikannya ke instansi "
        "lain (di LAPOR! disebut “kelola”): laporan diberikan ke unit Anda dan tenggat "
        "penyelesaian mulai berjalan.",
    "Note (optional)": "Catatan (opsional)",
    "Postpone complaint": "Tunda laporan",
    "Postpone (tunda) while something is missing, for example the reporter's data is "
    "incomplete. The verification deadline pauses until you act again.":
        "Tunda laporan selama ada yang kurang, misalnya data pelapor belum lengkap. Tenggat "
        "verifikasi berhenti sampai Anda menindaklanjutinya lagi.",
    "Reason for postponing (required)": "Alasan penundaan (wajib)",
    "Return the complaint up the chain because it is not your agency's authority (bukan "
    "wewenang). Say why, so the next admin can route it.":
        "Kembalikan laporan ke tingkat di atas karena bukan wewenang instansi Anda. Tuliskan "
        "alasannya agar admin berikutnya dapat meneruskannya dengan tepat.",
    "Why is it not your authority? (required)": "Mengapa bukan wewenang Anda? (wajib)",
    "Return complaint": "Kembalikan laporan",
    "Write the reason first: it is required and is kept in the complaint's history.":
        "Tulis alasannya dahulu: alasan wajib diisi dan disimpan dalam riwayat laporan.",
    # archive dialog
    "Archive complaint": "Arsipkan laporan",
    "Archived complaints are not followed up. Choose why; the reason is kept with the "
    "complaint.":
        "Laporan yang diarsipkan tidak ditindaklanjuti. Pilih alasannya; alasan disimpan "
        "bersama laporan.",
    "Note (required for “Other reason”)": "Catatan (wajib untuk “Alasan lain”)",
    "Choose a reason for archiving.": "Pilih alasan pengarsipan.",
    "For “Other reason”, write a note that explains it.":
        "Untuk “Alasan lain”, tulis catatan yang menjelaskannya.",
    "Wrong format: not a complaint, aspiration or information request":
        "Format tidak sesuai: bukan pengaduan, aspirasi, atau permintaan informasi",
    "Too general or unclear to act on": "Terlalu umum atau tidak jelas untuk ditindaklanjuti",
    "Not about a public service": "Bukan tentang pelayanan publik",
    "Duplicate of another report": "Duplikat dari laporan lain",
    "Data incomplete and the reporter did not complete it":
        "Data tidak lengkap dan tidak dilengkapi oleh pelapor",
    "Spam, advertising or abuse": "Spam, iklan, atau berisi kata-kata kasar",
    "Other reason (write a note)": "Alasan lain (tulis catatan)",
    # re-route dialog
    "Send the complaint to the agency that is responsible for it. It arrives there as a new "
    "complaint to verify.":
        "Kirim laporan ke instansi yang berwenang. Di sana laporan masuk sebagai laporan baru "
        "yang perlu diverifikasi.",
    "Search an agency…": "Cari instansi…",
    "Note for the agency (optional)": "Catatan untuk instansi (opsional)",
    "Re-route": "Alihkan",
    "Choose the agency that should handle the complaint.":
        "Pilih instansi yang seharusnya menangani laporan ini.",
    # bulk summary
    "%1 of %2 complaints archived.": "%1 dari %2 laporan diarsipkan.",
    "%1 of %2 complaints forwarded.": "%1 dari %2 laporan didisposisikan.",
    "They wait in the outbox and are sent at the next sync.":
        "Tindakan menunggu di Kotak Keluar dan dikirim pada sinkronisasi berikutnya.",
    "Not done (refused on this computer, nothing was written for them):":
        "Tidak dilakukan (ditolak di komputer ini, tidak ada yang disimpan untuknya):",
    "No. %1 · %2": "No. %1 · %2",
    # Kotak Keluar and Konflik
    "State": "Keadaan", "Your action": "Tindakan Anda", "Made": "Dibuat",
    "Complaint no. and title": "No. dan judul laporan",
    "No longer in your list": "Tidak lagi di daftar Anda",
    "Waiting to send": "Menunggu dikirim", "Rejected": "Ditolak", "Conflict": "Konflik",
    "Nothing here: every action was accepted by the server.":
        "Kosong: semua tindakan sudah diterima server.",
    "Fix && resend…": "Perbaiki && kirim ulang…", "Discard": "Buang",
    "Re-apply on the new state": "Terapkan ulang pada keadaan baru",
    "Drop mine": "Buang milik saya",
    "Not possible now: the complaint is not in your list or its status does not allow this "
    "action.":
        "Belum dapat dilakukan: laporan tidak ada di daftar Anda atau statusnya tidak "
        "memungkinkan tindakan ini.",
    "Not possible on the new state: this action does not fit the complaint's status now. "
    "Drop yours, or choose another action in the detail.":
        "Tidak dapat diterapkan pada keadaan baru: tindakan ini tidak sesuai dengan status "
        "laporan sekarang. Buang milik Anda, atau pilih tindakan lain pada rincian laporan.",
    "Action / status": "Tindakan / status", "Agency / unit": "Instansi / unit",
    "Version": "Versi", "What you did": "Yang Anda lakukan",
    "On the server now": "Di server sekarang",
    "Someone else changed this complaint before your action arrived, so it was not applied. "
    "Compare what you did with what the server holds now, then re-apply your action on the "
    "new state or drop yours.":
        "Orang lain mengubah laporan ini sebelum tindakan Anda sampai, sehingga tindakan Anda "
        "tidak diterapkan. Bandingkan yang Anda lakukan dengan yang ada di server sekarang, "
        "lalu terapkan ulang tindakan Anda pada keadaan baru atau buang milik Anda.",
    "Saved on this computer; it is sent at the next sync. The complaint already shows it.":
        "Tersimpan di komputer ini dan dikirim pada sinkronisasi berikutnya. Laporan sudah "
        "menampilkannya.",
    "The server refused this action (%1). Check the complaint, then fix and resend or "
    "discard it.":
        "Server menolak tindakan ini (%1). Periksa laporannya, lalu perbaiki dan kirim ulang "
        "atau buang.",
    "The complaint's newest state has not arrived yet. Sync first (F5), then re-apply.":
        "Keadaan terbaru laporan belum diterima. Sinkronkan dahulu (F5), lalu terapkan ulang.",
    # every RejectReason: what happened and what to do next
    "The complaint no longer exists on the server (it was deleted or merged). There is "
    "nothing to fix: discard this action.":
        "Laporan ini sudah tidak ada di server (dihapus atau digabungkan). Tidak ada yang "
        "perlu diperbaiki: buang tindakan ini.",
    "Before your action arrived, the complaint was moved outside your area, so you may no "
    "longer act on it. Discard this action; if the complaint comes back to you, fix and "
    "resend it.":
        "Sebelum tindakan Anda sampai, laporan dipindahkan ke luar wilayah kewenangan Anda, "
        "sehingga Anda tidak dapat lagi menindaklanjutinya. Buang tindakan ini; jika laporan "
        "kembali kepada Anda, perbaiki dan kirim ulang.",
    "Your account's role does not allow this action (your role may have changed). Discard "
    "it, or ask your LAPOR! administrator to check your account.":
        "Peran akun Anda tidak mengizinkan tindakan ini (peran Anda mungkin telah diubah). "
        "Buang tindakan ini, atau minta administrator LAPOR! memeriksa akun Anda.",
    "The complaint's status changed before your action arrived, and the action no longer "
    "fits it. Look at the current status in the detail, then fix and resend a suitable "
    "action, or discard this one.":
        "Status laporan berubah sebelum tindakan Anda sampai, sehingga tindakan ini tidak "
        "lagi sesuai. Lihat status terkini pada rincian laporan, lalu perbaiki dan kirim ulang "
        "tindakan yang sesuai, atau buang tindakan ini.",
    "Something in the action was missing or not valid. Open it with “Fix & resend”, complete "
    "the form and send it again.":
        "Ada isian tindakan yang kosong atau tidak valid. Buka dengan “Perbaiki & kirim "
        "ulang”, lengkapi isiannya, lalu kirim lagi.",
    "This action needs a reason and none reached the server. Choose “Fix & resend” and write "
    "the reason.":
        "Tindakan ini memerlukan alasan, tetapi tidak ada alasan yang sampai ke server. Pilih "
        "“Perbaiki & kirim ulang” dan tulis alasannya.",
    "The unit or agency you chose no longer exists. Choose “Fix & resend” and pick another "
    "one.":
        "Unit atau instansi yang Anda pilih sudah tidak ada. Pilih “Perbaiki & kirim ulang” "
        "dan tentukan tujuan lain.",
    "The complaint cannot go to the unit or agency you chose (it is already there, or it is "
    "outside your area). Choose “Fix & resend” and pick another one.":
        "Laporan tidak dapat dikirim ke unit atau instansi yang Anda pilih (laporan sudah "
        "berada di sana, atau tujuan di luar wilayah Anda). Pilih “Perbaiki & kirim ulang” "
        "dan tentukan tujuan lain.",
    "A complaint cannot be linked as a duplicate of itself. Discard this action and link the "
    "right complaint.":
        "Laporan tidak dapat ditautkan sebagai duplikat dirinya sendiri. Buang tindakan ini "
        "dan tautkan laporan yang benar.",
    "The server already has this record: it was most likely sent before. Check the "
    "complaint's timeline, then discard this action.":
        "Server sudah memiliki data ini: kemungkinan besar sudah pernah dikirim. Periksa "
        "riwayat laporan, lalu buang tindakan ini.",
    "The server does not know this action; this LAPOR Desk may be older than the server. "
    "Update the application, or discard the action.":
        "Server tidak mengenali tindakan ini; versi LAPOR Desk ini mungkin lebih lama daripada "
        "server. Perbarui aplikasi, atau buang tindakan ini.",
}
