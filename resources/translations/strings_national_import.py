"""Indonesian wording for national records in the register import: the SP4N-LAPOR! columns, what
a row does to the complaint of its number, the counts, and the server's refusals (fill_id.py)."""

ID = {
    # the columns of a national record
    "SP4N-LAPOR! number": "Nomor SP4N-LAPOR!",
    "Status in SP4N-LAPOR!": "Status di SP4N-LAPOR!",
    "Follow-up in SP4N-LAPOR!": "Tindak lanjut di SP4N-LAPOR!",
    "Follow-up date": "Tanggal tindak lanjut",
    "Reporter's response in SP4N-LAPOR!": "Tanggapan pelapor di SP4N-LAPOR!",
    "Response date": "Tanggal tanggapan",
    # the preview
    "In SP4N-LAPOR!": "Di SP4N-LAPOR!",
    "New complaint": "Laporan baru",
    "Known; nothing changes": "Sudah ada; tidak berubah",
    "Part of the record above": "Bagian dari laporan di atas",
    "status → %1": "status → %1",
    "+%1 follow-up(s)": "+%1 tindak lanjut",
    "Update: %1": "Diperbarui: %1",
    "SP4N-LAPOR! records: %1 new, %2 update complaints held here, %3 change nothing.":
        "Laporan SP4N-LAPOR!: %1 baru, %2 memperbarui laporan yang sudah ada, %3 tidak "
        "berubah.",
    "%1 complaints updated from SP4N-LAPOR! (sent at the next sync); %2 unchanged.":
        "%1 laporan diperbarui dari SP4N-LAPOR! (dikirim saat sinkronisasi berikutnya); "
        "%2 tidak berubah.",
    # problems of a row
    "The complaint cannot reach this status here yet (Selesai needs it verified, forwarded "
    "and answered first): handle it, then import again.":
        "Laporan ini belum dapat berstatus ini di sini (Selesai perlu diverifikasi, "
        "didisposisikan dan ditanggapi dulu): tangani dulu, lalu impor lagi.",
    "Not a status of SP4N-LAPOR! (e.g. Selesai, Sedang Diproses).":
        "Bukan status SP4N-LAPOR! (misalnya Selesai, Sedang Diproses).",
    "A follow-up can be added only once the complaint is forwarded here: verify and forward "
    "it, then import again.":
        "Tindak lanjut baru dapat ditambahkan setelah laporan didisposisikan di sini: "
        "verifikasi dan disposisikan dulu, lalu impor lagi.",
    "The complaint is finished here: reopen it first to add the reporter's response.":
        "Laporan ini sudah selesai di sini: buka kembali dulu untuk menambahkan tanggapan "
        "pelapor.",
    "Only an agency admin may take in records from SP4N-LAPOR!.":
        "Hanya admin instansi yang boleh memasukkan laporan dari SP4N-LAPOR!.",
    "Write the SP4N-LAPOR! number in digits, e.g. 7312345.":
        "Tulis nomor SP4N-LAPOR! dengan angka, misalnya 7312345.",
    # the outbox review
    "Update from SP4N-LAPOR!": "Pembaruan dari SP4N-LAPOR!",
    "This SP4N-LAPOR! number belongs to a complaint outside your area, so it was not changed. "
    "Tell the agency that holds it, then discard this action.":
        "Nomor SP4N-LAPOR! ini milik laporan di luar wilayah Anda, jadi tidak diubah. "
        "Beri tahu instansi yang memegangnya, lalu buang tindakan ini.",
    "No complaint on the server carries this SP4N-LAPOR! number (its row was not recorded). "
    "Check the number in the file, then discard this action.":
        "Tidak ada laporan di server dengan nomor SP4N-LAPOR! ini (barisnya tidak tercatat). "
        "Periksa nomornya di berkas, lalu buang tindakan ini.",
    "SP4N-LAPOR! shows a status or follow-up this complaint cannot take here yet (for example "
    "Selesai before it is verified and forwarded). Nothing was changed: handle the complaint "
    "first, then import the file again.":
        "SP4N-LAPOR! menunjukkan status atau tindak lanjut yang belum dapat diterima laporan "
        "ini di sini (misalnya Selesai sebelum diverifikasi dan didisposisikan). Tidak ada "
        "yang diubah: tangani laporannya dulu, lalu impor berkasnya lagi.",
    "Only an agency admin may take in records from SP4N-LAPOR!. Nothing was changed: discard "
    "this action.":
        "Hanya admin instansi yang boleh memasukkan laporan dari SP4N-LAPOR!. Tidak ada yang "
        "diubah: buang tindakan ini.",
    "Another complaint on the server already carries this SP4N-LAPOR! number (outside your "
    "area, or not yet in your list), so it was not recorded twice. Discard this action.":
        "Laporan lain di server sudah memakai nomor SP4N-LAPOR! ini (di luar wilayah Anda, "
        "atau belum ada di daftar Anda), jadi tidak dicatat dua kali. Buang tindakan ini.",
}
