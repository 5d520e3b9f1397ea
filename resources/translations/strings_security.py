"""Indonesian wording for signing out, the encrypted cache and a revoked account (fill_id.py)."""

ID = {
    # sign-out question (lapor_desk/ui/dialogs/sign_out.py)
    "Sign out": "Keluar",
    "Unsynced work will be lost": "Pekerjaan yang belum tersinkron akan hilang",
    "Actions not yet sent to the server: %1": "Aksi yang belum dikirim ke server: %1",
    "Actions the server refused, not yet resolved: %1":
        "Aksi yang ditolak server dan belum diselesaikan: %1",
    "Conflicts not yet resolved: %1": "Konflik yang belum diselesaikan: %1",
    "Replies, notes and complaints typed but not saved (drafts): %1":
        "Balasan, catatan dan laporan yang sudah diketik tetapi belum disimpan (draf): %1",
    "Signing out deletes them from this computer for good, with the complaints, attachments "
    "and drafts kept here. To keep them, cancel and sync first; the Outbox shows what is "
    "waiting.":
        "Keluar akan menghapusnya dari komputer ini untuk selamanya, bersama laporan, lampiran, "
        "dan draf yang tersimpan di sini. Untuk menyimpannya, batalkan lalu sinkronkan dahulu; "
        "Kotak Keluar menampilkan apa yang masih menunggu.",
    "Delete and sign out": "Hapus dan keluar",
    "Sign out and remove this computer's copy?": "Keluar dan hapus salinan di komputer ini?",
    "The complaints, attachments and drafts kept on this computer for your account are "
    "deleted, with the key that encrypts them. Everything you sent is safe on the server: "
    "sign in again to download it.":
        "Laporan, lampiran, dan draf akun Anda yang tersimpan di komputer ini dihapus, bersama "
        "kunci yang mengenkripsinya. Semua yang sudah Anda kirim aman di server: masuk lagi "
        "untuk mengunduhnya.",
    # error codes (lapor_desk/ui/labels.py ERRORS)
    "This account was disabled on the server, so its data was removed from this computer. "
    "Ask your administrator.":
        "Akun ini dinonaktifkan di server, sehingga datanya telah dihapus dari komputer ini. "
        "Hubungi administrator Anda.",
    "Sync or resolve the unsynced work first, or confirm that it may be deleted.":
        "Sinkronkan atau selesaikan dahulu pekerjaan yang belum tersinkron, atau pastikan "
        "bahwa pekerjaan itu boleh dihapus.",
    "The key that unlocks this computer's copy of your data is missing from the system "
    "keyring. Remove the copy and sign in again to download your data.":
        "Kunci pembuka salinan data Anda di komputer ini tidak ada di keyring sistem. Hapus "
        "salinan itu lalu masuk lagi untuk mengunduh data Anda.",
    "No system keyring is available to keep this computer's data encrypted. Ask your IT "
    "support to enable it (on Linux: GNOME Keyring or KWallet).":
        "Keyring sistem tidak tersedia untuk menjaga data di komputer ini tetap terenkripsi. "
        "Minta bantuan dukungan TI untuk mengaktifkannya (di Linux: GNOME Keyring atau KWallet).",
    "This computer's copy of your data could not be encrypted. Nothing was changed; try "
    "again, and report it if it happens again.":
        "Salinan data Anda di komputer ini tidak dapat dienkripsi. Tidak ada yang diubah; coba "
        "lagi, dan laporkan bila terjadi lagi.",
    "Some files of this computer's copy could not be deleted; they can no longer be read. "
    "Close other programs and sign out again.":
        "Sebagian berkas salinan data di komputer ini tidak dapat dihapus; berkas itu tidak "
        "dapat dibaca lagi. Tutup program lain lalu keluar lagi.",
}
