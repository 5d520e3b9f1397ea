"""Complaint templates: what citizens of Sulawesi Tenggara write about, in their words.

Each topic names its type, its categories in the 2025 taxonomy, who is competent for it (a
kabupaten/kota OPD, a provincial OPD or a national agency's unit) and the sentences its
complaints and replies are built from. ``{placeholders}`` are filled per complaint. What officers
write for every topic alike (notes, reasons, reporters' answers) is in officer_texts.py.
"""

from __future__ import annotations

from dataclasses import dataclass

PENGADUAN = "pengaduan"
ASPIRASI = "aspirasi"
INFO = "permintaan_informasi"

#: Who is competent: ("regency", unit) | ("province", unit) | ("national", agency, unit).
#: A national unit "@pln", "@bpjs", "@bpn" is the one serving the complaint's kabupaten.
Authority = tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    key: str
    weight: float
    complaint_type: str
    categories: tuple[tuple[str, str | None], ...]
    authorities: tuple[tuple[float, Authority], ...]
    titles: tuple[str, ...]
    facts: tuple[str, ...]
    asks: tuple[str, ...]
    replies: tuple[str, ...]
    tags: tuple[str, ...] = ()
    misconduct: float = 0.0  # share of pengaduan berkadar pengawasan
    #: the agency admin may handle it (kelola) at the coordinator unit
    handle_self: bool = False


