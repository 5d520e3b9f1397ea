"""Indonesian wording for recording, register import, duplicates, reply templates and drafts
(merged into lapor_desk_id.ts by fill_id.py)."""

ID = {
    # duplicates
    "Similar complaints": "Laporan serupa",
    "Linked duplicates": "Duplikat tertaut",
    "Link as duplicate": "Tautkan sebagai duplikat",
    "Unlink": "Lepas tautan",
    "No similar complaint in the same regency/city.":
        "Tidak ada laporan serupa di kabupaten/kota yang sama.",
    "Same regency/city, similar words in the title":
        "Kabupaten/kota yang sama, kata-kata judul yang mirip",
    # attachments
    "Attach file…": "Lampirkan berkas…",
    "Remove": "Hapus",
    "Photos, letters or documents, at most 25 MB each":
        "Foto, surat atau dokumen, paling besar 25 MB per berkas",
    "Attach files": "Lampirkan berkas",
    "Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx *.mp4);;All files (*)":
        "Foto dan dokumen (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx *.mp4);;Semua berkas (*)",
    "Attachments": "Lampiran",
    # register import
    "Import a register file": "Impor berkas register",
    "Import complaints from a register file": "Impor laporan dari berkas register",
    "A CSV (UTF-8) or XLSX file with one complaint per row and column names in the first row "
    "(judul, isi, jenis, kanal, provinsi, kabupaten_kota, kategori, nama_pelapor…). Either every "
    "row is imported or none is.":
        "Berkas CSV (UTF-8) atau XLSX, satu laporan per baris, dengan nama kolom di baris pertama "
        "(judul, isi, jenis, kanal, provinsi, kabupaten_kota, kategori, nama_pelapor…). Semua "
        "baris diimpor, atau tidak satu pun.",
    "Choose file…": "Pilih berkas…",
    "Import": "Impor",
    "Close": "Tutup",
    "Choose a register file": "Pilih berkas register",
    "Register files (*.csv *.xlsx);;All files (*)":
        "Berkas register (*.csv *.xlsx);;Semua berkas (*)",
    "Reading the file…": "Membaca berkas…",
    "%1 rows, %2 with problems (marked red). Nothing can be imported until every row is valid: "
    "correct the file and choose it again.":
        "%1 baris, %2 bermasalah (ditandai merah). Tidak ada yang dapat diimpor sampai semua "
        "baris benar: perbaiki berkasnya lalu pilih kembali.",
    "All %1 rows are valid.": "Semua %1 baris sudah benar.",
    "Columns not imported: %1.": "Kolom yang tidak diimpor: %1.",
    "Importing…": "Mengimpor…",
    "Import register file…": "Impor berkas register…",
    "%1 complaints imported; they wait in Needs verification.":
        "%1 laporan diimpor; menunggu di Perlu Verifikasi.",
    "Row": "Baris",
    "Problems": "Masalah",
    "The file is empty or has no rows under the header.":
        "Berkas kosong atau tidak ada baris di bawah judul kolom.",
    "The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.":
        "Berkas bukan teks UTF-8. Di Excel, simpan sebagai “CSV UTF-8”.",
    "The file cannot be read as CSV or XLSX.": "Berkas tidak dapat dibaca sebagai CSV atau XLSX.",
    "Only CSV (UTF-8) and XLSX files can be imported.":
        "Hanya berkas CSV (UTF-8) dan XLSX yang dapat diimpor.",
    "The file is too large (at most 20 MB and 10,000 rows). Split it.":
        "Berkas terlalu besar (paling besar 20 MB dan 10.000 baris). Pecah berkasnya.",
    "The file cannot be opened.": "Berkas tidak dapat dibuka.",
    "No known column names in the first row (e.g. judul, isi, kanal).":
        "Tidak ada nama kolom yang dikenal di baris pertama (mis. judul, isi, kanal).",
    "Some rows are not valid; nothing was imported.":
        "Ada baris yang tidak benar; tidak ada yang diimpor.",
    "The file cannot be imported (%1).": "Berkas tidak dapat diimpor (%1).",
    # record a complaint
    "Record complaint": "Catat laporan",
    "Record a complaint received at the counter, by letter, phone, radio or newspaper "
    "(Ctrl+Shift+N)":
        "Catat laporan yang diterima di loket, lewat surat, telepon, radio atau surat kabar "
        "(Ctrl+Shift+N)",
    "Record a complaint": "Catat laporan",
    "Record a complaint received outside the system": "Catat laporan yang diterima di luar aplikasi",
    "For complaints brought to the counter, or received by letter, phone, radio or newspaper. "
    "It waits in Needs verification and gets its tracking number at the next sync.":
        "Untuk laporan yang disampaikan langsung di loket, atau diterima lewat surat, telepon, "
        "radio atau surat kabar. Laporan menunggu di Perlu Verifikasi dan mendapat nomor "
        "pelacakan pada sinkronisasi berikutnya.",
    "Save complaint": "Simpan laporan",
    "Report": "Laporan",
    "Involves misconduct": "Berkadar pengawasan",
    "Abuse of authority by officials: it goes to the inspectorate and has 60 working days.":
        "Penyalahgunaan wewenang oleh pejabat: diteruskan ke inspektorat, batas waktu 60 hari "
        "kerja.",
    "Chronology": "Kronologi",
    "Incident date": "Tanggal kejadian",
    "Province": "Provinsi",
    "Regency/city": "Kabupaten/kota",
    "District": "Kecamatan",
    "Village": "Kelurahan/desa",
    "Sub-category": "Subkategori",
    "Channel": "Kanal",
    "Anonymous": "Anonim",
    "Confidential": "Rahasia",
    "Reporter's name": "Nama pelapor",
    "NIK": "NIK",
    "Email": "Surel",
    "Tags": "Tag",
    "What is the problem, in one line": "Apa masalahnya, dalam satu baris",
    "What happened, where and when, who was involved, what the reporter asks for":
        "Apa yang terjadi, di mana dan kapan, siapa yang terlibat, apa yang diminta pelapor",
    "Not known": "Tidak diketahui",
    "Type to search…": "Ketik untuk mencari…",
    "Optional; type to search…": "Tidak wajib; ketik untuk mencari…",
    "Optional": "Tidak wajib",
    "Channel and privacy": "Kanal dan kerahasiaan",
    "Show online channels too": "Tampilkan juga kanal daring",
    "The reporter's identity is hidden from the public and from the party reported.":
        "Identitas pelapor disembunyikan dari publik dan dari pihak yang dilaporkan.",
    "The content of the report is not shown to the public.":
        "Isi laporan tidak ditampilkan kepada publik.",
    "16 digits (optional)": "16 digit (tidak wajib)",
    "Optional for an anonymous complaint": "Tidak wajib untuk laporan anonim",
    "Please correct the marked fields (%1).": "Perbaiki isian yang ditandai (%1).",
    # field problems
    "Write a title of at least 5 characters.": "Tulis judul paling sedikit 5 karakter.",
    "Write at least 10 characters: what happened, where and when.":
        "Tulis paling sedikit 10 karakter: apa yang terjadi, di mana dan kapan.",
    "A NIK has exactly 16 digits.": "NIK terdiri dari tepat 16 digit.",
    "Write the number with 8 to 15 digits, e.g. 081234567890.":
        "Tulis nomor dengan 8 sampai 15 digit, mis. 081234567890.",
    "This is not an email address.": "Ini bukan alamat surel.",
    "Write the reporter's name, or mark the complaint anonymous.":
        "Tulis nama pelapor, atau tandai laporan sebagai anonim.",
    "Only a complaint (pengaduan) can involve misconduct.":
        "Hanya pengaduan yang dapat berkadar pengawasan.",
    "Pick a category from the list.": "Pilih kategori dari daftar.",
    "Pick a sub-category of the chosen category from the list.":
        "Pilih subkategori dari kategori yang dipilih.",
    "Unknown channel.": "Kanal tidak dikenal.",
    "The date cannot be in the future.": "Tanggal tidak boleh di masa depan.",
    "Required.": "Wajib diisi.",
    "Too long.": "Terlalu panjang.",
    "Too short.": "Terlalu pendek.",
    "Not valid.": "Tidak valid.",
    "Not in the list.": "Tidak ada di daftar.",
    "Cannot be in the future.": "Tidak boleh di masa depan.",
    # reply templates
    "Template:": "Templat:",
    "Insert": "Sisipkan",
    "Insert the template at the cursor, with the reporter's name (never for an anonymous "
    "complaint), the tracking number and the unit":
        "Sisipkan templat di posisi kursor, dengan nama pelapor (tidak pernah untuk laporan "
        "anonim), nomor pelacakan dan unit",
}
