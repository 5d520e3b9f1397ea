"""The seeded region: the disposition tree (national -> K/L/BUMN/pemda -> units) and the places
of Sulawesi Tenggara that complaints mention.

Pure data, independent of the random seed: the same agencies, codes and usernames every time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PROVINCE = "Sulawesi Tenggara"
PROVINCE_CODE = "74"

NATIONAL_NAME = "Kementerian PANRB (Admin Nasional SP4N-LAPOR!)"


@dataclass(frozen=True)
class UnitSpec:
    slug: str
    name: str
    coordinator: bool = False


@dataclass(frozen=True)
class AgencySpec:
    """A K/L, BUMN or pemda (level ``agency``) with its units."""

    slug: str
    name: str
    code: str
    region_code: str | None
    units: tuple[UnitSpec, ...]
    admins: int = 1
    kind: str = "ministry"  # ministry | province | regency
    parent_slug: str | None = None  # another agency (kabupaten under the province)


@dataclass(frozen=True)
class Regency:
    slug: str
    name: str  # "Kabupaten Konawe" / "Kota Kendari"
    short: str  # "Konawe"
    bps: str
    capital: str
    #: kecamatan -> desa/kelurahan
    districts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weight: float = 1.0
    #: PLN UP3 / BPJS branch serving it
    pln: str = "up3-kendari"
    bpjs: str = "kc-kendari"
    bpn: str = "kanwil"

    @property
    def is_city(self) -> bool:
        return self.name.startswith("Kota ")


def _d(**districts: str) -> dict[str, tuple[str, ...]]:
    return {
        name.replace("_", " "): tuple(v.strip() for v in villages.split(","))
        for name, villages in districts.items()
    }


# BPS codes of Sulawesi Tenggara; kecamatan real, desa/kelurahan real where known, else plausible.
REGENCIES: tuple[Regency, ...] = (
    Regency("kendari", "Kota Kendari", "Kendari", "7471", "Kendari", {
        "Mandonga": ("Korumba", "Labibia", "Alolama", "Anggilowu", "Mandonga"),
        "Kadia": ("Bende", "Pondambea", "Anaiwoi", "Kadia"),
        "Wua-Wua": ("Bonggoeya", "Anawai", "Wua-Wua", "Mataiwoi"),
        "Poasia": ("Anduonohu", "Rahandouna", "Matabubu", "Anggoeya"),
        "Kendari Barat": ("Benu-Benua", "Sodohoa", "Kemaraya", "Punggaloba", "Tipulu"),
        "Kambu": ("Lalolara", "Padaleu", "Mokoau", "Kambu"),
        "Baruga": ("Lepo-Lepo", "Baruga", "Watubangga", "Wundudopi"),
        "Puuwatu": ("Punggolaka", "Watulondo", "Puuwatu", "Tobuuha"),
        "Abeli": ("Lapulu", "Poasia", "Talia", "Tondonggeu"),
        "Kendari": ("Kandai", "Mangga Dua", "Gunung Jati", "Kessilampe"),
    }, weight=6.0, pln="up3-kendari", bpjs="kc-kendari", bpn="kantah-kendari"),
    Regency("baubau", "Kota Baubau", "Baubau", "7472", "Baubau", {
        "Wolio": ("Wale", "Batulo", "Bataraguru", "Tomba", "Wangkanapi"),
        "Betoambari": ("Katobengke", "Sulaa", "Lipu", "Waborobo"),
        "Murhum": ("Wameo", "Tarafu", "Lamangga", "Melai"),
        "Kokalukuna": ("Lakologou", "Liwuto", "Waruruma"),
        "Batupoaro": ("Nganganaumala", "Kaobula", "Bone-Bone"),
        "Sorawolio": ("Kaisabu Baru", "Karya Baru", "Bugi"),
        "Bungi": ("Ngkaring-Karing", "Liabuku", "Palabusa"),
        "Lea-Lea": ("Kalia-Lia", "Lowu-Lowu", "Kolese"),
    }, weight=2.0, pln="up3-baubau", bpjs="kc-baubau"),
    Regency("bombana", "Kabupaten Bombana", "Bombana", "7406", "Rumbia", _d(
        Rumbia="Kasipute, Lauru, Lameroro, Poea",
        Rarowatu="Lantowua, Tembe, Watu-Watu",
        Poleang="Boepinang, Pu'ununu, Lemo",
        Poleang_Barat="Toli-Toli, Marampa, Polewali",
        Kabaena="Rahantari, Tangkeno, Lambale",
        Lantari_Jaya="Lantari, Pusu Jaya, Kalaero",
    ), weight=1.0),
    Regency("buton", "Kabupaten Buton", "Buton", "7401", "Pasarwajo", _d(
        Pasarwajo="Pasarwajo, Wakoko, Kombeli, Holimombo",
        Kapontori="Lambusango, Wakalambe, Kamelanta",
        Lasalimu="Kamaru, Lawele, Benteng",
        Siotapina="Matanauwe, Kuraa, Wulu",
        Wabula="Wabula, Wasuemba, Koholimombono",
    ), weight=1.0, pln="up3-baubau", bpjs="kc-baubau"),
    Regency("busel", "Kabupaten Buton Selatan", "Buton Selatan", "7415", "Batauga", _d(
        Batauga="Majapahit, Laompo, Lampanairi, Masiri",
        Sampolawa="Bandar Batauga, Gunung Sejuk, Jaya Bakti",
        Lapandewa="Lapandewa, Burangasi, Lapandewa Jaya",
        Siompu="Biwinapada, Tongali, Kaimbulawa",
        Kadatua="Banabungi, Waonu, Lipu Mangau",
    ), weight=0.6, pln="up3-baubau", bpjs="kc-baubau"),
    Regency("buteng", "Kabupaten Buton Tengah", "Buton Tengah", "7414", "Labungkari", _d(
        Lakudo="Lakudo, Wanepa-Nepa, Boneoge",
        Mawasangka="Mawasangka, Wambuloli, Lagili",
        Gu="Lakapera, Bombonawulu, Lolibu",
        Sangia_Wambulu="Lantongau, Tolandona",
        Talaga_Raya="Talaga Satu, Talaga Besar, Kokoe",
    ), weight=0.6, pln="up3-baubau", bpjs="kc-baubau"),
    Regency("butur", "Kabupaten Buton Utara", "Buton Utara", "7409", "Buranga", _d(
        Kulisusu="Lipu, Bangkudu, Lemo, Ereke",
        Kulisusu_Barat="Lantagi, Lakansai, Kalibu",
        Kulisusu_Utara="Waode Buri, Bone Lipu, Eelahaji",
        Bonegunu="Bonegunu, Eensumala, Koepisino",
        Kambowa="Kambowa, Bubu, Baluara",
    ), weight=0.5, pln="up3-baubau", bpjs="kc-baubau"),
    Regency("kolaka", "Kabupaten Kolaka", "Kolaka", "7404", "Kolaka", _d(
        Kolaka="Lamokato, Sea, Laloeha, Balandete, Tahoa",
        Latambaga="Latambaga, Sakuli, Ulunggolaka, Kolakaasi",
        Wundulako="Wundulako, Lamekongga, Ngapa",
        Pomalaa="Pomalaa, Hakatutobu, Totobo, Dawi-Dawi",
        Samaturu="Tosiba, Awa, Puundoho",
        Wolo="Wolo, Lapao-Pao, Ulu Wolo",
    ), weight=1.3, pln="up3-kolaka", bpjs="kc-kolaka", bpn="kanwil"),
    Regency("koltim", "Kabupaten Kolaka Timur", "Kolaka Timur", "7411", "Tirawuta", _d(
        Tirawuta="Rate-Rate, Tinengi, Loka",
        Ladongi="Ladongi, Atula, Lembah Subur",
        Lambandia="Lambandia, Aere, Wonuambuteo",
        Mowewe="Mowewe, Lalingato, Inebenggi",
        Uluiwoi="Uluiwoi, Ahilulu, Sanggona",
    ), weight=0.8, pln="up3-kolaka", bpjs="kc-kolaka"),
    Regency("kolut", "Kabupaten Kolaka Utara", "Kolaka Utara", "7408", "Lasusua", _d(
        Lasusua="Lasusua, Batu Ganda, Totallang",
        Kodeoha="Mala-Mala, Lametuna, Lelewawo",
        Ranteangin="Ranteangin, Lawaki Jaya, Maroko",
        Pakue="Pakue, Olo-Oloho, Sapoiha",
        Ngapa="Lapai, Koreiha, Nyule",
        Batu_Putih="Latowu, Mosiku, Patikala",
    ), weight=0.8, pln="up3-kolaka", bpjs="kc-kolaka"),
    Regency("konawe", "Kabupaten Konawe", "Konawe", "7403", "Unaaha", _d(
        Unaaha="Tumpas, Tuoy, Asambu, Arombu, Puunaaha",
        Wawotobi="Wawotobi, Kasupute, Inalahi, Meluhu",
        Pondidaha="Pondidaha, Amonggedo, Laloika",
        Lambuya="Lambuya, Waworaha, Tawanga",
        Sampara="Sampara, Andadowi, Bondoala",
        Tongauna="Tongauna, Anggotoa, Ambuulu",
        Abuki="Abuki, Asolu, Walay",
        Uepai="Uepai, Tangkondipo, Ambekairi",
    ), weight=1.8, pln="up3-kendari", bpjs="kc-kendari"),
    Regency("konkep", "Kabupaten Konawe Kepulauan", "Konawe Kepulauan", "7412", "Langara", _d(
        Wawonii_Barat="Langara Laut, Langara Iwawo, Lampeapi",
        Wawonii_Tengah="Lansilowo, Wawouso, Mata Baho",
        Wawonii_Selatan="Lampeapi, Masolo, Polara",
        Wawonii_Timur="Munse, Roko-Roko, Teporoko",
        Wawonii_Utara="Lansilowo, Ladianta, Tondongito",
    ), weight=0.4, pln="up3-kendari", bpjs="kc-kendari"),
    Regency("konsel", "Kabupaten Konawe Selatan", "Konawe Selatan", "7405", "Andoolo", _d(
        Andoolo="Andoolo, Potuho, Lamooso",
        Konda="Lamomea, Cialam Jaya, Konda, Puudongi",
        Ranomeeto="Ranooha, Boro-Boro, Ranomeeto, Amoito",
        Tinanggea="Tinanggea, Lapoa, Bungin Permai",
        Moramo="Lapuko, Tanjung Tiram, Lalowaru",
        Landono="Landono, Lalonggombu, Amohola",
        Kolono="Kolono, Ngapawali, Lamapu",
        Palangga="Palangga, Lamong Jaya, Aosole",
    ), weight=1.8, pln="up3-kendari", bpjs="kc-kendari", bpn="kantah-konsel"),
    Regency("konut", "Kabupaten Konawe Utara", "Konawe Utara", "7410", "Wanggudu", _d(
        Asera="Wanggudu, Asera, Puuwiwirano",
        Lasolo="Tinobu, Lasolo, Boenaga",
        Molawe="Molawe, Mandiodo, Tapunggaya",
        Langgikima="Langgikima, Pariama, Sarimukti",
        Wiwirano="Lamonae, Wiwirano, Polora Indah",
        Lembo="Lembo, Lalembo, Tanggulara",
    ), weight=0.7, pln="up3-kendari", bpjs="kc-kendari"),
    Regency("muna", "Kabupaten Muna", "Muna", "7402", "Raha", _d(
        Katobu="Raha I, Raha II, Raha III, Wamponiki",
        Duruka="Wapunto, Lasalepa, Mabodo",
        Batalaiworu="Wali, Laiworu, Bontomoane",
        Lohia="Lohia, Korihi, Mantobua",
        Tongkuno="Tongkuno, Lapadaku, Kontumere",
        Kabawo="Kabawo, Lakawoghe, Wamelai",
        Napabalano="Napabalano, Lambiku, Pentiro",
    ), weight=1.2, pln="up3-baubau", bpjs="kc-baubau"),
    Regency("mubar", "Kabupaten Muna Barat", "Muna Barat", "7413", "Laworo", _d(
        Sawerigadi="Laworo, Marobea, Lakalamba",
        Barangka="Barangka, Lapolea, Walelei",
        Lawa="Lagadi, Lakalimbo, Wuna",
        Kusambi="Kusambi, Lapokainse, Konawe",
        Tiworo_Kepulauan="Tiworo, Santiri, Mandike",
        Wadaga="Wadaga, Lasosodo, Katangana",
    ), weight=0.6, pln="up3-baubau", bpjs="kc-baubau"),
    Regency("wakatobi", "Kabupaten Wakatobi", "Wakatobi", "7407", "Wangi-Wangi", _d(
        Wangi_Wangi="Wanci, Pongo, Waha, Mandati I",
        Wangi_Wangi_Selatan="Mandati II, Liya Togo, Kapota",
        Kaledupa="Ambeua, Buranga, Lefuto",
        Tomia="Waha, Tongano, Onemay",
        Binongko="Rukuwa, Popalia, Wali",
    ), weight=0.5, pln="up3-baubau", bpjs="kc-baubau"),
)

# OPDs of a kabupaten/kota, ordered by how busy they are with complaints (first = busiest).
REGENCY_UNITS: tuple[tuple[str, str], ...] = (
    ("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("dinkes", "Dinas Kesehatan"),
    ("dikbud", "Dinas Pendidikan dan Kebudayaan"),
    ("dinsos", "Dinas Sosial"),
    ("dlh", "Dinas Lingkungan Hidup"),
    ("dishub", "Dinas Perhubungan"),
    ("rsud", "RSUD"),
    ("distan", "Dinas Pertanian"),
    ("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("inspektorat", "Inspektorat Daerah"),
    ("diskominfo", "Dinas Komunikasi dan Informatika"),
)

#: Kota have kelurahan, no desa: no "Dinas Pemberdayaan Masyarakat dan Desa".
CITY_SKIP = frozenset({"dpmd"})

PROVINCE_AGENCY = AgencySpec(
    slug="sultra",
    name="Pemerintah Provinsi Sulawesi Tenggara",
    code="PROV-74",
    region_code="74",
    kind="province",
    admins=2,
    units=(
        UnitSpec("bmsda", "Dinas Bina Marga dan Sumber Daya Air Provinsi Sulawesi Tenggara"),
        UnitSpec("dikbud", "Dinas Pendidikan dan Kebudayaan Provinsi Sulawesi Tenggara"),
        UnitSpec("dinkes", "Dinas Kesehatan Provinsi Sulawesi Tenggara"),
        UnitSpec("rsud", "RSUD Bahteramas Provinsi Sulawesi Tenggara"),
        UnitSpec("dinsos", "Dinas Sosial Provinsi Sulawesi Tenggara"),
        UnitSpec("dishub", "Dinas Perhubungan Provinsi Sulawesi Tenggara"),
        UnitSpec("dlhk", "Dinas Lingkungan Hidup dan Kehutanan Provinsi Sulawesi Tenggara"),
        UnitSpec("bapenda", "Badan Pendapatan Daerah Provinsi Sulawesi Tenggara"),
        UnitSpec("inspektorat", "Inspektorat Daerah Provinsi Sulawesi Tenggara"),
        UnitSpec(
            "diskominfo",
            "Dinas Komunikasi dan Informatika Provinsi Sulawesi Tenggara",
            coordinator=True,
        ),
    ),
)

MINISTRIES: tuple[AgencySpec, ...] = (
    AgencySpec("kemenkes", "Kementerian Kesehatan", "KEMENKES", None, (
        UnitSpec("bkpp", "Biro Komunikasi dan Pelayanan Publik Kementerian Kesehatan", True),
        UnitSpec("farmalkes", "Direktorat Jenderal Farmasi dan Alat Kesehatan"),
        UnitSpec("lanjutan", "Direktorat Jenderal Kesehatan Lanjutan"),
    ), admins=2),
    AgencySpec("kemendikdasmen", "Kementerian Pendidikan Dasar dan Menengah", "KEMENDIKDASMEN",
               None, (
        UnitSpec("bkhm", "Biro Kerja Sama dan Hubungan Masyarakat Kemendikdasmen", True),
        UnitSpec("gtk", "Direktorat Jenderal Guru, Tenaga Kependidikan, dan Pendidikan Guru"),
        UnitSpec("bpmp", "Balai Penjaminan Mutu Pendidikan Provinsi Sulawesi Tenggara"),
    )),
    AgencySpec("kemenpu", "Kementerian Pekerjaan Umum", "KEMENPU", None, (
        UnitSpec("bkp", "Biro Komunikasi Publik Kementerian Pekerjaan Umum", True),
        UnitSpec("bpjn", "Balai Pelaksanaan Jalan Nasional Sulawesi Tenggara"),
        UnitSpec("bws", "Balai Wilayah Sungai Sulawesi IV Kendari"),
    )),
    AgencySpec("atrbpn", "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional",
               "ATRBPN", None, (
        UnitSpec("kanwil", "Kantor Wilayah BPN Provinsi Sulawesi Tenggara", True),
        UnitSpec("kantah-kendari", "Kantor Pertanahan Kota Kendari"),
        UnitSpec("kantah-konsel", "Kantor Pertanahan Kabupaten Konawe Selatan"),
    )),
    AgencySpec("kemensos", "Kementerian Sosial", "KEMENSOS", None, (
        UnitSpec("humas", "Biro Hubungan Masyarakat Kementerian Sosial", True),
        UnitSpec("jsk", "Direktorat Jaminan Sosial Keluarga"),
    )),
    AgencySpec("bgn", "Badan Gizi Nasional", "BGN", None, (
        UnitSpec("humas", "Biro Hukum dan Hubungan Masyarakat Badan Gizi Nasional", True),
        UnitSpec("sppg-kendari", "Satuan Pelayanan Pemenuhan Gizi Kota Kendari"),
        UnitSpec("sppg-konawe", "Satuan Pelayanan Pemenuhan Gizi Kabupaten Konawe"),
    )),
    AgencySpec("bpjskes", "BPJS Kesehatan", "BPJSKES", None, (
        UnitSpec("pengaduan", "Unit Penanganan Pengaduan Peserta BPJS Kesehatan", True),
        UnitSpec("kc-kendari", "BPJS Kesehatan Kantor Cabang Kendari"),
        UnitSpec("kc-baubau", "BPJS Kesehatan Kantor Cabang Baubau"),
        UnitSpec("kc-kolaka", "BPJS Kesehatan Kantor Cabang Kolaka"),
    ), admins=2),
    AgencySpec("pln", "PT PLN (Persero)", "PLN", None, (
        UnitSpec("uid", "PLN Unit Induk Distribusi Sulawesi Selatan, Tenggara dan Barat", True),
        UnitSpec("up3-kendari", "PLN UP3 Kendari"),
        UnitSpec("up3-baubau", "PLN UP3 Baubau"),
        UnitSpec("up3-kolaka", "PLN UP3 Kolaka"),
    ), admins=2),
)

#: Kabupaten/kota with a second agency admin.
TWO_ADMINS = frozenset({"kendari", "baubau", "konawe", "konsel", "kolaka", "muna"})


def regency_agency(regency: Regency) -> AgencySpec:
    kind = "Pemerintah " + regency.name
    units = []
    for slug, base in REGENCY_UNITS:
        if regency.is_city and slug in CITY_SKIP:
            continue
        if slug == "rsud":
            name = f"RSUD {regency.name}"
        else:
            name = f"{base} {regency.name}"
        units.append(UnitSpec(slug, name, coordinator=slug == "diskominfo"))
    return AgencySpec(
        slug=regency.slug,
        name=kind,
        code=("KOTA-" if regency.is_city else "KAB-") + regency.bps,
        region_code=regency.bps,
        units=tuple(units),
        admins=2 if regency.slug in TWO_ADMINS else 1,
        kind="regency",
        parent_slug=PROVINCE_AGENCY.slug,
    )


REGENCY_BY_SLUG = {r.slug: r for r in REGENCIES}
