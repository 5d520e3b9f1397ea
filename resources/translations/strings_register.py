"""Indonesian wording for importing a register as offices keep it: the columns found and guessed,
values for the whole file, saved settings, the rows to fix, the empty template (merged into
lapor_desk_id.ts by fill_id.py)."""

ID = {
    # the dialog
    "A CSV or XLSX register, one complaint per row. Title rows above the column names are fine; "
    "check what each column holds and give the values the file has no column for.":
        "Register CSV atau XLSX, satu laporan per baris. Baris judul di atas nama kolom tidak "
        "masalah; periksa isi setiap kolom dan isi nilai yang tidak ada kolomnya di berkas.",
    "Register file": "Berkas register",
    "Save empty template…": "Simpan templat kosong…",
    "An Excel register with the columns this import knows and drop-down lists for type, "
    "channel and category.":
        "Register Excel dengan kolom yang dikenali impor ini dan daftar pilihan untuk jenis, "
        "kanal dan kategori.",
    "Saved settings": "Pengaturan tersimpan",
    "Saved settings:": "Pengaturan tersimpan:",
    "Save settings…": "Simpan pengaturan…",
    "Keep these columns and values under a name, for the next register of this kind (and for "
    "lapor-desk import --preset).":
        "Simpan kolom dan nilai ini dengan sebuah nama, untuk register sejenis berikutnya (dan "
        "untuk lapor-desk import --preset).",
    "None (guess from the column names)": "Tidak ada (tebak dari nama kolom)",
    "Save settings": "Simpan pengaturan",
    "Name for these settings (e.g. the register's office):":
        "Nama pengaturan ini (misalnya nama unit pemilik register):",
    "Save an empty register": "Simpan register kosong",
    "Excel workbook (*.xlsx)": "Buku kerja Excel (*.xlsx)",
    "Import valid rows, save the rest…": "Impor baris yang benar, simpan sisanya…",
    "The rows with problems are saved to a file with a column saying what to fix; import that "
    "file again once they are fixed.":
        "Baris yang bermasalah disimpan ke sebuah berkas dengan kolom yang menjelaskan apa yang "
        "harus diperbaiki; impor lagi berkas itu setelah diperbaiki.",
    "Save the rows to fix": "Simpan baris yang perlu diperbaiki",
    "CSV file (*.csv);;Excel workbook (*.xlsx)":
        "Berkas CSV (*.csv);;Buku kerja Excel (*.xlsx)",
    "No column and no value for the whole file gives: %1. Choose the column that holds it, or "
    "give one value above.":
        "Belum ada kolom maupun nilai untuk seluruh berkas bagi: %1. Pilih kolom yang berisi "
        "data itu, atau isi satu nilai di atas.",
    "%1 rows, %2 with problems (marked red). Correct them in the file and choose it again, or "
    "import the valid rows and save the rest to a file to fix.":
        "%1 baris, %2 bermasalah (ditandai merah). Perbaiki di berkas lalu pilih lagi, atau "
        "impor baris yang benar dan simpan sisanya ke berkas untuk diperbaiki.",
    "%1 rows were imported before and are left out.":
        "%1 baris sudah pernah diimpor dan dilewati.",
    "%1 rows repeat a row above them and are left out.":
        "%1 baris sama dengan baris di atasnya dan dilewati.",
    "Invisible characters (such as NUL or text-direction marks) were removed from rows %1.":
        "Karakter tak terlihat (seperti NUL atau tanda arah teks) dihapus dari baris %1.",
    # the columns and the values for the whole file
    "Columns in the file": "Kolom di berkas",
    "Values for the whole file": "Nilai untuk seluruh berkas",
    "Used where the file has no column for it, or leaves it empty.":
        "Dipakai bila berkas tidak punya kolomnya, atau kolomnya kosong.",
    "From the file": "Dari berkas",
    "(no name)": "(tanpa nama)",
    "Not imported": "Tidak diimpor",
    "Column names found in row %1. Change what a column holds if the guess is wrong.":
        "Nama kolom ditemukan di baris %1. Ubah isi kolom bila tebakannya salah.",
    # the preview's rows
    "Imported before: left out": "Sudah pernah diimpor: dilewati",
    "Same as row %1: left out": "Sama dengan baris %1: dilewati",
    # after the import
    "%1 rows to fix were saved to %2.": "%1 baris yang perlu diperbaiki disimpan di %2.",
    "%1 rows imported before were left out.": "%1 baris yang sudah pernah diimpor dilewati.",
    "Settings saved as “%1”.": "Pengaturan disimpan sebagai “%1”.",
    "Empty register saved: %1": "Register kosong disimpan: %1",
}