TOPICS: tuple[Topic, ...] = (
    Topic(
        "jalan_rusak", 12, PENGADUAN,
        (("PEKERJAAN UMUM DAN PENATAAN RUANG", "JALAN BERLUBANG"),
         ("PEKERJAAN UMUM DAN PENATAAN RUANG", "INFRASTRUKTUR JALAN"),
         ("PEKERJAAN UMUM DAN PENATAAN RUANG", "LAINNYA TERKAIT INFRASTRUKTUR JALAN")),
        ((0.7, ("regency", "pupr")), (0.2, ("province", "bmsda")),
         (0.1, ("national", "kemenpu", "bpjn"))),
        ("Jalan Rusak Parah di {village}, Kecamatan {district}",
         "Jalan Berlubang di Poros {village}–{village2} Membahayakan Pengendara",
         "Mohon Perbaikan Jalan {road} yang Rusak Sejak {ago_short}",
         "Jalan Lingkungan di {desa} Tidak Pernah Diperbaiki",
         "Aspal Jalan {road} Mengelupas, Sudah Banyak Korban Jatuh"),
        (("Jalan {road} di {village}, Kecamatan {district} rusak parah {ago}. Lubang di badan jalan "
         "sedalam kurang lebih {depth} cm dan panjangnya sekitar {length} meter."),
         ("Setiap hujan turun jalan berubah seperti kubangan lumpur sehingga anak sekolah dan "
         "warga yang membawa hasil kebun sulit lewat."),
         ("Pada {date} seorang pengendara motor jatuh di lubang tersebut dan harus dibawa ke "
         "{puskesmas}."),
         ("Warga sudah beberapa kali menimbun lubang dengan batu dan tanah secara swadaya, namun "
         "kembali rusak karena dilalui truk bermuatan berat."),
         ("Kami sudah menyampaikan hal ini dalam musrenbang desa tahun lalu tetapi belum ada "
         "tindak lanjut.")),
        ("Mohon agar jalan tersebut segera diperbaiki sebelum ada korban jiwa.",
         "Kami berharap pemerintah segera turun meninjau lokasi dan menganggarkan perbaikannya.",
         "Mohon kejelasan kapan jalan ini masuk jadwal perbaikan."),
        (("Tim teknis telah melakukan peninjauan lapangan ke {road} pada {reply_date}. Kerusakan "
         "sepanjang {length} meter telah dicatat dan akan ditangani dengan penambalan darurat "
         "(patching) pada pekan ini."),
         ("Ruas jalan yang dilaporkan telah masuk usulan pemeliharaan berkala tahun anggaran "
         "berikutnya. Sementara itu dipasang rambu peringatan di titik berlubang."),
         ("Perbaikan ruas jalan di {village} telah selesai dikerjakan oleh tim UPTD pemeliharaan "
         "jalan. Terlampir dokumentasi sebelum dan sesudah perbaikan.")),
        ("jalan", "infrastruktur"),
    ),
    Topic(
        "jembatan", 3, PENGADUAN,
        (("PEKERJAAN UMUM DAN PENATAAN RUANG", "JEMBATAN"),),
        ((0.85, ("regency", "pupr")), (0.15, ("province", "bmsda"))),
        ("Jembatan Penghubung {village}–{village2} Nyaris Putus",
         "Jembatan Kayu di {desa} Lapuk dan Berbahaya"),
        (("Jembatan yang menghubungkan {village} dan {village2} di Kecamatan {district} kondisinya "
         "sangat memprihatinkan {ago}. Papan lantai jembatan banyak yang lapuk dan patah."),
         "Setelah banjir pada {date}, salah satu tiang penyangga jembatan bergeser.",
         "Jembatan ini satu-satunya akses warga ke pasar dan ke {school}."),
        ("Mohon jembatan segera diperbaiki atau dibangun jembatan permanen.",
         "Kami mohon ada penanganan darurat sebelum jembatan benar-benar putus."),
        (("Tim Bidang Bina Marga telah meninjau jembatan pada {reply_date}. Penanganan darurat "
         "berupa penggantian papan lantai dan penguatan tiang dijadwalkan dalam dua minggu."),
         "Pembangunan jembatan permanen telah diusulkan dalam DAK tahun anggaran berikutnya."),
        ("jembatan", "infrastruktur"),
    ),
    Topic(
        "drainase", 4, PENGADUAN,
        (("PEKERJAAN UMUM DAN PENATAAN RUANG", "DRAINASE (GORONG-GORONG/PARIT)"),
         ("LINGKUNGAN HIDUP DAN KEHUTANAN", "BANJIR")),
        ((0.9, ("regency", "pupr")), (0.1, ("national", "kemenpu", "bws"))),
        ("Drainase Tersumbat, Permukiman Warga {village} Tergenang Setiap Hujan",
         "Gorong-Gorong di Jalan {road} Ambruk",
         "Banjir Langganan di {desa} Akibat Saluran Air Tidak Berfungsi"),
        ("Saluran drainase di {village}, Kecamatan {district} tersumbat sedimen dan sampah {ago}.",
         "Setiap hujan deras air meluap ke jalan dan masuk ke rumah warga setinggi {depth} cm.",
         ("Pada {date} sedikitnya {count} rumah tergenang dan warga terpaksa mengungsi ke rumah "
         "kerabat.")),
        ("Mohon dilakukan normalisasi saluran dan perbaikan gorong-gorong.",
         "Kami berharap dinas terkait segera mengirim alat berat untuk mengeruk saluran."),
        (("Pengerukan saluran di {village} telah dilaksanakan pada {reply_date} bersama warga dan "
         "aparat kelurahan."),
         ("Perbaikan gorong-gorong membutuhkan anggaran perubahan; untuk sementara dilakukan "
         "pembersihan manual oleh satgas drainase.")),
        ("banjir", "drainase"),
    ),
    Topic(
        "lampu_jalan", 4, PENGADUAN,
        (("PERHUBUNGAN", "LAMPU PENERANGAN JALAN UMUM"),
         ("PEKERJAAN UMUM DAN PENATAAN RUANG", "PENERANGAN JALAN")),
        ((1.0, ("regency", "dishub")),),
        ("Lampu Jalan di {road} Mati Sudah {months} Bulan",
         "Penerangan Jalan Umum di {village} Padam, Rawan Kejahatan"),
        ("Lampu penerangan jalan umum di sepanjang {road}, {village} mati {ago}.",
         ("Jalan menjadi gelap gulita pada malam hari dan sudah terjadi {count} kali pencurian "
         "motor di sekitar lokasi."),
         "Warga sudah melapor ke kelurahan namun diarahkan untuk melapor ke dinas."),
        ("Mohon lampu jalan segera diperbaiki.",
         "Mohon petugas PJU dikirim untuk mengganti lampu yang rusak."),
        ("Petugas PJU telah mengganti {count} unit lampu yang rusak di lokasi pada {reply_date}.",
         ("Kerusakan disebabkan kabel yang putus; perbaikan dilakukan bersama PLN setempat dan "
         "lampu kembali menyala.")),
        ("pju",),
    ),
    Topic(
        "ktp_el", 8, PENGADUAN,
        (("KEPENDUDUKAN", "KTP (KARTU TANDA PENDUDUK)"),
         ("KEPENDUDUKAN", "ADMINISTRASI KEPENDUDUKAN DAN PENCATATAN SIPIL")),
        ((1.0, ("regency", "dukcapil")),),
        ("KTP-el Belum Dicetak Padahal Sudah Rekam Sejak {ago_short}",
         "Pelayanan KTP-el di Disdukcapil {regency_short} Sangat Lambat",
         "Blanko KTP-el Kosong, Warga {district} Hanya Diberi Suket"),
        (("Saya sudah melakukan perekaman KTP-el di kantor Disdukcapil {regency} pada {date}, "
         "namun sampai sekarang KTP belum juga dicetak."),
         ("Setiap kali ditanya petugas hanya menjawab blanko kosong dan meminta saya kembali "
         "minggu depan."),
         "Saya membutuhkan KTP untuk mendaftar kerja dan membuka rekening bank.",
         "Ada oknum yang menawarkan percepatan pencetakan dengan membayar {amount}."),
        ("Mohon kejelasan kapan KTP-el saya bisa dicetak.",
         "Mohon pelayanan administrasi kependudukan diperbaiki agar warga tidak bolak-balik."),
        (("Berdasarkan pengecekan, data perekaman Saudara sudah berstatus siap cetak. KTP-el dapat "
         "diambil di loket pelayanan dengan membawa bukti rekam."),
         ("Ketersediaan blanko telah dipenuhi dari pusat pada {reply_date}; pencetakan dilakukan "
         "berdasarkan urutan antrean."),
         ("Terkait dugaan pungutan, pimpinan telah memanggil petugas yang bersangkutan dan "
         "menegaskan seluruh layanan adminduk gratis.")),
        ("adminduk", "ktp"),
        misconduct=0.1,
    ),
    Topic(
        "kk_akta", 5, PENGADUAN,
        (("KEPENDUDUKAN", "KARTU KELUARGA"), ("KEPENDUDUKAN", "AKTA KELAHIRAN"),
         ("KEPENDUDUKAN", "PINDAH DOMISILI")),
        ((1.0, ("regency", "dukcapil")),),
        ("Pengurusan Kartu Keluarga Sudah {weeks} Minggu Belum Selesai",
         "Akta Kelahiran Anak Belum Terbit",
         "Data KK Tidak Sesuai Setelah Pindah Domisili ke {district}"),
        ("Saya mengurus perubahan Kartu Keluarga di Disdukcapil {regency} pada {date}.",
         ("Berkas sudah lengkap termasuk surat pengantar dari kelurahan {village}, tetapi sampai "
         "hari ini belum selesai."),
         "Nama anak saya di akta kelahiran salah ketik sehingga ditolak saat pendaftaran sekolah."),
        ("Mohon dibantu agar dokumen saya segera diterbitkan.",
         "Mohon kejelasan prosedur dan lama penyelesaian layanan."),
        (("Dokumen Saudara telah selesai diproses dan dapat diunduh melalui aplikasi layanan "
         "online atau diambil di kantor kecamatan {district}."),
         ("Perbaikan data telah dilakukan; mohon Saudara datang membawa KK asli untuk pencetakan "
         "ulang.")),
        ("adminduk",),
    ),
    Topic(
        "pungli_sekolah", 5, PENGADUAN,
        (("PENDIDIKAN DAN KEBUDAYAAN", "BIAYA SEKOLAH"), ("POLITIK DAN HUKUM", "PUNGUTAN LIAR")),
        ((0.6, ("regency", "dikbud")), (0.3, ("province", "dikbud")),
         (0.1, ("regency", "inspektorat"))),
        ("Dugaan Pungli di {school}",
         "Sekolah Meminta Uang Seragam dan Bangunan {amount} per Siswa",
         "Pungutan Perpisahan dan Ijazah di {school} Memberatkan Orang Tua"),
        (("Anak saya bersekolah di {school}, Kecamatan {district}. Pada {date} pihak sekolah "
         "meminta setiap siswa membayar {amount} dengan alasan uang komite dan pembangunan pagar."),
         "Siswa yang belum membayar diancam tidak bisa mengambil rapor.",
         "Pungutan ini tidak pernah dimusyawarahkan dengan orang tua dan tidak ada kuitansi resmi.",
         "Setahu kami sekolah sudah menerima dana BOS sehingga tidak boleh memungut biaya."),
        ("Mohon ditindak tegas dan dana yang sudah dipungut dikembalikan.",
         ("Mohon identitas saya dirahasiakan karena khawatir anak saya mendapat perlakuan tidak "
         "baik.")),
        (("Dinas telah memanggil kepala sekolah dan komite pada {reply_date}. Pungutan dihentikan "
         "dan sekolah diminta mengembalikan dana yang telah dipungut."),
         ("Inspektorat telah menurunkan tim audit investigatif ke sekolah yang dilaporkan; hasil "
         "pemeriksaan akan ditindaklanjuti sesuai ketentuan."),
         ("Sekolah telah menerbitkan edaran pembatalan pungutan dan mengembalikan uang kepada orang "
         "tua siswa.")),
        ("pendidikan", "pungli"),
        misconduct=0.7,
    ),
    Topic(
        "guru_absen", 3, PENGADUAN,
        (("PENDIDIKAN DAN KEBUDAYAAN", "PENDIDIKAN DASAR DAN MENENGAH"),
         ("KETENAGAKERJAAN", "GURU DAN TENAGA KEPENDIDIKAN (GTK)")),
        ((0.8, ("regency", "dikbud")), (0.2, ("province", "dikbud"))),
        ("Guru di {school} Jarang Masuk Mengajar",
         "Siswa {school} Sering Dipulangkan karena Guru Tidak Hadir"),
        ("Beberapa guru di {school}, {desa} jarang masuk mengajar {ago}.",
         "Dalam seminggu anak-anak hanya belajar dua sampai tiga hari, selebihnya dipulangkan.",
         "Kepala sekolah juga jarang berada di sekolah karena tinggal di {capital}."),
        ("Mohon dinas melakukan pengawasan dan pembinaan kepada guru yang bersangkutan.",
         "Kami mohon ada penambahan guru di sekolah kami."),
        (("Pengawas sekolah telah melakukan kunjungan mendadak pada {reply_date}; guru yang "
         "bersangkutan telah diberi teguran tertulis."),
         "Dinas akan menempatkan guru PPPK tambahan di sekolah tersebut mulai semester depan."),
        ("pendidikan", "guru"),
        misconduct=0.3,
    ),
    Topic(
        "obat_puskesmas", 5, PENGADUAN,
        (("KESEHATAN", "KEKOSONGAN OBAT"), ("KESEHATAN", "PELAYANAN OBAT")),
        ((0.85, ("regency", "dinkes")), (0.15, ("national", "kemenkes", "farmalkes"))),
        ("{puskesmas} Kekurangan Obat, Pasien Disuruh Beli di Apotek",
         "Stok Obat di {puskesmas} Kosong Sejak {ago_short}"),
        (("Pada {date} saya berobat ke {puskesmas}. Setelah diperiksa, petugas mengatakan obat "
         "yang diresepkan kosong dan saya diminta membeli sendiri di apotek."),
         "Hal ini bukan pertama kali; tetangga saya juga mengalami hal yang sama {ago}.",
         "Kami peserta BPJS PBI, seharusnya obat ditanggung."),
        ("Mohon ketersediaan obat di puskesmas diperhatikan.",
         "Mohon dinas kesehatan segera mendistribusikan obat ke puskesmas kami."),
        (("Dinas Kesehatan telah mendistribusikan tambahan obat dari instalasi farmasi kabupaten ke "
         "{puskesmas} pada {reply_date}."),
         ("Kepala puskesmas telah diingatkan agar tidak meminta pasien membeli obat di luar untuk "
         "obat yang masuk formularium.")),
        ("kesehatan", "obat"),
    ),
    Topic(
        "rsud_layanan", 4, PENGADUAN,
        (("KESEHATAN", "LAMANYA ANTRIAN UNTUK MENDAPATKAN TINDAKAN MEDIS/PELAYANAN KESEHATAN"),
         ("KESEHATAN", "PELAYANAN GAWAT DARURAT"), ("KESEHATAN", "MASALAH PELAYANAN KESEHATAN")),
        ((0.75, ("regency", "rsud")), (0.25, ("province", "rsud"))),
        ("Antrean Poli di RSUD Sangat Lama dan Petugas Tidak Ramah",
         "Pasien IGD Ditelantarkan Berjam-jam",
         "Keluhan Pelayanan Rawat Inap RSUD"),
        (("Pada {date} saya mengantar orang tua berobat ke RSUD. Kami datang pukul 07.00 tetapi "
         "baru dilayani dokter pukul 14.00."),
         ("Di IGD keluarga kami menunggu lebih dari {hours} jam tanpa penanganan dan petugas "
         "beralasan dokter jaga sedang visite."),
         "Toilet di ruang rawat inap tidak berfungsi dan air sering mati."),
        ("Mohon pelayanan rumah sakit dievaluasi.",
         "Mohon manajemen rumah sakit menambah dokter jaga dan memperbaiki fasilitas."),
        (("Manajemen RSUD menyampaikan permohonan maaf. Sistem antrean online telah diberlakukan "
         "sejak {reply_date} untuk mengurangi waktu tunggu."),
         ("Petugas yang bersangkutan telah dibina oleh komite keperawatan, dan perbaikan fasilitas "
         "toilet telah selesai.")),
        ("kesehatan", "rumah sakit"),
    ),
    Topic(
        "bpjs", 5, PENGADUAN,
        (("KESEHATAN", "ADMINISTRASI BPJS KESEHATAN"), ("KESEHATAN", "NON-AKTIF KARENA IURAN"),
         ("KESEHATAN", "STATUS KEPESERTAAN"), ("KESEHATAN", "PELAYANAN KESEHATAN BPJS")),
        ((1.0, ("national", "bpjskes", "@bpjs")),),
        ("Kartu BPJS Kesehatan Tiba-tiba Nonaktif",
         "Peserta PBI Dinonaktifkan Tanpa Pemberitahuan",
         "Pasien BPJS Diminta Membayar Biaya Tambahan"),
        (("Pada {date} saya hendak berobat di {puskesmas} namun ditolak karena kartu BPJS "
         "Kesehatan saya berstatus nonaktif."),
         "Saya peserta PBI dan tidak pernah menerima pemberitahuan penonaktifan.",
         ("Di rumah sakit kami diminta membayar {amount} untuk obat dan tindakan yang seharusnya "
         "ditanggung.")),
        ("Mohon status kepesertaan saya diaktifkan kembali.",
         "Mohon penjelasan mengapa peserta dinonaktifkan tanpa pemberitahuan."),
        (("Kepesertaan Saudara telah diaktifkan kembali melalui mekanisme reaktivasi PBI pada "
         "{reply_date}. Kartu dapat digunakan kembali di faskes."),
         ("Kami telah berkoordinasi dengan rumah sakit; biaya yang telah dibayarkan akan "
         "dikembalikan karena termasuk manfaat yang dijamin.")),
        ("bpjs", "kesehatan"),
    ),
    Topic(
        "bansos_pkh", 7, PENGADUAN,
        (("SOSIAL DAN KESEJAHTERAAN", "PKH PROGRAM KELUARGA HARAPAN"),
         ("SOSIAL DAN KESEJAHTERAAN", "BANTUAN PANGAN NON TUNAN (BPNT)"),
         ("SOSIAL DAN KESEJAHTERAAN", "DATA TERPADU KESEJAHTERAAN SOSIAL (DTKS)")),
        ((0.8, ("regency", "dinsos")), (0.2, ("national", "kemensos", "jsk"))),
        ("Bansos PKH di {desa} Tidak Tepat Sasaran",
         "Keluarga Miskin Tidak Terdaftar DTKS, Warga Mampu Malah Dapat Bansos",
         "Dana PKH Dipotong Pendamping {amount}"),
        (("Di {desa}, Kecamatan {district} banyak keluarga mampu yang menerima bantuan PKH "
         "dan BPNT, sementara keluarga yang benar-benar miskin tidak terdaftar."),
         ("Tetangga saya seorang janda dengan {count} anak tidak pernah menerima bantuan meskipun "
         "sudah diusulkan melalui musyawarah desa."),
         ("Saat pencairan pada {date}, pendamping meminta {amount} dari setiap penerima dengan "
         "alasan uang administrasi.")),
        ("Mohon data penerima bansos diverifikasi ulang.",
         "Mohon oknum yang memotong bantuan ditindak."),
        (("Dinas Sosial bersama pemerintah desa telah melakukan verifikasi dan validasi data pada "
         "{reply_date}. Keluarga yang dilaporkan telah diusulkan masuk DTKS."),
         ("Koordinator kabupaten telah memeriksa pendamping PKH yang dilaporkan dan memberikan "
         "sanksi sesuai kode etik.")),
        ("bansos", "pkh"),
        misconduct=0.25,
    ),
    Topic(
        "sampah", 5, PENGADUAN,
        (("LINGKUNGAN HIDUP DAN KEHUTANAN", "PENGELOLAAN SAMPAH"),
         ("KETENTERAMAN, KETERTIBAN UMUM, DAN PELINDUNGAN MASYARAKAT", "SAMPAH LIAR")),
        ((1.0, ("regency", "dlh")),),
        ("Sampah Menumpuk di {village} Tidak Diangkut {days} Hari",
         "TPS Liar di Pinggir Jalan {road} Menimbulkan Bau Busuk"),
        ("Sampah di TPS dekat pasar {village} menumpuk dan tidak diangkut selama {days} hari.",
         "Bau busuk tercium hingga ke permukiman dan sampah meluber ke badan jalan.",
         ("Truk pengangkut sampah hanya datang seminggu sekali, padahal warga sudah membayar "
         "retribusi.")),
        ("Mohon jadwal pengangkutan sampah diperbaiki.",
         "Mohon disediakan kontainer sampah tambahan."),
        (("Armada pengangkut telah dikerahkan dan sampah di lokasi telah diangkut pada "
         "{reply_date}."),
         "Jadwal pengangkutan di wilayah {district} ditambah menjadi tiga kali seminggu."),
        ("sampah", "lingkungan"),
    ),
    Topic(
        "angkot_parkir", 3, PENGADUAN,
        (("PERHUBUNGAN", "TRANSPORTASI DARAT"), ("PERHUBUNGAN", "PARKIR LIAR")),
        ((1.0, ("regency", "dishub")),),
        ("Angkot Ngetem Sembarangan di Depan Pasar {village}",
         "Parkir Liar di Jalan {road} Bikin Macet",
         "Juru Parkir Liar Memungut Tarif {amount}"),
        ("Setiap pagi angkot ngetem di depan pasar {village} sehingga jalan macet panjang.",
         "Juru parkir tanpa seragam memungut tarif {amount} untuk motor dan tidak memberi karcis.",
         "Petugas Dishub jarang terlihat di lokasi."),
        ("Mohon dilakukan penertiban.", "Mohon ditempatkan petugas di jam sibuk."),
        ("Tim gabungan Dishub dan Satpol PP telah melakukan penertiban pada {reply_date}.",
         "Juru parkir di lokasi telah didata dan diwajibkan menggunakan karcis resmi."),
        ("transportasi",),
    ),
    Topic(
        "listrik_padam", 6, PENGADUAN,
        (("ENERGI DAN SUMBER DAYA ALAM", "PEMADAMAN LISTRIK"),
         ("ENERGI DAN SUMBER DAYA ALAM", "LAYANAN KELISTRIKAN")),
        ((1.0, ("national", "pln", "@pln")),),
        ("Listrik Padam Berulang Kali di {village}",
         "Pemadaman Bergilir Tanpa Jadwal di {district}",
         "Listrik PLN Padam Hampir Setiap Malam"),
        (("Listrik di {village}, Kecamatan {district} padam hampir setiap hari {ago}, bisa "
         "sampai {hours} jam."),
         "Pemadaman terjadi tanpa pemberitahuan sehingga peralatan elektronik warga rusak.",
         "Usaha es dan penjahit di kampung kami merugi karena tidak bisa bekerja."),
        ("Mohon PLN memberikan jadwal pemadaman yang jelas.",
         "Mohon perbaikan jaringan agar listrik tidak terus padam."),
        (("Gangguan disebabkan pohon yang menyentuh jaringan tegangan menengah. Tim ULP telah "
         "melakukan perabasan pada {reply_date} dan pasokan listrik kembali normal."),
         ("Pemeliharaan trafo di wilayah {district} telah selesai; jadwal pemeliharaan berikutnya "
         "diumumkan melalui aplikasi PLN Mobile.")),
        ("listrik", "pln"),
    ),
    Topic(
        "listrik_baru", 2, PENGADUAN,
        (("ENERGI DAN SUMBER DAYA ALAM", "PEMASANGAN LISTRIK BARU"),),
        ((1.0, ("national", "pln", "@pln")),),
        ("Pemasangan Listrik Baru Tak Kunjung Direalisasikan",
         "Sudah Bayar Pasang Baru, Meteran Belum Dipasang"),
        (("Saya mengajukan pasang baru listrik melalui PLN Mobile pada {date} dan sudah membayar "
         "biaya penyambungan."),
         "Sampai sekarang meteran belum dipasang dengan alasan material habis.",
         "Ada oknum yang meminta tambahan {amount} agar pemasangan dipercepat."),
        ("Mohon pemasangan segera direalisasikan.",),
        ("Pemasangan sambungan baru atas nama pelapor telah direalisasikan pada {reply_date}.",
         ("Terkait dugaan permintaan biaya tambahan, PLN telah memeriksa mitra instalatir yang "
         "bersangkutan.")),
        ("listrik", "pln"),
        misconduct=0.15,
    ),
    Topic(
        "mbg", 4, PENGADUAN,
        (("PROGRAM MAKAN BERGIZI GRATIS (MBG)", "KUALITAS MAKANAN MBG"),
         ("PROGRAM MAKAN BERGIZI GRATIS (MBG)", "DISTRIBUSI & PENYALURAN MBG"),
         ("PROGRAM MAKAN BERGIZI GRATIS (MBG)", "PELAKSANAAN MBG DI SEKOLAH")),
        ((0.7, ("national", "bgn", "sppg-kendari")), (0.3, ("national", "bgn", "sppg-konawe"))),
        ("Menu Makan Bergizi Gratis di {school} Basi",
         "Siswa {school} Keracunan Setelah Makan MBG",
         "Distribusi MBG ke {school} Sering Terlambat"),
        (("Pada {date} makanan MBG yang dibagikan di {school} berbau tidak sedap dan nasinya "
         "sudah basi."),
         "Sebanyak {count} siswa mengeluh sakit perut dan muntah setelah makan.",
         "Makanan sering tiba setelah jam pulang sekolah sehingga tidak dimakan anak-anak."),
        ("Mohon kualitas makanan dan kebersihan dapur SPPG diawasi.",
         "Mohon jadwal distribusi diperbaiki."),
        (("Tim pengawas telah memeriksa dapur SPPG pada {reply_date}; pemasok bahan yang "
         "bermasalah telah diganti dan standar penyimpanan diperketat."),
         ("Jadwal distribusi ke {school} telah disesuaikan agar makanan tiba sebelum istirahat "
         "pertama.")),
        ("mbg", "gizi"),
    ),
    Topic(
        "dana_desa", 3, PENGADUAN,
        (("PEMBANGUNAN DESA, DAERAH TERTINGGAL, DAN TRANSMIGRASI", "PENYALAHGUNAAN DANA DESA"),
         ("PEMBANGUNAN DESA, DAERAH TERTINGGAL, DAN TRANSMIGRASI", "DANA DESA")),
        ((0.6, ("regency", "inspektorat")), (0.4, ("regency", "dpmd"))),
        ("Dugaan Penyelewengan Dana {desa}",
         "Proyek Dana Desa di {village} Mangkrak",
         "Kepala {desa} Tidak Transparan Mengelola Dana Desa"),
        (("Pembangunan {project} di {desa} yang dibiayai dana desa tahun ini tidak selesai "
         "dan kualitasnya sangat buruk."),
         "Papan informasi APBDes tidak pernah dipasang dan warga tidak tahu besaran anggarannya.",
         "BLT dana desa untuk {count} keluarga belum dibayarkan sejak {ago_short}."),
        ("Mohon dilakukan audit terhadap pengelolaan dana desa.",
         "Mohon identitas pelapor dirahasiakan."),
        (("Inspektorat telah melakukan pemeriksaan khusus ke {desa} pada {reply_date}. "
         "Temuan kerugian telah direkomendasikan untuk dikembalikan ke kas desa."),
         "Pemerintah desa telah memasang baliho APBDes dan menyalurkan BLT yang tertunda."),
        ("dana desa",),
        misconduct=0.8,
    ),
    Topic(
        "pupuk", 2, PENGADUAN,
        (("PERTANIAN DAN PETERNAKAN", "PUPUK"), ("PERTANIAN DAN PETERNAKAN", "BANTUAN PERTANIAN")),
        ((1.0, ("regency", "distan")),),
        ("Pupuk Subsidi Langka di Kios {village}",
         "Harga Pupuk Subsidi di Atas HET"),
        ("Menjelang musim tanam petani di {village} kesulitan mendapatkan pupuk subsidi.",
         "Kios resmi menjual pupuk urea {amount} per sak, di atas harga eceran tertinggi.",
         "Kelompok tani kami sudah terdaftar di e-RDKK tetapi alokasi tidak sesuai."),
        ("Mohon distribusi pupuk subsidi diawasi.",),
        (("Dinas Pertanian bersama KP3 telah memeriksa kios pada {reply_date} dan memberikan "
         "teguran tertulis."),
         "Alokasi pupuk untuk kelompok tani di {district} telah ditambah melalui realokasi."),
        ("pertanian",),
    ),
    Topic(
        "sertifikat_tanah", 2, PENGADUAN,
        (("PEKERJAAN UMUM DAN PENATAAN RUANG", "SERTIFIKAT TANAH"),
         ("PEKERJAAN UMUM DAN PENATAAN RUANG", "SENGKETA TANAH")),
        ((1.0, ("national", "atrbpn", "@bpn")),),
        ("Sertifikat PTSL Belum Terbit Sejak {ago_short}",
         "Pengukuran Ulang Tanah Tidak Kunjung Dilakukan"),
        ("Tanah kami di {village} terdaftar dalam program PTSL, namun sertifikat belum terbit.",
         "Petugas meminta biaya tambahan {amount} di luar ketentuan.",
         "Berkas sudah diserahkan sejak {date}."),
        ("Mohon kejelasan status berkas kami.",),
        ("Sertifikat atas nama pelapor telah terbit dan dapat diambil di kantor pertanahan.",
         "Pengukuran ulang dijadwalkan pada {reply_date}; mohon pemilik tanah hadir di lokasi."),
        ("pertanahan",),
        misconduct=0.2,
    ),
    Topic(
        "netralitas_asn", 1.5, PENGADUAN,
        (("NETRALITAS ASN", "ASN KAMPANYE POLITIK DI MEDIA SOSIAL"),
         ("NETRALITAS ASN", "IKUT SERTA DALAM KEGIATAN POLITIK")),
        ((1.0, ("regency", "inspektorat")),),
        ("Oknum ASN {regency_short} Diduga Kampanye di Media Sosial",
         "ASN Hadir di Acara Kampanye Calon Kepala Daerah"),
        (("Seorang ASN di lingkup Pemerintah {regency} mengunggah ajakan memilih salah satu calon "
         "di akun media sosialnya pada {date}."),
         "Yang bersangkutan juga terlihat hadir memakai atribut pasangan calon di {village}."),
        ("Mohon ditindaklanjuti sesuai aturan netralitas ASN.",),
        (("Inspektorat telah memeriksa ASN yang bersangkutan pada {reply_date}; rekomendasi "
         "sanksi disampaikan kepada PPK."),),
        ("netralitas",),
        misconduct=1.0,
    ),
    Topic(
        "bullying", 1.5, PENGADUAN,
        (("KEKERASAN DI SATUAN PENDIDIKAN (SEKOLAH, KAMPUS, LEMBAGA KURSUS)",
          "PERUNDUNGAN (BULLYING)"),),
        ((0.6, ("regency", "dikbud")), (0.4, ("province", "dikbud"))),
        ("Anak Saya Menjadi Korban Perundungan di {school}",),
        (("Anak saya yang duduk di kelas {grade} {school} sering dipukul dan diejek oleh kakak "
         "kelasnya."),
         ("Kejadian terakhir pada {date}, anak saya pulang dengan memar di wajah dan tidak mau "
         "sekolah lagi."),
         "Wali kelas sudah diberi tahu tetapi tidak ada tindakan."),
        ("Mohon sekolah dan dinas menangani kasus ini.",),
        (("Satgas pencegahan kekerasan telah memfasilitasi pertemuan orang tua, korban dan pelaku "
         "pada {reply_date}; korban mendapat pendampingan psikolog."),),
        ("perundungan", "pendidikan"),
    ),
    Topic(
        "aplikasi_pemda", 1.5, PENGADUAN,
        (("TEKNOLOGI INFORMASI DAN KOMUNIKASI", "LAYANAN ONLINE/APLIKASI PEMERINTAH"),
         ("TEKNOLOGI INFORMASI DAN KOMUNIKASI", "JARINGAN INTERNET")),
        ((1.0, ("regency", "diskominfo")),),
        ("Website Layanan Online Pemda {regency_short} Tidak Bisa Diakses",
         "Wifi Publik di Taman Kota {capital} Tidak Berfungsi"),
        (("Sejak {date} website layanan perizinan online tidak bisa diakses dan selalu muncul "
         "pesan galat."),
         "Wifi gratis di ruang publik sudah {ago} tidak berfungsi."),
        ("Mohon segera diperbaiki.",),
        (("Gangguan server telah diperbaiki oleh tim Diskominfo pada {reply_date}; layanan dapat "
         "diakses kembali."),),
        ("tik",),
        handle_self=True,
    ),
    # --- aspirasi -----------------------------------------------------------------------------
    Topic(
        "aspirasi_fasilitas", 5, ASPIRASI,
        (("PEKERJAAN UMUM DAN PENATAAN RUANG", "TAMAN"),
         ("PEKERJAAN UMUM DAN PENATAAN RUANG", "LAPANGAN OLAHRAGA"),
         ("PEKERJAAN UMUM DAN PENATAAN RUANG", "TROTOAR")),
        ((0.8, ("regency", "pupr")), (0.2, ("province", "bmsda"))),
        ("Usulan Pembangunan Taman Bermain Anak di {village}",
         "Usulan Pembuatan Trotoar di Jalan {road}",
         "Aspirasi Warga {district}: Lapangan Olahraga Perlu Direnovasi"),
        (("Kami warga {village}, Kecamatan {district} mengusulkan pembangunan ruang terbuka untuk "
         "anak-anak bermain dan berolahraga."),
         "Saat ini anak-anak bermain di pinggir jalan {road} yang ramai kendaraan.",
         "Lahan milik pemerintah di dekat kantor kelurahan bisa dimanfaatkan."),
        ("Semoga usulan ini dapat dipertimbangkan dalam perencanaan tahun depan.",),
        (("Terima kasih atas aspirasinya. Usulan telah dicatat dan akan dibahas dalam musrenbang "
         "kecamatan {district}."),),
        ("aspirasi",),
    ),
    Topic(
        "aspirasi_trayek", 2, ASPIRASI,
        (("PERHUBUNGAN", "TRANSPORTASI DARAT"), ("PERHUBUNGAN", "LAINNYA TERKAIT PERHUBUNGAN")),
        ((1.0, ("regency", "dishub")),),
        ("Usulan Penambahan Trayek Angkutan ke {district}",
         "Aspirasi: Perlu Halte di Depan {school}"),
        ("Belum ada angkutan umum yang melayani rute dari {village} ke pusat kota {capital}.",
         "Pelajar dan pedagang harus menyewa ojek dengan biaya {amount} sekali jalan."),
        ("Kami berharap ada penambahan trayek atau bus sekolah.",),
        (("Usulan trayek telah masuk kajian kebutuhan angkutan tahun ini; uji coba layanan akan "
         "diumumkan kemudian."),),
        ("aspirasi", "transportasi"),
    ),
    Topic(
        "aspirasi_kesehatan", 2, ASPIRASI,
        (("KESEHATAN", "ASPIRASI"), ("KESEHATAN", "PELAYANAN VAKSINASI / IMUNISASI")),
        ((1.0, ("regency", "dinkes")),),
        ("Usulan Posyandu Lansia di {village}",
         "Aspirasi Penambahan Jadwal Dokter di {puskesmas}"),
        ("Di {village} banyak warga lanjut usia yang kesulitan ke {puskesmas}.",
         "Kami mengusulkan posyandu lansia dan kunjungan dokter sebulan sekali."),
        ("Semoga dapat direalisasikan.",),
        (("Usulan telah diteruskan ke {puskesmas}; posyandu lansia akan dibentuk bersama kader "
         "kesehatan desa."),),
        ("aspirasi", "kesehatan"),
    ),
    # --- permintaan informasi -----------------------------------------------------------------
    Topic(
        "info_adminduk", 3, INFO,
        (("KEPENDUDUKAN", "KTP (KARTU TANDA PENDUDUK)"), ("KEPENDUDUKAN", "KARTU IDENTITAS ANAK"),
         ("KEPENDUDUKAN", "AKTA KEMATIAN")),
        ((1.0, ("regency", "dukcapil")),),
        ("Informasi Syarat Pembuatan KIA untuk Anak",
         "Jadwal Perekaman KTP-el Keliling di Kecamatan {district}",
         "Syarat Mengurus Akta Kematian"),
        ("Saya ingin menanyakan persyaratan dan jadwal layanan adminduk di Kecamatan {district}.",
         "Apakah layanan bisa dilakukan secara online tanpa datang ke {capital}?"),
        ("Mohon informasinya.",),
        (("Persyaratan: fotokopi KK, akta kelahiran, dan pas foto. Layanan keliling di Kecamatan "
         "{district} dijadwalkan pada {reply_date}."),),
        ("informasi", "adminduk"),
        handle_self=True,
    ),
    Topic(
        "info_pendidikan", 3, INFO,
        (("PENDIDIKAN DAN KEBUDAYAAN", "PENERIMAAN SISWA BARU"),
         ("PENDIDIKAN DAN KEBUDAYAAN", "KARTU INDONESIA PINTAR/KIP"),
         ("PENDIDIKAN DAN KEBUDAYAAN", "BEASISWA")),
        ((0.6, ("regency", "dikbud")), (0.25, ("province", "dikbud")),
         (0.15, ("national", "kemendikdasmen", "bpmp"))),
        ("Informasi Jadwal SPMB Tahun Ini",
         "Cara Mendaftar PIP/KIP untuk Siswa {school}",
         "Pertanyaan Kuota Jalur Domisili di {school}"),
        ("Anak saya akan masuk SMP tahun ini. Kapan jadwal pendaftaran dan apa syaratnya?",
         "Bagaimana cara mendaftarkan anak saya sebagai penerima Program Indonesia Pintar?"),
        ("Terima kasih.",),
        (("Jadwal dan persyaratan telah diumumkan di laman resmi dinas; pendaftaran dibuka "
         "mulai {reply_date}."),),
        ("informasi", "pendidikan"),
        handle_self=True,
    ),
    Topic(
        "info_bansos", 2, INFO,
        (("SOSIAL DAN KESEJAHTERAAN", "BANTUAN SOSIAL"), ("SOSIAL DAN KESEJAHTERAAN", "BANSOS DAERAH")),
        ((0.8, ("regency", "dinsos")), (0.2, ("national", "kemensos", "jsk"))),
        ("Cara Mengecek Status Penerima Bansos",
         "Kapan Pencairan Bansos Tahap Berikutnya?"),
        ("Bagaimana cara mengecek apakah keluarga saya terdaftar sebagai penerima bansos?",
         "Kapan jadwal pencairan tahap berikutnya di {district}?"),
        ("Mohon informasinya.",),
        (("Status penerima dapat dicek melalui laman cekbansos dengan memasukkan NIK. Pencairan "
         "tahap berikutnya dijadwalkan pada {reply_date}."),),
        ("informasi", "bansos"),
    ),
    Topic(
        "info_pln", 1, INFO,
        (("ENERGI DAN SUMBER DAYA ALAM", "INFORMASI KELISTRIKAN"),
         ("ENERGI DAN SUMBER DAYA ALAM", "TARIF LISTRIK")),
        ((1.0, ("national", "pln", "@pln")),),
        ("Informasi Tarif dan Tambah Daya Listrik",),
        ("Saya ingin menambah daya dari 900 VA ke 1300 VA. Berapa biaya dan prosedurnya?",),
        ("Mohon informasinya.",),
        (("Permohonan tambah daya dapat diajukan melalui aplikasi PLN Mobile; rincian biaya "
         "tercantum pada aplikasi."),),
        ("informasi", "pln"),
    ),
)

TOPIC_BY_KEY = {t.key: t for t in TOPICS}

# --- fillers --------------------------------------------------------------------------------

ROAD_KINDS = ("poros", "lingkar", "lorong", "kampung", "tani")
SCHOOL_KINDS = (("SDN", 0.5), ("SMPN", 0.3), ("SMAN", 0.13), ("SMKN", 0.07))
PROJECTS = ("jalan usaha tani", "sumur bor", "talud penahan tanah", "rabat beton",
            "gedung PAUD", "jembatan desa", "MCK umum", "drainase desa")
ASK_PREFIX = ("", "Selamat pagi Bapak/Ibu. ", "Assalamualaikum. ", "Yth. Bapak/Ibu admin, ",
              "Mohon maaf mengganggu. ")
AGO = ("sejak dua bulan terakhir", "sejak awal tahun", "sejak tiga bulan lalu",
       "hampir setahun ini", "sejak musim hujan kemarin", "sejak beberapa minggu lalu")
AGO_SHORT = ("3 Bulan", "Setahun", "Awal Tahun", "6 Bulan", "Lebaran")
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
