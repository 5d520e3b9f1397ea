<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID">
<context>
    <name>ArchiveDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="160" />
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="178" />
        <source>Archive complaint</source>
        <translation>Arsipkan laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="162" />
        <source>Archived complaints are not followed up. Choose why; the reason is kept with the complaint.</source>
        <translation>Laporan yang diarsipkan tidak ditindaklanjuti. Pilih alasannya; alasan disimpan bersama laporan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="173" />
        <source>Note (required for “Other reason”)</source>
        <translation>Catatan (wajib untuk “Alasan lain”)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="196" />
        <source>Choose a reason for archiving.</source>
        <translation>Pilih alasan pengarsipan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="198" />
        <source>For “Other reason”, write a note that explains it.</source>
        <translation>Untuk “Alasan lain”, tulis catatan yang menjelaskannya.</translation>
    </message>
</context>
<context>
    <name>AttachmentFlow</name>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="216" />
        <source>Downloading “%1”…</source>
        <extracomment>prefetch after every finished sync (the offline policy); off only in tests that check on-demand downloads a prefetch has gone through its whole plan since signing in: a sync that brings nothing new then changes nothing it would plan</extracomment>
        <translation>Mengunduh “%1”…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="238" />
        <source>Downloading “%1”… %2 of %3</source>
        <translation>Mengunduh “%1”… %2 dari %3</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="262" />
        <source>Open with another application</source>
        <translation>Buka dengan aplikasi lain</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="263" />
        <source>LAPOR Desk cannot show “%1” itself. Open it with the application this computer uses for such files?</source>
        <translation>LAPOR Desk tidak dapat menampilkan “%1” sendiri. Buka dengan aplikasi yang dipakai komputer ini untuk berkas semacam itu?</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="268" />
        <source>Files sent with a complaint can contain harmful content. Open only files you expect.</source>
        <translation>Berkas yang dikirim bersama laporan dapat berisi konten berbahaya. Buka hanya berkas yang Anda harapkan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="288" />
        <source>No application on this computer opens “%1”.</source>
        <translation>Tidak ada aplikasi di komputer ini yang dapat membuka “%1”.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="295" />
        <source>“%1” is not on this computer yet and the server cannot be reached. It will be downloaded automatically after the next successful sync.</source>
        <translation>“%1” belum ada di komputer ini dan server tidak dapat dihubungi. Berkas akan diunduh otomatis setelah sinkronisasi berikutnya berhasil.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="299" />
        <source>“%1” arrived damaged (it does not match its checksum) and was not opened. Try again later.</source>
        <translation>“%1” diterima dalam keadaan rusak (tidak cocok dengan checksum-nya) dan tidak dibuka. Coba lagi nanti.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="302" />
        <source>“%1” could not be opened.</source>
        <translation>“%1” tidak dapat dibuka.</translation>
    </message>
</context>
<context>
    <name>AttachmentListModel</name>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="27" />
        <source>Image</source>
        <translation>Gambar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="29" />
        <source>PDF document</source>
        <translation>Dokumen PDF</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="30" />
        <source>Other file</source>
        <translation>Berkas lain</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="39" />
        <source>On this computer</source>
        <translation>Ada di komputer ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="41" />
        <source>Will download when online</source>
        <translation>Diunduh saat daring</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="42" />
        <source>Not downloaded</source>
        <translation>Belum diunduh</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="75" />
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="75" />
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="76" />
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/attachment_list.py" line="77" />
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="240" />
        <source>This image cannot be shown: the file is damaged or is not an image (%1).</source>
        <extracomment>"Fit" shrinks a large picture to the window and enlarges a small one at most this much.</extracomment>
        <translation>Gambar ini tidak dapat ditampilkan: berkas rusak atau bukan gambar (%1).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="249" />
        <source>PDF viewing is not installed. Open the file with the system application.</source>
        <translation>Penampil PDF tidak terpasang. Buka berkas dengan aplikasi sistem.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="262" />
        <source>This PDF cannot be shown: the file is damaged or is not a PDF (%1).</source>
        <translation>PDF ini tidak dapat ditampilkan: berkas rusak atau bukan PDF (%1).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="342" />
        <source>Attachment: %1</source>
        <translation>Lampiran: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="343" />
        <source>Fit to window</source>
        <translation>Sesuaikan jendela</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="344" />
        <source>Fit to the window (F)</source>
        <translation>Sesuaikan dengan jendela (F)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="345" />
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="346" />
        <source>Actual size (0)</source>
        <translation>Ukuran asli (0)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="348" />
        <source>Zoom out (-)</source>
        <translation>Perkecil (-)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="350" />
        <source>Zoom in (+)</source>
        <translation>Perbesar (+)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="352" />
        <source>Previous page (Page Up)</source>
        <translation>Halaman sebelumnya (Page Up)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="354" />
        <source>Next page (Page Down)</source>
        <translation>Halaman berikutnya (Page Down)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachment_viewer.py" line="365" />
        <source>Page %1 of %2</source>
        <translation>Halaman %1 dari %2</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="101" />
        <source>Attachments (%1)</source>
        <extracomment>How long after a sync the offline prefetch plans (ms).</extracomment>
        <translation>Lampiran (%1)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/attachments_panel.py" line="103" />
        <source>Open</source>
        <translation>Buka</translation>
    </message>
</context>
<context>
    <name>BulkSummaryDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/bulk_summary.py" line="26" />
        <source>%1 of %2 complaints archived.</source>
        <translation>%1 dari %2 laporan diarsipkan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/bulk_summary.py" line="27" />
        <source>%1 of %2 complaints forwarded.</source>
        <translation>%1 dari %2 laporan didisposisikan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/bulk_summary.py" line="31" />
        <source>They wait in the outbox and are sent at the next sync.</source>
        <translation>Tindakan menunggu di Kotak Keluar dan dikirim pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/bulk_summary.py" line="35" />
        <source>Not done (refused on this computer, nothing was written for them):</source>
        <translation>Tidak dilakukan (ditolak di komputer ini, tidak ada yang disimpan untuknya):</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/bulk_summary.py" line="44" />
        <source>No. %1 · %2</source>
        <translation>No. %1 · %2</translation>
    </message>
