"""Indonesian wording for refused values of an action or a recorded complaint, and for the text
a register import cleaned (fill_id.py)."""

ID = {
    # a refused action, named by its field (lapor_desk/ui/labels.py ACTION_PROBLEMS)
    "The note is too long: at most 20,000 characters. Shorten it and try again.":
        "Catatan terlalu panjang: paling banyak 20.000 karakter. Persingkat lalu coba lagi.",
    "The reason is too long: at most 20,000 characters. Shorten it and try again.":
        "Alasan terlalu panjang: paling banyak 20.000 karakter. Persingkat lalu coba lagi.",
    "The text is too long: at most 20,000 characters. Shorten it, or attach the rest as a file.":
        "Teks terlalu panjang: paling banyak 20.000 karakter. Persingkat, atau lampirkan "
        "sisanya sebagai berkas.",
    "For the reason “Other”, write a note that explains it.":
        "Untuk alasan “Lainnya”, tulis catatan yang menjelaskannya.",
    "The text is empty. Write the reply or note first (invisible characters do not count).":
        "Teksnya kosong. Tulis tanggapan atau catatannya dulu (karakter tak terlihat tidak "
        "dihitung).",
    "Choose a reason from the list.": "Pilih alasan dari daftar.",
    "Choose where the complaint goes.": "Pilih tujuan laporan.",
    "At most 20 files can be attached. Remove some and try again.":
        "Paling banyak 20 berkas dapat dilampirkan. Hapus sebagian lalu coba lagi.",
    "A file is larger than 25 MB. Make it smaller (e.g. a lower photo resolution) and attach "
    "it again.":
        "Ada berkas yang lebih besar dari 25 MB. Perkecil berkasnya (misalnya resolusi foto "
        "lebih rendah) lalu lampirkan lagi.",
    "An attached file has no usable name. Rename the file and attach it again.":
        "Ada berkas lampiran yang namanya tidak dapat dipakai. Ganti nama berkasnya lalu "
        "lampirkan lagi.",
    "An attached file's name is longer than 255 characters. Rename the file and attach it "
    "again.":
        "Nama berkas lampiran lebih dari 255 karakter. Ganti nama berkasnya lalu lampirkan "
        "lagi.",
    "An attached file is not on this computer (any more). Attach it again.":
        "Berkas lampiran tidak (lagi) ada di komputer ini. Lampirkan lagi.",
    # a recorded complaint's fields (lapor_desk/ui/intake_labels.py)
    "Write a date from the year 2000 on, e.g. 31/12/2025 or 2025-12-31.":
        "Tulis tanggal mulai tahun 2000, misalnya 31/12/2025 atau 2025-12-31.",
    "An email address has at most 255 characters.":
        "Alamat email paling banyak 255 karakter.",
    # a register import
    "Invisible characters (such as NUL or text-direction marks) were removed from rows %1.":
        "Karakter tak terlihat (seperti NUL atau tanda arah teks) dihapus dari baris %1.",
}
