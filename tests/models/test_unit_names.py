"""Finding a unit by the names admins use (models/unit_names.py), on the seeded directory and on
units named as a kabupaten names them."""

from __future__ import annotations

import time

import pytest

from lapor_desk.models.unit_names import (
    AliasProblem,
    UnitEntry,
    UnitIndex,
    clean_aliases,
    distance,
    may_edit_aliases,
)
from lapor_desk.server.seed.directory import Directory


def seeded_index() -> tuple[UnitIndex, dict[int, str], dict[int, str]]:
    directory = Directory()
    by_id = {n.id: n for n in directory.nodes}

    def above(node_id: int) -> tuple[str, ...]:
        names, node = [], by_id[node_id]
        while node.parent_id is not None:
            node = by_id[node.parent_id]
            if node.parent_id is not None:  # not the national root
                names.append(node.name)
        return tuple(names)

    entries = [UnitEntry(n.id, n.name, n.code, n.aliases, above(n.id)) for n in directory.nodes]
    agency = {n.id: (above(n.id) or ("",))[0] for n in directory.nodes}
    return UnitIndex(entries), {n.id: n.name for n in directory.nodes}, agency


INDEX, NAMES, AGENCY = seeded_index()


def first(text: str, recent: tuple[int, ...] = ()) -> str:
    found = INDEX.find(text, recent)
    assert found, text
    return f"{NAMES[found[0]]} / {AGENCY[found[0]]}"


@pytest.mark.parametrize(("typed", "meant"), [
    ("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("DINKES", "Dinas Kesehatan"),
    ("rsud", "RSUD"),
    ("rumah sakit umum daerah", "RSUD"),
    ("kominfo", "Dinas Komunikasi dan Informatika"),
    ("dinas kesehtan", "Dinas Kesehatan"),            # a letter missing
    ("kependudkan", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("perhubngan", "Dinas Perhubungan"),
    ("pekerjaan umum", "Pekerjaan Umum"),
])
def test_abbreviations_full_words_and_typos_find_the_unit(typed: str, meant: str) -> None:
    assert meant in first(typed)


def test_the_agency_above_narrows_and_the_directory_aliases_count() -> None:
    assert first("dinkes konawe") == (
        "Dinas Kesehatan Kabupaten Konawe / Pemerintah Kabupaten Konawe")
    assert first("disdukcapil kendari").startswith(
        "Dinas Kependudukan dan Pencatatan Sipil Kota Kendari")
    assert first("pln baubau").startswith("PLN UP3 Baubau")
    assert first("RS Bahteramas").startswith("RSUD Bahteramas")  # the directory's alias
    assert first("dapur mbg kendari").startswith("Satuan Pelayanan Pemenuhan Gizi Kota Kendari")


def test_nothing_found_is_an_empty_answer() -> None:
    assert INDEX.find("bpbd") == []        # the seeded kabupaten have no BPBD
    assert INDEX.find("satpol pp") == []
    assert INDEX.find("qwertyuiop") == []


def test_units_a_kabupaten_has_are_found_by_their_short_names() -> None:
    units = UnitIndex([
        UnitEntry(1, "Badan Penanggulangan Bencana Daerah", above=("Pemerintah Kabupaten Muna",)),
        UnitEntry(2, "Satuan Polisi Pamong Praja", above=("Pemerintah Kabupaten Muna",)),
        UnitEntry(3, "Dinas Pemadam Kebakaran", above=("Pemerintah Kabupaten Muna",)),
        UnitEntry(4, "Dinas Kesehatan", aliases=("Dinkes Muna",),
                  above=("Pemerintah Kabupaten Muna",)),
        UnitEntry(5, "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ])
    assert units.find("bpbd") == [1]
    assert units.find("satpol pp") == [2]
    assert units.find("Satpol-PP") == [2]
    assert units.find("satpolpp") == [2]
    assert units.find("damkar") == [3]
    assert units.find("ptsp") == [5]
    assert units.find("dinkes muna") == [4]
    assert units.find("penanggulangan bencana") == [1]
    assert units.find("penangulangan") == [1]       # a doubled letter typed once


def test_recently_chosen_units_come_first() -> None:
    dinkes = [i for i in INDEX.find("dinas kesehatan")]
    assert len(dinkes) > 5
    chosen = dinkes[4]
    assert INDEX.find("dinas kesehatan", recent=(chosen,))[0] == chosen
    assert INDEX.find("", recent=(chosen, 99_999, dinkes[2])) == [chosen, dinkes[2]]


def test_short_words_are_not_guessed_and_distance_counts_a_swap_once() -> None:
    assert distance("kesehatan", "kesehtaan", 2) == 1
    assert distance("abc", "xyz", 1) == 2
    assert INDEX.find("dlh")  # exact abbreviations of three letters
    assert not UnitIndex([UnitEntry(1, "Dinas Sosial")]).find("dlh")


def test_a_thousand_units_answer_within_typing_time() -> None:
    entries = [UnitEntry(n, f"{name} {n}", above=(f"Pemerintah Kabupaten {n // 12}",))
               for n, name in enumerate(list(NAMES.values()) * 5)]
    index = UnitIndex(entries)
    started = time.perf_counter()
    for typed in ("dukcapil", "dinas kesehtan", "pupr kabupaten 3", "satpol pp"):
        index.find(typed)
    assert time.perf_counter() - started < 0.5


def test_aliases_are_cleaned_and_bounded() -> None:
    assert clean_aliases(["  Dukcapil ", "dukcapil", "", "Disdukcapil\tKendari",
                          "Dinas Kesehatan"], name="Dinas Kesehatan") == (
        "Dukcapil", "Disdukcapil Kendari")
    with pytest.raises(AliasProblem) as many:
        clean_aliases([f"Nama {n}" for n in range(13)])
    assert many.value.code == "too_many"
    with pytest.raises(AliasProblem) as short:
        clean_aliases(["X"])
    assert short.value.code == "too_short"
    with pytest.raises(AliasProblem) as long:
        clean_aliases(["x" * 81])
    assert long.value.code == "too_long"


def test_who_may_edit_aliases() -> None:
    assert may_edit_aliases("national_admin", "/1/", "/1/2/30/")
    assert may_edit_aliases("agency_admin", "/1/2/", "/1/2/30/")
    assert not may_edit_aliases("agency_admin", "/1/2/", "/1/3/31/")
    assert not may_edit_aliases("liaison_officer", "/1/2/30/", "/1/2/30/")