</context>
<context>
    <name>ComplaintTable</name>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="37" />
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="37" />
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="38" />
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="39" />
        <source>Privacy</source>
        <translation>Privasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="41" />
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="38" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="40" />
        <source>Unit / agency</source>
        <translation>Unit kerja / instansi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="41" />
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="74" />
        <source>Overdue</source>
        <extracomment>Columns the list can be ordered by (the services' ComplaintFilter.order codes); the others (privacy, unit) keep the current order.</extracomment>
        <translation>Terlambat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="75" />
        <source>Overdue %1 WD</source>
        <translation>Terlambat %1 HK</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="77" />
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="78" />
        <source>%1 WD left</source>
        <translation>Sisa %1 HK</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="85" />
        <source>ANONYMOUS</source>
        <translation>ANONIM</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="87" />
        <source>CONFIDENTIAL</source>
        <translation>RAHASIA</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="95" />
        <source>%1 (waiting to send)</source>
        <translation>%1 (menunggu dikirim)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="97" />
        <source>%1 (rejected by server)</source>
        <translation>%1 (ditolak server)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="100" />
        <source>%1 (conflict)</source>
        <translation>%1 (konflik)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="198" />
        <source>Queue</source>
        <extracomment>a page of rows of the current list arrived (the first one: the list is readable)</extracomment>
        <translation>Antrean</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="247" />
        <source>Due %1</source>
        <translation>Tenggat %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/complaint_table.py" line="263" />
        <source>new</source>
        <translation>baru</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="34" />
        <source>Complaints</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="35" />
        <source>Overdue</source>
        <translation>Terlambat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="36" />
        <source>Without follow-up</source>
        <translation>Tanpa tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="37" />
        <source>Median 1st follow-up</source>
        <translation>Median tindak lanjut pertama</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="40" />
        <location filename="../../lapor_desk/ui/models/low_ratings.py" line="31" />
        <source>Unit / agency</source>
        <translation>Unit kerja / instansi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="41" />
        <source>Kabupaten/kota</source>
        <translation>Kabupaten/kota</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="44" />
        <source>Open complaints past their deadline, in working days</source>
        <translation>Laporan terbuka yang terlambat (tenggatnya sudah lewat), dihitung dalam hari kerja</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="46" />
        <source>Forwarded to a unit and still without a follow-up reply</source>
        <translation>Sudah didisposisikan ke unit tetapi belum ada tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="48" />
        <source>Working days from forwarding to the first follow-up reply: half of the complaints got it within this</source>
        <translation>Hari kerja sejak disposisi sampai tindak lanjut pertama: separuh laporan mendapatkannya dalam waktu ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="81" />
        <location filename="../../lapor_desk/ui/models/low_ratings.py" line="46" />
        <source>%1 (not yet with a unit)</source>
        <extracomment>The queue that holds each status: its name is the short word admins use.</extracomment>
        <translation>%1 (belum didisposisikan ke unit kerja)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="84" />
        <source>Not stated</source>
        <translation>Tidak disebutkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="86" />
        <location filename="../../lapor_desk/ui/models/low_ratings.py" line="49" />
        <source>Unknown unit (%1)</source>
        <translation>Unit tidak dikenal (%1)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/dashboard_table.py" line="89" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/low_ratings.py" line="29" />
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/low_ratings.py" line="30" />
        <source>Rating</source>
        <translation>Nilai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/low_ratings.py" line="32" />
        <source>Reporter's note</source>
        <translation>Catatan pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/low_ratings.py" line="33" />
        <source>Rated on</source>
        <translation>Dinilai pada</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/low_ratings.py" line="56" />
        <source>Confidential complaint: the note is not shown</source>
        <translation>Laporan rahasia: catatannya tidak ditampilkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/low_ratings.py" line="121" />
        <source>%1/5</source>
        <translation>%1/5</translation>
    </message>
</context>
<context>
    <name>DashboardLauncher</name>
    <message>
        <location filename="../../lapor_desk/ui/dashboard_window.py" line="89" />
        <source>Dashboard</source>
        <extracomment>finds a tracking number in the main window's queues and opens its complaint</extracomment>
        <translation>Dasbor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard_window.py" line="90" />
        <source>Per unit and kabupaten/kota: statuses, overdue, follow-up time, trend; monthly recap (Ctrl+Shift+B)</source>
        <translation>Per unit kerja dan kabupaten/kota: status, laporan terlambat, waktu tindak lanjut, tren; rekap bulanan (Ctrl+Shift+B)</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../lapor_desk/ui/dashboard_parts.py" line="43" />
        <source>Save the monthly recap</source>
        <extracomment>Calm status colours, in the spirit of resources/style.qss (amber waits, green is done).</extracomment>
        <translation>Simpan rekap bulanan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="203" />
        <source>Oversight dashboard</source>
        <translation>Dasbor Pemantauan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="204" />
        <source>By unit</source>
        <translation>Per unit kerja</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="205" />
        <source>One row per unit or agency directly below yours</source>
        <translation>Satu baris per unit kerja atau instansi tepat di bawah instansi Anda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="206" />
        <source>By kabupaten/kota</source>
        <translation>Per kabupaten/kota</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="207" />
        <source>One row per kabupaten/kota of the incident</source>
        <translation>Satu baris per kabupaten/kota lokasi kejadian</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="208" />
        <source>Complaints received in this month (status as of now)</source>
        <translation>Laporan yang diterima pada bulan ini (status saat ini)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="209" />
        <source>Refresh</source>
        <translation>Perbarui</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="210" />
        <source>Monthly recap</source>
        <translation>Rekap bulanan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="211" />
        <source>Save the chosen month's recap for leadership: a PDF report or an Excel workbook</source>
        <translation>Simpan rekap bulan yang dipilih untuk pimpinan: laporan PDF atau berkas Excel</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="213" />
        <source>PDF report for leadership (A4, with charts)…</source>
        <translation>Laporan PDF untuk pimpinan (A4, dengan grafik)…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="214" />
        <source>Compliance per unit, last month beside this month, the overdue list: ready to print or send</source>
        <translation>Kepatuhan per unit kerja, bulan lalu di samping bulan ini, daftar terlambat: siap dicetak atau dikirim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="216" />
        <source>Excel workbook (XLSX, ready to print)…</source>
        <translation>Berkas Excel (XLSX, siap cetak)…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="217" />
        <source>Every figure of the report with its definitions, one sheet per table</source>
        <translation>Semua angka laporan beserta definisinya, satu lembar per tabel</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="219" />
        <source>CSV table…</source>
        <translation>Tabel CSV…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="220" />
        <source>Save the monthly recap as CSV (UTF-8, ';')</source>
        <translation>Simpan rekap bulanan sebagai CSV (UTF-8, ';')</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="226" />
        <source>Complaints</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="226" />
        <source>Overdue</source>
        <translation>Terlambat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="227" />
        <source>Without follow-up</source>
        <translation>Tanpa tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="228" />
        <source>Median to first follow-up</source>
        <translation>Median tindak lanjut pertama</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="228" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="229" />
        <source>Reporters' rating</source>
        <translation>Penilaian pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="230" />
        <source>Open complaints past their deadline, in working days</source>
        <translation>Laporan terbuka yang terlambat (tenggatnya sudah lewat), dihitung dalam hari kerja</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="231" />
        <source>Forwarded to a unit and still without a follow-up reply</source>
        <translation>Sudah didisposisikan ke unit tetapi belum ada tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="233" />
        <source>Half of the complaints got their first follow-up reply within this many working days of being forwarded</source>
        <translation>Separuh laporan mendapat tindak lanjut pertama dalam sekian hari kerja sejak didisposisikan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="235" />
        <source>The reporters' average rating of the handling (1 = very dissatisfied, 5 = very satisfied) given on the public page, for the complaints of this period they rated</source>
        <translation>Rata-rata nilai yang diberikan pelapor di halaman publik atas penanganan laporan (1 = sangat tidak puas, 5 = sangat puas), untuk laporan periode ini yang dinilai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="241" />
        <source>No complaints in this period</source>
        <translation>Tidak ada laporan pada periode ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="242" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="243" />
        <source>Complaints by status</source>
        <translation>Laporan menurut status</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="244" />
        <location filename="../../lapor_desk/ui/dashboard.py" line="245" />
        <source>Received and finished per month</source>
        <translation>Diterima dan selesai per bulan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="246" />
        <source>Table</source>
        <translation>Tabel</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="247" />
        <source>Low ratings</source>
        <translation>Penilaian rendah</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="252" />
        <location filename="../../lapor_desk/ui/dashboard.py" line="334" />
        <source>All months</source>
        <translation>Semua bulan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="305" />
        <source>Counting…</source>
        <translation>Menghitung…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="318" />
        <source>Counted from this computer's copy at %1.</source>
        <translation>Dihitung dari salinan di komputer ini pada %1.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="329" />
        <source>Status by unit / agency</source>
        <translation>Status per unit kerja / instansi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="330" />
        <source>Status by kabupaten/kota</source>
        <translation>Status per kabupaten/kota</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="341" />
        <source>%1 working days</source>
        <translation>%1 hari kerja</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="351" />
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="354" />
        <source>Finished in the month</source>
        <translation>Diselesaikan pada bulan itu</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="364" />
        <source>%1 / 5</source>
        <translation>%1 / 5</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="367" />
        <source>%1 rated, %2 low (1-2)</source>
        <translation>%1 dinilai, %2 rendah (1–2)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="368" />
        <source>none rated</source>
        <translation>belum ada yang menilai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="370" />
        <source>Low ratings (%1)</source>
        <translation>Penilaian rendah (%1)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="395" />
        <source>Saving %1…</source>
        <translation>Menyimpan %1…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="402" />
        <source>Recap saved: %1</source>
        <translation>Rekap tersimpan: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard.py" line="410" />
        <source>The recap could not be saved: %1</source>
        <translation>Rekap tidak dapat disimpan: %1</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <location filename="../../lapor_desk/ui/dashboard_window.py" line="50" />
        <source>Oversight dashboard — LAPOR Desk</source>
        <translation>Dasbor Pemantauan — LAPOR Desk</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="200" />
        <source>Reset training data…</source>
        <extracomment>Whether the objects of the first session's start were frozen (``start_up_over``). The collector, held off by ``lapor-desk`` during the start, resumes at the latest after this long (ms) even when nobody signs in. The first sync waits for the session's first list at most this long (ms). a session ended and its window was replaced by an empty one (tests and the log listen)</extracomment>
        <translation>Atur ulang data pelatihan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="234" />
        <source>Preparing the LAPOR Desk demo</source>
        <translation>Menyiapkan demo LAPOR Desk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="248" />
        <source>Reset training data</source>
        <translation>Atur ulang data pelatihan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="249" />
        <source>Reset the training data?</source>
        <translation>Atur ulang data pelatihan?</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="252" />
        <source>Every complaint, reply and action made in this training session is deleted and the demo starts again from the same sample data. This cannot be undone. Your real LAPOR! account and profiles are not touched.</source>
        <translation>Semua laporan, tanggapan, dan tindakan yang dibuat dalam sesi pelatihan ini dihapus dan demo dimulai lagi dari data contoh yang sama. Ini tidak dapat dibatalkan. Akun LAPOR! dan profil Anda yang sebenarnya tidak tersentuh.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="255" />
        <source>Reset</source>
        <translation>Ulangi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="256" />
        <source>Keep my work</source>
        <translation>Simpan pekerjaan saya</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="277" />
        <source>Resetting the training data</source>
        <translation>Mengatur ulang data pelatihan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/app.py" line="321" />
        <source>First sync</source>
        <translation>Sinkronisasi pertama</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="130" />
        <source>Stop</source>
        <extracomment>a count was clicked: the queue that lists those actions ("outbox" or "conflicts") a quiet note while the unit suggestions learn from the history after a sync</extracomment>
        <translation>Hentikan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="131" />
        <source>Trying to reconnect; sync starts by itself</source>
        <translation>Mencoba tersambung lagi; sinkronisasi mulai dengan sendirinya</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="134" />
        <source>Preparing unit suggestions from the history</source>
        <translation>Menyiapkan saran unit dari riwayat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="140" />
        <location filename="../../lapor_desk/ui/status_bar.py" line="150" />
        <source>● Not connected yet</source>
        <translation>● Belum tersambung</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="146" />
        <location filename="../../lapor_desk/ui/status_bar.py" line="197" />
        <source>● Server not answering: work is kept and sent when it answers</source>
        <translation>● Server tidak menjawab: pekerjaan tersimpan dan dikirim saat server menjawab</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="153" />
        <source>● Online</source>
        <translation>● Daring</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="156" />
        <source>● Offline: work is kept and sent later</source>
        <translation>● Luring: pekerjaan disimpan dan dikirim nanti</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="162" />
        <source>Last sync: %1</source>
        <translation>Sinkronisasi terakhir: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="168" />
        <source>Outbox: %1</source>
        <translation>Kotak Keluar: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="169" />
        <source>Waiting to send: %1 · Refused: %2</source>
        <translation>Menunggu dikirim: %1 · Ditolak: %2</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="171" />
        <source>(%1 refused)</source>
        <translation>(%1 ditolak)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="172" />
        <source>Refused by the server: open the Outbox to fix or discard them</source>
        <translation>Ditolak server: buka Kotak Keluar untuk memperbaiki atau membuangnya</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="175" />
        <source>Conflicts: %1</source>
        <translation>Konflik: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="176" />
        <source>Someone else changed these complaints first: open Conflicts to re-apply or drop your action</source>
        <translation>Orang lain lebih dulu mengubah laporan ini: buka Konflik untuk menerapkan ulang atau membuang tindakan Anda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="208" />
        <source>Syncing…</source>
        <translation>Menyinkronkan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="211" />
        <source>Syncing: %1 records</source>
        <translation>Menyinkronkan: %1 data</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="223" />
        <source>⚠ The computer's clock is %1 fast</source>
        <translation>⚠ Jam komputer %1 lebih cepat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="224" />
        <source>⚠ The computer's clock is %1 slow</source>
        <translation>⚠ Jam komputer %1 lebih lambat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="225" />
        <source>%1: set it, or turn on automatic time.</source>
        <translation>%1: setel jam, atau aktifkan waktu otomatis.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="228" />
        <source>Compared with the server's clock at %1. Until the clock is set, the times you record are taken from the server's clock.</source>
        <translation>Dibandingkan dengan jam server pada %1. Sampai jam disetel, waktu yang Anda catat diambil dari jam server.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="231" />
        <source>Compared with the server's clock at %1, before this start; it is checked again at the next sync. Until the clock is set, the times you record are taken from the server's clock.</source>
        <translation>Dibandingkan dengan jam server pada %1, sebelum aplikasi dibuka kali ini; diperiksa lagi pada sinkronisasi berikutnya. Sampai jam disetel, waktu yang Anda catat diambil dari jam server.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="240" />
        <source>%1 min</source>
        <translation>%1 menit</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="243" />
        <source>%1 h %2 min</source>
        <translation>%1 jam %2 menit</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="244" />
        <source>%1 h</source>
        <translation>%1 jam</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/status_bar.py" line="245" />
        <source>%1 days</source>
        <translation>%1 hari</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="158" />
        <source>Select a complaint to see its details.</source>
        <extracomment>A chip never gets narrower than this many average characters (plus its padding). "Salin untuk LAPOR!": the complaint, or its latest follow-up, for the national site</extracomment>
        <translation>Pilih laporan untuk melihat rinciannya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="159" />
        <source>Forward…</source>
        <translation>Disposisi…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="160" />
        <source>Follow-up reply…</source>
        <translation>Tindak lanjut…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="161" />
        <source>Internal note…</source>
        <translation>Catatan internal…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="162" />
        <source>Close complaint…</source>
        <translation>Selesaikan laporan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="163" />
        <source>Reopen…</source>
        <translation>Buka kembali…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="164" />
        <location filename="../../lapor_desk/ui/detail_pane.py" line="226" />
        <source>Copy for LAPOR!</source>
        <translation>Salin untuk LAPOR!</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="165" />
        <source>ANONYMOUS: reporter's identity is hidden</source>
        <translation>ANONIM: identitas pelapor dirahasiakan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="166" />
        <source>CONFIDENTIAL: content must not be made public</source>
        <translation>RAHASIA: isi laporan tidak boleh dipublikasikan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="168" />
        <source>Waiting to be sent</source>
        <translation>Menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="169" />
        <source>Needs attention: the server refused an action</source>
        <translation>Perlu perhatian: server menolak tindakan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="189" />
        <source>Copied: paste it on lapor.go.id</source>
        <translation>Tersalin: tempel di lapor.go.id</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="203" />
        <source>new</source>
        <translation>baru</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="204" />
        <source>No. %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="228" />
        <source>Copies the complaint, to record it on lapor.go.id</source>
        <translation>Menyalin laporan ini untuk dicatat di lapor.go.id</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="230" />
        <source>Copies the latest follow-up, to post it on lapor.go.id</source>
        <translation>Menyalin tindak lanjut terakhir untuk dikirim di lapor.go.id</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="236" />
        <source>Content hidden: confidential complaint outside your units.</source>
        <translation>Isi disembunyikan: laporan rahasia di luar unit Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="237" />
        <source>Timeline (newest first)</source>
        <translation>Riwayat (terbaru di atas)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="242" />
        <source>Hidden (anonymous)</source>
        <translation>Dirahasiakan (anonim)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="244" />
        <source>Hidden (confidential)</source>
        <translation>Disembunyikan (rahasia)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="249" />
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="250" />
        <source>Location</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="251" />
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="253" />
        <source>Responsible</source>
        <translation>Instansi terlapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="254" />
        <source>Handling unit</source>
        <translation>Unit penanganan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="255" />
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="256" />
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="260" />
        <source>Reporter's rating</source>
        <translation>Penilaian pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="264" />
        <source>%1 (that day has come: look at it again)</source>
        <translation>%1 (tanggalnya sudah tiba: tinjau kembali laporan ini)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="265" />
        <source>Postponed until</source>
        <translation>Ditunda sampai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="279" />
        <source>%1/5</source>
        <translation>%1/5</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="289" />
        <source>Not yet recorded in SP4N-LAPOR!</source>
        <translation>Belum tercatat di SP4N-LAPOR!</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="303" />
        <source>until %1</source>
        <translation>sampai %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="305" />
        <source>waiting to be sent</source>
        <translation>menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/detail_pane.py" line="309" />
        <source>Content hidden (confidential)</source>
        <translation>Isi disembunyikan (rahasia)</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/diagnostics.py" line="52" />
        <source>Diagnostics for support</source>
        <translation>Diagnostik untuk dukungan teknis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/diagnostics.py" line="55" />
        <source>LAPOR Desk saves a file with its version, the state of your sync and its recent log, for your support team. Names, NIK, phone numbers, e-mail addresses, passwords and complaint texts are removed.</source>
        <translation>LAPOR Desk menyimpan sebuah berkas berisi versi aplikasi, status sinkronisasi, dan log terbaru untuk tim dukungan teknis Anda. Nama, NIK, nomor telepon, alamat e-mail, kata sandi, dan isi laporan dihapus dari berkas ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/diagnostics.py" line="59" />
        <source>Saving diagnostics…</source>
        <translation>Menyimpan diagnostik…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/diagnostics.py" line="65" />
        <source>Open folder</source>
        <translation>Buka folder</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/diagnostics.py" line="85" />
        <source>Saved. Send this file to your support team:</source>
        <translation>Tersimpan. Kirim berkas ini ke tim dukungan teknis Anda:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/diagnostics.py" line="90" />
        <source>The diagnostics could not be saved: %1</source>
        <translation>Diagnostik tidak dapat disimpan: %1</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/discard_guard.py" line="46" />
        <source>Throw away what you wrote?</source>
        <translation>Buang tulisan Anda?</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/discard_guard.py" line="49" />
        <source>The text you typed in this window is not saved anywhere else.</source>
        <translation>Teks yang Anda ketik di jendela ini tidak tersimpan di tempat lain.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/discard_guard.py" line="50" />
        <source>Keep writing</source>
        <translation>Lanjut menulis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/discard_guard.py" line="51" />
        <source>Throw away</source>
        <translation>Buang</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <location filename="../../lapor_desk/ui/duplicates_panel.py" line="81" />
        <source>Similar complaints</source>
        <translation>Laporan serupa</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/duplicates_panel.py" line="82" />
        <source>Linked duplicates</source>
        <translation>Duplikat tertaut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/duplicates_panel.py" line="83" />
        <source>Link as duplicate</source>
        <translation>Tautkan sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/duplicates_panel.py" line="84" />
        <source>Unlink</source>
        <translation>Lepas tautan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/duplicates_panel.py" line="85" />
        <source>No similar complaint in the same regency/city.</source>
        <translation>Tidak ada laporan serupa di kabupaten/kota yang sama.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/duplicates_panel.py" line="86" />
        <source>Same regency/city, similar words in the title</source>
        <translation>Kabupaten/kota yang sama, kata-kata judul yang mirip</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../lapor_desk/ui/error_banner.py" line="28" />
        <source>(request id %1)</source>
        <translation>(id permintaan %1)</translation>
    </message>
</context>
<context>
    <name>FileList</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/intake_widgets.py" line="122" />
        <source>Attach file…</source>
        <translation>Lampirkan berkas…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/intake_widgets.py" line="123" />
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/intake_widgets.py" line="124" />
        <source>Photos, letters or documents, at most 25 MB each</source>
        <translation>Foto, surat atau dokumen, paling besar 25 MB per berkas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/intake_widgets.py" line="128" />
        <source>Attach files</source>
        <translation>Lampirkan berkas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/intake_widgets.py" line="129" />
        <source>Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx *.mp4);;All files (*)</source>
        <translation>Foto dan dokumen (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx *.mp4);;Semua berkas (*)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/intake_widgets.py" line="148" />
        <source>Attached before (%1 KB)</source>
        <translation>Sudah dilampirkan sebelumnya (%1 KB)</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="301" />
        <source>All types</source>
        <extracomment>Received-date presets, counted back from today in local calendar days ("custom": two dates). the widget Tab reaches after the last filter (the window's list)</extracomment>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="305" />
        <source>All channels</source>
        <translation>Semua kanal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="318" />
        <source>All categories</source>
        <translation>Semua kategori</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="321" />
        <source>All regions</source>
        <translation>Semua wilayah</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="326" />
        <source>All units</source>
        <translation>Semua unit</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="330" />
        <source>Any privacy</source>
        <translation>Semua privasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="330" />
        <source>Anonymous</source>
        <translation>Anonim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="331" />
        <source>Confidential</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="332" />
        <source>No privacy flag</source>
        <translation>Tanpa anonim/rahasia</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="335" />
        <source>Received any time</source>
        <translation>Diterima kapan saja</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="335" />
        <source>Received today</source>
        <translation>Diterima hari ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="336" />
        <source>Last 7 days</source>
        <translation>7 hari terakhir</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="336" />
        <source>Last 30 days</source>
        <translation>30 hari terakhir</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="337" />
        <source>This month</source>
        <translation>Bulan ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="337" />
        <source>Date range…</source>
        <translation>Rentang tanggal…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="349" />
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="349" />
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="350" />
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="350" />
        <source>Region</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="351" />
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="351" />
        <source>Privacy</source>
        <translation>Privasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="352" />
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="368" />
        <source>Remove every filter (Ctrl+Shift+X)</source>
        <translation>Hapus semua filter (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="397" />
        <location filename="../../lapor_desk/ui/filter_bar.py" line="398" />
        <source>Received from</source>
        <translation>Diterima sejak</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="399" />
        <location filename="../../lapor_desk/ui/filter_bar.py" line="400" />
        <source>Received until</source>
        <translation>Diterima sampai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/filter_bar.py" line="401" />
        <source>Reset filters</source>
        <translation>Hapus semua filter</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="33" />
        <source>Follow-up reply</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="33" />
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="39" />
        <source>The reporter will see this reply.</source>
        <translation>Pelapor akan melihat tanggapan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="40" />
        <source>Only officers see internal notes; the reporter never does.</source>
        <translation>Catatan internal hanya terlihat oleh petugas, tidak oleh pelapor.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="43" />
        <source>ANONYMOUS report: do not mention the reporter's name or contact.</source>
        <translation>Laporan ANONIM: jangan sebutkan nama atau kontak pelapor.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="49" />
        <source>Write the follow-up: what was done, by whom, and what happens next.</source>
        <translation>Tulis tindak lanjut: apa yang sudah dilakukan, oleh siapa, dan langkah berikutnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="51" />
        <source>Write the note…</source>
        <translation>Tulis catatan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="61" />
        <source>Send reply</source>
        <translation>Kirim tanggapan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="61" />
        <source>Save note</source>
        <translation>Simpan catatan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="63" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/follow_up.py" line="68" />
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="37" />
        <source>Forward complaint</source>
        <translation>Disposisi laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="39" />
        <source>Forward “%1” to:</source>
        <translation>Disposisikan “%1” ke:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="44" />
        <source>Search a unit: name, abbreviation (dukcapil, dinkes), region…</source>
        <translation>Cari unit: nama, singkatan (dukcapil, dinkes), daerah…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="49" />
        <source>Note for the unit (optional)</source>
        <translation>Catatan untuk unit (opsional)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="54" />
        <source>Forward</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/forward.py" line="56" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>ImportRegisterDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="66" />
        <source>Import a register file</source>
        <extracomment>(path, RegisterSettings) to preview (path, RegisterSettings, the rejects file or "" when every row is valid)</extracomment>
        <translation>Impor berkas register</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="68" />
        <source>Import complaints from a register file</source>
        <translation>Impor laporan dari berkas register</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="70" />
        <source>A CSV or XLSX register, one complaint per row. Title rows above the column names are fine; check what each column holds and give the values the file has no column for.</source>
        <translation>Register CSV atau XLSX, satu laporan per baris. Baris judul di atas nama kolom tidak masalah; periksa isi setiap kolom dan isi nilai yang tidak ada kolomnya di berkas.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="77" />
        <source>Register file</source>
        <translation>Berkas register</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="78" />
        <source>Choose file…</source>
        <translation>Pilih berkas…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="80" />
        <source>Save empty template…</source>
        <translation>Simpan templat kosong…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="81" />
        <source>An Excel register with the columns this import knows and drop-down lists for type, channel and category.</source>
        <translation>Register Excel dengan kolom yang dikenali impor ini dan daftar pilihan untuk jenis, kanal dan kategori.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="89" />
        <source>Saved settings</source>
        <translation>Pengaturan tersimpan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="92" />
        <source>Save settings…</source>
        <translation>Simpan pengaturan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="93" />
        <source>Keep these columns and values under a name, for the next register of this kind (and for lapor-desk import --preset).</source>
        <translation>Simpan kolom dan nilai ini dengan sebuah nama, untuk register sejenis berikutnya (dan untuk lapor-desk import --preset).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="99" />
        <source>Saved settings:</source>
        <translation>Pengaturan tersimpan:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="125" />
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="130" />
        <source>Import valid rows, save the rest…</source>
        <translation>Impor baris yang benar, simpan sisanya…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="132" />
        <source>The rows with problems are saved to a file with a column saying what to fix; import that file again once they are fixed.</source>
        <translation>Baris yang bermasalah disimpan ke sebuah berkas dengan kolom yang menjelaskan apa yang harus diperbaiki; impor lagi berkas itu setelah diperbaiki.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="138" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="146" />
        <source>Close without importing? The columns you corrected and the values you typed are lost unless you save them as settings.</source>
        <extracomment>Esc, Close and the close button ask once a column was corrected or a value typed.</extracomment>
        <translation>Tutup tanpa mengimpor? Kolom yang Anda betulkan dan nilai yang Anda ketik hilang kecuali disimpan sebagai pengaturan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="164" />
        <source>Choose a register file</source>
        <translation>Pilih berkas register</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="165" />
        <source>Register files (*.csv *.xlsx);;All files (*)</source>
        <translation>Berkas register (*.csv *.xlsx);;Semua berkas (*)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="186" />
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="192" />
        <source>Reading the file…</source>
        <translation>Membaca berkas…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="197" />
        <source>None (guess from the column names)</source>
        <translation>Tidak ada (tebak dari nama kolom)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="216" />
        <source>Save settings</source>
        <translation>Simpan pengaturan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="217" />
        <source>Name for these settings (e.g. the register's office):</source>
        <translation>Nama pengaturan ini (misalnya nama unit pemilik register):</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="226" />
        <source>Save an empty register</source>
        <translation>Simpan register kosong</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="227" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="269" />
        <source>No column and no value for the whole file gives: %1. Choose the column that holds it, or give one value above.</source>
        <translation>Belum ada kolom maupun nilai untuk seluruh berkas bagi: %1. Pilih kolom yang berisi data itu, atau isi satu nilai di atas.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="276" />
        <source>%1 rows, %2 with problems (marked red). Correct them in the file and choose it again, or import the valid rows and save the rest to a file to fix.</source>
        <translation>%1 baris, %2 bermasalah (ditandai merah). Perbaiki di berkas lalu pilih lagi, atau impor baris yang benar dan simpan sisanya ke berkas untuk diperbaiki.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="282" />
        <source>All %1 rows are valid.</source>
        <translation>Semua %1 baris sudah benar.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="287" />
        <source>%1 rows were imported before and are left out.</source>
        <translation>%1 baris sudah pernah diimpor dan dilewati.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="290" />
        <source>%1 rows repeat a row above them and are left out.</source>
        <translation>%1 baris sama dengan baris di atasnya dan dilewati.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="293" />
        <source>Columns not imported: %1.</source>
        <translation>Kolom yang tidak diimpor: %1.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="298" />
        <source>Invisible characters (such as NUL or text-direction marks) were removed from rows %1.</source>
        <translation>Karakter tak terlihat (seperti NUL atau tanda arah teks) dihapus dari baris %1.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="332" />
        <source>Save the rows to fix</source>
        <translation>Simpan baris yang perlu diperbaiki</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="333" />
        <source>CSV file (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>Berkas CSV (*.csv);;Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/import_register.py" line="341" />
        <source>Importing…</source>
        <translation>Mengimpor…</translation>
    </message>
</context>
<context>
    <name>IntakeFlows</name>
    <message>
        <location filename="../../lapor_desk/ui/intake_flows.py" line="115" />
        <source>Record complaint</source>
        <extracomment>Channels of complaints received outside the system: theirs get a receipt.</extracomment>
        <translation>Catat laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_flows.py" line="116" />
        <source>Record a complaint received at the counter, by letter, phone, radio or newspaper (Ctrl+Shift+N)</source>
        <translation>Catat laporan yang diterima di loket, lewat surat, telepon, radio atau surat kabar (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_flows.py" line="119" />
        <source>Import register file…</source>
        <translation>Impor berkas register…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_flows.py" line="120" />
        <source>Print receipt…</source>
        <translation>Cetak tanda terima…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_flows.py" line="121" />
        <source>The receipt (tanda terima) of the complaint shown, for its reporter (Ctrl+P)</source>
        <translation>Tanda terima laporan yang ditampilkan, untuk pelapor (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_flows.py" line="285" />
        <source>%1 complaints imported; they wait in Needs verification.</source>
        <translation>%1 laporan diimpor; menunggu di Perlu Verifikasi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_flows.py" line="288" />
        <source>%1 rows to fix were saved to %2.</source>
        <translation>%1 baris yang perlu diperbaiki disimpan di %2.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_flows.py" line="291" />
        <source>%1 rows imported before were left out.</source>
        <translation>%1 baris yang sudah pernah diimpor dilewati.</translation>
    </message>
</context>
<context>
    <name>IntakeLabels</name>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="14" />
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="15" />
        <source>Involves misconduct</source>
        <translation>Berkadar pengawasan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="16" />
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="17" />
        <source>Chronology</source>
        <translation>Kronologi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="18" />
        <source>Incident date</source>
        <translation>Tanggal kejadian</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="19" />
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="20" />
        <source>Letter number</source>
        <translation>Nomor surat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="21" />
        <source>Letter date</source>
        <translation>Tanggal surat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="22" />
        <source>Province</source>
        <translation>Provinsi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="23" />
        <source>Regency/city</source>
        <translation>Kabupaten/kota</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="24" />
        <source>District</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="25" />
        <source>Village</source>
        <translation>Kelurahan/desa</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="26" />
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="27" />
        <source>Sub-category</source>
        <translation>Subkategori</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="28" />
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="29" />
        <source>Anonymous</source>
        <translation>Anonim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="30" />
        <source>Confidential</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="31" />
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="32" />
        <source>Reporter's name</source>
        <translation>Nama pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="33" />
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="34" />
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="35" />
        <source>Email</source>
        <translation>Surel</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="36" />
        <source>Tags</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="37" />
        <source>SP4N-LAPOR! number</source>
        <translation>Nomor SP4N-LAPOR!</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="38" />
        <source>Status in SP4N-LAPOR!</source>
        <translation>Status di SP4N-LAPOR!</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="39" />
        <source>Follow-up in SP4N-LAPOR!</source>
        <translation>Tindak lanjut di SP4N-LAPOR!</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="40" />
        <source>Follow-up date</source>
        <translation>Tanggal tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="41" />
        <source>Reporter's response in SP4N-LAPOR!</source>
        <translation>Tanggapan pelapor di SP4N-LAPOR!</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="43" />
        <source>Response date</source>
        <translation>Tanggal tanggapan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="48" />
        <source>Write a title of at least 5 characters.</source>
        <extracomment>(field, code) first, then code alone.</extracomment>
        <translation>Tulis judul paling sedikit 5 karakter.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="50" />
        <source>Write at least 10 characters: what happened, where and when.</source>
        <translation>Tulis paling sedikit 10 karakter: apa yang terjadi, di mana dan kapan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="52" />
        <source>A NIK has exactly 16 digits.</source>
        <translation>NIK terdiri dari tepat 16 digit.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="54" />
        <source>Write the number with 8 to 15 digits, e.g. 081234567890.</source>
        <translation>Tulis nomor dengan 8 sampai 15 digit, mis. 081234567890.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="56" />
        <source>This is not an email address.</source>
        <translation>Ini bukan alamat surel.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="58" />
        <source>Write the reporter's name, or mark the complaint anonymous.</source>
        <translation>Tulis nama pelapor, atau tandai laporan sebagai anonim.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="60" />
        <source>Only a complaint (pengaduan) can involve misconduct.</source>
        <translation>Hanya pengaduan yang dapat berkadar pengawasan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="62" />
        <source>Pick a category from the list.</source>
        <translation>Pilih kategori dari daftar.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="63" />
        <source>Pick a sub-category of the chosen category from the list.</source>
        <translation>Pilih subkategori dari kategori yang dipilih.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="65" />
        <source>Unknown channel.</source>
        <translation>Kanal tidak dikenal.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="66" />
        <location filename="../../lapor_desk/ui/intake_labels.py" line="68" />
        <source>The date cannot be in the future.</source>
        <translation>Tanggal tidak boleh di masa depan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="70" />
        <location filename="../../lapor_desk/ui/intake_labels.py" line="72" />
        <location filename="../../lapor_desk/ui/intake_labels.py" line="91" />
        <location filename="../../lapor_desk/ui/intake_labels.py" line="94" />
        <source>Write a date from the year 2000 on, e.g. 31/12/2025 or 2025-12-31.</source>
        <translation>Tulis tanggal mulai tahun 2000, misalnya 31/12/2025 atau 2025-12-31.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="75" />
        <source>An email address has at most 255 characters.</source>
        <translation>Alamat email paling banyak 255 karakter.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="78" />
        <source>The complaint cannot reach this status here yet (Selesai needs it verified, forwarded and answered first): handle it, then import again.</source>
        <translation>Laporan ini belum dapat berstatus ini di sini (Selesai perlu diverifikasi, didisposisikan dan ditanggapi dulu): tangani dulu, lalu impor lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="81" />
        <source>Not a status of SP4N-LAPOR! (e.g. Selesai, Sedang Diproses).</source>
        <translation>Bukan status SP4N-LAPOR! (misalnya Selesai, Sedang Diproses).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="83" />
        <source>A follow-up can be added only once the complaint is forwarded here: verify and forward it, then import again.</source>
        <translation>Tindak lanjut baru dapat ditambahkan setelah laporan didisposisikan di sini: verifikasi dan disposisikan dulu, lalu impor lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="86" />
        <source>The complaint is finished here: reopen it first to add the reporter's response.</source>
        <translation>Laporan ini sudah selesai di sini: buka kembali dulu untuk menambahkan tanggapan pelapor.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="89" />
        <source>Only an agency admin may take in records from SP4N-LAPOR!.</source>
        <translation>Hanya admin instansi yang boleh memasukkan laporan dari SP4N-LAPOR!.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="97" />
        <source>Write the SP4N-LAPOR! number in digits, e.g. 7312345.</source>
        <translation>Tulis nomor SP4N-LAPOR! dengan angka, misalnya 7312345.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="99" />
        <source>Required.</source>
        <translation>Wajib diisi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="100" />
        <source>Too long.</source>
        <translation>Terlalu panjang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="101" />
        <source>Too short.</source>
        <translation>Terlalu pendek.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="102" />
        <source>Not valid.</source>
        <translation>Tidak valid.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="103" />
        <source>Not in the list.</source>
        <translation>Tidak ada di daftar.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="104" />
        <source>Cannot be in the future.</source>
        <translation>Tidak boleh di masa depan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="108" />
        <source>The file is empty or has no rows under the header.</source>
        <translation>Berkas kosong atau tidak ada baris di bawah judul kolom.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="110" />
        <source>The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.</source>
        <translation>Berkas bukan teks UTF-8. Di Excel, simpan sebagai “CSV UTF-8”.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="112" />
        <source>The file cannot be read as CSV or XLSX.</source>
        <translation>Berkas tidak dapat dibaca sebagai CSV atau XLSX.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="114" />
        <source>Only CSV (UTF-8) and XLSX files can be imported.</source>
        <translation>Hanya berkas CSV (UTF-8) dan XLSX yang dapat diimpor.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="116" />
        <source>The file is too large (at most 20 MB and 10,000 rows). Split it.</source>
        <translation>Berkas terlalu besar (paling besar 20 MB dan 10.000 baris). Pecah berkasnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="118" />
        <source>The file cannot be opened.</source>
        <translation>Berkas tidak dapat dibuka.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="119" />
        <source>No known column names in the first row (e.g. judul, isi, kanal).</source>
        <translation>Tidak ada nama kolom yang dikenal di baris pertama (mis. judul, isi, kanal).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="121" />
        <source>Some rows are not valid; nothing was imported.</source>
        <translation>Ada baris yang tidak benar; tidak ada yang diimpor.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/intake_labels.py" line="149" />
        <source>The file cannot be imported (%1).</source>
        <translation>Berkas tidak dapat diimpor (%1).</translation>
    </message>
</context>
<context>
    <name>KeptTextDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/kept_text.py" line="24" />
        <source>Your words</source>
        <translation>Teks Anda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/kept_text.py" line="29" />
        <source>Copy the text to write it on another complaint or in a letter. It stays in the Outbox until you discard the action.</source>
        <translation>Salin teks ini untuk menuliskannya di laporan lain atau dalam surat. Teks tetap ada di Kotak Keluar sampai tindakan itu Anda buang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/kept_text.py" line="36" />
        <source>Copy the text</source>
        <translation>Salin teks</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/kept_text.py" line="38" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/kept_text.py" line="50" />
        <source>Copied. Paste it where you need it (Ctrl+V).</source>
        <translation>Tersalin. Tempelkan di tempat yang Anda perlukan (Ctrl+V).</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="92" />
        <source>Open queue %1</source>
        <extracomment>Where the keyboard is must be visible: a blue frame on the focused pane.</extracomment>
        <translation>Buka antrean %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="93" />
        <source>Next pane (queues, list, detail)</source>
        <translation>Panel berikutnya (antrean, daftar, rincian)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="94" />
        <source>Previous pane</source>
        <translation>Panel sebelumnya</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="95" />
        <source>Go to the filters</source>
        <translation>Ke filter</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="96" />
        <source>Reset filters</source>
        <translation>Hapus semua filter</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="97" />
        <source>Back to the list</source>
        <translation>Kembali ke daftar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="98" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Pintasan keyboard</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="187" />
        <source>Open a queue (its place in the list of queues)</source>
        <translation>Buka antrean (menurut urutannya di daftar antrean)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="188" />
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="188" />
        <source>Open the chosen complaint in the detail</source>
        <translation>Buka laporan terpilih di rincian</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="189" />
        <source>Up / Down, Page Up / Page Down</source>
        <translation>Atas / Bawah, Page Up / Page Down</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="189" />
        <source>Move in the list</source>
        <translation>Bergerak di daftar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="190" />
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="190" />
        <source>Next / previous field</source>
        <translation>Isian berikutnya / sebelumnya</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="191" />
        <source>Space</source>
        <translation>Spasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="191" />
        <source>Open a filter's choices</source>
        <translation>Buka pilihan filter</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="192" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="192" />
        <source>Remove the filter in the focused box</source>
        <translation>Hapus filter pada kotak yang aktif</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="16" />
        <source>Needs verification</source>
        <translation>Perlu Verifikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="17" />
        <source>Not yet followed up</source>
        <translation>Belum Ditindaklanjuti</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="18" />
        <source>In progress</source>
        <translation>Sedang Diproses</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="19" />
        <location filename="../../lapor_desk/ui/labels.py" line="32" />
        <source>Reporter responded</source>
        <translation>Ditanggapi Pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="20" />
        <location filename="../../lapor_desk/ui/labels.py" line="33" />
        <location filename="../../lapor_desk/ui/labels.py" line="56" />
        <source>Postponed</source>
        <translation>Tertunda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="21" />
        <location filename="../../lapor_desk/ui/labels.py" line="34" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="22" />
        <source>Archive</source>
        <translation>Arsip</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="23" />
        <source>All complaints</source>
        <translation>Semua laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="24" />
        <source>Not yet in SP4N-LAPOR!</source>
        <translation>Belum tercatat di SP4N-LAPOR!</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="25" />
        <source>Outbox</source>
        <translation>Kotak Keluar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="26" />
        <source>Conflicts</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="29" />
        <source>Unverified</source>
        <translation>Belum Terverifikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="30" />
        <source>Forwarded, not followed up</source>
        <translation>Terdisposisi, Belum Ditindaklanjuti</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="31" />
        <source>Forwarded, in progress</source>
        <translation>Terdisposisi, Sedang Diproses</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="35" />
        <location filename="../../lapor_desk/ui/labels.py" line="58" />
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="38" />
        <source>Complaint</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="39" />
        <source>Aspiration</source>
        <translation>Aspirasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="40" />
        <source>Information request</source>
        <translation>Permintaan Informasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="45" />
        <source>Mobile app</source>
        <translation>Aplikasi seluler</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="46" />
        <source>Walk-in</source>
        <translation>Tatap muka</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="47" />
        <source>Letter</source>
        <translation>Surat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="48" />
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="49" />
        <source>Newspaper</source>
        <translation>Surat kabar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="52" />
        <source>Submitted by the reporter</source>
        <translation>Dikirim oleh pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="53" />
        <source>Recorded by an admin</source>
        <translation>Dicatat oleh admin</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="54" />
        <source>Forwarded</source>
        <translation>Didisposisikan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="55" />
        <source>Handled by the agency itself</source>
        <translation>Ditangani sendiri oleh instansi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="57" />
        <source>Returned: not our authority</source>
        <translation>Dikembalikan: bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="59" />
        <source>Rerouted</source>
        <translation>Dialihkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="60" />
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="61" />
        <source>Reopened</source>
        <translation>Dibuka kembali</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="62" />
        <source>Closed automatically</source>
        <translation>Ditutup otomatis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="63" />
        <source>Follow-up reply</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="64" />
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="65" />
        <source>Reporter's response</source>
        <translation>Tanggapan pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="66" />
        <source>Linked as duplicate</source>
        <translation>Ditautkan sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="67" />
        <source>Duplicate link removed</source>
        <translation>Tautan duplikat dihapus</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="68" />
        <source>Updated from SP4N-LAPOR!</source>
        <translation>Diperbarui dari SP4N-LAPOR!</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="71" />
        <source>Cannot reach the server. Your work is kept and will be sent at the next sync.</source>
        <translation>Server tidak dapat dihubungi. Pekerjaan Anda tersimpan dan akan dikirim pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="73" />
        <source>The server did not answer in time.</source>
        <translation>Server tidak menjawab tepat waktu.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="74" />
        <source>The server stopped answering. Your work is kept and is sent as soon as it answers again.</source>
        <translation>Server berhenti menjawab. Pekerjaan Anda tetap tersimpan dan dikirim begitu server menjawab lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="76" />
        <source>The user name or password is wrong.</source>
        <translation>Nama pengguna atau kata sandi salah.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="77" />
        <source>This account is disabled. Ask your administrator.</source>
        <translation>Akun ini dinonaktifkan. Hubungi administrator Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="79" />
        <source>Your session has expired. Please sign in again.</source>
        <translation>Sesi Anda telah berakhir. Silakan masuk kembali.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="81" />
        <source>Your session was ended. Please sign in again.</source>
        <translation>Sesi Anda telah diakhiri. Silakan masuk kembali.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="83" />
        <source>Please sign in.</source>
        <translation>Silakan masuk.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="84" />
        <source>Too many attempts. Wait a few minutes and try again.</source>
        <translation>Terlalu banyak percobaan. Tunggu beberapa menit lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="86" />
        <source>The server has a problem right now. Try again later; nothing was lost.</source>
        <translation>Server sedang bermasalah. Coba lagi nanti; tidak ada yang hilang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="88" />
        <source>This action is not possible in the complaint's current status.</source>
        <translation>Tindakan ini tidak dapat dilakukan pada status laporan saat ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="90" />
        <source>Your role may not do this.</source>
        <translation>Peran Anda tidak diizinkan melakukan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="91" />
        <source>This complaint is outside your area.</source>
        <translation>Laporan ini di luar wilayah kewenangan Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="92" />
        <source>The complaint cannot be forwarded there.</source>
        <translation>Laporan tidak dapat didisposisikan ke sana.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="94" />
        <location filename="../../lapor_desk/ui/labels.py" line="181" />
        <source>Please give a reason.</source>
        <translation>Silakan isi alasannya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="95" />
        <source>Something in the form is missing or invalid.</source>
        <translation>Ada isian yang kosong atau tidak valid.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="97" />
        <source>The complaint is no longer in your list.</source>
        <translation>Laporan ini sudah tidak ada di daftar Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="98" />
        <source>An attached file is not on this computer (any more). Attach it again.</source>
        <translation>Berkas lampiran tidak (lagi) ada di komputer ini. Lampirkan lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="100" />
        <source>The demo server could not be started.</source>
        <translation>Server demo tidak dapat dijalankan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="101" />
        <source>Sync stopped. What was received is kept; the next sync continues from there.</source>
        <translation>Sinkronisasi dihentikan. Data yang sudah diterima tetap tersimpan; sinkronisasi berikutnya melanjutkan dari sana.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="103" />
        <source>This account was disabled on the server, so its data was removed from this computer. Ask your administrator.</source>
        <translation>Akun ini dinonaktifkan di server, sehingga datanya telah dihapus dari komputer ini. Hubungi administrator Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="106" />
        <source>Sync or resolve the unsynced work first, or confirm that it may be deleted.</source>
        <translation>Sinkronkan atau selesaikan dahulu pekerjaan yang belum tersinkron, atau pastikan bahwa pekerjaan itu boleh dihapus.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="109" />
        <source>The key that unlocks this computer's copy of your data is missing from the system keyring (was the keyring reset, or is this another user account?). The copy may hold work not yet sent: keep its folder, make a copy of it, and contact your IT support. It opens again once its key is back in the keyring.</source>
        <translation>Kunci pembuka salinan data Anda di komputer ini tidak ada di keyring sistem (apakah keyring diatur ulang, atau ini akun pengguna lain?). Salinan itu mungkin berisi pekerjaan yang belum terkirim: simpan foldernya, buat salinannya, lalu hubungi bagian TI. Salinan itu dapat dibuka lagi setelah kuncinya kembali ke keyring.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="114" />
        <source>The key in the system keyring does not open this computer's copy of your data (was the keyring reset, or the folder copied from another computer?). The copy may hold work not yet sent: keep its folder, make a copy of it, and contact your IT support. It opens again with its own key.</source>
        <translation>Kunci di keyring sistem tidak dapat membuka salinan data Anda di komputer ini (apakah keyring diatur ulang, atau foldernya disalin dari komputer lain?). Salinan itu mungkin berisi pekerjaan yang belum terkirim: simpan foldernya, buat salinannya, lalu hubungi bagian TI. Salinan itu dapat dibuka lagi dengan kuncinya sendiri.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="120" />
        <source>There is no free space left on the drive where LAPOR Desk keeps your data. Free some space there (empty the Recycle Bin, move or delete large files you no longer need), then try again. What was already saved is kept, and a sync continues where it stopped.</source>
        <translation>Ruang kosong di drive tempat LAPOR Desk menyimpan data Anda sudah habis. Kosongkan sebagian ruang di drive itu (kosongkan Recycle Bin, pindahkan berkas besar yang tidak diperlukan lagi ke tempat lain), lalu coba lagi. Yang sudah tersimpan tetap ada, dan sinkronisasi dilanjutkan dari titik terakhir.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="125" />
        <source>This computer does not let LAPOR Desk write more data (a file size limit or storage quota of your account). Ask your IT support to raise the limit or free some space, then try again. What was already saved is kept.</source>
        <translation>Komputer ini tidak mengizinkan LAPOR Desk menulis data lebih banyak (ada batas ukuran berkas atau kuota penyimpanan pada akun Anda). Minta bagian TI menaikkan batas itu atau mengosongkan sebagian ruang, lalu coba lagi. Yang sudah tersimpan tetap ada.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="129" />
        <source>The drive where LAPOR Desk keeps your data has become read-only (it may be write-protected, or the system locked it after disk errors), so nothing can be saved. Close LAPOR Desk and have the disk checked by your IT support. Do not delete the LAPOR Desk folder: it may hold work not yet sent.</source>
        <translation>Drive tempat LAPOR Desk menyimpan data Anda menjadi hanya-baca (mungkin dilindungi dari penulisan, atau dikunci sistem setelah terjadi kerusakan disk), sehingga tidak ada yang dapat disimpan. Tutup LAPOR Desk dan minta bagian TI memeriksa disk itu. Jangan hapus folder LAPOR Desk: mungkin masih ada pekerjaan yang belum terkirim.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="134" />
        <source>LAPOR Desk may not read or write its data folder (a missing permission). Ask your IT support to give your account access to it, then try again. Do not delete the folder: it may hold work not yet sent.</source>
        <translation>LAPOR Desk tidak diizinkan membaca atau menulis folder datanya (izin akses kurang). Minta bagian TI memberi akun Anda akses ke folder itu, lalu coba lagi. Jangan hapus folder itu: mungkin masih ada pekerjaan yang belum terkirim.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="138" />
        <source>The disk where LAPOR Desk keeps your data reported a read or write error. Do not delete the LAPOR Desk folder: it may hold work not yet sent. Make a copy of it if you can and contact your IT support to have the disk checked.</source>
        <translation>Disk tempat LAPOR Desk menyimpan data Anda mengalami kesalahan baca atau tulis. Jangan hapus folder LAPOR Desk: mungkin masih ada pekerjaan yang belum terkirim. Salin folder itu bila bisa, lalu hubungi bagian TI untuk memeriksa disk.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="142" />
        <source>This computer's copy of your data is damaged and cannot be read. Do not delete it: it may hold work not yet sent. Make a copy of its folder and contact your IT support or the LAPOR! help desk.</source>
        <translation>Salinan data Anda di komputer ini rusak dan tidak dapat dibaca. Jangan dihapus: mungkin masih ada pekerjaan yang belum terkirim. Salin foldernya, lalu hubungi bagian TI atau layanan bantuan LAPOR!.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="156" />
        <source>A training address (bimtek://) is the facilitator's computer on this room's network, typed as shown on the facilitator's screen, e.g. bimtek://192.168.1.10:8717.</source>
        <translation>Alamat latihan (bimtek://) adalah komputer fasilitator di jaringan ruangan ini, diketik persis seperti di layar fasilitator, misalnya bimtek://192.168.1.10:8717.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="159" />
        <source>This address is not a training server, so your password was not sent. Check the address on the facilitator's screen.</source>
        <translation>Alamat ini bukan server latihan, jadi kata sandi Anda tidak dikirim. Periksa alamat di layar fasilitator.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="188" />
        <source>The day to look at it again has already come: choose a day after today.</source>
        <translation>Tanggal peninjauan sudah lewat: pilih tanggal setelah hari ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="190" />
        <source>That day is too far ahead for a postponement: choose a nearer day.</source>
        <translation>Tanggal itu terlalu jauh untuk penundaan: pilih tanggal yang lebih dekat.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="192" />
        <source>Choose the day from the calendar.</source>
        <translation>Pilih tanggal dari kalender.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="272" />
        <source>Folder: %1 (drive %2)</source>
        <translation>Folder: %1 (drive %2)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="273" />
        <source>Folder: %1</source>
        <translation>Folder: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="304" />
        <source>WD: working days, Monday to Friday, not counting national holidays and collective leave days</source>
        <translation>HK: hari kerja, Senin sampai Jumat, tidak termasuk hari libur nasional dan cuti bersama</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="146" />
        <source>No system keyring is available to keep this computer's data encrypted. Ask your IT support to enable it (on Linux: GNOME Keyring or KWallet).</source>
        <translation>Keyring sistem tidak tersedia untuk menjaga data di komputer ini tetap terenkripsi. Minta bantuan dukungan TI untuk mengaktifkannya (di Linux: GNOME Keyring atau KWallet).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="149" />
        <source>This computer's copy of your data could not be encrypted. Nothing was changed; try again, and report it if it happens again.</source>
        <translation>Salinan data Anda di komputer ini tidak dapat dienkripsi. Tidak ada yang diubah; coba lagi, dan laporkan bila terjadi lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="152" />
        <source>This server address starts with http://, which would send your password and the complaints unprotected over the network. Use the address that starts with https:// (ask your administrator if you do not know it).</source>
        <translation>Alamat server ini diawali http://, sehingga kata sandi Anda dan isi laporan akan terkirim tanpa perlindungan lewat jaringan. Gunakan alamat yang diawali https:// (tanyakan kepada administrator Anda bila belum tahu).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="162" />
        <source>This is not a server address. Type it like https://lapor.example.go.id.</source>
        <translation>Ini bukan alamat server. Tuliskan seperti https://lapor.example.go.id.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="164" />
        <source>The server sent data this computer cannot accept, so none of it was saved. Sync again later; if it happens again, save the diagnostics (Help menu) and send them to your administrator.</source>
        <translation>Server mengirim data yang tidak dapat diterima komputer ini, sehingga tidak ada yang disimpan. Sinkronkan lagi nanti; bila terjadi lagi, simpan diagnostik (menu Bantuan) lalu kirimkan kepada administrator Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="168" />
        <source>Some files of this computer's copy could not be deleted; they can no longer be read. Close other programs and sign out again.</source>
        <translation>Sebagian berkas salinan data di komputer ini tidak dapat dihapus; berkas itu tidak dapat dibaca lagi. Tutup program lain lalu keluar lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="175" />
        <source>The note is too long: at most 20,000 characters. Shorten it and try again.</source>
        <extracomment>What is wrong with a value of a refused action (``field:code`` from models/validation.py).</extracomment>
        <translation>Catatan terlalu panjang: paling banyak 20.000 karakter. Persingkat lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="177" />
        <source>The reason is too long: at most 20,000 characters. Shorten it and try again.</source>
        <translation>Alasan terlalu panjang: paling banyak 20.000 karakter. Persingkat lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="179" />
        <source>The text is too long: at most 20,000 characters. Shorten it, or attach the rest as a file.</source>
        <translation>Teks terlalu panjang: paling banyak 20.000 karakter. Persingkat, atau lampirkan sisanya sebagai berkas.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="182" />
        <source>For the reason “Other”, write a note that explains it.</source>
        <translation>Untuk alasan “Lainnya”, tulis catatan yang menjelaskannya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="184" />
        <source>The text is empty. Write the reply or note first (invisible characters do not count).</source>
        <translation>Teksnya kosong. Tulis tanggapan atau catatannya dulu (karakter tak terlihat tidak dihitung).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="186" />
        <location filename="../../lapor_desk/ui/labels.py" line="187" />
        <source>Choose a reason from the list.</source>
        <translation>Pilih alasan dari daftar.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="193" />
        <location filename="../../lapor_desk/ui/labels.py" line="194" />
        <source>Choose where the complaint goes.</source>
        <translation>Pilih tujuan laporan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="195" />
        <source>At most 20 files can be attached. Remove some and try again.</source>
        <translation>Paling banyak 20 berkas dapat dilampirkan. Hapus sebagian lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="197" />
        <source>A file is larger than 25 MB. Make it smaller (e.g. a lower photo resolution) and attach it again.</source>
        <translation>Ada berkas yang lebih besar dari 25 MB. Perkecil berkasnya (misalnya resolusi foto lebih rendah) lalu lampirkan lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="200" />
        <source>An attached file has no usable name. Rename the file and attach it again.</source>
        <translation>Ada berkas lampiran yang namanya tidak dapat dipakai. Ganti nama berkasnya lalu lampirkan lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="202" />
        <source>An attached file's name is longer than 255 characters. Rename the file and attach it again.</source>
        <translation>Nama berkas lampiran lebih dari 255 karakter. Ganti nama berkasnya lalu lampirkan lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="245" />
        <source>Confidential complaint (title hidden)</source>
        <translation>Laporan rahasia (judul disembunyikan)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/labels.py" line="252" />
        <source>Something went wrong (%1).</source>
        <translation>Terjadi kesalahan (%1).</translation>
    </message>
</context>
<context>
    <name>LifecycleFlows</name>
    <message>
        <location filename="../../lapor_desk/ui/lifecycle_flows.py" line="89" />
        <source>&amp;Complaint</source>
        <extracomment>How often the reminder looks at the clock between syncs (a day may begin meanwhile).</extracomment>
        <translation>&amp;Laporan</translation>
    </message>
</context>
<context>
    <name>ListHeading</name>
    <message>
        <location filename="../../lapor_desk/ui/list_heading.py" line="65" />
        <source>Not found: no complaint you can see has the number, words or reporter “%1”, in any queue. Check the number (a tracking number has 7 digits), try fewer or other words, or sync to get the newest complaints.</source>
        <translation>Tidak ditemukan: tidak ada laporan yang dapat Anda lihat dengan nomor, kata, atau pelapor “%1” di antrean mana pun. Periksa nomornya (nomor laporan terdiri dari 7 angka), coba kata yang lebih sedikit atau kata lain, atau sinkronkan untuk mengambil laporan terbaru.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/list_heading.py" line="71" />
        <source>No complaint in this queue matches the filters or the search. Use “%1” or change the search to see more.</source>
        <translation>Tidak ada laporan di antrean ini yang cocok dengan filter atau pencarian. Pilih “%1” atau ubah kata pencarian untuk melihat lebih banyak.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/list_heading.py" line="75" />
        <source>This queue is empty.</source>
        <translation>Antrean ini kosong.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="42" />
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="45" />
        <source>Sign in to LAPOR Desk</source>
        <extracomment>Error codes that mean the server could not be reached at all. Error codes that mean the desktop refuses the address itself, before connecting. The shortest password the server takes (server/services/passwords.py).</extracomment>
        <translation>Masuk ke LAPOR Desk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="47" />
        <source>Use the account your agency's LAPOR! administrator gave you. Your work stays on this computer and is sent when you are online.</source>
        <translation>Gunakan akun yang diberikan administrator LAPOR! instansi Anda. Pekerjaan Anda tersimpan di komputer ini dan dikirim saat daring.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="67" />
        <source>e.g. admin.kendari</source>
        <translation>mis. admin.kendari</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="83" />
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="85" />
        <source>User name</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="86" />
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="87" />
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="88" />
        <source>Repeat new password</source>
        <translation>Ulangi kata sandi baru</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="92" />
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="124" />
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="93" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="112" />
        <source>Use the address that starts with https://. With http:// your password and the complaints would travel unprotected, so LAPOR Desk does not connect to it.</source>
        <translation>Gunakan alamat yang diawali https://. Dengan http://, kata sandi Anda dan isi laporan akan terkirim tanpa perlindungan, sehingga LAPOR Desk tidak mau terhubung ke alamat itu.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="124" />
        <source>Save password and sign in</source>
        <translation>Simpan kata sandi dan masuk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="133" />
        <source>Fill in the server, user name and password.</source>
        <translation>Isi alamat server, nama pengguna, dan kata sandi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="147" />
        <source>The new password needs at least %1 characters.</source>
        <translation>Kata sandi baru minimal %1 karakter.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="152" />
        <source>The two new passwords differ. Type the same password in both fields.</source>
        <translation>Kedua kata sandi baru berbeda. Ketik kata sandi yang sama di kedua kolom.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="158" />
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="204" />
        <source>Choose a password other than the one you were given.</source>
        <translation>Pilih kata sandi yang berbeda dari kata sandi yang diberikan kepada Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="170" />
        <source>Signing in…</source>
        <translation>Sedang masuk…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="189" />
        <source>Cannot reach the server %1. Check that the address is right and that this computer is connected to the network (try opening the address in a browser), then sign in again. If the network is down, try again later: nothing is lost.</source>
        <translation>Server %1 tidak dapat dihubungi. Periksa apakah alamatnya benar dan komputer ini tersambung ke jaringan (coba buka alamat itu di peramban), lalu masuk lagi. Jika jaringan sedang putus, coba lagi nanti: tidak ada yang hilang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="199" />
        <source>The password you typed was given to you for this first sign-in only. Choose your own password (at least 8 characters), type it twice, then sign in.</source>
        <translation>Kata sandi yang Anda ketik hanya berlaku untuk masuk pertama kali. Buat kata sandi Anda sendiri (minimal 8 karakter), ketik dua kali, lalu masuk.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="211" />
        <source>The user name or password is wrong. Check both and try again (passwords are case-sensitive). Forgot it? Ask your agency's LAPOR! administrator to reset it.</source>
        <translation>Nama pengguna atau kata sandi salah. Periksa keduanya dan coba lagi (huruf besar dan kecil pada kata sandi dibedakan). Lupa? Minta admin LAPOR! instansi Anda untuk mengatur ulang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/login.py" line="216" />
        <source>The server's security certificate could not be verified. Check the address (it should start with https://) or ask your administrator.</source>
        <translation>Sertifikat keamanan server tidak dapat diverifikasi. Periksa alamatnya (seharusnya diawali https://) atau tanyakan kepada admin Anda.</translation>
    </message>
</context>
<context>
    <name>LowRatingsPanel</name>
    <message>
        <location filename="../../lapor_desk/ui/dashboard_ratings.py" line="87" />
        <source>No complaint received in this period was rated 1 or 2 by its reporter.</source>
        <extracomment>The widest the unit column grows to its names (px).</extracomment>
        <translation>Tidak ada laporan periode ini yang dinilai 1 atau 2 oleh pelapornya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard_ratings.py" line="89" />
        <source>Complaints rated 1 (very dissatisfied) or 2 (dissatisfied) on the public page, newest first. Double-click one to open it in the main window.</source>
        <translation>Laporan yang dinilai 1 (sangat tidak puas) atau 2 (tidak puas) oleh pelapornya di halaman publik, yang terbaru di atas. Klik dua kali untuk membukanya di jendela utama.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard_ratings.py" line="92" />
        <source>Open complaint</source>
        <translation>Buka laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dashboard_ratings.py" line="93" />
        <source>Low ratings</source>
        <translation>Penilaian rendah</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="180" />
        <source>LAPOR Desk</source>
        <extracomment>the least widths of the list column and the detail (px): with the sidebar's 180 they fit a 1366 px laptop screen with room to spare, whatever the panes show the session's first list is on screen with its first rows (or is empty): the desk starts its first sync then, not in the list's way the other queues' lists are to be read ahead once the current one shows its rows (at a session's start and after the cache changed under them)</extracomment>
        <translation>LAPOR Desk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="182" />
        <source>Number, words, reporter's name/phone</source>
        <translation>Nomor, kata, nama/telepon pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="183" />
        <source>Find a complaint in every queue by its number, words, or its reporter's name or phone (Ctrl+F)</source>
        <translation>Cari laporan di semua antrean menurut nomornya, kata, atau nama maupun telepon pelapornya (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="185" />
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="186" />
        <source>Queues</source>
        <translation>Antrean</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="187" />
        <source>Complaints</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="216" />
        <source>National admin</source>
        <translation>Admin Nasional</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="217" />
        <source>Agency admin</source>
        <translation>Admin Instansi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/main_window.py" line="217" />
        <source>Liaison officer</source>
        <translation>Petugas Penghubung</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/list_heading.py" line="52" />
        <source>%1 of %2</source>
        <translation>%1 dari %2</translation>
    </message>
</context>
<context>
    <name>NationalWords</name>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="14" />
        <source>New complaint</source>
        <translation>Laporan baru</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="15" />
        <source>Known; nothing changes</source>
        <translation>Sudah ada; tidak berubah</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="16" />
        <source>Part of the record above</source>
        <translation>Bagian dari laporan di atas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="17" />
        <source>status → %1</source>
        <translation>status → %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="18" />
        <source>+%1 follow-up(s)</source>
        <translation>+%1 tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="19" />
        <source>Update: %1</source>
        <translation>Diperbarui: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="20" />
        <source>SP4N-LAPOR! records: %1 new, %2 update complaints held here, %3 change nothing.</source>
        <translation>Laporan SP4N-LAPOR!: %1 baru, %2 memperbarui laporan yang sudah ada, %3 tidak berubah.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="22" />
        <source>%1 complaints updated from SP4N-LAPOR! (sent at the next sync); %2 unchanged.</source>
        <translation>%1 laporan diperbarui dari SP4N-LAPOR! (dikirim saat sinkronisasi berikutnya); %2 tidak berubah.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="27" />
        <source>This SP4N-LAPOR! number belongs to a complaint outside your area, so it was not changed. Tell the agency that holds it, then discard this action.</source>
        <extracomment>Why the server refused a national record, and what to do next (the outbox review).</extracomment>
        <translation>Nomor SP4N-LAPOR! ini milik laporan di luar wilayah Anda, jadi tidak diubah. Beri tahu instansi yang memegangnya, lalu buang tindakan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="30" />
        <source>No complaint on the server carries this SP4N-LAPOR! number (its row was not recorded). Check the number in the file, then discard this action.</source>
        <translation>Tidak ada laporan di server dengan nomor SP4N-LAPOR! ini (barisnya tidak tercatat). Periksa nomornya di berkas, lalu buang tindakan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="33" />
        <source>SP4N-LAPOR! shows a status or follow-up this complaint cannot take here yet (for example Selesai before it is verified and forwarded). Nothing was changed: handle the complaint first, then import the file again.</source>
        <translation>SP4N-LAPOR! menunjukkan status atau tindak lanjut yang belum dapat diterima laporan ini di sini (misalnya Selesai sebelum diverifikasi dan didisposisikan). Tidak ada yang diubah: tangani laporannya dulu, lalu impor berkasnya lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="37" />
        <source>Only an agency admin may take in records from SP4N-LAPOR!. Nothing was changed: discard this action.</source>
        <translation>Hanya admin instansi yang boleh memasukkan laporan dari SP4N-LAPOR!. Tidak ada yang diubah: buang tindakan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/national_words.py" line="40" />
        <source>Another complaint on the server already carries this SP4N-LAPOR! number (outside your area, or not yet in your list), so it was not recorded twice. Discard this action.</source>
        <translation>Laporan lain di server sudah memakai nomor SP4N-LAPOR! ini (di luar wilayah Anda, atau belum ada di daftar Anda), jadi tidak dicatat dua kali. Buang tindakan ini.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="42" />
        <source>A complaint was forwarded to your unit</source>
        <extracomment>How many tracking numbers a reminder names (the rest is a count).</extracomment>
        <translation>Satu laporan didisposisikan ke unit Anda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="45" />
        <source>%1 complaints were forwarded to your unit</source>
        <translation>%1 laporan didisposisikan ke unit Anda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="48" />
        <source>A new complaint needs verification</source>
        <translation>Satu laporan baru perlu diverifikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="50" />
        <source>%1 new complaints need verification</source>
        <translation>%1 laporan baru perlu diverifikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="54" />
        <location filename="../../lapor_desk/ui/notify.py" line="72" />
        <source>Tracking numbers %1 and %2 more.</source>
        <translation>Nomor pelacakan %1 dan %2 lainnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="57" />
        <location filename="../../lapor_desk/ui/notify.py" line="75" />
        <source>Tracking number: %1</source>
        <translation>Nomor pelacakan: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="65" />
        <source>A postponed complaint is due</source>
        <translation>Laporan tertunda perlu ditinjau</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="67" />
        <source>%1 postponed complaints are due</source>
        <translation>%1 laporan tertunda perlu ditinjau</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="79" />
        <source>They are in the Postponed queue.</source>
        <translation>Laporan ada di daftar Tertunda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="87" />
        <source>The server was restored from a backup</source>
        <translation>Server dipulihkan dari cadangan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="89" />
        <source>The server went back to an earlier copy of its data. %1 of your actions that it no longer had were sent to it again; none of your work is lost. The complaints were loaded again from the server.</source>
        <translation>Server kembali ke salinan datanya yang lebih lama. %1 tindakan Anda yang tidak lagi ada di server telah dikirim ulang; tidak ada pekerjaan Anda yang hilang. Data pengaduan dimuat ulang dari server.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="95" />
        <source>The server went back to an earlier copy of its data. The complaints were loaded again from the server; none of your actions was missing from it.</source>
        <translation>Server kembali ke salinan datanya yang lebih lama. Data pengaduan dimuat ulang dari server; tidak ada tindakan Anda yang hilang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/notify.py" line="99" />
        <source>Some could not be applied as they were: open the Outbox to see them.</source>
        <translation>Sebagian tidak dapat diterapkan apa adanya: buka Kotak Keluar untuk melihatnya.</translation>
    </message>
</context>
<context>
    <name>OutboxItems</name>
    <message>
        <location filename="../../lapor_desk/ui/models/outbox_items.py" line="28" />
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/outbox_items.py" line="28" />
        <source>Your action</source>
        <translation>Tindakan Anda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/outbox_items.py" line="29" />
        <source>Complaint no. and title</source>
        <translation>No. dan judul laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/outbox_items.py" line="29" />
        <source>Made</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/outbox_items.py" line="57" />
        <source>Not recorded · %1</source>
        <translation>Belum tercatat · %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/outbox_items.py" line="60" />
        <source>No. %1 · %2 · no longer in your list</source>
        <translation>No. %1 · %2 · tidak lagi di daftar Anda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/outbox_items.py" line="64" />
        <source>No longer in your list</source>
        <translation>Tidak lagi di daftar Anda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/outbox_items.py" line="66" />
        <source>new</source>
        <translation>baru</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/outbox_items.py" line="67" />
        <source>No. %1 · %2</source>
        <translation>No. %1 · %2</translation>
    </message>
</context>
<context>
    <name>OutboxReviewPanel</name>
    <message>
        <location filename="../../lapor_desk/ui/outbox_review.py" line="158" />
        <source>Nothing here: every action was accepted by the server.</source>
        <extracomment>Opens a refused recorded complaint in its form (``IntakeFlows.reopen``). Which outbox states each review queue lists.</extracomment>
        <translation>Kosong: semua tindakan sudah diterima server.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/outbox_review.py" line="159" />
        <source>Fix &amp;&amp; resend…</source>
        <translation>Perbaiki &amp;&amp; kirim ulang…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/outbox_review.py" line="160" />
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/outbox_review.py" line="161" />
        <source>Re-apply on the new state</source>
        <translation>Terapkan ulang pada keadaan baru</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/outbox_review.py" line="162" />
        <source>Drop mine</source>
        <translation>Buang milik saya</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/outbox_review.py" line="163" />
        <source>Open the text…</source>
        <translation>Buka teksnya…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/outbox_review.py" line="248" />
        <source>This computer's clock was ahead of the server's when the complaint was recorded; the form sets the time by the server's clock.</source>
        <translation>Jam komputer ini lebih cepat dari jam server saat laporan dicatat; formulir memakai waktu menurut jam server.</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <location filename="../../lapor_desk/ui/models/people_table.py" line="22" />
        <source>Agency admin</source>
        <translation>Admin Instansi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/people_table.py" line="23" />
        <source>Liaison officer</source>
        <translation>Petugas Penghubung</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/people_table.py" line="24" />
        <source>National admin</source>
        <translation>Admin Nasional</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/people_table.py" line="26" />
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/people_table.py" line="41" />
        <source>Disabled</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/people_table.py" line="43" />
        <source>Active · must set a new password</source>
        <translation>Aktif · harus membuat kata sandi baru</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/people_table.py" line="44" />
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="38" />
        <source>New account</source>
        <translation>Akun baru</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="39" />
        <source>Move %1</source>
        <translation>Pindahkan %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="46" />
        <source>e.g. lo.dinkes.konsel</source>
        <translation>mis. lo.dinkes.konsel</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="63" />
        <location filename="../../lapor_desk/ui/models/people_table.py" line="26" />
        <source>User name</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="64" />
        <source>Full name</source>
        <translation>Nama lengkap</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="68" />
        <location filename="../../lapor_desk/ui/models/people_table.py" line="27" />
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="69" />
        <location filename="../../lapor_desk/ui/models/people_table.py" line="27" />
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="73" />
        <source>Create</source>
        <translation>Buat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="74" />
        <source>Move</source>
        <translation>Pindahkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="76" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="101" />
        <source>Give a user name without spaces (e.g. lo.dinkes.konsel).</source>
        <translation>Isi nama pengguna tanpa spasi (mis. lo.dinkes.konsel).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="104" />
        <source>Give the person's full name.</source>
        <translation>Isi nama lengkap orangnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="106" />
        <source>Choose a unit from the list.</source>
        <translation>Pilih unit dari daftar.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="123" />
        <source>One-time password</source>
        <translation>Kata sandi sekali pakai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="125" />
        <source>Give this password to %1 (user name %2). It is shown only now: write it down or copy it before closing. At the first sign-in %1 must choose their own password.</source>
        <translation>Berikan kata sandi ini kepada %1 (nama pengguna %2). Kata sandi hanya ditampilkan sekarang: catat atau salin sebelum menutup. Saat masuk pertama kali, %1 harus membuat kata sandinya sendiri.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="137" />
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/account.py" line="141" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/people_table.py" line="28" />
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="42" />
        <source>You may not do this to this account: you manage agency admins and liaison officers of your own agency, never your own account.</source>
        <translation>Anda tidak boleh mengubah akun ini: Anda mengelola admin instansi dan petugas penghubung di instansi Anda sendiri, bukan akun Anda sendiri.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="45" />
        <source>This user name is taken: choose another (e.g. add the unit's short name).</source>
        <translation>Nama pengguna ini sudah dipakai: pilih yang lain (mis. tambahkan singkatan unitnya).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="47" />
        <source>The account or unit no longer exists on the server: refresh the list.</source>
        <translation>Akun atau unit ini sudah tidak ada di server: muat ulang daftarnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="49" />
        <source>Accounts are managed on the server: connect to the network and try again.</source>
        <translation>Akun dikelola di server: sambungkan ke jaringan lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="51" />
        <source>Give the user name and the full name.</source>
        <translation>Isi nama pengguna dan nama lengkap.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="54" />
        <source>created</source>
        <translation>dibuat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="55" />
        <source>disabled</source>
        <translation>dinonaktifkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="56" />
        <source>enabled</source>
        <translation>diaktifkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="57" />
        <source>moved</source>
        <translation>dipindahkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="58" />
        <source>password reset</source>
        <translation>kata sandi disetel ulang</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="59" />
        <source>own password set</source>
        <translation>membuat kata sandi sendiri</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="60" />
        <source>name changed</source>
        <translation>nama diubah</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="96" />
        <source>The accounts you manage. Changes are made on the server at once; a new or reset password is shown once, to hand to its owner.</source>
        <translation>Akun yang Anda kelola. Perubahan langsung disimpan di server; kata sandi akun baru atau yang disetel ulang hanya ditampilkan sekali, untuk diserahkan kepada pemiliknya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="101" />
        <source>Name or user name…</source>
        <translation>Nama atau nama pengguna…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="110" />
        <source>Show disabled</source>
        <translation>Tampilkan yang nonaktif</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="128" />
        <source>New account…</source>
        <translation>Akun baru…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="129" />
        <source>Move…</source>
        <translation>Pindahkan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="130" />
        <location filename="../../lapor_desk/ui/people_window.py" line="234" />
        <source>Disable</source>
        <translation>Nonaktifkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="131" />
        <source>Reset password</source>
        <translation>Setel ulang kata sandi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="132" />
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="133" />
        <source>Refresh</source>
        <translation>Perbarui</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="179" />
        <source>All roles</source>
        <translation>Semua peran</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="182" />
        <source>All units</source>
        <translation>Semua unit</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="233" />
        <source>Enable</source>
        <translation>Aktifkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="291" />
        <source>Disable the account of %1? They can no longer sign in, and their desktop deletes its copy of their work at its next contact.</source>
        <translation>Nonaktifkan akun %1? Ia tidak dapat masuk lagi, dan aplikasi di komputernya menghapus salinan datanya saat terhubung berikutnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="302" />
        <source>Reset the password of %1? Their sessions end; you get a one-time password to hand over, and they choose their own at the next sign-in.</source>
        <translation>Setel ulang kata sandi %1? Sesi masuknya berakhir; Anda mendapat kata sandi sekali pakai untuk diserahkan, dan ia membuat kata sandinya sendiri saat masuk berikutnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="333" />
        <source>History of %1</source>
        <translation>Riwayat %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_window.py" line="335" />
        <source>Nothing recorded yet.</source>
        <translation>Belum ada yang tercatat.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_launcher.py" line="36" />
        <location filename="../../lapor_desk/ui/people_window.py" line="80" />
        <location filename="../../lapor_desk/ui/people_window.py" line="92" />
        <location filename="../../lapor_desk/ui/people_window.py" line="94" />
        <source>People</source>
        <translation>Pengguna</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/people_launcher.py" line="37" />
        <source>The accounts you manage: create, move, disable, reset a password (Ctrl+Shift+U)</source>
        <translation>Akun yang Anda kelola: buat, pindahkan, nonaktifkan, setel ulang kata sandi (Ctrl+Shift+U)</translation>
    </message>
</context>
<context>
    <name>PostponeDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/postpone.py" line="60" />
        <source>Look at it again on</source>
        <translation>Tinjau kembali pada</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/postpone.py" line="64" />
        <source>Postpone (tunda) while something is missing, for example the reporter's data is incomplete. The verification deadline pauses until you act again; on the day you choose, LAPOR Desk reminds you of it.</source>
        <translation>Tunda laporan selama ada yang kurang, misalnya data pelapor belum lengkap. Tenggat verifikasi berhenti sampai Anda menindaklanjutinya; pada tanggal yang Anda pilih, LAPOR Desk mengingatkan Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/postpone.py" line="91" />
        <source>%1 is not a working day: you will be reminded on the next working day, %2.</source>
        <translation>%1 bukan hari kerja: Anda akan diingatkan pada hari kerja berikutnya, %2.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/postpone.py" line="94" />
        <source>You will be reminded on %1 (%2 working days from today).</source>
        <translation>Anda akan diingatkan pada %1 (%2 hari kerja dari hari ini).</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="96" />
        <source>Stop</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="106" />
        <source>Stopping after the current page…</source>
        <translation>Berhenti setelah halaman ini…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="115" />
        <source>Sending your work…</source>
        <translation>Mengirim pekerjaan Anda…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="115" />
        <source>Uploading files…</source>
        <translation>Mengunggah berkas…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="116" />
        <source>Receiving complaints…</source>
        <translation>Menerima laporan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="117" />
        <source>Downloading files…</source>
        <translation>Mengunduh berkas…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="117" />
        <source>Finished.</source>
        <translation>Selesai.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="121" />
        <source>%1 records · %2 · %3 s</source>
        <translation>%1 data · %2 · %3 dtk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="126" />
        <source>%1 records · %2 s</source>
        <translation>%1 data · %2 dtk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="138" />
        <source>%1 records per second</source>
        <translation>%1 data per detik</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="145" />
        <source>Less than a minute left</source>
        <translation>Kurang dari satu menit lagi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="147" />
        <source>About %1 min left</source>
        <translation>Sekitar %1 menit lagi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="150" />
        <source>Preparing the training database…</source>
        <translation>Menyiapkan basis data pelatihan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="151" />
        <source>Creating %1 sample complaints…</source>
        <translation>Membuat %1 laporan contoh…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="152" />
        <source>Starting the local server…</source>
        <translation>Menyalakan server lokal…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/progress.py" line="153" />
        <source>Signing in as the demo admin…</source>
        <translation>Masuk sebagai admin demo…</translation>
    </message>
</context>
<context>
    <name>QuitDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/quit_guard.py" line="34" />
        <source>Quit LAPOR Desk</source>
        <extracomment>Syncs tried for one "Send and quit" (an action written during the first goes with the second).</extracomment>
        <translation>Keluar dari LAPOR Desk</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/quit_guard.py" line="36" />
        <source>%1 action(s) not yet sent to the server</source>
        <translation>%1 tindakan belum terkirim ke server</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/quit_guard.py" line="40" />
        <source>Sending did not succeed: %1</source>
        <translation>Pengiriman tidak berhasil: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/quit_guard.py" line="41" />
        <source>They are kept on this computer and sent at the next start. Send them now so that the units and the reporters see them today?</source>
        <translation>Tindakan itu tetap tersimpan di komputer ini dan dikirim saat aplikasi dibuka lagi. Kirim sekarang agar unit dan pelapor melihatnya hari ini?</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/quit_guard.py" line="46" />
        <source>Send and quit</source>
        <translation>Kirim lalu keluar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/quit_guard.py" line="48" />
        <source>Quit without sending</source>
        <translation>Keluar tanpa mengirim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/quit_guard.py" line="50" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <location filename="../../lapor_desk/ui/quit_guard.py" line="138" />
        <source>some actions are still waiting.</source>
        <extracomment>the close that follows is the person's confirmed quit</extracomment>
        <translation>masih ada tindakan yang menunggu.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/quit_guard.py" line="146" />
        <source>sending was stopped.</source>
        <translation>pengiriman dihentikan.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="106" />
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="109" />
        <source>Handle ourselves</source>
        <extracomment>Esc, Cancel and the close button ask once a reason or note was typed.</extracomment>
        <translation>Tangani sendiri (tanpa disposisi)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="107" />
        <source>Your agency handles this complaint itself (kelola): it is assigned to your unit and the resolution deadline starts.</source>
        <translation>Instansi Anda menangani sendiri laporan ini, tanpa mendisposisikannya ke instansi lain (di LAPOR! disebut “kelola”): laporan diberikan ke unit Anda dan tenggat penyelesaian mulai berjalan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="108" />
        <source>Note (optional)</source>
        <translation>Catatan (opsional)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="110" />
        <source>Postpone complaint</source>
        <translation>Tunda laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="111" />
        <source>Postpone (tunda) while something is missing, for example the reporter's data is incomplete. The verification deadline pauses until you act again.</source>
        <translation>Tunda laporan selama ada yang kurang, misalnya data pelapor belum lengkap. Tenggat verifikasi berhenti sampai Anda menindaklanjutinya lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="113" />
        <source>Reason for postponing (required)</source>
        <translation>Alasan penundaan (wajib)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="113" />
        <source>Postpone</source>
        <translation>Tunda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="114" />
        <source>Not our authority</source>
        <translation>Bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="115" />
        <source>Return the complaint up the chain because it is not your agency's authority (bukan wewenang). Say why, so the next admin can route it.</source>
        <translation>Kembalikan laporan ke tingkat di atas karena bukan wewenang instansi Anda. Tuliskan alasannya agar admin berikutnya dapat meneruskannya dengan tepat.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="117" />
        <source>Why is it not your authority? (required)</source>
        <translation>Mengapa bukan wewenang Anda? (wajib)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="118" />
        <source>Return complaint</source>
        <translation>Kembalikan laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="119" />
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="123" />
        <source>Close complaint</source>
        <translation>Selesaikan laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="120" />
        <source>The complaint is finished (Selesai): its follow-up is done. It leaves the working queues; if it turns out not to be finished, it can be reopened with a reason.</source>
        <translation>Laporan selesai: tindak lanjutnya sudah tuntas. Laporan keluar dari daftar kerja; bila ternyata belum tuntas, laporan dapat dibuka kembali dengan alasan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="122" />
        <source>Closing note (optional), for example what was done</source>
        <translation>Catatan penyelesaian (boleh kosong), misalnya apa yang sudah dikerjakan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="124" />
        <source>Reopen complaint</source>
        <translation>Buka kembali laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="125" />
        <source>The complaint goes back to work: a finished one to its unit (in progress), an archived one to verification. The reason is kept in its history.</source>
        <translation>Laporan kembali dikerjakan: laporan yang selesai kembali ke unitnya (Sedang Diproses), laporan yang diarsipkan kembali ke verifikasi. Alasannya disimpan dalam riwayat laporan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="127" />
        <source>Why is it reopened? (required)</source>
        <translation>Mengapa laporan dibuka kembali? (wajib)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="127" />
        <source>Reopen</source>
        <translation>Buka kembali</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="145" />
        <source>Write the reason first: it is required and is kept in the complaint's history.</source>
        <translation>Tulis alasannya dahulu: alasan wajib diisi dan disimpan dalam riwayat laporan.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="35" />
        <source>Complaint receipt</source>
        <translation>Tanda terima pengaduan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="37" />
        <source>Receipt for the reporter</source>
        <translation>Tanda terima untuk pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="39" />
        <source>Print it or save it as a PDF and hand it to the reporter.</source>
        <translation>Cetak atau simpan sebagai PDF, lalu serahkan kepada pelapor.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="41" />
        <source>Not synced yet: the receipt names a provisional reference. Print it again after the next sync for the tracking number (File &gt; Print receipt).</source>
        <translation>Belum tersinkron: tanda terima memuat nomor sementara. Cetak ulang setelah sinkronisasi berikutnya untuk mendapat nomor laporan (Berkas &gt; Cetak tanda terima).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="53" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="54" />
        <source>Print…</source>
        <translation>Cetak…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="56" />
        <source>Save as PDF…</source>
        <translation>Simpan sebagai PDF…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="69" />
        <source>tanda-terima-%1.pdf</source>
        <translation>tanda-terima-%1.pdf</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="72" />
        <source>Save the receipt as PDF</source>
        <translation>Simpan tanda terima sebagai PDF</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/receipt.py" line="87" />
        <source>The PDF could not be written to %1. Choose another folder, or print the receipt.</source>
        <translation>PDF tidak dapat ditulis ke %1. Pilih folder lain, atau cetak tanda terimanya.</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="53" />
        <source>Received</source>
        <extracomment>Indonesia's three zones by their offset from UTC, in hours.</extracomment>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="56" />
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="58" />
        <source>Letter number</source>
        <translation>Nomor surat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="60" />
        <source>Letter date</source>
        <translation>Tanggal surat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="61" />
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="62" />
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="63" />
        <source>Anonymous (identity kept confidential)</source>
        <translation>Anonim (identitas dirahasiakan)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="65" />
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="68" />
        <source>Location</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="70" />
        <source>Documents received</source>
        <translation>Dokumen diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="71" />
        <source>%1 file(s)</source>
        <translation>%1 berkas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="73" />
        <source>Confidential</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="74" />
        <source>The content is not shown to the public.</source>
        <translation>Isi laporan tidak ditampilkan kepada publik.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="76" />
        <source>Tracking number</source>
        <translation>Nomor laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="77" />
        <source>Provisional reference given earlier: %1</source>
        <translation>Nomor sementara sebelumnya: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="79" />
        <source>Follow your complaint at www.lapor.go.id or by SMS to 1708 with the tracking number.</source>
        <translation>Pantau laporan Anda di www.lapor.go.id atau lewat SMS ke 1708 dengan nomor laporan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="82" />
        <source>Provisional reference</source>
        <translation>Nomor sementara</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="83" />
        <source>The tracking number is given once this computer has sent the complaint to LAPOR!. Ask with this provisional reference; a receipt with the tracking number can be printed for you.</source>
        <translation>Nomor laporan diberikan setelah komputer ini mengirim laporan ke LAPOR!. Tanyakan dengan nomor sementara ini; tanda terima dengan nomor laporan dapat dicetak untuk Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="86" />
        <source>Keep this receipt until you receive the tracking number.</source>
        <translation>Simpan tanda terima ini sampai Anda menerima nomor laporan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="87" />
        <source>Received by %1, %2</source>
        <translation>Diterima oleh %1, %2</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="89" />
        <source>Printed %1</source>
        <translation>Dicetak %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="90" />
        <source>COMPLAINT RECEIPT</source>
        <translation>TANDA TERIMA PENGADUAN</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_document.py" line="105" />
        <source>Complaint receipt</source>
        <translation>Tanda terima pengaduan</translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <location filename="../../lapor_desk/ui/receipt_panel.py" line="40" />
        <source>Print receipt…</source>
        <translation>Cetak tanda terima…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_panel.py" line="41" />
        <source>The receipt (tanda terima) for the reporter (Ctrl+P)</source>
        <translation>Tanda terima untuk pelapor (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_panel.py" line="58" />
        <source>Came by %1</source>
        <translation>Diterima lewat %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_panel.py" line="60" />
        <source>letter number %1</source>
        <translation>nomor surat %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/receipt_panel.py" line="62" />
        <source>dated %1</source>
        <translation>tanggal %1</translation>
    </message>
</context>
<context>
    <name>RecordComplaintDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="60" />
        <source>Record a complaint</source>
        <translation>Catat laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="62" />
        <source>Record a complaint received outside the system</source>
        <translation>Catat laporan yang diterima di luar aplikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="88" />
        <source>Save complaint</source>
        <translation>Simpan laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="90" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="64" />
        <source>For complaints brought to the counter, or received by letter, phone, radio or newspaper. It waits in Needs verification and gets its tracking number at the next sync. What you type is kept as a draft until it is saved.</source>
        <translation>Untuk pengaduan yang disampaikan langsung di loket, atau diterima lewat surat, telepon, radio atau surat kabar. Laporan menunggu di Perlu Verifikasi dan mendapat nomor laporan pada sinkronisasi berikutnya. Yang Anda ketik disimpan sebagai draf sampai laporan disimpan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="89" />
        <source>Save the complaint (Ctrl+Enter)</source>
        <translation>Simpan laporan (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="122" />
        <source>Close the form?</source>
        <translation>Tutup formulir?</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="124" />
        <source>Keep typing</source>
        <translation>Lanjut mengisi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="126" />
        <source>What you changed is not saved. The refused complaint stays in the Outbox as it was.</source>
        <translation>Perubahan Anda belum disimpan. Laporan yang ditolak tetap di Kotak Keluar seperti semula.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="128" />
        <source>Close without saving</source>
        <translation>Tutup tanpa menyimpan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="132" />
        <source>The complaint is not saved yet. What you typed is kept as a draft and comes back the next time you record a complaint.</source>
        <translation>Laporan belum disimpan. Yang Anda ketik disimpan sebagai draf dan muncul lagi saat Anda mencatat laporan berikutnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="135" />
        <source>Close, keep the draft</source>
        <translation>Tutup, simpan draf</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="137" />
        <source>Throw away what was typed</source>
        <translation>Buang isian</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="183" />
        <source>Restored what was typed earlier (kept %1); it is not saved yet. To start again, close the form and throw it away.</source>
        <extracomment>The question's buttons by what they do (tests press them).</extracomment>
        <translation>Isian sebelumnya dipulihkan (disimpan %1); laporan belum disimpan. Untuk mulai dari awal, tutup formulir lalu pilih Buang isian.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="193" />
        <source>Fix a refused complaint</source>
        <translation>Perbaiki laporan yang ditolak</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="194" />
        <source>Fix a complaint the server refused</source>
        <translation>Perbaiki laporan yang ditolak server</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="196" />
        <source>Everything typed is here, with its files. Correct it and save: it is sent again at the next sync and the refused one leaves the Outbox. Cancel leaves the refused complaint in the Outbox as it was.</source>
        <translation>Semua yang sudah diketik ada di sini, beserta berkasnya. Perbaiki lalu simpan: laporan dikirim lagi pada sinkronisasi berikutnya dan yang ditolak keluar dari Kotak Keluar. Batal membiarkan laporan yang ditolak tetap di Kotak Keluar seperti semula.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="199" />
        <source>Save and send again</source>
        <translation>Simpan dan kirim ulang</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="210" />
        <source>The server refused this complaint.</source>
        <translation>Server menolak laporan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="212" />
        <source>The time it was received was ahead of the server's clock (this computer's clock was fast); it is now set by the server's clock: check it.</source>
        <translation>Waktu diterimanya lebih cepat dari jam server (jam komputer ini terlalu cepat); kini disetel menurut jam server: periksalah.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="216" />
        <source>Set by the server's clock: this computer's clock was ahead when the complaint was recorded.</source>
        <translation>Disetel menurut jam server: jam komputer ini lebih cepat saat laporan dicatat.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_complaint.py" line="244" />
        <source>Please correct the marked fields (%1).</source>
        <translation>Perbaiki isian yang ditandai (%1).</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="97" />
        <source>Report</source>
        <extracomment>Values the form has no field for, kept as they came (a reopened complaint's tags).</extracomment>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="105" />
        <source>Abuse of authority by officials: it goes to the inspectorate and has 60 working days.</source>
        <translation>Penyalahgunaan wewenang oleh pejabat: diteruskan ke inspektorat, batas waktu 60 hari kerja.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="109" />
        <source>What is the problem, in one line</source>
        <translation>Apa masalahnya, dalam satu baris</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="112" />
        <source>What happened, where and when, who was involved, what the reporter asks for</source>
        <translation>Apa yang terjadi, di mana dan kapan, siapa yang terlibat, apa yang diminta pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="117" />
        <source>Not known</source>
        <translation>Tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="121" />
        <source>Type to search…</source>
        <translation>Ketik untuk mencari…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="125" />
        <source>Optional; type to search…</source>
        <translation>Tidak wajib; ketik untuk mencari…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="128" />
        <source>Attachments</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="132" />
        <source>Location</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="137" />
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="138" />
        <source>Optional</source>
        <translation>Tidak wajib</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="145" />
        <source>How and when it came</source>
        <translation>Cara dan waktu diterima</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="147" />
        <source>Show online channels too</source>
        <translation>Tampilkan juga kanal daring</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="170" />
        <source>As written on the letter</source>
        <translation>Seperti tertulis pada surat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="172" />
        <source>No date</source>
        <translation>Tanpa tanggal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="178" />
        <source>Anonymous</source>
        <translation>Anonim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="181" />
        <source>The reporter's identity is hidden from the public and from the party reported.</source>
        <translation>Identitas pelapor disembunyikan dari publik dan dari pihak yang dilaporkan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="183" />
        <source>Confidential</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="185" />
        <source>The content of the report is not shown to the public.</source>
        <translation>Isi laporan tidak ditampilkan kepada publik.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="204" />
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="208" />
        <source>16 digits (optional)</source>
        <translation>16 digit (tidak wajib)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/record_form.py" line="266" />
        <source>Optional for an anonymous complaint</source>
        <translation>Tidak wajib untuk laporan anonim</translation>
    </message>
</context>
<context>
    <name>RegisterColumns</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="62" />
        <source>Columns in the file</source>
        <extracomment>Shared values offered in the panel, in order (the CLI's --default takes these and more). Two columns of the file side by side: with the field names of national records ("Tanggapan pelapor di SP4N-LAPOR!") whole in their boxes, three do not fit a laptop's screen. A column's name longer than this wraps under itself (its box keeps its width).</extracomment>
        <translation>Kolom di berkas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="68" />
        <source>Values for the whole file</source>
        <translation>Nilai untuk seluruh berkas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="70" />
        <source>Used where the file has no column for it, or leaves it empty.</source>
        <translation>Dipakai bila berkas tidak punya kolomnya, atau kolomnya kosong.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="86" />
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="89" />
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="93" />
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="107" />
        <source>From the file</source>
        <translation>Dari berkas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="131" />
        <source>Column names found in row %1. Change what a column holds if the guess is wrong.</source>
        <translation>Nama kolom ditemukan di baris %1. Ubah isi kolom bila tebakannya salah.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="145" />
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/register_columns.py" line="152" />
        <source>Not imported</source>
        <translation>Tidak diimpor</translation>
    </message>
</context>
<context>
    <name>RegisterFlow</name>
    <message>
        <location filename="../../lapor_desk/ui/register_flow.py" line="85" />
        <source>Settings saved as “%1”.</source>
        <translation>Pengaturan disimpan sebagai “%1”.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/register_flow.py" line="99" />
        <source>Empty register saved: %1</source>
        <translation>Register kosong disimpan: %1</translation>
    </message>
</context>
<context>
    <name>RegisterPreviewModel</name>
    <message>
        <location filename="../../lapor_desk/ui/models/register_preview.py" line="59" />
        <source>Imported before: left out</source>
        <translation>Sudah pernah diimpor: dilewati</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/register_preview.py" line="61" />
        <source>Same as row %1: left out</source>
        <translation>Sama dengan baris %1: dilewati</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/register_preview.py" line="108" />
        <source>Row</source>
        <translation>Baris</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/register_preview.py" line="110" />
        <source>Problems</source>
        <translation>Masalah</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/models/register_preview.py" line="112" />
        <source>In SP4N-LAPOR!</source>
        <translation>Di SP4N-LAPOR!</translation>
    </message>
</context>
<context>
    <name>RerouteDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="212" />
        <source>Re-route to another agency</source>
        <translation>Alihkan ke instansi lain</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="214" />
        <source>Send the complaint to the agency that is responsible for it. It arrives there as a new complaint to verify.</source>
        <translation>Kirim laporan ke instansi yang berwenang. Di sana laporan masuk sebagai laporan baru yang perlu diverifikasi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="217" />
        <source>Search an agency: name or abbreviation (kemenkes, bpn, pln)…</source>
        <translation>Cari instansi: nama atau singkatan (kemenkes, bpn, pln)…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="223" />
        <source>Note for the agency (optional)</source>
        <translation>Catatan untuk instansi (opsional)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="227" />
        <source>Re-route</source>
        <translation>Alihkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="242" />
        <source>Choose the agency that should handle the complaint.</source>
        <translation>Pilih instansi yang seharusnya menangani laporan ini.</translation>
    </message>
</context>
<context>
    <name>ReviewWords</name>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="20" />
        <location filename="../../lapor_desk/ui/review_words.py" line="81" />
        <source>Another user</source>
        <translation>Pengguna lain</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="23" />
        <source>%1 changed this complaint on %2: from “%3” to “%4”.</source>
        <translation>%1 mengubah laporan ini pada %2: dari “%3” menjadi “%4”.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="27" />
        <source>%1 changed this complaint on %2 (%3).</source>
        <translation>%1 mengubah laporan ini pada %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="38" />
        <source>Your action arrived after that, so it was not applied. Re-apply it on the new state, or drop yours.</source>
        <translation>Tindakan Anda sampai sesudahnya, sehingga tidak diterapkan. Terapkan ulang pada keadaan baru, atau buang milik Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="41" />
        <source>Your action arrived after that, so it was not applied.</source>
        <translation>Tindakan Anda sampai sesudahnya, sehingga tidak diterapkan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="50" />
        <source>Not possible now: the complaint is no longer on this computer (it left your area). Your words are kept: open the text to copy them.</source>
        <translation>Tidak bisa sekarang: laporan ini tidak lagi ada di komputer ini (sudah keluar dari wilayah Anda). Kata-kata Anda tetap tersimpan: buka teksnya untuk menyalinnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="54" />
        <source>Not possible now: the complaint is “%1”, and “%2” is not allowed in that status. Choose another action in the detail, or discard this one.</source>
        <translation>Tidak bisa sekarang: laporan ini berstatus “%1”, dan “%2” tidak diizinkan pada status itu. Pilih tindakan lain di rincian, atau buang tindakan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="58" />
        <source>Not possible: your role may not make this action. Discard it, or ask an admin of your agency.</source>
        <translation>Tidak bisa: peran Anda tidak boleh melakukan tindakan ini. Buang tindakan ini, atau minta admin instansi Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="76" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="76" />
        <source>%1 (when you acted)</source>
        <translation>%1 (saat Anda bertindak)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="78" />
        <source>Agency / unit</source>
        <translation>Instansi / unit</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="82" />
        <source>Changed by</source>
        <translation>Diubah oleh</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="87" />
        <source>What you did</source>
        <translation>Yang Anda lakukan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/review_words.py" line="87" />
        <source>On the server now</source>
        <translation>Di server sekarang</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="201" />
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/keyboard.py" line="206" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>SignOutDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="22" />
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="53" />
        <source>Sign out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="26" />
        <source>Unsynced work will be lost</source>
        <translation>Pekerjaan yang belum tersinkron akan hilang</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="29" />
        <source>Actions not yet sent to the server: %1</source>
        <translation>Aksi yang belum dikirim ke server: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="32" />
        <source>Actions the server refused, not yet resolved: %1</source>
        <translation>Aksi yang ditolak server dan belum diselesaikan: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="35" />
        <source>Conflicts not yet resolved: %1</source>
        <translation>Konflik yang belum diselesaikan: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="38" />
        <source>Replies, notes and complaints typed but not saved (drafts): %1</source>
        <translation>Balasan, catatan dan laporan yang sudah diketik tetapi belum disimpan (draf): %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="41" />
        <source>Signing out deletes them from this computer for good, with the complaints, attachments and drafts kept here. To keep them, cancel and sync first; the Outbox shows what is waiting.</source>
        <translation>Keluar akan menghapusnya dari komputer ini untuk selamanya, bersama laporan, lampiran, dan draf yang tersimpan di sini. Untuk menyimpannya, batalkan lalu sinkronkan dahulu; Kotak Keluar menampilkan apa yang masih menunggu.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="45" />
        <source>Delete and sign out</source>
        <translation>Hapus dan keluar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="48" />
        <source>Sign out and remove this computer's copy?</source>
        <translation>Keluar dan hapus salinan di komputer ini?</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/sign_out.py" line="50" />
        <source>The complaints, attachments and drafts kept on this computer for your account are deleted, with the key that encrypts them. Everything you sent is safe on the server: sign in again to download it.</source>
        <translation>Laporan, lampiran, dan draf akun Anda yang tersimpan di komputer ini dihapus, bersama kunci yang mengenkripsinya. Semua yang sudah Anda kirim aman di server: masuk lagi untuk mengunduhnya.</translation>
    </message>
</context>
<context>
    <name>SimilarCaseDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="28" />
        <source>Similar past complaint</source>
        <translation>Laporan serupa terdahulu</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="30" />
        <source>Complaint %1: %2</source>
        <translation>Laporan %1: %2</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="36" />
        <source>Handled by:</source>
        <translation>Ditangani oleh:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="37" />
        <source>Similarity:</source>
        <translation>Kemiripan:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="42" />
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="44" />
        <source>Place:</source>
        <translation>Lokasi:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="45" />
        <source>Category:</source>
        <translation>Kategori:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="47" />
        <source>The text of this complaint is confidential.</source>
        <translation>Isi laporan ini dirahasiakan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="50" />
        <source>This complaint is not on this computer; only what the suggestion knows of it is shown.</source>
        <translation>Laporan ini tidak tersimpan di komputer ini; hanya yang diketahui saran ini yang ditampilkan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="52" />
        <source>What the reporter wrote</source>
        <translation>Isi laporan pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/similar_case.py" line="54" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>SimilarListModel</name>
    <message>
        <location filename="../../lapor_desk/ui/models/similar_list.py" line="39" />
        <source>new</source>
        <translation>baru</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="178" />
        <source>Unit suggestions</source>
        <extracomment>at or above: "very likely"; at or above ``POSSIBLE``: "likely"; below: "less likely" a unit's name on its button is shortened (…) past this width; the whole name is in its tooltip, its accessible name and the reason below it the admin chose a suggested unit (its id): the picker selects it the admin opened a similar past complaint (a ``SimilarCase``) the units the picker lets one choose (None: all)</extracomment>
        <translation>Saran unit</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="179" />
        <source>Unit suggestions from earlier complaints</source>
        <translation>Saran unit dari laporan terdahulu</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="180" />
        <source>Units that handled similar complaints before. Choosing one selects it below; nothing is forwarded until you press Forward.</source>
        <translation>Unit yang dulu menangani laporan serupa. Memilih salah satu hanya menandainya di daftar di bawah; laporan baru diteruskan setelah Anda menekan Teruskan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="183" />
        <source>Tracking no.</source>
        <translation>No. laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="183" />
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="184" />
        <source>Handled by</source>
        <translation>Ditangani oleh</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="185" />
        <source>Similar past complaints</source>
        <translation>Laporan serupa terdahulu</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="190" />
        <source>very likely</source>
        <translation>kemungkinan besar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="192" />
        <source>likely</source>
        <translation>mungkin</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="194" />
        <source>less likely</source>
        <translation>kemungkinan kecil</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="200" />
        <source>Suggested from the words of the complaint</source>
        <translation>Disarankan dari isi laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="202" />
        <source>1 similar complaint from %2 handled by %3</source>
        <translation>1 laporan serupa dari %2 ditangani %3</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="203" />
        <source>%1 similar complaints from %2 handled by %3</source>
        <translation>%1 laporan serupa dari %2 ditangani %3</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="207" />
        <source>1 similar complaint handled by %2</source>
        <translation>1 laporan serupa ditangani %2</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="208" />
        <source>%1 similar complaints handled by %2</source>
        <translation>%1 laporan serupa ditangani %2</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="211" />
        <source>+ 1 misrouted complaint that came back to this unit</source>
        <translation>+ 1 salah kirim yang kembali ke unit ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="213" />
        <source>+ %1 misrouted complaints that came back to this unit</source>
        <translation>+ %1 salah kirim yang kembali ke unit ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="222" />
        <source>Reporter's category: %1; similar complaints usually: %2</source>
        <translation>Kategori pelapor: %1; laporan serupa biasanya: %2</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="224" />
        <source>Similar complaints usually have the category %1</source>
        <translation>Laporan serupa biasanya berkategori %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="230" />
        <source>Looking for suggestions…</source>
        <translation>Mencari saran…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="232" />
        <source>Suggestions are not available now; choose the unit below.</source>
        <translation>Saran belum tersedia saat ini; pilih unit di bawah.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="234" />
        <source>Suggestions are being prepared from the history…</source>
        <translation>Saran sedang disiapkan dari riwayat…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="236" />
        <source>Not enough history yet to suggest a unit</source>
        <translation>Belum cukup riwayat untuk memberi saran</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="238" />
        <source>No suggestion for this complaint; choose the unit below.</source>
        <translation>Tidak ada saran untuk laporan ini; pilih unit di bawah.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="263" />
        <source>Select this unit below (Alt+%1); nothing is forwarded until you press Forward</source>
        <translation>Pilih unit ini di daftar di bawah (Alt+%1); laporan baru diteruskan setelah Anda menekan Teruskan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="265" />
        <source>This unit cannot be chosen for this complaint here</source>
        <translation>Unit ini tidak dapat dipilih untuk laporan ini di sini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="267" />
        <source>Suggestion %1: %2, %3</source>
        <translation>Saran %1: %2, %3</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="270" />
        <source>Similar (%1)</source>
        <translation>Serupa (%1)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="272" />
        <source>Show the similar past complaints behind this suggestion</source>
        <translation>Tampilkan laporan serupa terdahulu yang mendasari saran ini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="275" />
        <source>Similar past complaints of suggestion %1</source>
        <translation>Laporan serupa terdahulu untuk saran %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/routing_panel.py" line="305" />
        <source>Enter or double-click opens the complaint</source>
        <translation>Tekan Enter atau klik dua kali untuk membuka laporan</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/reply_extras.py" line="46" />
        <source>Template:</source>
        <translation>Templat:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/reply_extras.py" line="47" />
        <source>Insert</source>
        <translation>Sisipkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/reply_extras.py" line="48" />
        <source>Insert the template at the cursor, with the reporter's name (never for an anonymous complaint), the tracking number and the unit</source>
        <translation>Sisipkan templat di posisi kursor, dengan nama pelapor (tidak pernah untuk laporan anonim), nomor pelacakan dan unit</translation>
    </message>
</context>
<context>
    <name>TrainingSheet</name>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="39" />
        <source>LAPOR Desk training (bimtek): trainee accounts</source>
        <extracomment>The sheet's words (translated when the sheet is made: the facilitator's language).</extracomment>
        <translation>Bimtek LAPOR Desk: akun peserta</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="40" />
        <source>On the sign-in screen of LAPOR Desk, type in Server:</source>
        <translation>Di layar masuk LAPOR Desk, ketik pada kolom Server:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="42" />
        <source>then your user name and password from the list below.</source>
        <translation>lalu nama pengguna dan kata sandi Anda dari daftar di bawah.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="44" />
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="45" />
        <source>Participant (name)</source>
        <translation>Peserta (nama)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="46" />
        <source>User name</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="47" />
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="48" />
        <source>Practice pemda</source>
        <translation>Pemda latihan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="49" />
        <source>Exercises</source>
        <translation>Latihan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="50" />
        <source>These passwords are for this training server only. Never use them, or your own password, anywhere else; they end with the training.</source>
        <translation>Kata sandi ini hanya untuk server latihan ini. Jangan pernah dipakai di tempat lain, dan jangan memakai kata sandi Anda sendiri di sini; semuanya berakhir bersama latihan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="55" />
        <source>Verify and forward</source>
        <translation>Verifikasi dan teruskan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="55" />
        <source>Open “[Latihan 1] …”, check it and forward it to the Dinas Pekerjaan Umum dan Penataan Ruang of your practice pemda.</source>
        <translation>Buka “[Latihan 1] …”, periksa, lalu teruskan ke Dinas Pekerjaan Umum dan Penataan Ruang di pemda latihan Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="58" />
        <source>Reply with a template</source>
        <translation>Balas dengan templat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="58" />
        <source>Open “[Latihan 2] …”, write the reply to the reporter starting from a reply template, and send it.</source>
        <translation>Buka “[Latihan 2] …”, tulis balasan kepada pelapor dengan memulai dari templat balasan, lalu kirim.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="61" />
        <source>Record a walk-in</source>
        <translation>Catat pengaduan tatap muka</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="61" />
        <source>Record a citizen who came to the counter: a new complaint with the channel “walk-in”.</source>
        <translation>Catat warga yang datang ke loket: laporan baru dengan kanal “tatap muka”.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="64" />
        <source>Repair a conflict</source>
        <translation>Perbaiki konflik</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_sheet.py" line="64" />
        <source>Forward “[Latihan 4] …” to Dinas PUPR. A colleague forwarded it elsewhere a moment before you: open the conflict, see who changed it, and apply your forward again on the complaint as it now stands.</source>
        <translation>Teruskan “[Latihan 4] …” ke Dinas PUPR. Sesaat sebelumnya seorang rekan meneruskannya ke tempat lain: buka konfliknya, lihat siapa yang mengubahnya, lalu terapkan lagi penerusan Anda pada laporan sebagaimana sekarang.</translation>
    </message>
</context>
<context>
    <name>TrainingWindow</name>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="85" />
        <source>LAPOR Desk training server (bimtek)</source>
        <extracomment>How often the trainees' progress is read again (ms). the progress shown was refreshed (tests wait for it) a server task failed: its message (tests and the log listen)</extracomment>
        <translation>Server latihan LAPOR Desk (bimtek)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="89" />
        <source>On the sign-in screen of LAPOR Desk, trainees type in Server:</source>
        <translation>Di layar masuk LAPOR Desk, peserta mengetik pada kolom Server:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="98" />
        <source>Open to the room</source>
        <translation>Buka untuk ruangan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="101" />
        <source>The training clock stands still: deadlines do not pass and nothing closes by itself during the session.</source>
        <translation>Jam latihan dibekukan: tenggat tidak terlewati dan tidak ada laporan yang selesai otomatis selama sesi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="111" />
        <source>Print the list…</source>
        <translation>Cetak daftar…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="113" />
        <source>Refresh</source>
        <translation>Perbarui</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="115" />
        <source>Reset this trainee…</source>
        <translation>Ulang latihan peserta ini…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="118" />
        <source>Reset everyone…</source>
        <translation>Ulang latihan semua peserta…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="158" />
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="158" />
        <source>User name</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="158" />
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="159" />
        <source>Practice pemda</source>
        <translation>Pemda latihan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="160" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="174" />
        <location filename="../../lapor_desk/ui/training_window.py" line="179" />
        <source>Preparing the training server…</source>
        <translation>Menyiapkan server latihan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="180" />
        <source>Creating the training data and the trainees' accounts…</source>
        <translation>Membuat data latihan dan akun peserta…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="181" />
        <source>Starting the training server…</source>
        <translation>Menjalankan server latihan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="182" />
        <location filename="../../lapor_desk/ui/training_window.py" line="186" />
        <source>The training server is running.</source>
        <translation>Server latihan berjalan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="194" />
        <source>The port is already in use on this computer (is another training server open?). Close it, or start with another --port.</source>
        <translation>Port ini sudah dipakai di komputer ini (apakah server latihan lain masih terbuka?). Tutup dulu, atau jalankan dengan --port yang lain.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="197" />
        <source>The training server could not do that. Its log is in %1.</source>
        <translation>Server latihan tidak dapat melakukannya. Catatannya ada di %1.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="221" />
        <source>Only this computer can reach the server now. To open it to the room, choose this computer's address on the room's network:</source>
        <translation>Saat ini hanya komputer ini yang dapat menghubungi server. Untuk membukanya bagi ruangan, pilih alamat komputer ini di jaringan ruangan:</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="225" />
        <source>Only this computer can reach the server: it has no address on a local network. Connect it to the room's network (Wi-Fi or cable) and start again.</source>
        <translation>Hanya komputer ini yang dapat menghubungi server: komputer ini belum punya alamat di jaringan lokal. Sambungkan ke jaringan ruangan (Wi-Fi atau kabel), lalu mulai lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="229" />
        <source>The room's computers reach the server at this address (this computer's address on the room's network, port %1).</source>
        <translation>Komputer peserta menghubungi server di alamat ini (alamat komputer ini di jaringan ruangan, port %1).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="240" />
        <source>Opening the server to the room…</source>
        <translation>Membuka server untuk ruangan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="282" />
        <source>%1 of %2 trainees have done every exercise.</source>
        <translation>%1 dari %2 peserta sudah menyelesaikan semua latihan.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="304" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="315" />
        <source>Reset a trainee</source>
        <translation>Ulang latihan peserta</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="316" />
        <source>Start %1's exercises again?</source>
        <translation>Mulai lagi latihan %1?</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="317" />
        <source>Their exercise complaints and what they recorded are deleted and made afresh; their desktop shows the new ones at its next sync. The other trainees are not touched; the password stays.</source>
        <translation>Laporan latihannya dan yang dicatatnya dihapus lalu dibuat baru; komputernya menampilkan yang baru pada sinkronisasi berikutnya. Peserta lain tidak terpengaruh; kata sandi tetap.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="320" />
        <source>Reset</source>
        <translation>Ulangi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="323" />
        <source>Resetting %1…</source>
        <translation>Mengulang latihan %1…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="328" />
        <location filename="../../lapor_desk/ui/training_window.py" line="332" />
        <source>Reset everyone</source>
        <translation>Ulang latihan semua peserta</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="328" />
        <source>Start the whole training again?</source>
        <translation>Mulai lagi seluruh latihan?</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="329" />
        <source>Every trainee's work is deleted and the training data is made afresh. The accounts and passwords on the printed list stay valid; trainees sign in again.</source>
        <translation>Pekerjaan semua peserta dihapus dan data latihan dibuat baru. Akun dan kata sandi pada daftar yang dicetak tetap berlaku; peserta masuk lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="336" />
        <source>Resetting the training data…</source>
        <translation>Mengulang data latihan…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="341" />
        <source>Reset done.</source>
        <translation>Latihan sudah diulang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/training_window.py" line="349" />
        <source>Print the trainees' accounts</source>
        <translation>Cetak akun peserta</translation>
    </message>
</context>
<context>
    <name>UnitNames</name>
    <message>
        <location filename="../../lapor_desk/ui/unit_names_flow.py" line="19" />
        <source>Too many names: keep at most 12.</source>
        <translation>Terlalu banyak nama: paling banyak 12.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/unit_names_flow.py" line="20" />
        <source>A name is too short: give at least 2 characters.</source>
        <translation>Ada nama yang terlalu pendek: paling sedikit 2 huruf.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/unit_names_flow.py" line="22" />
        <source>A name is too long: keep each under 80 characters.</source>
        <translation>Ada nama yang terlalu panjang: paling banyak 80 huruf per nama.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/unit_names_flow.py" line="24" />
        <location filename="../../lapor_desk/ui/unit_names_flow.py" line="26" />
        <source>You may not change the names of this unit: ask its agency's admin.</source>
        <translation>Anda tidak dapat mengubah nama unit ini: minta admin instansinya.</translation>
    </message>
</context>
<context>
    <name>UnitNamesDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/unit_names.py" line="21" />
        <source>Other names of a unit</source>
        <translation>Nama lain unit</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/unit_names.py" line="23" />
        <source>Other names of “%1”</source>
        <translation>Nama lain “%1”</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/unit_names.py" line="27" />
        <source>One name per line: the abbreviations and names staff and citizens use (e.g. Dukcapil, Disdukcapil Kendari). Everyone finds the unit by these names after their next sync. Common abbreviations are known already.</source>
        <translation>Satu nama per baris: singkatan dan nama yang dipakai staf dan warga (mis. Dukcapil, Disdukcapil Kendari). Semua pengguna menemukan unit ini dengan nama-nama tersebut setelah sinkronisasi berikutnya. Singkatan yang umum sudah dikenali.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/unit_names.py" line="40" />
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/unit_names.py" line="41" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <location filename="../../lapor_desk/ui/unit_picker.py" line="164" />
        <source>Recently used</source>
        <extracomment>set on the "recently used" group and its rows a unit was double-clicked or chosen with Enter in the tree the chosen unit changed</extracomment>
        <translation>Terakhir dipakai</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/unit_picker.py" line="189" />
        <source>Other names of this unit…</source>
        <extracomment>"Other names…": shown to those who may edit a unit's aliases (names given)</extracomment>
        <translation>Nama lain unit ini…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/unit_picker.py" line="192" />
        <source>Add the abbreviations and names people use for the chosen unit, so everyone finds it by them (needs a connection to the server).</source>
        <translation>Tambahkan singkatan dan nama yang dipakai orang untuk unit yang dipilih, agar semua pengguna dapat menemukannya dengan nama itu (perlu tersambung ke server).</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/unit_picker.py" line="254" />
        <source>Not found: no unit or agency is called “%1”. Check the spelling, try a word of its full name (e.g. “kesehatan”), or ask your agency admin to add this name to the unit.</source>
        <translation>Tidak ditemukan: tidak ada unit atau instansi bernama “%1”. Periksa ejaannya, coba satu kata dari nama lengkapnya (mis. “kesehatan”), atau minta admin instansi menambahkan nama ini pada unitnya.</translation>
    </message>
</context>
<context>
    <name>UnitTypeAhead</name>
    <message>
        <location filename="../../lapor_desk/ui/unit_type_ahead.py" line="56" />
        <source>Unit: %1</source>
        <extracomment>"Dinas Kesehatan Kota Kendari (12)": the count the filter bar adds</extracomment>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/unit_type_ahead.py" line="58" />
        <source>No unit here is called “%1”.</source>
        <translation>Tidak ada unit bernama “%1” di sini.</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../lapor_desk/ui/dialogs/verify.py" line="59" />
        <source>Cancel</source>
        <extracomment>Kinds whose text is an optional note (the others need a reason).</extracomment>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>VerifyFlows</name>
    <message>
        <location filename="../../lapor_desk/ui/verify_flows.py" line="122" />
        <source>Veri&amp;fy</source>
        <extracomment>What a dialog's fields are written with, on the database worker.</extracomment>
        <translation>&amp;Verifikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_flows.py" line="123" />
        <source>Verify</source>
        <translation>Verifikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_flows.py" line="124" />
        <source>Handle, postpone, return, archive or re-route the complaint</source>
        <translation>Tangani sendiri, tunda, kembalikan, arsipkan, atau alihkan laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_flows.py" line="129" />
        <source>Forward selected complaints…</source>
        <translation>Disposisikan laporan terpilih…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_flows.py" line="130" />
        <source>Archive selected complaints…</source>
        <translation>Arsipkan laporan terpilih…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_flows.py" line="224" />
        <source>%1 complaints selected</source>
        <translation>%1 laporan terpilih</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_flows.py" line="244" />
        <source>Forward the %1 selected complaints to:</source>
        <translation>Disposisikan %1 laporan yang dipilih ke:</translation>
    </message>
</context>
<context>
    <name>VerifyLabels</name>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="11" />
        <source>Forward</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="12" />
        <source>Handle ourselves</source>
        <translation>Tangani sendiri (tanpa disposisi)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="13" />
        <source>Postpone</source>
        <translation>Tunda</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="14" />
        <source>Not our authority</source>
        <translation>Bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="15" />
        <source>Archive</source>
        <translation>Arsip</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="16" />
        <source>Re-route to another agency</source>
        <translation>Alihkan ke instansi lain</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="17" />
        <source>Follow-up reply</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="18" />
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="19" />
        <source>Close complaint</source>
        <translation>Selesaikan laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="20" />
        <source>Reopen complaint</source>
        <translation>Buka kembali laporan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="21" />
        <source>New complaint recorded here</source>
        <translation>Laporan baru dicatat di sini</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="22" />
        <source>Link as duplicate</source>
        <translation>Tautkan sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="23" />
        <source>Remove duplicate link</source>
        <translation>Hapus tautan duplikat</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="24" />
        <source>Update from SP4N-LAPOR!</source>
        <translation>Pembaruan dari SP4N-LAPOR!</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="28" />
        <source>Wrong format: not a complaint, aspiration or information request</source>
        <extracomment>ArchiveReason values in the order the dialog lists them.</extracomment>
        <translation>Format tidak sesuai: bukan pengaduan, aspirasi, atau permintaan informasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="30" />
        <source>Too general or unclear to act on</source>
        <translation>Terlalu umum atau tidak jelas untuk ditindaklanjuti</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="31" />
        <source>Not about a public service</source>
        <translation>Bukan tentang pelayanan publik</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="32" />
        <source>Duplicate of another report</source>
        <translation>Duplikat dari laporan lain</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="33" />
        <source>Data incomplete and the reporter did not complete it</source>
        <translation>Data tidak lengkap dan tidak dilengkapi oleh pelapor</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="35" />
        <source>Spam, advertising or abuse</source>
        <translation>Spam, iklan, atau berisi kata-kata kasar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="36" />
        <source>Other reason (write a note)</source>
        <translation>Alasan lain (tulis catatan)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="39" />
        <source>Waiting to send</source>
        <translation>Menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="40" />
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="41" />
        <source>Conflict</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="45" />
        <source>The complaint no longer exists on the server (it was deleted or merged). There is nothing to fix: discard this action.</source>
        <extracomment>Every RejectReason code, in words an admin understands, ending with what to do next.</extracomment>
        <translation>Laporan ini sudah tidak ada di server (dihapus atau digabungkan). Tidak ada yang perlu diperbaiki: buang tindakan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="48" />
        <source>Before your action arrived, the complaint was moved outside your area, so you may no longer act on it. Discard this action; if the complaint comes back to you, fix and resend it.</source>
        <translation>Sebelum tindakan Anda sampai, laporan dipindahkan ke luar wilayah kewenangan Anda, sehingga Anda tidak dapat lagi menindaklanjutinya. Buang tindakan ini; jika laporan kembali kepada Anda, perbaiki dan kirim ulang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="52" />
        <source>Your account's role does not allow this action (your role may have changed). Discard it, or ask your LAPOR! administrator to check your account.</source>
        <translation>Peran akun Anda tidak mengizinkan tindakan ini (peran Anda mungkin telah diubah). Buang tindakan ini, atau minta administrator LAPOR! memeriksa akun Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="55" />
        <source>The complaint's status changed before your action arrived, and the action no longer fits it. Look at the current status in the detail, then fix and resend a suitable action, or discard this one.</source>
        <translation>Status laporan berubah sebelum tindakan Anda sampai, sehingga tindakan ini tidak lagi sesuai. Lihat status terkini pada rincian laporan, lalu perbaiki dan kirim ulang tindakan yang sesuai, atau buang tindakan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="59" />
        <source>Something in the action was missing or not valid. Open it with “Fix &amp; resend”, complete the form and send it again.</source>
        <translation>Ada isian tindakan yang kosong atau tidak valid. Buka dengan “Perbaiki &amp; kirim ulang”, lengkapi isiannya, lalu kirim lagi.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="62" />
        <source>This action needs a reason and none reached the server. Choose “Fix &amp; resend” and write the reason.</source>
        <translation>Tindakan ini memerlukan alasan, tetapi tidak ada alasan yang sampai ke server. Pilih “Perbaiki &amp; kirim ulang” dan tulis alasannya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="65" />
        <source>The unit or agency you chose no longer exists. Choose “Fix &amp; resend” and pick another one.</source>
        <translation>Unit atau instansi yang Anda pilih sudah tidak ada. Pilih “Perbaiki &amp; kirim ulang” dan tentukan tujuan lain.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="68" />
        <source>The complaint cannot go to the unit or agency you chose (it is already there, or it is outside your area). Choose “Fix &amp; resend” and pick another one.</source>
        <translation>Laporan tidak dapat dikirim ke unit atau instansi yang Anda pilih (laporan sudah berada di sana, atau tujuan di luar wilayah Anda). Pilih “Perbaiki &amp; kirim ulang” dan tentukan tujuan lain.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="72" />
        <source>An attached file is not on the server for your account: its upload did not finish, or the file came from another account. Choose “Fix &amp; resend”: the files stay attached and are uploaded again from this computer at the next sync.</source>
        <translation>Berkas lampiran tidak ada di server untuk akun Anda: unggahannya belum selesai, atau berkas itu berasal dari akun lain. Pilih “Perbaiki &amp; kirim ulang”: berkasnya tetap terlampir dan diunggah lagi dari komputer ini pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="76" />
        <source>A complaint cannot be linked as a duplicate of itself. Discard this action and link the right complaint.</source>
        <translation>Laporan tidak dapat ditautkan sebagai duplikat dirinya sendiri. Buang tindakan ini dan tautkan laporan yang benar.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="79" />
        <source>The server already has this record: it was most likely sent before. Check the complaint's timeline, then discard this action.</source>
        <translation>Server sudah memiliki data ini: kemungkinan besar sudah pernah dikirim. Periksa riwayat laporan, lalu buang tindakan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="82" />
        <source>The server does not know this action; this LAPOR Desk may be older than the server. Update the application, or discard the action.</source>
        <translation>Server tidak mengenali tindakan ini; versi LAPOR Desk ini mungkin lebih lama daripada server. Perbarui aplikasi, atau buang tindakan ini.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="86" />
        <source>Someone else changed this complaint before your action arrived, so it was not applied. Compare what you did with what the server holds now, then re-apply your action on the new state or drop yours.</source>
        <translation>Orang lain mengubah laporan ini sebelum tindakan Anda sampai, sehingga tindakan Anda tidak diterapkan. Bandingkan yang Anda lakukan dengan yang ada di server sekarang, lalu terapkan ulang tindakan Anda pada keadaan baru atau buang milik Anda.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="90" />
        <source>Saved on this computer; it is sent at the next sync. The complaint already shows it.</source>
        <translation>Tersimpan di komputer ini dan dikirim pada sinkronisasi berikutnya. Laporan sudah menampilkannya.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="93" />
        <source>The server refused this action (%1). Check the complaint, then fix and resend or discard it.</source>
        <translation>Server menolak tindakan ini (%1). Periksa laporannya, lalu perbaiki dan kirim ulang atau buang.</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/verify_labels.py" line="96" />
        <source>The complaint's newest state has not arrived yet. Sync first (F5), then re-apply.</source>
        <translation>Keadaan terbaru laporan belum diterima. Sinkronkan dahulu (F5), lalu terapkan ulang.</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="65" />
        <source>Sync now</source>
        <translation>Sinkronkan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="66" />
        <source>Send your work and fetch changes (F5)</source>
        <translation>Kirim pekerjaan Anda dan ambil perubahan (F5)</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="67" />
        <source>Forward</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="68" />
        <source>Follow-up reply</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="69" />
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="70" />
        <source>Go to the search</source>
        <translation>Ke kotak pencarian</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="71" />
        <source>Sign out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="72" />
        <source>Quit</source>
        <translation>Tutup aplikasi</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="73" />
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="74" />
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="75" />
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="76" />
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="77" />
        <source>Save diagnostics for support…</source>
        <translation>Simpan diagnostik untuk dukungan teknis…</translation>
    </message>
    <message>
        <location filename="../../lapor_desk/ui/window_menus.py" line="79" />
        <source>Save a file for your support team: versions, sync state and recent log, without personal data</source>
        <translation>Simpan berkas untuk tim dukungan teknis: versi, status sinkronisasi, dan log terbaru, tanpa data pribadi</translation>
    </message>
</context>
</TS>