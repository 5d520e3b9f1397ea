<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID">
<context>
    <name>ComplaintTable</name>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="36" />
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="36" />
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="37" />
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="38" />
        <source>Privacy</source>
        <translation>Privasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="40" />
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="37" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="39" />
        <source>Unit / agency</source>
        <translation>Unit / instansi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="40" />
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="57" />
        <source>Overdue</source>
        <translation>Terlambat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="58" />
        <source>Overdue %1 WD</source>
        <translation>Terlambat %1 HK</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="60" />
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="61" />
        <source>%1 WD left</source>
        <translation>Sisa %1 HK</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="68" />
        <source>ANONYMOUS</source>
        <translation>ANONIM</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="70" />
        <source>CONFIDENTIAL</source>
        <translation>RAHASIA</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="77" />
        <source>%1 (waiting to send)</source>
        <translation>%1 (menunggu dikirim)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="79" />
        <source>%1 (rejected by server)</source>
        <translation>%1 (ditolak server)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="82" />
        <source>%1 (conflict)</source>
        <translation>%1 (konflik)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="207" />
        <source>Due %1</source>
        <translation>Tenggat %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="222" />
        <source>new</source>
        <translation>baru</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="93" />
        <source>Preparing the LAPOR Desk demo</source>
        <translation>Menyiapkan demo LAPOR Desk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="112" />
        <source>First sync</source>
        <translation>Sinkronisasi pertama</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="47" />
        <source>Stop</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="51" />
        <location filename="../../lapor_desk/ui/status_bar.py" line="56" />
        <source>● Not connected yet</source>
        <translation>● Belum tersambung</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="59" />
        <source>● Online</source>
        <translation>● Daring</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="62" />
        <source>● Offline: work is kept and sent later</source>
        <translation>● Luring: pekerjaan disimpan dan dikirim nanti</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="67" />
        <source>Last sync: %1</source>
        <translation>Sinkronisasi terakhir: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="69" />
        <source>Waiting to send: %1</source>
        <translation>Menunggu dikirim: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="70" />
        <source>Rejected: %1</source>
        <translation>Ditolak: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="78" />
        <source>Syncing…</source>
        <translation>Menyinkronkan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="81" />
        <source>Syncing: %1 records</source>
        <translation>Menyinkronkan: %1 data</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="93" />
        <source>Select a complaint to see its details.</source>
        <translation>Pilih laporan untuk melihat rinciannya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="94" />
        <source>Forward…</source>
        <translation>Disposisi…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="95" />
        <source>Follow-up reply…</source>
        <translation>Tindak lanjut…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="96" />
        <source>Internal note…</source>
        <translation>Catatan internal…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="97" />
        <source>ANONYMOUS: reporter's identity is hidden</source>
        <translation>ANONIM: identitas pelapor dirahasiakan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="98" />
        <source>CONFIDENTIAL: content must not be made public</source>
        <translation>RAHASIA: isi laporan tidak boleh dipublikasikan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="100" />
        <source>Waiting to be sent</source>
        <translation>Menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="101" />
        <source>Needs attention: the server refused an action</source>
        <translation>Perlu perhatian: server menolak tindakan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="125" />
        <source>new</source>
        <translation>baru</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="126" />
        <source>No. %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="147" />
        <source>Content hidden: confidential complaint outside your units.</source>
        <translation>Isi disembunyikan: laporan rahasia di luar unit Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="148" />
        <source>Timeline (newest first)</source>
        <translation>Riwayat (terbaru di atas)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="152" />
        <source>Hidden (anonymous)</source>
        <translation>Dirahasiakan (anonim)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="156" />
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="157" />
        <source>Location</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="158" />
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="160" />
        <source>Responsible</source>
        <translation>Instansi terlapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="161" />
        <source>Handling unit</source>
        <translation>Unit penanganan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="162" />
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="163" />
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="183" />
        <source>waiting to be sent</source>
        <translation>menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="187" />
        <source>Content hidden (confidential)</source>
        <translation>Isi disembunyikan (rahasia)</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="21" />
        <source>Follow-up reply</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="21" />
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="26" />
        <source>The reporter will see this reply.</source>
        <translation>Pelapor akan melihat tanggapan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="27" />
        <source>Only officers see internal notes; the reporter never does.</source>
        <translation>Catatan internal hanya terlihat oleh petugas, tidak oleh pelapor.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="30" />
        <source>ANONYMOUS report: do not mention the reporter's name or contact.</source>
        <translation>Laporan ANONIM: jangan sebutkan nama atau kontak pelapor.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="36" />
        <source>Write the follow-up: what was done, by whom, and what happens next.</source>
        <translation>Tulis tindak lanjut: apa yang sudah dilakukan, oleh siapa, dan langkah berikutnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="38" />
        <source>Write the note…</source>
        <translation>Tulis catatan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="42" />
        <source>Send reply</source>
        <translation>Kirim tanggapan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="42" />
        <source>Save note</source>
        <translation>Simpan catatan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="44" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="45" />
        <source>Forward complaint</source>
        <translation>Disposisi laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="47" />
        <source>Forward “%1” to:</source>
        <translation>Disposisikan “%1” ke:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="51" />
        <source>Search a unit or agency…</source>
        <translation>Cari unit atau instansi…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="66" />
        <source>Note for the unit (optional)</source>
        <translation>Catatan untuk unit (opsional)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="71" />
        <source>Forward</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="73" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="15" />
        <source>Needs verification</source>
        <translation>Perlu Verifikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="16" />
        <source>Not yet followed up</source>
        <translation>Belum Ditindaklanjuti</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="17" />
        <source>In progress</source>
        <translation>Sedang Diproses</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="18" />
        <location filename="../../lapor_desk/ui/labels.py" line="29" />
        <source>Reporter responded</source>
        <translation>Ditanggapi Pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="19" />
        <location filename="../../lapor_desk/ui/labels.py" line="30" />
        <location filename="../../lapor_desk/ui/labels.py" line="53" />
        <source>Postponed</source>
        <translation>Tertunda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="20" />
        <location filename="../../lapor_desk/ui/labels.py" line="31" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="21" />
        <source>Archive</source>
        <translation>Arsip</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="22" />
        <source>Outbox</source>
        <translation>Kotak Keluar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="23" />
        <source>Conflicts</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="26" />
        <source>Unverified</source>
        <translation>Belum Terverifikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="27" />
        <source>Forwarded, not followed up</source>
        <translation>Terdisposisi, Belum Ditindaklanjuti</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="28" />
        <source>Forwarded, in progress</source>
        <translation>Terdisposisi, Sedang Diproses</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="32" />
        <location filename="../../lapor_desk/ui/labels.py" line="55" />
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="35" />
        <source>Complaint</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="36" />
        <source>Aspiration</source>
        <translation>Aspirasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="37" />
        <source>Information request</source>
        <translation>Permintaan Informasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="42" />
        <source>Mobile app</source>
        <translation>Aplikasi seluler</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="43" />
        <source>Walk-in</source>
        <translation>Tatap muka</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="44" />
        <source>Letter</source>
        <translation>Surat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="45" />
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="46" />
        <source>Newspaper</source>
        <translation>Surat kabar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="49" />
        <source>Submitted by the reporter</source>
        <translation>Dikirim oleh pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="50" />
        <source>Recorded by an admin</source>
        <translation>Dicatat oleh admin</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="51" />
        <source>Forwarded</source>
        <translation>Didisposisikan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="52" />
        <source>Handled by the agency itself</source>
        <translation>Dikelola sendiri oleh instansi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="54" />
        <source>Returned: not our authority</source>
        <translation>Dikembalikan: bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="56" />
        <source>Rerouted</source>
        <translation>Dialihkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="57" />
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="58" />
        <source>Closed automatically</source>
        <translation>Ditutup otomatis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="59" />
        <source>Follow-up reply</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="60" />
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="61" />
        <source>Reporter's response</source>
        <translation>Tanggapan pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="62" />
        <source>Linked as duplicate</source>
        <translation>Ditautkan sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="63" />
        <source>Duplicate link removed</source>
        <translation>Tautan duplikat dihapus</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="66" />
        <source>Cannot reach the server. Your work is kept and will be sent at the next sync.</source>
        <translation>Server tidak dapat dihubungi. Pekerjaan Anda tersimpan dan akan dikirim pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="68" />
        <source>The server did not answer in time.</source>
        <translation>Server tidak menjawab tepat waktu.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="69" />
        <source>The user name or password is wrong.</source>
        <translation>Nama pengguna atau kata sandi salah.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="70" />
        <source>This account is disabled. Ask your administrator.</source>
        <translation>Akun ini dinonaktifkan. Hubungi administrator Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="72" />
        <source>Your session has expired. Please sign in again.</source>
        <translation>Sesi Anda telah berakhir. Silakan masuk kembali.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="74" />
        <source>Your session was ended. Please sign in again.</source>
        <translation>Sesi Anda telah diakhiri. Silakan masuk kembali.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="76" />
        <source>Please sign in.</source>
        <translation>Silakan masuk.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="77" />
        <source>Too many attempts. Wait a few minutes and try again.</source>
        <translation>Terlalu banyak percobaan. Tunggu beberapa menit lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="79" />
        <source>The server has a problem right now. Try again later; nothing was lost.</source>
        <translation>Server sedang bermasalah. Coba lagi nanti; tidak ada yang hilang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="81" />
        <source>This action is not possible in the complaint's current status.</source>
        <translation>Tindakan ini tidak dapat dilakukan pada status laporan saat ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="83" />
        <source>Your role may not do this.</source>
        <translation>Peran Anda tidak diizinkan melakukan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="84" />
        <source>This complaint is outside your area.</source>
        <translation>Laporan ini di luar wilayah kewenangan Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="85" />
        <source>The complaint cannot be forwarded there.</source>
        <translation>Laporan tidak dapat didisposisikan ke sana.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="87" />
        <source>Please give a reason.</source>
        <translation>Silakan isi alasannya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="88" />
        <source>Something in the form is missing or invalid.</source>
        <translation>Ada isian yang kosong atau tidak valid.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="90" />
        <source>The complaint is no longer in your list.</source>
        <translation>Laporan ini sudah tidak ada di daftar Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="91" />
        <source>The demo server could not be started.</source>
        <translation>Server demo tidak dapat dijalankan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="92" />
        <source>Sync stopped. What was received is kept; the next sync continues from there.</source>
        <translation>Sinkronisasi dihentikan. Data yang sudah diterima tetap tersimpan; sinkronisasi berikutnya melanjutkan dari sana.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="132" />
        <source>Something went wrong (%1).</source>
        <translation>Terjadi kesalahan (%1).</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="27" />
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="30" />
        <source>Sign in to LAPOR Desk</source>
        <translation>Masuk ke LAPOR Desk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="32" />
        <source>Use the account your agency's LAPOR! administrator gave you. Your work stays on this computer and is sent when you are online.</source>
        <translation>Gunakan akun yang diberikan administrator LAPOR! instansi Anda. Pekerjaan Anda tersimpan di komputer ini dan dikirim saat daring.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="43" />
        <source>e.g. admin.kendari</source>
        <translation>mis. admin.kendari</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="53" />
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="54" />
        <source>User name</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="55" />
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="58" />
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="59" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="76" />
        <source>Fill in the server, user name and password.</source>
        <translation>Isi alamat server, nama pengguna, dan kata sandi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="86" />
        <source>Signing in…</source>
        <translation>Sedang masuk…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="197" />
        <source>LAPOR Desk</source>
        <translation>LAPOR Desk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="198" />
        <source>Sync now</source>
        <translation>Sinkronkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="199" />
        <source>Send your work and fetch changes (F5)</source>
        <translation>Kirim pekerjaan Anda dan ambil perubahan (F5)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="200" />
        <source>Forward</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="201" />
        <source>Follow-up reply</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="202" />
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="203" />
        <source>Sign out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="204" />
        <source>Quit</source>
        <translation>Tutup aplikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="205" />
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="206" />
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="207" />
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="208" />
        <source>Search titles, reports and replies (Ctrl+F)</source>
        <translation>Cari judul, isi laporan, dan tanggapan (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="212" />
        <source>All types</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="233" />
        <source>National admin</source>
        <translation>Admin Nasional</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="234" />
        <source>Agency admin</source>
        <translation>Admin Instansi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="234" />
        <source>Liaison officer</source>
        <translation>Pejabat Penghubung</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="329" />
        <source>(request id %1)</source>
        <translation>(id permintaan %1)</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="44" />
        <source>Stop</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="53" />
        <source>Stopping after the current page…</source>
        <translation>Berhenti setelah halaman ini…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="62" />
        <source>Sending your work…</source>
        <translation>Mengirim pekerjaan Anda…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="62" />
        <source>Uploading files…</source>
        <translation>Mengunggah berkas…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="63" />
        <source>Receiving complaints…</source>
        <translation>Menerima laporan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="64" />
        <source>Downloading files…</source>
        <translation>Mengunduh berkas…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="64" />
        <source>Finished.</source>
        <translation>Selesai.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="66" />
        <source>%1 records · %2 · %3 s</source>
        <translation>%1 data · %2 · %3 dtk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="71" />
        <source>Preparing the training database…</source>
        <translation>Menyiapkan basis data pelatihan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="72" />
        <source>Creating %1 sample complaints…</source>
        <translation>Membuat %1 laporan contoh…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="73" />
        <source>Starting the local server…</source>
        <translation>Menyalakan server lokal…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="74" />
        <source>Signing in as the demo admin…</source>
        <translation>Masuk sebagai admin demo…</translation>
    </message>
</context>
</TS>