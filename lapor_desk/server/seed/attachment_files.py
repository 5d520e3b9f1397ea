"""The attachments' content: a small pool of real PNGs and PDFs, shared by many attachments.

The pool depends only on the seed (``blob_pool(random.Random(f"blobs-{seed}"))``), so the
generator process and the writing process agree on every file without passing bytes around.
"""

from __future__ import annotations

import hashlib
import random
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path


def png(width: int, height: int, rgb: tuple[int, int, int], seed: int) -> bytes:
    """A small valid PNG: a colour field with a few deterministic stripes."""
    rows = []
    for y in range(height):
        shade = (y * 7 + seed) % 40
        pixel = bytes(((rgb[0] + shade) % 256, (rgb[1] + shade) % 256, (rgb[2] + shade) % 256))
        rows.append(b"\x00" + pixel * width)
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6))
            + chunk(b"IEND", b""))


def pdf(lines: list[str]) -> bytes:
    """A one-page valid PDF with a few lines of text."""
    content = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "").replace("(", "").replace(")", "") + ") '" for line in lines
    ) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>"),
        f"<< /Length {len(content.encode('latin-1', 'replace'))} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1", "replace")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@dataclass(frozen=True)
class BlobFile:
    sha256: str
    size: int
    mime_type: str
    stem: str
    ext: str
    content: bytes = field(repr=False)


def blob_pool(rng: random.Random) -> tuple[list[BlobFile], list[BlobFile], list[BlobFile]]:
    """(citizen photos, citizen documents, unit documentation): small real files, reused."""
    photos, docs, unit_docs = [], [], []
    stems = ("foto_lokasi", "IMG_2025", "dokumentasi", "bukti", "WhatsApp_Image", "foto_kejadian")
    for i in range(24):
        rgb = (rng.randrange(60, 200), rng.randrange(60, 200), rng.randrange(60, 200))
        content = png(rng.randrange(48, 160), rng.randrange(36, 120), rgb, i)
        photos.append(BlobFile(hashlib.sha256(content).hexdigest(), len(content), "image/png",
                               rng.choice(stems), "png", content))
    for i in range(8):
        content = pdf([f"Surat Pengaduan Masyarakat No. {rng.randrange(1, 999)}/{2025 + i % 2}",
                       "Perihal: laporan pelayanan publik", f"Lampiran {i + 1}"])
        docs.append(BlobFile(hashlib.sha256(content).hexdigest(), len(content),
                             "application/pdf", rng.choice(("surat_pengaduan", "kronologi",
                                                            "scan_ktp_ditutup", "lampiran")),
                             "pdf", content))
    for i in range(8):
        content = pdf([f"Berita Acara Peninjauan Lapangan No. {rng.randrange(100, 999)}",
                       "Hasil tindak lanjut pengaduan SP4N-LAPOR!", f"Halaman {i + 1}"])
        unit_docs.append(BlobFile(hashlib.sha256(content).hexdigest(), len(content),
                                  "application/pdf", rng.choice(("berita_acara", "surat_tanggapan",
                                                                 "laporan_tindak_lanjut")),
                                  "pdf", content))
    for i in range(8):
        content = png(rng.randrange(64, 160), rng.randrange(48, 120), (90, 140 + i * 10, 90), 100 + i)
        unit_docs.append(BlobFile(hashlib.sha256(content).hexdigest(), len(content), "image/png",
                                  rng.choice(("foto_sesudah_perbaikan", "dokumentasi_kegiatan")),
                                  "png", content))
    return photos, docs, unit_docs


def seed_blob_pool(seed: int) -> tuple[list[BlobFile], list[BlobFile], list[BlobFile]]:
    """The pool of the seed ``seed`` (the same in every process)."""
    return blob_pool(random.Random(f"blobs-{seed}"))


def blob_path(blob_dir: Path, sha256: str) -> Path:
    """Where the server keeps a blob: ``BlobStore.path`` (``<blob_dir>/<first two hex>/<sha256>``)."""
    try:
        from lapor_desk.server.blobs import BlobStore
    except ImportError:  # pragma: no cover - the server package is always there
        return blob_dir / sha256[:2] / sha256
    return BlobStore(blob_dir, 0).path(sha256)
