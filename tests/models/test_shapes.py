"""The shapes of wire values (``models/shapes.py``): one value at a time, a column at once, and
a wire name made fit to be a file's name."""

from __future__ import annotations

import hashlib
import uuid

import pytest

from lapor_desk.models.ids import uuid7
from lapor_desk.models.shapes import (
    filenames_ok,
    is_filename,
    is_mime_type,
    is_record_id,
    is_sha256,
    record_ids_ok,
    safe_file_name,
    shown_text,
)


def test_record_ids() -> None:
    good = [uuid7(), str(uuid.uuid4()), "00000000-0000-0000-0000-000000000000"]
    assert all(is_record_id(v) for v in good) and record_ids_ok(good)
    for bad in (good[0].upper(), good[0].replace("-", ""), "{" + good[0][1:-1] + "}",
                good[0][:35] + "g", good[0][:8] + "0" + good[0][9:], "-" * 36, good[0] + " ",
                "../" + good[0][3:], good[0][:35] + "\u0661", 5, None, ""):
        assert not is_record_id(bad), bad
    assert not record_ids_ok([*good, good[0][:35] + "/"])
    assert not record_ids_ok([good[0][:-1], good[1] + "a"])  # lengths that add up, still not


def test_hashes_names_and_types() -> None:
    sha = hashlib.sha256(b"x").hexdigest()
    assert is_sha256(sha) and not is_sha256(sha.upper()) and not is_sha256(sha[:63] + "/")
    assert is_filename("Surat Camat (1).pdf") and is_filename("foto kejadian.jpg")
    assert is_filename("laporan warga.pdf") and is_filename("")  # empty: shown as its hash
    for bad in ("a/b", "a\\b", "..", ".", "a\x00", "a\nb", "a\u202eb", "a\u200fb", "x" * 256):
        assert not is_filename(bad), bad
    assert filenames_ok(["a.pdf", "b.jpg"]) and not filenames_ok(["a.pdf", "../b"])
    assert is_mime_type("application/pdf") and not is_mime_type("text/plain\r\nX: 1")


@pytest.mark.parametrize("name,expected", [
    ("surat.pdf", "surat.pdf"),
    ("../../.bashrc", "bashrc"),
    ("..\\..\\Startup\\run.bat", "run.bat"),
    ("laporan\u202efdp.exe", "laporanfdp.exe"),
    ("surat\r\n.pdf", "surat.pdf"),
    ("CON.pdf", "_CON.pdf"),
    ("nul", "_nul"),
    ('a:b?<c>|"d*.pdf', "a_b__c___d_.pdf"),
    ("surat. ", "surat"),
    ("...", "fallback"),
    ("", "fallback"),
    (None, "fallback"),
])
def test_a_wire_name_is_made_a_plain_file_name(name: str | None, expected: str) -> None:
    assert safe_file_name(name, "fallback") == expected


def test_a_long_name_keeps_its_extension_within_255_bytes() -> None:
    made = safe_file_name("ž" * 300 + ".pdf", "fallback")
    assert made.endswith(".pdf") and len(made.encode()) <= 255
    assert shown_text("a\u202eb\nc") == "abc"
