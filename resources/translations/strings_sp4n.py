"""Indonesian wording for the link with SP4N-LAPOR!: the national tracking number in the detail,
the list of complaints not yet recorded there, "Salin untuk LAPOR!" (fill_id.py)."""

ID = {
    "Not yet in SP4N-LAPOR!": "Belum tercatat di SP4N-LAPOR!",
    "Not yet recorded in SP4N-LAPOR!": "Belum tercatat di SP4N-LAPOR!",
    "Copy for LAPOR!": "Salin untuk LAPOR!",
    "Copies the complaint, to record it on lapor.go.id":
        "Menyalin laporan ini untuk dicatat di lapor.go.id",
    "Copies the latest follow-up, to post it on lapor.go.id":
        "Menyalin tindak lanjut terakhir untuk dikirim di lapor.go.id",
    "Copied: paste it on lapor.go.id": "Tersalin: tempel di lapor.go.id",
    "Updated from SP4N-LAPOR!": "Diperbarui dari SP4N-LAPOR!",
}
