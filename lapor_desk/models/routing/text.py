"""Indonesian complaint text as citizens write it, made ready for the routing model.

Lowercase; the greeting and the salutations dropped ("Yth. Bapak Kepala Dinas ...", "Bapak/Ibu",
"mohon", "terima kasih", "assalamualaikum"): they name whom the reporter *thought* was competent,
the very guess the model must not learn from. Informal spellings, abbreviations and a few
Javanese/local words are mapped to their standard word (:data:`SPELLINGS`, a short table), then
Sastrawi's stemmer and stopword list do the rest. Stems are cached: Sastrawi is slow per word and
a pemda's history repeats the same few thousand words.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache

#: Informal spellings, abbreviations and local words -> the standard word (applied per token).
SPELLINGS: dict[str, str] = {
    # negation and time
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak",
    "enggak": "tidak", "tdk": "tidak", "tak": "tidak", "ndak": "tidak", "nda": "tidak",
    "ora": "tidak", "blm": "belum", "blum": "belum", "durung": "belum", "sdh": "sudah",
    "udh": "sudah", "udah": "sudah", "sudh": "sudah", "wis": "sudah", "uwis": "sudah",
    "skrg": "sekarang", "skrang": "sekarang", "bln": "bulan", "thn": "tahun", "mgg": "minggu",
    "hr": "hari", "kmrn": "kemarin", "sampe": "sampai", "smp": "sampai",
    # people and small words
    "sy": "saya", "sya": "saya", "aku": "saya", "kmi": "kami", "kt": "kita", "yg": "yang",
    "dgn": "dengan", "dg": "dengan", "krn": "karena", "karna": "karena", "krna": "karena",
    "tsb": "tersebut", "utk": "untuk", "untk": "untuk", "dr": "dari", "dlm": "dalam",
    "pd": "pada", "jg": "juga", "lg": "lagi", "sm": "sama", "org": "orang", "bgt": "sekali",
    "bkn": "bukan", "tp": "tetapi", "tpi": "tetapi", "klo": "kalau", "kalo": "kalau",
    "bbrp": "beberapa", "byk": "banyak", "bnyk": "banyak", "sblm": "sebelum",
    "ttg": "tentang", "spt": "seperti", "tlg": "tolong", "trs": "terus", "gmn": "bagaimana",
    "knp": "kenapa", "opo": "apa", "piye": "bagaimana",
    # places and things
    "jln": "jalan", "jl": "jalan", "jal": "jalan", "rmh": "rumah", "kel": "kelurahan",
    "kec": "kecamatan", "kab": "kabupaten", "prov": "provinsi", "sklh": "sekolah",
    "skolah": "sekolah", "pkm": "puskesmas", "rs": "rumah sakit", "dok": "dokter",
    "lstrk": "listrik", "pdam": "air minum", "kk": "kartu keluarga",
    "sertif": "sertifikat", "srtfkt": "sertifikat", "bansos": "bantuan sosial",
    "blt": "bantuan langsung tunai",
    "berlobang": "berlubang", "bolong": "berlubang", "lobang": "lubang",
    "mampet": "tersumbat", "got": "selokan",
    # Javanese / Sulawesi everyday words
    "ndalan": "jalan", "dalan": "jalan", "banyu": "air", "omah": "rumah", "larang": "mahal",
    "suwe": "lama", "lawas": "lama", "mbok": "ibu", "bocah": "anak", "dewe": "sendiri",
    "mo": "mau", "pigi": "pergi", "sa": "saya", "ko": "kamu", "torang": "kami",
}

#: Greetings, salutations and courtesy (on the lowercased text), dropped before anything else.
#: The opening "Yth. ..." line goes up to its first comma, full stop or line end: it addresses an
#: agency the reporter chose, often the wrong one.
GREETINGS = re.compile(
    r"(?:^|\n)\s*(?:(?:kepada|kpd)\.?\s+)?(?:yth|yang\s+terhormat)\b\.?[^,\n.]*[,.]?"
    r"|\bassalamu\W?alaikum(?:\s+w[rw]\.?\s*w?b\.?)?"
    r"|\bwa\W?alaikum\W?salam\b|\bwassalam\w*"
    r"|\bsalam\s+sejahtera\b|\bshalom\b|\bom\s+swastiastu\b"
    r"|\bselamat\s+(?:pagi|siang|sore|malam)\b"
    r"|\bbapak\s*/\s*ibu\b|\bbpk\s*/\s*ibu\b|\bbapak\s+ibu\b|\bpak\s*/\s*bu\b"
    r"|\bterima\s*kasih\b|\bterimakasih\b|\bmakasih\b|\bmksh\b|\btrims\b|\bthx\b"
    r"|\bmohon\b|\bmhn\b|\bdengan\s+hormat\b|\bhormat\s+kami\b"
    r"|\batas\s+perhatian\w*\b|\bperhatian\w*\s+dan\s+kerja\s*sama\w*\b"
    r"|\btolong\b|\btlg\b"
)
#: A word: letters with digits (a road number stays one word).
WORD = re.compile(r"[a-z][a-z0-9]*")
#: A word written twice as "word2" (informal reduplication).
REDUPLICATED = re.compile(r"^([a-z]{2,})2$")

_STEMMER: Callable[[str], str] | None = None
_STOPWORDS: frozenset[str] | None = None
_LOAD = threading.Lock()
#: Stopwords that matter for routing: kept.
KEEP = frozenset({"air", "listrik", "jalan", "sekolah", "rumah", "tanah"})


def _load() -> tuple[Callable[[str], str], frozenset[str]]:
    global _STEMMER, _STOPWORDS
    with _LOAD:
        if _STEMMER is None or _STOPWORDS is None:
            from Sastrawi.Stemmer.StemmerFactory import (
                StemmerFactory,
            )
            from Sastrawi.StopWordRemover.StopWordRemoverFactory import (
                StopWordRemoverFactory,
            )

            _STEMMER = StemmerFactory().create_stemmer().stem
            words = frozenset(StopWordRemoverFactory().get_stop_words())
            _STOPWORDS = words - KEEP
        return _STEMMER, _STOPWORDS


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Sastrawi's stem of one normalised word (cached)."""
    stemmer, _ = _load()
    return stemmer(word) or word


def normalise(text: str) -> str:
    """Lowercase, greetings dropped, informal spellings replaced: the words the reporter meant
    (no stemming). Character n-grams are taken from this."""
    lowered = GREETINGS.sub(" ", text.lower())
    # "rusak2", "diperbaiki2" and "jalan-jalan": a reduplication is the word once
    words = [REDUPLICATED.sub(r"\1", w) for w in WORD.findall(lowered.replace("-", " "))]
    return " ".join(SPELLINGS.get(w, w) for w in words)


def stems(text: str) -> list[str]:
    """The stems of ``text`` after :func:`normalise`, stopwords and one-letter words left out."""
    _, stop = _load()
    out = []
    for phrase in normalise(text).split():
        for word in phrase.split():
            if word in stop or len(word) < 2:
                continue
            root = stem(word)
            if root and root not in stop:
                out.append(root)
    return out


def prepare(title: str, body: str | None) -> tuple[str, str]:
    """``(stems joined by spaces, normalised text)`` of a complaint: the title counts twice
    (it names the problem; the body tells the story around it)."""
    text = f"{title}\n{title}\n{body or ''}"
    return " ".join(stems(text)), normalise(text)
