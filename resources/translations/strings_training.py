"""Indonesian wording for the training (bimtek) server: the facilitator's window, the printed list
of trainee accounts, and the sign-in messages about training addresses (fill_id.py)."""

ID = {
    # the facilitator's window
    "LAPOR Desk training server (bimtek)": "Server latihan LAPOR Desk (bimtek)",
    "On the sign-in screen of LAPOR Desk, trainees type in Server:":
        "Di layar masuk LAPOR Desk, peserta mengetik pada kolom Server:",
    "Open to the room": "Buka untuk ruangan",
    "The training clock stands still: deadlines do not pass and nothing closes by itself during "
    "the session.":
        "Jam latihan dibekukan: tenggat tidak terlewati dan tidak ada laporan yang selesai "
        "otomatis selama sesi.",
    "Print the list…": "Cetak daftar…",
    "Refresh": "Perbarui",
    "Reset this trainee…": "Ulang latihan peserta ini…",
    "Reset everyone…": "Ulang latihan semua peserta…",
    "No.": "No.",
    "User name": "Nama pengguna",
    "Password": "Kata sandi",
    "Practice pemda": "Pemda latihan",
    "Done": "Selesai",
    "Preparing the training server…": "Menyiapkan server latihan…",
    "Creating the training data and the trainees' accounts…":
        "Membuat data latihan dan akun peserta…",
    "Starting the training server…": "Menjalankan server latihan…",
    "The training server is running.": "Server latihan berjalan.",
    "The port is already in use on this computer (is another training server open?). Close it, "
    "or start with another --port.":
        "Port ini sudah dipakai di komputer ini (apakah server latihan lain masih terbuka?). "
        "Tutup dulu, atau jalankan dengan --port yang lain.",
    "The training server could not do that. Its log is in %1.":
        "Server latihan tidak dapat melakukannya. Catatannya ada di %1.",
    "Only this computer can reach the server now. To open it to the room, choose this "
    "computer's address on the room's network:":
        "Saat ini hanya komputer ini yang dapat menghubungi server. Untuk membukanya bagi "
        "ruangan, pilih alamat komputer ini di jaringan ruangan:",
    "Only this computer can reach the server: it has no address on a local network. Connect it "
    "to the room's network (Wi-Fi or cable) and start again.":
        "Hanya komputer ini yang dapat menghubungi server: komputer ini belum punya alamat di "
        "jaringan lokal. Sambungkan ke jaringan ruangan (Wi-Fi atau kabel), lalu mulai lagi.",
    "The room's computers reach the server at this address (this computer's address on the "
    "room's network, port %1).":
        "Komputer peserta menghubungi server di alamat ini (alamat komputer ini di jaringan "
        "ruangan, port %1).",
    "Opening the server to the room…": "Membuka server untuk ruangan…",
    "%1 of %2 trainees have done every exercise.":
        "%1 dari %2 peserta sudah menyelesaikan semua latihan.",
    "Cancel": "Batal",
    "Reset a trainee": "Ulang latihan peserta",
    "Start %1's exercises again?": "Mulai lagi latihan %1?",
    "Their exercise complaints and what they recorded are deleted and made afresh; their desktop "
    "shows the new ones at its next sync. The other trainees are not touched; the password "
    "stays.":
        "Laporan latihannya dan yang dicatatnya dihapus lalu dibuat baru; komputernya menampilkan "
        "yang baru pada sinkronisasi berikutnya. Peserta lain tidak terpengaruh; kata sandi "
        "tetap.",
    "Reset": "Ulangi",
    "Resetting %1…": "Mengulang latihan %1…",
    "Reset everyone": "Ulang latihan semua peserta",
    "Start the whole training again?": "Mulai lagi seluruh latihan?",
    "Every trainee's work is deleted and the training data is made afresh. The accounts and "
    "passwords on the printed list stay valid; trainees sign in again.":
        "Pekerjaan semua peserta dihapus dan data latihan dibuat baru. Akun dan kata sandi pada "
        "daftar yang dicetak tetap berlaku; peserta masuk lagi.",
    "Resetting the training data…": "Mengulang data latihan…",
    "Reset done.": "Latihan sudah diulang.",
    "Print the trainees' accounts": "Cetak akun peserta",
    # the printed list
    "LAPOR Desk training (bimtek): trainee accounts": "Bimtek LAPOR Desk: akun peserta",
    "On the sign-in screen of LAPOR Desk, type in Server:":
        "Di layar masuk LAPOR Desk, ketik pada kolom Server:",
    "then your user name and password from the list below.":
        "lalu nama pengguna dan kata sandi Anda dari daftar di bawah.",
    "Participant (name)": "Peserta (nama)",
    "Exercises": "Latihan",
    "These passwords are for this training server only. Never use them, or your own password, "
    "anywhere else; they end with the training.":
        "Kata sandi ini hanya untuk server latihan ini. Jangan pernah dipakai di tempat lain, "
        "dan jangan memakai kata sandi Anda sendiri di sini; semuanya berakhir bersama latihan.",
    "Verify and forward": "Verifikasi dan teruskan",
    "Open “[Latihan 1] …”, check it and forward it to the Dinas Pekerjaan Umum dan Penataan "
    "Ruang of your practice pemda.":
        "Buka “[Latihan 1] …”, periksa, lalu teruskan ke Dinas Pekerjaan Umum dan Penataan Ruang "
        "di pemda latihan Anda.",
    "Reply with a template": "Balas dengan templat",
    "Open “[Latihan 2] …”, write the reply to the reporter starting from a reply template, and "
    "send it.":
        "Buka “[Latihan 2] …”, tulis balasan kepada pelapor dengan memulai dari templat balasan, "
        "lalu kirim.",
    "Record a walk-in": "Catat pengaduan tatap muka",
    "Record a citizen who came to the counter: a new complaint with the channel “walk-in”.":
        "Catat warga yang datang ke loket: laporan baru dengan kanal “tatap muka”.",
    "Repair a conflict": "Perbaiki konflik",
    "Forward “[Latihan 4] …” to Dinas PUPR. A colleague forwarded it elsewhere a moment before "
    "you: open the conflict, see who changed it, and apply your forward again on the complaint "
    "as it now stands.":
        "Teruskan “[Latihan 4] …” ke Dinas PUPR. Sesaat sebelumnya seorang rekan meneruskannya ke "
        "tempat lain: buka konfliknya, lihat siapa yang mengubahnya, lalu terapkan lagi penerusan "
        "Anda pada laporan sebagaimana sekarang.",
    # the sign-in dialog (labels.py)
    "A training address (bimtek://) is the facilitator's computer on this room's network, typed "
    "as shown on the facilitator's screen, e.g. bimtek://192.168.1.10:8717.":
        "Alamat latihan (bimtek://) adalah komputer fasilitator di jaringan ruangan ini, diketik "
        "persis seperti di layar fasilitator, misalnya bimtek://192.168.1.10:8717.",
    "This address is not a training server, so your password was not sent. Check the address on "
    "the facilitator's screen.":
        "Alamat ini bukan server latihan, jadi kata sandi Anda tidak dikirim. Periksa alamat di "
        "layar fasilitator.",
}
