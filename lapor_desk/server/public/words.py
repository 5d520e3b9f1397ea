"""The public pages' words, in Bahasa Indonesia (the pages are for citizens, not the desktop's
translated UI): labels of statuses and types, and every message, saying what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

STATUS = {
    "unverified": "Belum diverifikasi",
    "forwarded": "Diteruskan ke instansi, belum ditindaklanjuti",
    "in_progress": "Sedang ditindaklanjuti",
    "reporter_responded": "Ditanggapi Pelapor",
    "postponed": "Ditunda",
    "done": "Selesai",
    "archived": "Diarsipkan",
}
TYPE = {
    "pengaduan": "Pengaduan",
    "aspirasi": "Aspirasi",
    "permintaan_informasi": "Permintaan informasi",
}
FIELD = {
    "complaint_type": "Jenis laporan",
    "title": "Judul",
    "body": "Isi laporan",
    "incident_date": "Tanggal kejadian",
    "province": "Provinsi",
    "regency": "Kabupaten/kota",
    "district": "Kecamatan",
    "village": "Desa/kelurahan",
    "category": "Kategori",
    "reporter.name": "Nama",
    "reporter.phone": "Nomor telepon",
    "reporter.email": "Email",
    "reply_contact": "Kontak untuk kabar",
}
#: Which form field shows the message of a field the validation names.
FORM_FIELD = {
    "complaint_type": "jenis", "title": "judul", "body": "isi", "incident_date": "tanggal",
    "province": "provinsi", "regency": "kabupaten", "district": "kecamatan", "village": "desa",
    "category": "kategori", "reporter.name": "nama", "reporter.phone": "telepon",
    "reporter.email": "email", "reply_contact": "kabar",
}
_CODES = {
    "required": "wajib diisi.",
    "too_long": "terlalu panjang; singkatkan.",
    "too_short": "terlalu pendek; tulis lebih lengkap.",
    "invalid": "tidak dapat dibaca; periksa kembali penulisannya.",
    "unknown": "tidak dikenal; pilih dari daftar.",
    "future": "belum terjadi; isi tanggal hari ini atau sebelumnya.",
}
_HINTS = {
    "reporter.name": "Nama wajib diisi, kecuali Anda memilih melapor secara anonim.",
    "title": "Judul wajib diisi, paling sedikit 5 huruf.",
    "body": "Ceritakan kejadiannya, paling sedikit 10 huruf.",
}
ERRORS = {
    "not_found": "Laporan tidak ditemukan.",
    "closed": "Laporan ini sedang tidak menunggu tanggapan atau penilaian Anda.",
    "empty": "Tanggapan masih kosong. Tulis tanggapan Anda lalu kirim lagi.",
    "too_long": "Tanggapan terlalu panjang (paling banyak 4000 huruf). Singkatkan lalu kirim lagi.",
    "rating": "Pilih nilai 1 sampai 5 lalu kirim lagi.",
    "unavailable": ("Layanan ini sedang tidak dapat menerima laporan. Laporan Anda belum terkirim; "
                    "silakan coba lagi nanti atau hubungi kantor layanan pengaduan."),
    # the contact for news (contact.py), shown beside its field
    "contact_invalid": ("Kontak untuk kabar tidak dapat dibaca. Tulis alamat email "
                        "(nama@contoh.id) atau nomor HP (08... atau +62...), atau kosongkan."),
    "contact_too_long": ("Kontak untuk kabar terlalu panjang. Tulis satu alamat email atau satu "
                         "nomor HP."),
    "contact_not_offered": ("Kabar belum dapat dikirim lewat jenis kontak ini. Tulis kontak lain, "
                            "atau kosongkan lalu lacak laporan Anda sendiri dengan nomor dan "
                            "kode rahasia."),
}
TOO_LARGE = ("Kiriman Anda terlalu besar dan belum diterima. Kurangi atau perkecil foto dan "
             "dokumennya, lalu kirim lagi.")
TOO_MANY = ("Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi satu jam lagi, atau "
            "hubungi kantor layanan pengaduan.")
TOO_MANY_KEPT = ("Terlalu banyak laporan dari alamat Anda dalam satu jam terakhir, jadi laporan "
                 "ini belum terkirim. Isian Anda masih ada di bawah: salin dan simpan dulu, lalu "
                 "kirim lagi satu jam lagi, atau hubungi kantor layanan pengaduan.")
FORM_EXPIRED = ("Formulir ini sudah kedaluwarsa atau cookie dimatikan. Muat ulang halaman, lalu "
                "kirim lagi.")
ACCESS_EXPIRED = "Sesi Anda sudah berakhir. Masukkan lagi nomor laporan dan kode rahasia."
REFUSED = "Permintaan tidak dapat diproses. Muat ulang halaman lalu coba lagi."
NOT_FOUND = ("Nomor laporan atau kode rahasia tidak cocok. Periksa kembali keduanya (kode "
             "ditampilkan saat laporan terkirim). Bila kodenya hilang, hubungi kantor layanan "
             "pengaduan dengan menyebut nomor laporan Anda.")
ANSWERED = "Tanggapan Anda sudah kami terima dan diteruskan kepada petugas."
RATED = "Terima kasih, penilaian Anda sudah kami terima."


#: Beside the files after another field was wrong: a browser never keeps the files chosen.
CHOOSE_FILES_AGAIN = ("Foto atau dokumen yang tadi dipilih belum terkirim. Pilih lagi sebelum "
                      "mengirim.")


def file_error(code: str, name: str, max_files: int, max_mb: int) -> str:
    """Why the files were refused, naming the file, and what to do next."""
    if code == "too_many_files":
        return (f"Terlalu banyak berkas. Pilih lagi paling banyak {max_files} foto atau dokumen "
                "lalu kirim.")
    if code == "file_too_big":
        return (f"Berkas \u201c{name}\u201d lebih besar dari {max_mb} MB. Perkecil foto atau "
                "dokumennya (atau kirim tangkapan layarnya), lalu pilih lagi berkas Anda dan "
                "kirim.")
    if code == "file_type":
        return (f"Berkas \u201c{name}\u201d bukan foto JPG, PNG atau WebP dan bukan dokumen PDF, "
                "jadi tidak dapat dikirim. Foto HEIC dari iPhone: kirim sebagai JPG atau "
                "tangkapan layar. Lalu pilih lagi berkas Anda dan kirim.")
    return ERRORS.get(code, REFUSED)


#: Too long, with the limit: the form leaves the length to the server (a browser's own limit
#: cuts a pasted account without a word), and the text comes back whole to shorten.
_TOO_LONG = {
    "title": "Judul paling banyak 200 huruf. Singkatkan; ceritakan rinciannya di isi laporan.",
    "body": ("Isi laporan lebih dari 20.000 huruf. Singkatkan, atau simpan ceritanya sebagai "
             "dokumen PDF dan lampirkan di bawah."),
}


def field_error(field: str, code: str) -> str:
    if field == "reply_contact":
        return ERRORS.get(code, ERRORS["contact_invalid"])
    if code == "required" and field in _HINTS:
        return _HINTS[field]
    if code == "too_long" and field in _TOO_LONG:
        return _TOO_LONG[field]
    return f"{FIELD.get(field, field)} {_CODES.get(code, _CODES['invalid'])}"


@dataclass(frozen=True)
class ReplyField:
    """How the form asks for a contact for news, by the channels on offer (empty: not asked)."""

    label: str
    kinds: str
    #: ``(value, label)`` of the ways a phone number may be told, when there is a choice.
    phone_ways: tuple[tuple[str, str], ...]
    offered: tuple[str, ...]


_WAY = {"whatsapp": "WhatsApp", "sms": "SMS"}


def reply_field(offered: tuple[str, ...]) -> ReplyField | None:
    if not offered:
        return None
    phones = tuple((way, _WAY[way]) for way in ("whatsapp", "sms") if way in offered)
    if "email" in offered and phones:
        label, kinds = "Email atau nomor HP untuk kabar", "alamat email atau nomor HP"
    elif phones:
        label, kinds = "Nomor HP untuk kabar", "nomor HP (" + " atau ".join(
            name for _, name in phones) + ")"
    else:
        label, kinds = "Email untuk kabar", "alamat email"
    return ReplyField(label, kinds, phones if len(phones) > 1 else (), offered)


def local_time(moment: datetime, zone: tzinfo) -> str:
    """The time with its zone's name (WIB, WITA, WIT): a citizen in Sulawesi reads "08:40 WIB"
    right, where a bare "08:40" reads as local time."""
    return moment.astimezone(zone).strftime("%d-%m-%Y %H:%M %Z").strip()
