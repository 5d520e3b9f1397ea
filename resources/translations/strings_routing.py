"""Indonesian wording for the routing help in the desktop: the unit suggestions of the forward
dialog, their reasons, states and the similar past complaints behind them (fill_id.py)."""

ID = {
    # the panel
    "Unit suggestions": "Saran unit",
    "Unit suggestions from earlier complaints": "Saran unit dari laporan terdahulu",
    "Units that handled similar complaints before. Choosing one selects it below; nothing is "
    "forwarded until you press Forward.":
        "Unit yang dulu menangani laporan serupa. Memilih salah satu hanya menandainya di "
        "daftar di bawah; laporan baru diteruskan setelah Anda menekan Teruskan.",
    "Tracking no.": "No. laporan",
    "Title": "Judul",
    "Handled by": "Ditangani oleh",
    "Similar past complaints": "Laporan serupa terdahulu",
    # confidence
    "very likely": "kemungkinan besar",
    "likely": "mungkin",
    "less likely": "kemungkinan kecil",
    # reasons
    "Suggested from the words of the complaint": "Disarankan dari isi laporan",
    "1 similar complaint from %2 handled by %3": "1 laporan serupa dari %2 ditangani %3",
    "%1 similar complaints from %2 handled by %3": "%1 laporan serupa dari %2 ditangani %3",
    "1 similar complaint handled by %2": "1 laporan serupa ditangani %2",
    "%1 similar complaints handled by %2": "%1 laporan serupa ditangani %2",
    "+ 1 misrouted complaint that came back to this unit":
        "+ 1 salah kirim yang kembali ke unit ini",
    "+ %1 misrouted complaints that came back to this unit":
        "+ %1 salah kirim yang kembali ke unit ini",
    "Reporter's category: %1; similar complaints usually: %2":
        "Kategori pelapor: %1; laporan serupa biasanya: %2",
    "Similar complaints usually have the category %1":
        "Laporan serupa biasanya berkategori %1",
    # states
    "Looking for suggestions…": "Mencari saran…",
    "Suggestions are not available now; choose the unit below.":
        "Saran belum tersedia saat ini; pilih unit di bawah.",
    "Suggestions are being prepared from the history…":
        "Saran sedang disiapkan dari riwayat…",
    "Not enough history yet to suggest a unit": "Belum cukup riwayat untuk memberi saran",
    "No suggestion for this complaint; choose the unit below.":
        "Tidak ada saran untuk laporan ini; pilih unit di bawah.",
    # a suggestion's button
    "Select this unit below (Alt+%1); nothing is forwarded until you press Forward":
        "Pilih unit ini di daftar di bawah (Alt+%1); laporan baru diteruskan setelah Anda "
        "menekan Teruskan",
    "This unit cannot be chosen for this complaint here":
        "Unit ini tidak dapat dipilih untuk laporan ini di sini",
    "Suggestion %1: %2, %3": "Saran %1: %2, %3",
    "Similar (%1)": "Serupa (%1)",
    "Show the similar past complaints behind this suggestion":
        "Tampilkan laporan serupa terdahulu yang mendasari saran ini",
    "Similar past complaints of suggestion %1": "Laporan serupa terdahulu untuk saran %1",
    "Enter or double-click opens the complaint":
        "Tekan Enter atau klik dua kali untuk membuka laporan",
    # a similar past complaint, read-only
    "Similar past complaint": "Laporan serupa terdahulu",
    "Complaint %1: %2": "Laporan %1: %2",
    "Handled by:": "Ditangani oleh:",
    "Similarity:": "Kemiripan:",
    "Status:": "Status:",
    "Place:": "Lokasi:",
    "Category:": "Kategori:",
    "The text of this complaint is confidential.": "Isi laporan ini dirahasiakan.",
    "This complaint is not on this computer; only what the suggestion knows of it is shown.":
        "Laporan ini tidak tersimpan di komputer ini; hanya yang diketahui saran ini yang "
        "ditampilkan.",
    "What the reporter wrote": "Isi laporan pelapor",
    "Close": "Tutup",
    # the status bar while the suggestions learn after a sync
    "Preparing unit suggestions from the history": "Menyiapkan saran unit dari riwayat",
}
