"""What reporters say of the handling: the ratings of finished complaints sent from the public
page (server/public/service.py::rate), as citizens give them.

A complaint sent on the web channel and finished gets its ``public_access`` row; a share of
those reporters rate it (1-5, the note often empty) some hours to days after it was closed. The
handling shows in the rating: a complaint whose answer came past its deadline, or that was first
sent to the wrong unit, is rated lower. The secret code of a seeded complaint is not kept (its hash is unusable:
nobody tracks a seeded complaint on the public page).

Each complaint's rating comes from a generator of its own (the seed and the complaint's id), so
the rest of the seed's rows are the same with or without ratings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from lapor_desk.models.enums import Channel, Status
from lapor_desk.server.seed.timeline import SimulatedComplaint

#: How many reporters of a finished web complaint rate it.
RATE_SHARE = 0.45
#: How many of them write a note.
NOTE_SHARE = 0.6
#: A hash no code matches (argon2 refuses it): a seeded complaint cannot be tracked.
NO_CODE = "!seed"
#: Ratings 1..5 by weight: answered in time by the right unit, or late / misrouted first.
WEIGHTS_GOOD = (5, 5, 13, 33, 44)
WEIGHTS_POOR = (18, 18, 24, 24, 16)

NOTES_HIGH = (
    "Terima kasih, sudah ditindaklanjuti dengan cepat.",
    "Alhamdulillah sdh diperbaiki, terima kasih pak.",
    "mantap, respon cepat",
    "Terima kasih atas tanggapannya, semoga pelayanan seperti ini terus dipertahankan.",
    "Sudah beres, petugas datang langsung ke lokasi.",
    "Makasih min, masalah sdh selesai",
    "Pelayanan baik, penjelasannya jelas.",
    "Terima kasih, walaupun agak lama tapi sudah selesai.",
    "Puas, warga di sini juga senang.",
    "Sangat membantu. Terima kasih LAPOR!",
)
NOTES_MID = (
    "Sudah ditanggapi tapi belum semua masalah selesai.",
    "lumayan, tp harus nunggu hampir sebulan",
    "Jawabannya cukup jelas, semoga benar2 dikerjakan.",
    "Baru sebagian yang diperbaiki.",
    "Prosesnya lama, tapi akhirnya ada kabar.",
    "Oke lah, tp tolong kedepannya lebih cepat.",
)
NOTES_LOW = (
    "Katanya sudah selesai tapi di lapangan belum ada perubahan sama sekali.",
    "lama sekali baru ditanggapi, itupun jawabannya tidak menjawab masalah",
    "Laporan ditutup padahal masalah blm beres.",
    "Jawabannya cuma template, tidak ada petugas yang datang.",
    "Sudah 2 bulan tdk ada tindakan nyata. Kecewa.",
    "dilempar2 ke dinas lain, akhirnya tdk jelas",
    "Tidak puas. Mohon ditinjau ulang.",
    "Kenapa ditutup? sy blm dapat penjelasan apa2",
)


@dataclass(frozen=True)
class SeedRating:
    """The ``public_access`` row of a rated seeded complaint (times: UTC epoch seconds)."""

    rating: int
    note: str | None
    rated_at: int


def rating_for(seed: int, c: SimulatedComplaint, channel: Channel, now: int) -> SeedRating | None:
    """The reporter's rating of ``c``'s handling, or None (not from the public page, not
    finished, or not rated by now)."""
    if channel != Channel.WEB or c.status != Status.DONE or c.closed_at is None:
        return None
    rng = random.Random(f"{seed}:rating:{c.id}")
    if rng.random() >= RATE_SHARE:
        return None
    rated_at = c.closed_at + rng.choice((1, 2, 3, 6, 20, 30, 50, 100, 200)) * 1800 \
        + rng.randrange(1800)
    if rated_at >= now:
        return None
    late = c.resolution_due is not None and (c.last_fu or 0) > c.resolution_due
    weights = WEIGHTS_POOR if late or c.wrong_unit_done else WEIGHTS_GOOD
    rating = rng.choices(range(1, 6), weights)[0]
    note = None
    if rng.random() < NOTE_SHARE:
        texts = NOTES_HIGH if rating >= 4 else NOTES_MID if rating == 3 else NOTES_LOW
        note = rng.choice(texts)
    return SeedRating(rating, note, rated_at)

