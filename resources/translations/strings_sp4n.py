"""Indonesian wording for the link with SP4N-LAPOR!: the national tracking number in the detail,
the list of complaints not yet recorded there, "Salin untuk LAPOR!" (fill_id.py)."""

ID = {
    "Not yet in SP4N-LAPOR!": "Belum tercatat di SP4N-LAPOR!",
    "Not yet recorded in SP4N-LAPOR!": "Belum tercatat di SP4N-LAPOR!",
}
