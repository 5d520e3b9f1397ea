"""Indonesian wording for "Fix & resend" of a reply or note with its files, refused by the server
for a missing attachment (merged into lapor_desk_id.ts by fill_id.py)."""

ID = {
    # the outbox review: what ``attachment_missing`` means and what to do next
    "An attached file is not on the server for your account: its upload did not finish, or the "
    "file came from another account. Choose “Fix & resend”: the files stay attached and are "
    "uploaded again from this computer at the next sync.":
        "Berkas lampiran tidak ada di server untuk akun Anda: unggahannya belum selesai, atau "
        "berkas itu berasal dari akun lain. Pilih “Perbaiki & kirim ulang”: berkasnya tetap "
        "terlampir dan diunggah lagi dari komputer ini pada sinkronisasi berikutnya.",
}
