"""What officers write while a seeded complaint is handled, for every topic alike: replies to the
reporter, internal and field notes, postponement, forward, archive and close notes, and the
reporter's answers (server/seed/simulation.py). The citizens' own words per topic are in
topics.py."""

from __future__ import annotations

REPLY_OPENINGS = (
    "Terima kasih atas laporan Bapak/Ibu.",
    "Terima kasih telah menyampaikan laporan melalui SP4N-LAPOR!.",
    "Yth. Pelapor, terima kasih atas informasinya.",
    "Menindaklanjuti laporan Saudara,",
)
REPLY_FIRST = (
    "Laporan telah kami terima dan sedang dikoordinasikan dengan bidang teknis terkait.",
    "Laporan Saudara sudah kami teruskan kepada bidang terkait untuk verifikasi lapangan.",
    ("Kami sedang mengumpulkan data dan akan menyampaikan perkembangan paling lambat "
    "{reply_date}."),
)
REPLY_CLOSINGS = (
    "Apabila masih terdapat kendala, silakan menanggapi laporan ini.",
    "Demikian tindak lanjut yang dapat kami sampaikan.",
    "Terima kasih atas partisipasi Bapak/Ibu dalam pengawasan pelayanan publik.",
    "",
)
INTERNAL_NOTES = (
    "Mohon segera ditindaklanjuti, batas waktu {due}.",
    "Sudah dikoordinasikan dengan kepala bidang, menunggu hasil peninjauan lapangan.",
    "Laporan serupa pernah masuk sebelumnya, cek riwayat di kecamatan {district}.",
    "Pelapor sudah dihubungi via telepon untuk konfirmasi lokasi.",
    "Perlu data tambahan dari UPTD, sudah disurati.",
    "Draf jawaban sudah disiapkan, menunggu persetujuan pimpinan.",
    "Mohon dicek kembali kewenangannya sebelum dijawab.",
    "Sudah masuk rekap mingguan untuk rapat evaluasi bersama Sekda.",
)
#: the unit's progress replies while the work is under way (before the substantive answer)
REPLY_PROGRESS = (
    ("Tim kami telah meninjau lokasi dan mencatat kondisi yang dilaporkan; penanganan sedang "
    "dijadwalkan."),
    ("Laporan masih dalam proses koordinasi dengan bidang teknis. Perkembangan akan kami "
    "sampaikan paling lambat {reply_date}."),
    ("Kami telah berkoordinasi dengan pihak Kecamatan {district}; tindak lanjut di lapangan "
    "dijadwalkan dalam pekan ini."),
    "Usulan penanganan sudah kami ajukan kepada pimpinan. Mohon kesediaan Bapak/Ibu menunggu.",
    ("Mohon Bapak/Ibu mengirimkan foto terbaru dan titik lokasi yang tepat di {village} melalui "
    "tanggapan laporan ini."),
)
#: notes of the unit that received the complaint (disposition inside the OPD)
UNIT_NOTES = (
    "Sudah didisposisikan ke kepala bidang teknis untuk ditindaklanjuti.",
    "Tim teknis dijadwalkan turun ke lokasi pada {reply_date}.",
    "Mohon bidang terkait menyiapkan data pendukung sebelum {due}.",
    "Pelapor akan dihubungi untuk memastikan titik lokasi di {village}.",
    "Sudah dicatat di agenda pengaduan; penanggung jawab seksi pelayanan.",
)
#: notes while the work is under way (field checks, coordination, budget)
FIELD_NOTES = (
    "Hasil peninjauan lapangan di {village}: kondisi sesuai laporan, dokumentasi ada di berkas.",
    "Sudah rapat koordinasi dengan UPTD Kecamatan {district}, menunggu jadwal pelaksanaan.",
    "Biaya penanganan diusulkan dalam perubahan anggaran, menunggu persetujuan.",
    "Petugas sudah ke lokasi tetapi pelapor tidak di tempat; peninjauan dijadwalkan ulang.",
    "Surat ke pihak ketiga sudah dikirim, menunggu balasan.",
    "Pelapor sudah dihubungi, bersedia mendampingi petugas di lokasi.",
)
REPORTER_RESPONSES = (
    "Terima kasih, tetapi sampai hari ini belum ada perbaikan di lokasi.",
    "Sudah ada petugas yang datang, namun pekerjaannya belum selesai.",
    "Jawaban ini tidak sesuai dengan kondisi di lapangan. Mohon dicek kembali.",
    "Terima kasih atas tindak lanjutnya. Mohon dipantau terus.",
    "Kapan tepatnya akan ditangani? Warga sudah menunggu lama.",
    "Alhamdulillah sudah ditangani, terima kasih.",
)
#: before the substantive answer nothing has been fixed yet: no "sudah ditangani"
REPORTER_RESPONSES_WAITING = REPORTER_RESPONSES[:5]
POSTPONE_REASONS = (
    "Lokasi kejadian belum jelas, menunggu konfirmasi pelapor.",
    "Data pelapor belum lengkap, mohon melengkapi kronologi dan bukti pendukung.",
    "Menunggu kelengkapan lampiran foto dari pelapor.",
    "Perlu klarifikasi nama sekolah/instansi yang dimaksud.",
)
NOT_OUR_AUTHORITY_REASONS = (
    "Bukan kewenangan kami; ruas jalan tersebut berstatus jalan provinsi.",
    "Bukan kewenangan unit kami, mohon didisposisikan ke OPD yang membidangi.",
    "Sekolah yang dilaporkan adalah SMA/SMK, kewenangan pemerintah provinsi.",
    "Lokasi kejadian berada di luar wilayah kabupaten kami.",
    "Materi laporan merupakan kewenangan instansi vertikal.",
)
FORWARD_NOTES = (
    "Mohon ditindaklanjuti sesuai kewenangan.",
    "Mohon segera ditangani dan dilaporkan hasilnya.",
    "Untuk ditindaklanjuti, mohon jawaban dalam 5 hari kerja.",
    "Disposisi pimpinan: segera tindak lanjuti.",
    "",
)
ARCHIVE = (
    ("too_general", "Laporan terlalu umum, tidak menyebut lokasi dan waktu kejadian."),
    ("not_public_service", "Materi laporan bukan tentang pelayanan publik."),
    ("duplicate", "Laporan sama dengan laporan sebelumnya yang sedang ditangani."),
    ("incomplete_data", "Pelapor tidak melengkapi data dalam batas waktu."),
    ("spam", "Pesan promosi / spam."),
    ("wrong_format", "Isi laporan tidak dapat dipahami."),
    ("other", "Sudah ditangani melalui kanal pengaduan internal instansi."),
)
CLOSE_NOTES = (
    "Tindak lanjut sudah disampaikan dan diterima pelapor.",
    "Permasalahan telah diselesaikan.",
    "Selesai, pelapor sudah dikonfirmasi via telepon.",
    "",
)
