"""Indonesian wording for people: the Pengguna screen (accounts an admin manages), its dialogs,
and the sign-in that replaces a one-time password (fill_id.py)."""

ID = {
    # the sign-in dialog: a one-time password
    "New password": "Kata sandi baru",
    "Repeat new password": "Ulangi kata sandi baru",
    "Save password and sign in": "Simpan kata sandi dan masuk",
    "The new password needs at least %1 characters.":
        "Kata sandi baru minimal %1 karakter.",
    "The two new passwords differ. Type the same password in both fields.":
        "Kedua kata sandi baru berbeda. Ketik kata sandi yang sama di kedua kolom.",
    "Choose a password other than the one you were given.":
        "Pilih kata sandi yang berbeda dari kata sandi yang diberikan kepada Anda.",
    "The password you typed was given to you for this first sign-in only. Choose your own "
    "password (at least 8 characters), type it twice, then sign in.":
        "Kata sandi yang Anda ketik hanya berlaku untuk masuk pertama kali. Buat kata sandi "
        "Anda sendiri (minimal 8 karakter), ketik dua kali, lalu masuk.",
    # the People screen
    "People": "Pengguna",
    "The accounts you manage: create, move, disable, reset a password (Ctrl+Shift+U)":
        "Akun yang Anda kelola: buat, pindahkan, nonaktifkan, setel ulang kata sandi "
        "(Ctrl+Shift+U)",
    "The accounts you manage. Changes are made on the server at once; a new or reset "
    "password is shown once, to hand to its owner.":
        "Akun yang Anda kelola. Perubahan langsung disimpan di server; kata sandi akun baru "
        "atau yang disetel ulang hanya ditampilkan sekali, untuk diserahkan kepada pemiliknya.",
    "Name or user name…": "Nama atau nama pengguna…",
    "Show disabled": "Tampilkan yang nonaktif",
    "All roles": "Semua peran",
    "All units": "Semua unit",
    "Name": "Nama",
    "User name": "Nama pengguna",
    "Role": "Peran",
    "Unit": "Unit",
    "State": "Keadaan",
    "Agency admin": "Admin Instansi",
    "Liaison officer": "Petugas Penghubung",
    "National admin": "Admin Nasional",
    "Active": "Aktif",
    "Disabled": "Nonaktif",
    "Active · must set a new password": "Aktif · harus membuat kata sandi baru",
    "New account…": "Akun baru…",
    "Move…": "Pindahkan…",
    "Disable": "Nonaktifkan",
    "Enable": "Aktifkan",
    "Reset password": "Setel ulang kata sandi",
    "History": "Riwayat",
    "Refresh": "Muat ulang",
    "History of %1": "Riwayat %1",
    "Nothing recorded yet.": "Belum ada yang tercatat.",
    "created": "dibuat",
    "disabled": "dinonaktifkan",
    "enabled": "diaktifkan",
    "moved": "dipindahkan",
    "password reset": "kata sandi disetel ulang",
    "own password set": "membuat kata sandi sendiri",
    "name changed": "nama diubah",
    "Disable the account of %1? They can no longer sign in, and their desktop deletes its "
    "copy of their work at its next contact.":
        "Nonaktifkan akun %1? Ia tidak dapat masuk lagi, dan aplikasi di komputernya "
        "menghapus salinan datanya saat terhubung berikutnya.",
    "Reset the password of %1? Their sessions end; you get a one-time password to hand over, "
    "and they choose their own at the next sign-in.":
        "Setel ulang kata sandi %1? Sesi masuknya berakhir; Anda mendapat kata sandi sekali "
        "pakai untuk diserahkan, dan ia membuat kata sandinya sendiri saat masuk berikutnya.",
    "You may not do this to this account: you manage agency admins and liaison officers of "
    "your own agency, never your own account.":
        "Anda tidak boleh mengubah akun ini: Anda mengelola admin instansi dan petugas "
        "penghubung di instansi Anda sendiri, bukan akun Anda sendiri.",
    "This user name is taken: choose another (e.g. add the unit's short name).":
        "Nama pengguna ini sudah dipakai: pilih yang lain (mis. tambahkan singkatan unitnya).",
    "The account or unit no longer exists on the server: refresh the list.":
        "Akun atau unit ini sudah tidak ada di server: muat ulang daftarnya.",
    "Accounts are managed on the server: connect to the network and try again.":
        "Akun dikelola di server: sambungkan ke jaringan lalu coba lagi.",
    "Give the user name and the full name.": "Isi nama pengguna dan nama lengkap.",
    # the account dialogs
    "New account": "Akun baru",
    "Move %1": "Pindahkan %1",
    "e.g. lo.dinkes.konsel": "mis. lo.dinkes.konsel",
    "Full name": "Nama lengkap",
    "Create": "Buat",
    "Move": "Pindahkan",
    "Cancel": "Batal",
    "Give a user name without spaces (e.g. lo.dinkes.konsel).":
        "Isi nama pengguna tanpa spasi (mis. lo.dinkes.konsel).",
    "Give the person's full name.": "Isi nama lengkap orangnya.",
    "Choose a unit from the list.": "Pilih unit dari daftar.",
    "One-time password": "Kata sandi sekali pakai",
    "Give this password to %1 (user name %2). It is shown only now: write it down or copy it "
    "before closing. At the first sign-in %1 must choose their own password.":
        "Berikan kata sandi ini kepada %1 (nama pengguna %2). Kata sandi hanya ditampilkan "
        "sekarang: catat atau salin sebelum menutup. Saat masuk pertama kali, %1 harus membuat "
        "kata sandinya sendiri.",
    "Copy": "Salin",
    "Close": "Tutup",
}
