"""Indonesian wording for the question a reason, note or register-import dialog asks before throwing away what
was typed (ui/dialogs/discard_guard.py; merged into lapor_desk_id.ts by fill_id.py)."""

ID = {
    "Throw away what you wrote?": "Buang tulisan Anda?",
    "The text you typed in this window is not saved anywhere else.":
        "Teks yang Anda ketik di jendela ini tidak tersimpan di tempat lain.",
    "Keep writing": "Lanjut menulis",
    "Throw away": "Buang",
    "Close without importing? The columns you corrected and the values you typed are lost "
    "unless you save them as settings.":
        "Tutup tanpa mengimpor? Kolom yang Anda betulkan dan nilai yang Anda ketik hilang "
        "kecuali disimpan sebagai pengaturan.",
}
