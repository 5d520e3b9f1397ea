"""Indonesian names, NIKs and phone numbers for reporters and staff (Sulawesi Tenggara flavour:
Tolaki, Muna, Buton, Bugis and transmigrant Javanese/Balinese names side by side)."""

from __future__ import annotations

import random
from datetime import date

MALE_FIRST = (
    "Muhammad", "Muh.", "Ahmad", "Andi", "Hasrul", "Asrun", "Ridwan", "Syahrul", "Irwan",
    "Hendra", "Rahman", "Sudirman", "Nasrullah", "Yusran", "Arman", "Jufri", "Alimuddin",
    "Baharuddin", "Rusdin", "Sahrin", "Aswan", "Budi", "Agus", "Eko", "Wayan", "Made", "Ketut",
    "Fajar", "Rizky", "Ilham", "Fahmi", "Akbar", "Samsul", "Haerul", "Darwis", "Kasman", "Amiruddin",
    "Safaruddin", "Jumadil", "Herman", "Imran", "Zainal", "Hamzah", "Anwar", "Taufik", "Dedi",
    "Yusuf", "Rahmat", "Arif", "Sultan", "Rasyid", "Munir", "Rudi", "Tamrin", "Lukman",
)
FEMALE_FIRST = (
    "Sitti", "Siti", "Nurhayati", "Rahmawati", "Nurhaliza", "Hasniah", "Wahyuni", "Sri",
    "Fitriani", "Asmawati", "Hartina", "Nurjannah", "Rosmiati", "Darmawati", "Yuliana", "Dewi",
    "Ratna", "Kartini", "Halimah", "Nur", "Ayu", "Putri", "Ni Made", "Ni Luh", "Evi", "Jumriah",
    "Hamsia", "Murni", "Salmawati", "Mardiana", "Irma", "Sumarni", "Wa Ode", "Andi", "Hasnah",
    "Megawati", "Anita", "Risna", "Sukmawati", "Nurmala", "Indah", "Fatmawati",
)
LAST = (
    "Lakidende", "Tamburaka", "Laode", "Saranani", "Mekuo", "Anamanta", "Halu", "Lasaeba",
    "Lamaji", "Kaimuddin", "Tawulo", "Mokodompit", "Latif", "Rahim", "Hamid", "Sabara",
    "Pratama", "Saputra", "Santoso", "Wijaya", "Susanto", "Kurniawan", "Hidayat", "Nugroho",
    "Setiawan", "Wulandari", "Lestari", "Mahmud", "Salim", "Basri", "Hasan", "Ismail", "Umar",
    "Ali", "Rauf", "Madjid", "Sinapoy", "Tosepu", "Mbouw", "Wonggo", "Lapili", "Dhuka",
    "Bolu", "Masihu", "Sangia", "Ilyas", "Nur", "Sain", "Lawelu", "Rumbia",
)
BUTON_MUNA_PREFIX_M = "La Ode"
BUTON_MUNA_PREFIX_F = "Wa Ode"
EMAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com")
PHONE_PREFIXES = (
    "0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0851", "0857", "0856",
    "0858", "0877", "0878", "0895", "0896", "0838", "0831",
)


def person_name(rng: random.Random, female: bool | None = None) -> tuple[str, bool]:
    """(full name, female)."""
    if female is None:
        female = rng.random() < 0.45
    first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
    roll = rng.random()
    if roll < 0.12 and first not in ("Wa Ode", "Andi", "Ni Made", "Ni Luh"):
        prefix = BUTON_MUNA_PREFIX_F if female else BUTON_MUNA_PREFIX_M
        name = f"{prefix} {first} {rng.choice(LAST)}" if rng.random() < 0.5 else f"{prefix} {first}"
    elif roll < 0.22:
        name = first  # a single name is common
        if first in ("Muh.", "Sitti", "Siti", "Sri", "Ni Made", "Ni Luh", "Wa Ode", "Andi", "Nur"):
            name = f"{first} {rng.choice(LAST)}"
    elif roll < 0.35:
        other = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        name = f"{first} {other}" if other != first else f"{first} {rng.choice(LAST)}"
    else:
        name = f"{first} {rng.choice(LAST)}"
    return name, female


def nik(rng: random.Random, region_code: str, district_index: int, female: bool) -> str:
    """16 digits: region (4) + kecamatan (2) + birth date (DDMMYY, day + 40 for women) + serial."""
    born = date(1955, 1, 1).toordinal() + rng.randrange(0, 365 * 50)
    birth = date.fromordinal(born)
    day = birth.day + (40 if female else 0)
    return (
        f"{region_code[:4]:0<4}{(district_index % 40) + 1:02d}"
        f"{day:02d}{birth.month:02d}{birth.year % 100:02d}{rng.randrange(1, 9999):04d}"
    )


def phone(rng: random.Random) -> str:
    digits = rng.choice((7, 8, 8, 8))
    return rng.choice(PHONE_PREFIXES) + "".join(str(rng.randrange(10)) for _ in range(digits))


def email_for(rng: random.Random, name: str) -> str:
    parts = [p for p in name.lower().replace(".", "").split() if p not in ("la", "ode", "wa")]
    base = parts[0] if parts else "warga"
    if len(parts) > 1 and rng.random() < 0.6:
        base += rng.choice((".", "_", "")) + parts[-1]
    if rng.random() < 0.7:
        base += str(rng.randrange(1, 999))
    return f"{base}@{rng.choice(EMAIL_DOMAINS)}"


def staff_name(rng: random.Random) -> str:
    """A civil servant's display name, with a degree now and then (ASN style)."""
    name, _ = person_name(rng)
    roll = rng.random()
    if roll < 0.35:
        name += rng.choice((", S.Kom.", ", S.E.", ", S.T.", ", S.Sos.", ", S.H.", ", S.Pd."))
    elif roll < 0.5:
        name += rng.choice((", M.Si.", ", S.Kom., M.T.", ", S.E., M.M.", ", M.Kes."))
    return name
