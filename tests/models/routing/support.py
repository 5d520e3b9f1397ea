"""A small history to learn from: a few matters, each handled by its unit in each regency."""

from __future__ import annotations

import random

from lapor_desk.models.routing.history import Labelled

REGENCIES = ("Kota Kendari", "Kabupaten Muna")
#: matter -> (words of its complaints, category, unit slug)
MATTERS = {
    "jalan": ("jalan rusak berlubang aspal mengelupas truk lewat", "INFRASTRUKTUR", "pupr"),
    "lampu": ("lampu penerangan jalan mati gelap malam pencurian", "PERHUBUNGAN", "dishub"),
    "puskesmas": ("puskesmas dokter tidak ada obat habis antre pasien", "KESEHATAN", "dinkes"),
    "ktp": ("ktp elektronik blanko habis antre dukcapil akta", "KEPENDUDUKAN", "dukcapil"),
}
SLUGS = ("pupr", "dishub", "dinkes", "dukcapil")


def unit_id(regency: str, slug: str) -> int:
    return 100 * (REGENCIES.index(regency) + 1) + SLUGS.index(slug)


UNIT_NAMES = {unit_id(r, s): f"{s.upper()} {r}" for r in REGENCIES for s in SLUGS}


def history(n: int = 160, seed: int = 3) -> list[Labelled]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        matter = rng.choice(sorted(MATTERS))
        words, category, slug = MATTERS[matter]
        regency = rng.choice(REGENCIES)
        picked = rng.sample(words.split(), 4)
        day = 1 + i * 300 // n
        created = f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T00:00:00Z"
        closed = f"2026-{1 + (day + 10) // 28:02d}-{1 + (day + 10) % 28:02d}T00:00:00Z"
        out.append(Labelled(f"c{i:04d}", 1000 + i, " ".join(picked[:2]),
                            "warga mengeluh " + " ".join(picked), regency, category,
                            created, closed, unit_id(regency, slug), rng.random() < 0.1))
    return out
