"""Maintainer tool: put the Indonesian wording into lapor_desk_id.ts after pyside6-lupdate.

    .venv/bin/pyside6-lupdate $(find lapor_desk/ui -name '*.py' | sort) \
        -ts resources/translations/lapor_desk_id.ts -no-obsolete
    .venv/bin/python resources/translations/fill_id.py
    .venv/bin/pyside6-lrelease resources/translations/lapor_desk_id.ts

Strings with no wording here stay "unfinished" and the translations test fails, so a new
source string is never shipped untranslated by accident.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ID = {
    # labels: queues and statuses (the words of the LAPOR! application)
    "Needs verification": "Perlu Verifikasi",
    "Not yet followed up": "Belum Ditindaklanjuti",
    "In progress": "Sedang Diproses",
    "Reporter responded": "Ditanggapi Pelapor",
    "Postponed": "Tertunda",
    "Done": "Selesai",
    "Archive": "Arsip",
    "Outbox": "Kotak Keluar",
    "Conflicts": "Konflik",
    "Unverified": "Belum Terverifikasi",
    "Forwarded, not followed up": "Terdisposisi, Belum Ditindaklanjuti",
    "Forwarded, in progress": "Terdisposisi, Sedang Diproses",
    "Archived": "Diarsipkan",
    "Complaint": "Pengaduan",
    "Aspiration": "Aspirasi",
    "Information request": "Permintaan Informasi",
    "Mobile app": "Aplikasi seluler",
    "Walk-in": "Tatap muka",
    "Letter": "Surat",
    "Phone": "Telepon",
    "Newspaper": "Surat kabar",
    "Submitted by the reporter": "Dikirim oleh pelapor",
    "Recorded by an admin": "Dicatat oleh admin",
    "Forwarded": "Didisposisikan",
    "Handled by the agency itself": "Ditangani sendiri oleh instansi",
    "Returned: not our authority": "Dikembalikan: bukan wewenang",
    "Rerouted": "Dialihkan",
    "Closed": "Ditutup",
    "Closed automatically": "Ditutup otomatis",
    "Follow-up reply": "Tindak lanjut",
    "Internal note": "Catatan internal",
    "Reporter's response": "Tanggapan pelapor",
    "Linked as duplicate": "Ditautkan sebagai duplikat",
    "Duplicate link removed": "Tautan duplikat dihapus",
    "Cannot reach the server. Your work is kept and will be sent at the next sync.":
        "Server tidak dapat dihubungi. Pekerjaan Anda tersimpan dan akan dikirim pada "
        "sinkronisasi berikutnya.",
    "The server did not answer in time.": "Server tidak menjawab tepat waktu.",
    "The user name or password is wrong.": "Nama pengguna atau kata sandi salah.",
    "This account is disabled. Ask your administrator.":
        "Akun ini dinonaktifkan. Hubungi administrator Anda.",
    "Your session has expired. Please sign in again.":
        "Sesi Anda telah berakhir. Silakan masuk kembali.",
    "Your session was ended. Please sign in again.":
        "Sesi Anda telah diakhiri. Silakan masuk kembali.",
    "Please sign in.": "Silakan masuk.",
    "Too many attempts. Wait a few minutes and try again.":
        "Terlalu banyak percobaan. Tunggu beberapa menit lalu coba lagi.",
    "The server has a problem right now. Try again later; nothing was lost.":
        "Server sedang bermasalah. Coba lagi nanti; tidak ada yang hilang.",
    "This action is not possible in the complaint's current status.":
        "Tindakan ini tidak dapat dilakukan pada status laporan saat ini.",
    "Your role may not do this.": "Peran Anda tidak diizinkan melakukan ini.",
    "This complaint is outside your area.": "Laporan ini di luar wilayah kewenangan Anda.",
    "The complaint cannot be forwarded there.": "Laporan tidak dapat didisposisikan ke sana.",
    "Please give a reason.": "Silakan isi alasannya.",
    "Something in the form is missing or invalid.": "Ada isian yang kosong atau tidak valid.",
    "The complaint is no longer in your list.": "Laporan ini sudah tidak ada di daftar Anda.",
    "The demo server could not be started.": "Server demo tidak dapat dijalankan.",
    "Sync stopped. What was received is kept; the next sync continues from there.":
        "Sinkronisasi dihentikan. Data yang sudah diterima tetap tersimpan; sinkronisasi "
        "berikutnya melanjutkan dari sana.",
    "Something went wrong (%1).": "Terjadi kesalahan (%1).",
    # complaint table
    "Deadline": "Tenggat", "No.": "No.", "Title": "Judul", "Privacy": "Privasi",
    "Type": "Jenis", "Status": "Status", "Unit / agency": "Unit / instansi",
    "Received": "Diterima", "Overdue": "Terlambat", "Overdue %1 WD": "Terlambat %1 HK",
    "Today": "Hari ini", "%1 WD left": "Sisa %1 HK", "ANONYMOUS": "ANONIM",
    "CONFIDENTIAL": "RAHASIA", "%1 (waiting to send)": "%1 (menunggu dikirim)",
    "%1 (rejected by server)": "%1 (ditolak server)", "%1 (conflict)": "%1 (konflik)",
    "Due %1": "Tenggat %1", "new": "baru",
    # detail
    "Select a complaint to see its details.": "Pilih laporan untuk melihat rinciannya.",
    "Forward…": "Disposisi…", "Follow-up reply…": "Tindak lanjut…",
    "Internal note…": "Catatan internal…",
    "ANONYMOUS: reporter's identity is hidden": "ANONIM: identitas pelapor dirahasiakan",
    "CONFIDENTIAL: content must not be made public": "RAHASIA: isi laporan tidak boleh "
                                                     "dipublikasikan",
    "Waiting to be sent": "Menunggu dikirim",
    "Needs attention: the server refused an action": "Perlu perhatian: server menolak "
                                                     "tindakan",
    "No. %1": "No. %1",
    "Content hidden: confidential complaint outside your units.":
        "Isi disembunyikan: laporan rahasia di luar unit Anda.",
    "Hidden (anonymous)": "Dirahasiakan (anonim)", "Reporter": "Pelapor",
    "Location": "Lokasi", "Category": "Kategori", "Responsible": "Instansi terlapor",
    "Handling unit": "Unit penanganan", "Timeline (newest first)": "Riwayat (terbaru di atas)",
    "waiting to be sent": "menunggu dikirim",
    "Content hidden (confidential)": "Isi disembunyikan (rahasia)",
    # dialogs
    "Forward complaint": "Disposisi laporan", "Forward “%1” to:": "Disposisikan “%1” ke:",
    "Search a unit or agency…": "Cari unit atau instansi…",
    "Note for the unit (optional)": "Catatan untuk unit (opsional)",
    "Forward": "Disposisi", "Cancel": "Batal",
    "The reporter will see this reply.": "Pelapor akan melihat tanggapan ini.",
    "Only officers see internal notes; the reporter never does.":
        "Catatan internal hanya terlihat oleh petugas, tidak oleh pelapor.",
    "ANONYMOUS report: do not mention the reporter's name or contact.":
        "Laporan ANONIM: jangan sebutkan nama atau kontak pelapor.",
    "Write the follow-up: what was done, by whom, and what happens next.":
        "Tulis tindak lanjut: apa yang sudah dilakukan, oleh siapa, dan langkah berikutnya.",
    "Write the note…": "Tulis catatan…", "Send reply": "Kirim tanggapan",
    "Save note": "Simpan catatan",
    "Sign in to LAPOR Desk": "Masuk ke LAPOR Desk",
    "Use the account your agency's LAPOR! administrator gave you. Your work stays on this "
    "computer and is sent when you are online.":
        "Gunakan akun yang diberikan administrator LAPOR! instansi Anda. Pekerjaan Anda "
        "tersimpan di komputer ini dan dikirim saat daring.",
    "e.g. admin.kendari": "mis. admin.kendari", "Server": "Server",
    "User name": "Nama pengguna", "Password": "Kata sandi", "Sign in": "Masuk",
    "Fill in the server, user name and password.":
        "Isi alamat server, nama pengguna, dan kata sandi.",
    "Signing in…": "Sedang masuk…",
    "Stop": "Hentikan", "Stopping after the current page…": "Berhenti setelah halaman ini…",
    "Sending your work…": "Mengirim pekerjaan Anda…", "Uploading files…": "Mengunggah berkas…",
    "Receiving complaints…": "Menerima laporan…", "Downloading files…": "Mengunduh berkas…",
    "Finished.": "Selesai.", "%1 records · %2 · %3 s": "%1 data · %2 · %3 dtk",
    "Preparing the training database…": "Menyiapkan basis data pelatihan…",
    "Creating %1 sample complaints…": "Membuat %1 laporan contoh…",
    "Starting the local server…": "Menyalakan server lokal…",
    "Signing in as the demo admin…": "Masuk sebagai admin demo…",
    "Preparing the LAPOR Desk demo": "Menyiapkan demo LAPOR Desk",
    "First sync": "Sinkronisasi pertama",
    # main window and status bar
    "LAPOR Desk": "LAPOR Desk", "Sync now": "Sinkronkan",
    "Send your work and fetch changes (F5)": "Kirim pekerjaan Anda dan ambil perubahan (F5)",
    "Sign out": "Keluar", "Quit": "Tutup aplikasi", "&File": "&Berkas", "&View": "&Tampilan",
    "Language": "Bahasa",
    "Search titles, reports and replies (Ctrl+F)": "Cari judul, isi laporan, dan tanggapan "
                                                   "(Ctrl+F)",
    "All types": "Semua jenis", "National admin": "Admin Nasional",
    "Agency admin": "Admin Instansi", "Liaison officer": "Pejabat Penghubung",
    "(request id %1)": "(id permintaan %1)",
    "● Not connected yet": "● Belum tersambung", "● Online": "● Daring",
    "● Offline: work is kept and sent later": "● Luring: pekerjaan disimpan dan dikirim nanti",
    "Last sync: %1": "Sinkronisasi terakhir: %1", "Waiting to send: %1": "Menunggu dikirim: %1",
    "Rejected: %1": "Ditolak: %1", "Syncing…": "Menyinkronkan…",
    "Syncing: %1 records": "Menyinkronkan: %1 data",
}


def _more_wording() -> None:
    """Wording kept beside this file in ``strings_<area>.py`` (each defines ``ID = {...}``)."""
    import importlib.util

    for extra in sorted(Path(__file__).parent.glob("strings_*.py")):
        spec = importlib.util.spec_from_file_location(extra.stem, extra)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        ID.update(module.ID)


_more_wording()


def fill(path: Path) -> list[str]:
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        text = ID.get(source)
        if text is None:
            missing.append(source)
            continue
        translation.text = text
        translation.attrib.pop("type", None)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    target = Path(__file__).with_name("lapor_desk_id.ts")
    left = fill(target)
    for source in left:
        print(f"untranslated: {source!r}", file=sys.stderr)
    sys.exit(1 if left else 0)
