"""Indonesian wording for attachments: the detail pane's list, the viewer, offline (fill_id.py)."""

ID = {
    # the list under a complaint's detail
    "Attachments (%1)": "Lampiran (%1)",
    "Open": "Buka",
    "File": "Berkas", "Type": "Jenis", "Size": "Ukuran", "Offline": "Luring",
    "Image": "Gambar", "PDF document": "Dokumen PDF", "Other file": "Berkas lain",
    "On this computer": "Ada di komputer ini",
    "Will download when online": "Diunduh saat daring",
    "Not downloaded": "Belum diunduh",
    "Downloading “%1”…": "Mengunduh “%1”…",
    "Downloading “%1”… %2 of %3": "Mengunduh “%1”… %2 dari %3",
    # opening: offline, damaged, other file types
    "“%1” is not on this computer yet and the server cannot be reached. It will be downloaded "
    "automatically after the next successful sync.":
        "“%1” belum ada di komputer ini dan server tidak dapat dihubungi. Berkas akan diunduh "
        "otomatis setelah sinkronisasi berikutnya berhasil.",
    "“%1” arrived damaged (it does not match its checksum) and was not opened. Try again later.":
        "“%1” diterima dalam keadaan rusak (tidak cocok dengan checksum-nya) dan tidak dibuka. "
        "Coba lagi nanti.",
    "“%1” could not be opened.": "“%1” tidak dapat dibuka.",
    "No application on this computer opens “%1”.":
        "Tidak ada aplikasi di komputer ini yang dapat membuka “%1”.",
    "Open with another application": "Buka dengan aplikasi lain",
    "LAPOR Desk cannot show “%1” itself. Open it with the application this computer uses for "
    "such files?":
        "LAPOR Desk tidak dapat menampilkan “%1” sendiri. Buka dengan aplikasi yang dipakai "
        "komputer ini untuk berkas semacam itu?",
    "Files sent with a complaint can contain harmful content. Open only files you expect.":
        "Berkas yang dikirim bersama laporan dapat berisi konten berbahaya. Buka hanya berkas "
        "yang Anda harapkan.",
    # the viewer
    "Attachment: %1": "Lampiran: %1",
    "Fit to window": "Sesuaikan jendela",
    "Fit to the window (F)": "Sesuaikan dengan jendela (F)",
    "100 %": "100 %",
    "Actual size (0)": "Ukuran asli (0)",
    "Zoom out (-)": "Perkecil (-)",
    "Zoom in (+)": "Perbesar (+)",
    "Previous page (Page Up)": "Halaman sebelumnya (Page Up)",
    "Next page (Page Down)": "Halaman berikutnya (Page Down)",
    "Page %1 of %2": "Halaman %1 dari %2",
    "This image cannot be shown: the file is damaged or is not an image (%1).":
        "Gambar ini tidak dapat ditampilkan: berkas rusak atau bukan gambar (%1).",
    "This PDF cannot be shown: the file is damaged or is not a PDF (%1).":
        "PDF ini tidak dapat ditampilkan: berkas rusak atau bukan PDF (%1).",
    "PDF viewing is not installed. Open the file with the system application.":
        "Penampil PDF tidak terpasang. Buka berkas dengan aplikasi sistem.",
}
