"""Complaint text as citizens write it, made ready for the routing model."""

from __future__ import annotations

from lapor_desk.models.routing.text import normalise, prepare, stems


def test_informal_spellings_and_abbreviations_become_the_standard_words() -> None:
    text = "sy udh lapor ke kel tp jln nya gak diperbaiki2, yg rusak2 dgn lobang blm ditutup tdk"
    assert normalise(text) == ("saya sudah lapor ke kelurahan tetapi jalan nya tidak diperbaiki "
                               "yang rusak dengan lubang belum ditutup tidak")


def test_javanese_and_local_words_become_indonesian() -> None:
    assert normalise("banyu ora mili wis suwe") == "air tidak mili sudah lama"


def test_greetings_and_the_agency_they_name_are_dropped() -> None:
    text = ("Yth. Bapak Kepala Dinas Kesehatan Kota Kendari,\n"
            "Assalamualaikum wr wb. Bapak/Ibu, mohon jalan di depan rumah saya diperbaiki. "
            "Terima kasih atas perhatiannya. Wassalam")
    words = normalise(text).split()
    for greeting in ("yth", "kesehatan", "assalamualaikum", "mohon", "terima", "kasih",
                     "wassalam", "bapak", "perhatiannya"):
        assert greeting not in words
    assert "jalan" in words and "diperbaiki" in words


def test_stems_drop_stopwords_and_keep_the_matter() -> None:
    assert stems("Jalannya berlubang dan lampunya belum dipasang oleh petugas") == [
        "jalan", "lubang", "lampu", "pasang", "tugas"]


def test_a_misspelled_complaint_reads_as_the_standard_one() -> None:
    informal = prepare("jln rusak2 gak diperbaiki", "sdh 3 bln jln berlobang")
    standard = prepare("jalan rusak tidak diperbaiki", "sudah 3 bulan jalan berlubang")
    assert informal == standard
