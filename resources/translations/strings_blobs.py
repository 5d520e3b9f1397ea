"""Indonesian wording for attachments refused by the server (fill_id.py)."""

ID = {
    # the outbox review: what ``attachment_missing`` means and what to do next
    "An attached file is not on the server for your account: its upload did not finish, or the "
    "file came from another account. Write the action again with the file attached from this "
    "computer, then discard this one.":
        "Berkas lampiran tidak ada di server untuk akun Anda: unggahannya belum selesai, atau "
        "berkas itu berasal dari akun lain. Buat ulang tindakan ini dengan melampirkan berkas "
        "dari komputer ini, lalu buang tindakan yang ditolak ini.",
}
