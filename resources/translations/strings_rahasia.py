"""Indonesian wording for what a user sees of a rahasia complaint they may not read (fill_id.py)."""

ID = {
    # the complaint's title, wherever it is shown (list, detail, dialogs, duplicates, outbox)
    "Confidential complaint (title hidden)": "Laporan rahasia (judul disembunyikan)",
    # the detail pane's reporter line
    "Hidden (confidential)": "Disembunyikan (rahasia)",
}
