"""The public pages as citizens use them from a phone, over loopback HTTP on the real server
(SQLite and PostgreSQL): files named as a phone names them, a form sent back to fix a field,
a tracking number noted down with dots, an account longer than the limit, times with their
zone."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import select

from lapor_desk.server.db import Attachment
from tests.server.client import WorldServer
from tests.server.test_public_pages import _complaint, _count, _png
from tests.support.public_citizen import Citizen


def test_files_from_a_phone_are_taken_by_what_they_are_and_a_refusal_says_what_next(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, object]) -> None:
    """A phone names files as it likes: a PDF saved as .jpg is a document, sent and kept as
    one; an iPhone's HEIC photo is refused by its name with what to do; after any refusal the
    page says the files chosen must be chosen again (a browser never keeps them)."""
    server = serve_world(public_agency="T-kab")
    citizen = Citizen(server.live.url)
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    sent = citizen.submit(files=[("surat_keterangan.jpg", pdf, "image/jpeg"),
                                 ("IMG_0001.pdf", _png(), "application/pdf")])
    assert sent.status == 200, sent.text
    complaint = _complaint(server, sent.number)
    with server.live.session() as session:
        kept = sorted(session.execute(select(Attachment.filename, Attachment.mime_type).where(
            Attachment.complaint_id == complaint.id)).all())
    assert kept == [("IMG_0001.png", "image/png"),
                    ("surat_keterangan.pdf", "application/pdf")]

    before = _count(server)
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 64
    refused = citizen.submit(files=[("IMG_4031.HEIC", heic, "image/heic")])
    assert refused.status == 400
    assert "IMG_4031.HEIC" in refused.text and "JPG" in refused.text
    assert "pilih lagi berkas Anda" in refused.text
    wrong_field = citizen.submit(judul="", files=[("foto.png", _png(), "image/png")])
    assert wrong_field.status == 400 and "Judul wajib diisi" in wrong_field.text
    assert "Foto atau dokumen yang tadi dipilih belum terkirim. Pilih lagi" in wrong_field.text
    assert "belum terkirim" not in citizen.submit(judul="").text  # no file, nothing to say
    assert _count(server) == before


def test_a_citizen_sent_back_to_fix_the_form_is_not_refused_for_the_hour(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, object]) -> None:
    """Only a form that makes a complaint counts against ``submits_per_hour``; over the limit
    the form comes back with what was typed, saying to keep it and send it later."""
    server = serve_world(public_agency="T-kab", public_submits_per_hour=2)
    citizen = Citizen(server.live.url)
    before = _count(server)
    for _ in range(4):  # a title too short, again and again
        assert citizen.submit(judul="jln").status == 400
    assert citizen.submit().status == 200 and citizen.submit().status == 200
    refused = citizen.submit(isi="Sudah tiga minggu got di depan pasar tersumbat sampah.")
    assert refused.status == 429 and "satu jam lagi" in refused.text
    assert "Sudah tiga minggu got di depan pasar tersumbat sampah." in refused.text
    assert 'name="token"' in refused.text  # the form, to keep and send later
    assert _count(server) == before + 2


def test_a_tracking_number_is_found_as_a_citizen_notes_it_down(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, object]) -> None:
    """Written with thousands dots ("3.349.793"), spaces or "No." before it; a code lost is
    answered with what to do."""
    server = serve_world(public_agency="T-kab")
    citizen = Citizen(server.live.url)
    sent = citizen.submit()
    digits = str(sent.number)
    dotted = ".".join([digits[:-6], digits[-6:-3], digits[-3:]]).lstrip(".")
    for written in (dotted, f"No. {digits}", f"#{digits}", f" {digits[:3]} {digits[3:]} "):
        assert citizen.track(written, sent.code.lower()).status == 200, written
    lost = citizen.track(sent.number, "SALAHKODE1")
    assert lost.status == 404 and "hubungi kantor layanan pengaduan" in lost.text


def test_a_long_account_is_never_cut_without_a_word(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, object]) -> None:
    """The form sets no length the browser would cut a pasted account at: the server says the
    limit and gives the whole text back to shorten."""
    from lapor_desk.models.intake import BODY_MAX, TITLE_MAX

    server = serve_world(public_agency="T-kab")
    citizen = Citizen(server.live.url)
    form = citizen.get("/")
    assert f'maxlength="{BODY_MAX}"' not in form.text and f'maxlength="{TITLE_MAX}"' not in form.text
    account = "Sudah dua tahun jalan di dusun kami rusak parah, kalau hujan becek. " * 300
    assert len(account) > BODY_MAX
    page = citizen.submit(isi=account)
    assert page.status == 400
    assert f"lebih dari {BODY_MAX:,} huruf".replace(",", ".") in page.text
    assert account.strip() in page.text.replace("\r\n", "\n")  # whole, to shorten
    title = citizen.submit(judul="JALAN RUSAK " * 20)
    assert title.status == 400 and f"paling banyak {TITLE_MAX} huruf" in title.text


def test_times_on_the_complaint_page_name_their_zone(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, object]) -> None:
    """The calendar's zone (WIB by default; WITA, WIT where the SLA file's [calendar] says so)
    is written after every time, so a citizen in another zone reads it right."""
    server = serve_world(public_agency="T-kab")
    citizen = Citizen(server.live.url)
    sent = citizen.submit()
    page = citizen.track(sent.number, sent.code)
    assert page.status == 200
    assert re.search(r"Dikirim: \d\d-\d\d-\d{4} \d\d:\d\d WIB<", page.text), page.text
