"""Indonesian wording for a server restored from a backup: the notice after the sync that found
it (fill_id.py)."""

ID = {
    "The server was restored from a backup": "Server dipulihkan dari cadangan",
    "The server went back to an earlier copy of its data. %1 of your actions that it no longer "
    "had were sent to it again; none of your work is lost. The complaints were loaded again "
    "from the server.":
        "Server kembali ke salinan datanya yang lebih lama. %1 tindakan Anda yang tidak lagi "
        "ada di server telah dikirim ulang; tidak ada pekerjaan Anda yang hilang. Data "
        "pengaduan dimuat ulang dari server.",
    "The server went back to an earlier copy of its data. The complaints were loaded again "
    "from the server; none of your actions was missing from it.":
        "Server kembali ke salinan datanya yang lebih lama. Data pengaduan dimuat ulang dari "
        "server; tidak ada tindakan Anda yang hilang.",
    "Some could not be applied as they were: open the Outbox to see them.":
        "Sebagian tidak dapat diterapkan apa adanya: buka Kotak Keluar untuk melihatnya.",
}
