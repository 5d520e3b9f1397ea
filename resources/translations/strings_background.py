"""Indonesian wording for signing in, the first sync, sync on reconnect, new-work notices and the
training (bimtek) reset (fill_id.py)."""

ID = {
    # sign in (LoginDialog)
    "Cannot reach the server %1. Check that the address is right and that this computer is "
    "connected to the network (try opening the address in a browser), then sign in again. If "
    "the network is down, try again later: nothing is lost.":
        "Server %1 tidak dapat dihubungi. Periksa apakah alamatnya benar dan komputer ini "
        "tersambung ke jaringan (coba buka alamat itu di peramban), lalu masuk lagi. Jika "
        "jaringan sedang putus, coba lagi nanti: tidak ada yang hilang.",
    "The user name or password is wrong. Check both and try again (passwords are "
    "case-sensitive). Forgot it? Ask your agency's LAPOR! administrator to reset it.":
        "Nama pengguna atau kata sandi salah. Periksa keduanya dan coba lagi (huruf besar dan "
        "kecil pada kata sandi dibedakan). Lupa? Minta admin LAPOR! instansi Anda untuk "
        "mengatur ulang.",
    "The server's security certificate could not be verified. Check the address (it should "
    "start with https://) or ask your administrator.":
        "Sertifikat keamanan server tidak dapat diverifikasi. Periksa alamatnya (seharusnya "
        "diawali https://) atau tanyakan kepada admin Anda.",
    # sync on reconnect (DeskStatusBar)
    "Trying to reconnect; sync starts by itself":
        "Mencoba tersambung lagi; sinkronisasi mulai dengan sendirinya",
    # first sync progress (ProgressDialog)
    "%1 records per second": "%1 data per detik",
    "%1 records · %2 s": "%1 data · %2 dtk",
    "Less than a minute left": "Kurang dari satu menit lagi",
    "About %1 min left": "Sekitar %1 menit lagi",
    # new work (Notifier)
    "A complaint was forwarded to your unit": "Satu laporan didisposisikan ke unit Anda",
    "%1 complaints were forwarded to your unit": "%1 laporan didisposisikan ke unit Anda",
    "A new complaint needs verification": "Satu laporan baru perlu diverifikasi",
    "%1 new complaints need verification": "%1 laporan baru perlu diverifikasi",
    "Tracking numbers %1 and %2 more.": "Nomor pelacakan %1 dan %2 lainnya.",
    "Tracking number: %1": "Nomor pelacakan: %1",
    # training (bimtek) reset (Desk)
    "Reset training data…": "Atur ulang data pelatihan…",
    "Reset training data": "Atur ulang data pelatihan",
    "Reset the training data?": "Atur ulang data pelatihan?",
    "Every complaint, reply and action made in this training session is deleted and the demo "
    "starts again from the same sample data. This cannot be undone. Your real LAPOR! account "
    "and profiles are not touched.":
        "Semua laporan, tanggapan, dan tindakan yang dibuat dalam sesi pelatihan ini dihapus "
        "dan demo dimulai lagi dari data contoh yang sama. Ini tidak dapat dibatalkan. Akun "
        "LAPOR! dan profil Anda yang sebenarnya tidak tersentuh.",
    "Reset": "Atur ulang",
    "Keep my work": "Simpan pekerjaan saya",
    "Resetting the training data": "Mengatur ulang data pelatihan",
}
