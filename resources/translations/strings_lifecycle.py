"""Indonesian wording for closing, reopening, postponing until a day and its reminder
(fill_id.py)."""

ID = {
    # the Complaint menu
    "&Complaint": "&Laporan",
    "Reopen complaint": "Buka kembali laporan",
    "Reopened": "Dibuka kembali",
    # the detail's buttons
    "Close complaint…": "Selesaikan laporan…",
    "Reopen…": "Buka kembali…",
    # close and reopen dialogs
    "The complaint is finished (Selesai): its follow-up is done. It leaves the working queues; "
    "if it turns out not to be finished, it can be reopened with a reason.":
        "Laporan selesai: tindak lanjutnya sudah tuntas. Laporan keluar dari daftar kerja; "
        "bila ternyata belum tuntas, laporan dapat dibuka kembali dengan alasan.",
    "Closing note (optional), for example what was done":
        "Catatan penyelesaian (boleh kosong), misalnya apa yang sudah dikerjakan",
    "The complaint goes back to work: a finished one to its unit (in progress), an archived "
    "one to verification. The reason is kept in its history.":
        "Laporan kembali dikerjakan: laporan yang selesai kembali ke unitnya (Sedang Diproses), "
        "laporan yang diarsipkan kembali ke verifikasi. Alasannya disimpan dalam riwayat "
        "laporan.",
    "Why is it reopened? (required)": "Mengapa laporan dibuka kembali? (wajib)",
    "Reopen": "Buka kembali",
    # postpone until a day
    "Look at it again on": "Tinjau kembali pada",
    "Postpone (tunda) while something is missing, for example the reporter's data is "
    "incomplete. The verification deadline pauses until you act again; on the day you choose, "
    "LAPOR Desk reminds you of it.":
        "Tunda laporan selama ada yang kurang, misalnya data pelapor belum lengkap. Tenggat "
        "verifikasi berhenti sampai Anda menindaklanjutinya; pada tanggal yang Anda pilih, "
        "LAPOR Desk mengingatkan Anda.",
    "%1 is not a working day: you will be reminded on the next working day, %2.":
        "%1 bukan hari kerja: Anda akan diingatkan pada hari kerja berikutnya, %2.",
    "You will be reminded on %1 (%2 working days from today).":
        "Anda akan diingatkan pada %1 (%2 hari kerja dari hari ini).",
    "Postponed until": "Ditunda sampai",
    "%1 (that day has come: look at it again)":
        "%1 (tanggalnya sudah tiba: tinjau kembali laporan ini)",
    "until %1": "sampai %1",
    # refused days
    "The day to look at it again has already come: choose a day after today.":
        "Tanggal peninjauan sudah lewat: pilih tanggal setelah hari ini.",
    "That day is too far ahead for a postponement: choose a nearer day.":
        "Tanggal itu terlalu jauh untuk penundaan: pilih tanggal yang lebih dekat.",
    "Choose the day from the calendar.": "Pilih tanggal dari kalender.",
    # the reminder
    "A postponed complaint is due": "Laporan tertunda perlu ditinjau",
    "%1 postponed complaints are due": "%1 laporan tertunda perlu ditinjau",
    "They are in the Postponed queue.": "Laporan ada di daftar Tertunda.",
}
