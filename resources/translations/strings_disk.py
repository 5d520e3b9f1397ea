"""Indonesian wording for a failing disk and a profile that cannot be opened (fill_id.py).

A copy of the data that cannot be read may hold work not yet sent: these words never advise
deleting it (``Jangan hapus``), they say what to do instead."""

ID = {
    # error codes (lapor_desk/ui/labels.py ERRORS): the cache key
    "The key that unlocks this computer's copy of your data is missing from the system keyring "
    "(was the keyring reset, or is this another user account?). The copy may hold work not yet "
    "sent: keep its folder, make a copy of it, and contact your IT support. It opens again once "
    "its key is back in the keyring.":
        "Kunci pembuka salinan data Anda di komputer ini tidak ada di keyring sistem (apakah "
        "keyring diatur ulang, atau ini akun pengguna lain?). Salinan itu mungkin berisi "
        "pekerjaan yang belum terkirim: simpan foldernya, buat salinannya, lalu hubungi bagian "
        "TI. Salinan itu dapat dibuka lagi setelah kuncinya kembali ke keyring.",
    "The key in the system keyring does not open this computer's copy of your data (was the "
    "keyring reset, or the folder copied from another computer?). The copy may hold work not "
    "yet sent: keep its folder, make a copy of it, and contact your IT support. It opens again "
    "with its own key.":
        "Kunci di keyring sistem tidak dapat membuka salinan data Anda di komputer ini (apakah "
        "keyring diatur ulang, atau foldernya disalin dari komputer lain?). Salinan itu mungkin "
        "berisi pekerjaan yang belum terkirim: simpan foldernya, buat salinannya, lalu hubungi "
        "bagian TI. Salinan itu dapat dibuka lagi dengan kuncinya sendiri.",
    # error codes: the disk under the profile (lapor_desk/models/storage.py)
    "There is no free space left on the drive where LAPOR Desk keeps your data. Free some "
    "space there (empty the Recycle Bin, move or delete large files you no longer need), then "
    "try again. What was already saved is kept, and a sync continues where it stopped.":
        "Ruang kosong di drive tempat LAPOR Desk menyimpan data Anda sudah habis. Kosongkan "
        "sebagian ruang di drive itu (kosongkan Recycle Bin, pindahkan berkas besar yang tidak "
        "diperlukan lagi ke tempat lain), lalu coba lagi. Yang sudah tersimpan tetap ada, dan "
        "sinkronisasi dilanjutkan dari titik terakhir.",
    "This computer does not let LAPOR Desk write more data (a file size limit or storage quota "
    "of your account). Ask your IT support to raise the limit or free some space, then try "
    "again. What was already saved is kept.":
        "Komputer ini tidak mengizinkan LAPOR Desk menulis data lebih banyak (ada batas ukuran "
        "berkas atau kuota penyimpanan pada akun Anda). Minta bagian TI menaikkan batas itu "
        "atau mengosongkan sebagian ruang, lalu coba lagi. Yang sudah tersimpan tetap ada.",
    "The drive where LAPOR Desk keeps your data has become read-only (it may be "
    "write-protected, or the system locked it after disk errors), so nothing can be saved. "
    "Close LAPOR Desk and have the disk checked by your IT support. Do not delete the LAPOR "
    "Desk folder: it may hold work not yet sent.":
        "Drive tempat LAPOR Desk menyimpan data Anda menjadi hanya-baca (mungkin dilindungi "
        "dari penulisan, atau dikunci sistem setelah terjadi kerusakan disk), sehingga tidak ada "
        "yang dapat disimpan. Tutup LAPOR Desk dan minta bagian TI memeriksa disk itu. Jangan "
        "hapus folder LAPOR Desk: mungkin masih ada pekerjaan yang belum terkirim.",
    "LAPOR Desk may not read or write its data folder (a missing permission). Ask your IT "
    "support to give your account access to it, then try again. Do not delete the folder: it "
    "may hold work not yet sent.":
        "LAPOR Desk tidak diizinkan membaca atau menulis folder datanya (izin akses kurang). "
        "Minta bagian TI memberi akun Anda akses ke folder itu, lalu coba lagi. Jangan hapus "
        "folder itu: mungkin masih ada pekerjaan yang belum terkirim.",
    "The disk where LAPOR Desk keeps your data reported a read or write error. Do not delete "
    "the LAPOR Desk folder: it may hold work not yet sent. Make a copy of it if you can and "
    "contact your IT support to have the disk checked.":
        "Disk tempat LAPOR Desk menyimpan data Anda mengalami kesalahan baca atau tulis. Jangan "
        "hapus folder LAPOR Desk: mungkin masih ada pekerjaan yang belum terkirim. Salin folder "
        "itu bila bisa, lalu hubungi bagian TI untuk memeriksa disk.",
    "This computer's copy of your data is damaged and cannot be read. Do not delete it: it may "
    "hold work not yet sent. Make a copy of its folder and contact your IT support or the "
    "LAPOR! help desk.":
        "Salinan data Anda di komputer ini rusak dan tidak dapat dibaca. Jangan dihapus: "
        "mungkin masih ada pekerjaan yang belum terkirim. Salin foldernya, lalu hubungi bagian "
        "TI atau layanan bantuan LAPOR!.",
    # where (lapor_desk/ui/labels.py error_message)
    "Folder: %1 (drive %2)": "Folder: %1 (drive %2)",
    "Folder: %1": "Folder: %1",
}
