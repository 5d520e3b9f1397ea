"""Cleaning text (models/text.py): what is removed, what is kept, and that cleaning is stable."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapor_desk.models.text import (
    BIDI_CONTROLS,
    clean_filename,
    clean_line,
    clean_text,
    needs_cleaning,
)

#: Every code point, surrogates included (what a str may hold, not what JSON can carry).
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=80)
SPECIALS = st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f",
                            "\x85", "\x9f", "\t", "\n", "\r", "\r\n", "\u2028", "\u2029",
                            "\ud800", "\udfff", "\ud83d\ude00", "\ufeff", "\u200e", "\u061c",
                            *sorted(BIDI_CONTROLS)])
MIXED = st.lists(st.one_of(ANY_TEXT, SPECIALS), max_size=8).map("".join)
PROPERTY = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def test_a_filename_with_a_right_to_left_override_is_cleaned() -> None:
    assert clean_filename("foto\u202egpj.exe") == "fotogpj.exe"
    assert clean_filename("\u2067laporan\u2069.pdf") == "laporan.pdf"


@pytest.mark.parametrize("control", sorted(BIDI_CONTROLS))
def test_every_bidi_control_is_removed_from_one_line_text(control: str) -> None:
    assert clean_line(f"Judul {control}laporan") == "Judul laporan"


def test_one_line_text() -> None:
    assert clean_line("  Jalan\x00 rusak\r\nparah\t ") == "Jalan rusak parah"
    assert clean_line("\x1b[31mmerah\x7f\x9b") == "[31mmerah"
    assert clean_line("Budi \u200eSantoso") == "Budi \u200eSantoso"  # a mark, not an override


def test_long_text_keeps_its_lines_and_its_bidi_marks() -> None:
    text = "Kronologi:\r\n\t1. rusak\x0b2. parah\x0c\x00\u2028selesai \u202eعربي\u202c"
    assert clean_text(text) == "Kronologi:\r\n\t1. rusak\n2. parah\n\nselesai \u202eعربي\u202c"


def test_surrogates() -> None:
    assert clean_line("a\ud83d\ude00b") == "a\U0001F600b"  # a pair is joined into its character
    assert clean_line("a\ud800b\udc00") == "ab"            # unpaired ones are removed
    assert clean_text("\udbff\udfff") == "\U0010ffff"


def test_what_an_import_reports() -> None:
    assert needs_cleaning("ber\x00lubang") and needs_cleaning("foto\u202egpj")
    assert not needs_cleaning("Jalan\nrusak") and not needs_cleaning("biasa saja")
    assert not needs_cleaning("\u202eعربي\u202c", long=True)  # kept in long text
    assert needs_cleaning("a\ud800", long=True)


@PROPERTY
@given(MIXED)
def test_cleaning_is_idempotent_storable_and_encodable(raw: str) -> None:
    for clean in (clean_line, clean_text):
        once = clean(raw)
        assert clean(once) == once
        assert "\x00" not in once
        once.encode("utf-8")  # no surrogate left
        assert orjson.loads(orjson.dumps(once)) == once
        assert not needs_cleaning(once, long=clean is clean_text)
    line = clean_line(raw)
    assert not set(line) & BIDI_CONTROLS
    assert not set(line) & set("\t\n\r\x0b\x0c\x85\u2028\u2029")
    assert line == line.strip()
