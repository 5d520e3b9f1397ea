"""How citizens really write: the seed's clean sentences roughened, so routing help is measured on
something closer to real complaints (bench/routing_bench.py).

A share of the complaints gets each of: a greeting that names an agency (the one the reporter
*thought* was competent, often the wrong one); informal spelling and abbreviations ("gak", "sdh",
"yg", "jln"), often all in lowercase without full stops; local words of Sulawesi Tenggara's Malay
and of Javanese transmigrant villages ("sa", "tida", "pigi", "ora", "wis"); a sentence about
another matter ("Selain itu, ..."); a title that says nothing of the matter ("Mohon
Ditindaklanjuti"). Drawn from a random stream of its own, so the rest of the seed (lifecycles,
times, ids) is what it was.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from lapor_desk.server.seed.topics import Topic

P_WRONG_GREETING = 0.3
P_INFORMAL = 0.4
P_LOCAL = 0.12
P_MIXED = 0.18
P_VAGUE_TITLE = 0.12

#: Offices a greeting may name, whatever the complaint is about.
OFFICES = (
    "Kepala Dinas Kesehatan", "Kepala Dinas PUPR", "Kepala Dinas Sosial",
    "Kepala Dinas Perhubungan", "Kadis Dukcapil", "Kepala Dinas Lingkungan Hidup",
    "Kepala Dinas Pendidikan", "Bapak Bupati", "Bapak Walikota", "Bapak Gubernur",
    "Ombudsman", "Ketua DPRD", "PLN", "BPJS Kesehatan", "Bapak Camat", "Diskominfo",
    "Inspektorat",
)
#: Addressees named without a place.
PLACELESS = ("Bapak Bupati", "Bapak Walikota", "Bapak Gubernur", "Ombudsman", "Ketua DPRD",
             "PLN", "BPJS")
#: word -> its informal spellings
INFORMAL = {
    "tidak": ("gak", "tdk", "ga", "nggak", "gk"), "sudah": ("sdh", "udah", "udh"),
    "yang": ("yg",), "dengan": ("dgn",), "jalan": ("jln", "jl"), "saya": ("sy", "aku"),
    "belum": ("blm",), "karena": ("krn", "karna"), "untuk": ("utk",), "sekarang": ("skrg",),
    "tolong": ("tlg",), "bulan": ("bln",), "tahun": ("thn",), "kelurahan": ("kel.",),
    "kecamatan": ("kec.",), "kami": ("kmi",), "juga": ("jg",), "dari": ("dr",),
    "berlubang": ("berlobang", "bolong"), "tersebut": ("tsb",), "sampai": ("sampe",),
    "rusak": ("rusak2", "rusak parah"), "bagaimana": ("gmn",), "lagi": ("lg",),
}
#: word -> local words (Kendari Malay, Javanese of the transmigration villages)
LOCAL = {
    "saya": ("sa",), "tidak": ("tida", "ora"), "pergi": ("pigi",), "mau": ("mo",),
    "sudah": ("so", "wis"), "belum": ("durung",), "air": ("banyu",), "lama": ("suwe",),
    "kamu": ("ko",), "kami": ("torang",),
}
VAGUE_TITLES = ("Mohon Ditindaklanjuti", "Keluhan Warga {village}", "Laporan Masyarakat",
                "Tolong Pak", "Pengaduan", "Minta Perhatian Pemerintah", "Aspirasi Warga",
                "Sudah Lama Tidak Ada Tindakan")
CLOSINGS = (" Wassalam.", " Trims.", " Makasih pak.", " Mohon segera ditindaklanjuti.", "")
_WORD = re.compile(r"[A-Za-z]+")


def _swap(rng: random.Random, text: str, table: Mapping[str, tuple[str, ...]],
          share: float) -> str:
    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        choices = table.get(word.lower())
        if choices is None or rng.random() >= share:
            return word
        return rng.choice(choices)

    return _WORD.sub(one, text)


def _informal(rng: random.Random, text: str) -> str:
    text = _swap(rng, text, INFORMAL, 0.75)
    if rng.random() < 0.6:
        text = text.lower()
    if rng.random() < 0.4:
        text = text.replace(". ", " ").replace(", ", " ")
    return text


def roughen(rng: random.Random, title: str, body: str, topic: Topic, others: tuple[Topic, ...],
            fill: Mapping[str, object], regency_short: str) -> tuple[str, str]:
    """``(title, body)`` as a citizen might have written them."""
    if rng.random() < P_MIXED:
        other = rng.choice([t for t in others if t.key != topic.key])
        try:
            aside = rng.choice(other.facts).format(**fill)
        except (KeyError, IndexError):
            aside = ""
        if aside:
            body = body.rstrip() + " Selain itu, " + aside[0].lower() + aside[1:]
    informal = rng.random() < P_INFORMAL
    if informal:
        body = _informal(rng, body)
        if rng.random() < 0.5:
            title = _informal(rng, title)
    if rng.random() < P_LOCAL:
        body = _swap(rng, body, LOCAL, 0.8)
    if rng.random() < P_VAGUE_TITLE:
        title = rng.choice(VAGUE_TITLES).format(**fill)
    if rng.random() < P_WRONG_GREETING:
        office = rng.choice(OFFICES)
        where = "" if office.startswith(PLACELESS) else f" {regency_short}"
        greeting = rng.choice(("Yth. {o}{w},\n", "Kepada Yth. {o}{w}\n", "Yth {o}{w}. ",
                               "Kpd yth {o}{w}, "))
        body = greeting.format(o=office, w=where) + body
    if informal:
        body += rng.choice(CLOSINGS)
    return title, body
