"""Indonesian wording for finding complaints (the search box, "Semua laporan") and units by the
names admins use (the unit pickers and the names of a unit) (fill_id.py)."""

ID = {
    # the search box and the list of every complaint
    "All complaints": "Semua laporan",
    "Queue": "Antrean",
    "Number, words, reporter's name/phone": "Nomor, kata, nama/telepon pelapor",
    "Find a complaint in every queue by its number, words, or its reporter's name or phone "
    "(Ctrl+F)":
        "Cari laporan di semua antrean menurut nomornya, kata, atau nama maupun telepon "
        "pelapornya (Ctrl+F)",
    "Not found: no complaint you can see has the number, words or reporter “%1”, in any "
    "queue. Check the number (a tracking number has 7 digits), try fewer or other words, or "
    "sync to get the newest complaints.":
        "Tidak ditemukan: tidak ada laporan yang dapat Anda lihat dengan nomor, kata, atau "
        "pelapor “%1” di antrean mana pun. Periksa nomornya (nomor laporan terdiri dari 7 "
        "angka), coba kata yang lebih sedikit atau kata lain, atau sinkronkan untuk mengambil "
        "laporan terbaru.",
    # the unit pickers (forward, re-route)
    "Search a unit: name, abbreviation (dukcapil, dinkes), region…":
        "Cari unit: nama, singkatan (dukcapil, dinkes), daerah…",
    "Search an agency: name or abbreviation (kemenkes, bpn, pln)…":
        "Cari instansi: nama atau singkatan (kemenkes, bpn, pln)…",
    "Recently used": "Terakhir dipakai",
    "Not found: no unit or agency is called “%1”. Check the spelling, try a word of its full "
    "name (e.g. “kesehatan”), or ask your agency admin to add this name to the unit.":
        "Tidak ditemukan: tidak ada unit atau instansi bernama “%1”. Periksa ejaannya, coba "
        "satu kata dari nama lengkapnya (mis. “kesehatan”), atau minta admin instansi "
        "menambahkan nama ini pada unitnya.",
    "Other names of this unit…": "Nama lain unit ini…",
    "Add the abbreviations and names people use for the chosen unit, so everyone finds it by "
    "them (needs a connection to the server).":
        "Tambahkan singkatan dan nama yang dipakai orang untuk unit yang dipilih, agar semua "
        "pengguna dapat menemukannya dengan nama itu (perlu tersambung ke server).",
    # the unit filter above the list, typed into
    "Unit: %1": "Unit: %1",
    "No unit here is called “%1”.": "Tidak ada unit bernama “%1” di sini.",
    # the names of a unit
    "Other names of a unit": "Nama lain unit",
    "Other names of “%1”": "Nama lain “%1”",
    "One name per line: the abbreviations and names staff and citizens use (e.g. Dukcapil, "
    "Disdukcapil Kendari). Everyone finds the unit by these names after their next sync. "
    "Common abbreviations are known already.":
        "Satu nama per baris: singkatan dan nama yang dipakai staf dan warga (mis. Dukcapil, "
        "Disdukcapil Kendari). Semua pengguna menemukan unit ini dengan nama-nama tersebut "
        "setelah sinkronisasi berikutnya. Singkatan yang umum sudah dikenali.",
    "Save": "Simpan",
    "Too many names: keep at most 12.": "Terlalu banyak nama: paling banyak 12.",
    "A name is too short: give at least 2 characters.":
        "Ada nama yang terlalu pendek: paling sedikit 2 huruf.",
    "A name is too long: keep each under 80 characters.":
        "Ada nama yang terlalu panjang: paling banyak 80 huruf per nama.",
    "You may not change the names of this unit: ask its agency's admin.":
        "Anda tidak dapat mengubah nama unit ini: minta admin instansinya.",
}
