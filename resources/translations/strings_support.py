"""Indonesian wording for support: the diagnostics dialog and its Help menu entry (fill_id.py)."""

ID = {
    # Help menu (the lead wires it: see lapor_desk/ui/dialogs/diagnostics.py)
    "Save diagnostics for support…": "Simpan diagnostik untuk dukungan teknis…",
    "Save a file for your support team: versions, sync state and recent log, without personal "
    "data":
        "Simpan berkas untuk tim dukungan teknis: versi, status sinkronisasi, dan log terbaru, "
        "tanpa data pribadi",
    # the dialog
    "Diagnostics for support": "Diagnostik untuk dukungan teknis",
    "LAPOR Desk saves a file with its version, the state of your sync and its recent log, for "
    "your support team. Names, NIK, phone numbers, e-mail addresses, passwords and complaint "
    "texts are removed.":
        "LAPOR Desk menyimpan sebuah berkas berisi versi aplikasi, status sinkronisasi, dan log "
        "terbaru untuk tim dukungan teknis Anda. Nama, NIK, nomor telepon, alamat e-mail, kata "
        "sandi, dan isi laporan dihapus dari berkas ini.",
    "Saving diagnostics…": "Menyimpan diagnostik…",
    "Saved. Send this file to your support team:":
        "Tersimpan. Kirim berkas ini ke tim dukungan teknis Anda:",
    "Open folder": "Buka folder",
    "The diagnostics could not be saved: %1": "Diagnostik tidak dapat disimpan: %1",
}
