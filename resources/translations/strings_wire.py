"""Indonesian wording for a server address that is refused (plain http://) and for a page the
server sent that this computer cannot accept (fill_id.py)."""

ID = {
    # the sign-in dialog, beside the server address (lapor_desk/ui/dialogs/login.py)
    "Use the address that starts with https://. With http:// your password and the complaints "
    "would travel unprotected, so LAPOR Desk does not connect to it.":
        "Gunakan alamat yang diawali https://. Dengan http://, kata sandi Anda dan isi laporan "
        "akan terkirim tanpa perlindungan, sehingga LAPOR Desk tidak mau terhubung ke alamat "
        "itu.",
    # error codes (lapor_desk/ui/labels.py ERRORS)
    "This server address starts with http://, which would send your password and the "
    "complaints unprotected over the network. Use the address that starts with https:// (ask "
    "your administrator if you do not know it).":
        "Alamat server ini diawali http://, sehingga kata sandi Anda dan isi laporan akan "
        "terkirim tanpa perlindungan lewat jaringan. Gunakan alamat yang diawali https:// "
        "(tanyakan kepada administrator Anda bila belum tahu).",
    "This is not a server address. Type it like https://lapor.example.go.id.":
        "Ini bukan alamat server. Tuliskan seperti https://lapor.example.go.id.",
    "The server sent data this computer cannot accept, so none of it was saved. Sync again "
    "later; if it happens again, save the diagnostics (Help menu) and send them to your "
    "administrator.":
        "Server mengirim data yang tidak dapat diterima komputer ini, sehingga tidak ada yang "
        "disimpan. Sinkronkan lagi nanti; bila terjadi lagi, simpan diagnostik (menu Bantuan) "
        "lalu kirimkan kepada administrator Anda.",
}
