"""Indonesian wording for the main window: filter bar, list count, keyboard shortcuts and their
help (fill_id.py)."""

ID = {
    # filter bar
    "All types": "Semua jenis",
    "All channels": "Semua kanal",
    "All categories": "Semua kategori",
    "All regions": "Semua wilayah",
    "All units": "Semua unit",
    "Any privacy": "Semua privasi",
    "Anonymous": "Anonim",
    "Confidential": "Rahasia",
    "No privacy flag": "Tanpa anonim/rahasia",
    "Received any time": "Diterima kapan saja",
    "Received today": "Diterima hari ini",
    "Last 7 days": "7 hari terakhir",
    "Last 30 days": "30 hari terakhir",
    "This month": "Bulan ini",
    "Date range…": "Rentang tanggal…",
    "Type": "Jenis",
    "Channel": "Kanal",
    "Category": "Kategori",
    "Region": "Wilayah",
    "Unit": "Unit",
    "Privacy": "Privasi",
    "Received": "Diterima",
    "Received from": "Diterima sejak",
    "Received until": "Diterima sampai",
    "Reset filters": "Hapus semua filter",
    # the list when empty
    "No complaint in this queue matches the filters or the search. "
    "Use “%1” or change the search to see more.":
        "Tidak ada laporan di antrean ini yang cocok dengan filter atau pencarian. "
        "Pilih “%1” atau ubah kata pencarian untuk melihat lebih banyak.",
    "This queue is empty.": "Antrean ini kosong.",
    "Remove every filter (Ctrl+Shift+X)": "Hapus semua filter (Ctrl+Shift+X)",
    # main window
    "&Help": "&Bantuan",
    "Search": "Cari",
    "Queues": "Antrean",
    "Complaints": "Laporan",
    "%1 of %2": "%1 dari %2",
    "Go to the search": "Ke kotak pencarian",
    # keyboard
    "Open queue %1": "Buka antrean %1",
    "Next pane (queues, list, detail)": "Panel berikutnya (antrean, daftar, rincian)",
    "Previous pane": "Panel sebelumnya",
    "Go to the filters": "Ke filter",
    "Back to the list": "Kembali ke daftar",
    "&Keyboard shortcuts": "&Pintasan keyboard",
    "Keyboard shortcuts": "Pintasan keyboard",
    "Open a queue (its place in the list of queues)":
        "Buka antrean (menurut urutannya di daftar antrean)",
    "Enter": "Enter",
    "Open the chosen complaint in the detail": "Buka laporan terpilih di rincian",
    "Up / Down, Page Up / Page Down": "Atas / Bawah, Page Up / Page Down",
    "Move in the list": "Bergerak di daftar",
    "Tab / Shift+Tab": "Tab / Shift+Tab",
    "Next / previous field": "Isian berikutnya / sebelumnya",
    "Space": "Spasi",
    "Open a filter's choices": "Buka pilihan filter",
    "Delete": "Delete",
    "Remove the filter in the focused box": "Hapus filter pada kotak yang aktif",
    "Close": "Tutup",
}
