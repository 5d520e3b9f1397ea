"""The public form's contact for news (server/public/contact.py): a reporter, anonim or not,
hears of their complaint at the contact they gave, while an anonim reporter's identity and that
contact never reach a desktop; a bad contact is refused with the form kept and nothing made.

Over loopback HTTP on the real server (SQLite and PostgreSQL); email to a real SMTP server,
WhatsApp and SMS to the stand-in for the providers' send APIs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from lapor_desk.server.db import Complaint, ReplyContact
from lapor_desk.server.public import words
from lapor_desk.server.public.contact import ContactChoice
from lapor_desk.server.public.errors import PublicError
from tests.server.builder import new_id
from tests.server.client import WorldServer
from tests.server.test_notify import email_settings, engine_of, notifier_for, provider_settings
from tests.support.provider_send_standin import ProviderStandIn
from tests.support.public_citizen import Citizen
from tests.support.smtp_server import SmtpServer

HINT = "hanya dipakai untuk mengabari Anda; tidak diteruskan ke petugas"


def _complaint_id(server: WorldServer, number: int) -> str:
    with server.live.session() as session:
        found = session.scalar(select(Complaint.id).where(Complaint.tracking_number == number))
        assert found is not None
        return str(found)


def _count(server: WorldServer, table: type[Complaint | ReplyContact]) -> int:
    with server.live.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _forward(server: WorldServer, complaint_id: str) -> None:
    admin = server.login("admin_kab")
    assert admin.do("forward", complaint_id, 1, to_id=server.unit("kab_health"),
                    disposition_id=new_id())["outcome"] == "applied"


def test_an_anonim_reporter_hears_at_the_contact_given_and_no_desktop_sees_it(
        serve_world: Callable[..., WorldServer], smtp: SmtpServer) -> None:
    server = serve_world(public_agency="T-kab", notify_interval=0, **email_settings(smtp))
    citizen = Citizen(server.live.url)
    form = citizen.get("/")
    assert HINT in form.text and 'name="kabar"' in form.text
    sent = citizen.submit(form=form, anonim="ya", nama="Rahmat Tersembunyi",
                          telepon="081399887766", email="rahmat.pribadi@example.id",
                          kabar=" kabar.rahmat@example.id ")
    assert sent.status == 200, sent.text
    complaint_id = _complaint_id(server, sent.number)
    _forward(server, complaint_id)
    notifier = notifier_for(server, **email_settings(smtp))
    assert notifier.run_round(engine_of(server), lambda: datetime.now(UTC))["sent"] == 1
    [mail] = smtp.wait_for(1)
    assert mail["To"] == "kabar.rahmat@example.id"
    assert f"Laporan {sent.number}" in str(mail["Subject"])
    assert "Rahmat Tersembunyi" not in mail.as_string()
    for username in ("admin_kab", "nasional", "lo_kab_health"):
        state, pages = server.login(username).pull_all()
        assert complaint_id in state["state"]["complaint"]
        text = repr(pages)
        for secret in ("kabar.rahmat", "Rahmat Tersembunyi", "081399887766", "6281399887766",
                       "rahmat.pribadi"):
            assert secret not in text, (username, secret)


def test_a_named_reporter_hears_at_their_phone_by_the_way_they_chose(
        serve_world: Callable[..., WorldServer], provider: ProviderStandIn) -> None:
    server = serve_world(public_agency="T-kab", notify_interval=0, **provider_settings(provider))
    citizen = Citizen(server.live.url)
    form = citizen.get("/")
    assert 'name="kabar_lewat" value="whatsapp"' in form.text and "Nomor HP untuk kabar" in form.text
    by_sms = citizen.submit(form=form, telepon="0812-3456-7890", email="", kabar_lewat="sms")
    by_whatsapp = citizen.submit(telepon="081200000000", kabar="+62 812 5555 6666",
                                 kabar_lewat="whatsapp")
    for sent in (by_sms, by_whatsapp):
        assert sent.status == 200, sent.text
        _forward(server, _complaint_id(server, sent.number))
    outcomes = notifier_for(server, **provider_settings(provider)).run_round(
        engine_of(server), lambda: datetime.now(UTC))
    assert outcomes["sent"] == 2, outcomes
    [text] = provider.sms
    assert text["phoneNumbers"] == ["+6281234567890"]
    assert str(by_sms.number) in text["textMessage"]["text"]
    [message] = provider.whatsapp
    assert message["to"] == "6281255556666"  # the contact given wins over the identity's number


def test_a_bad_contact_is_refused_with_the_form_kept_and_nothing_made(
        serve_world: Callable[..., WorldServer], smtp: SmtpServer) -> None:
    server = serve_world(public_agency="T-kab", **email_settings(smtp))
    citizen = Citizen(server.live.url)
    form = citizen.get("/")
    assert "Email untuk kabar" in form.text and 'name="kabar_lewat"' not in form.text
    before = _count(server, Complaint)
    cases = {
        "bukan kontak": "tidak dapat dibaca",
        "081234567890": "belum dapat dikirim lewat jenis kontak ini",  # no SMS or WhatsApp here
        "a" * 250 + "@example.id": "terlalu panjang",
    }
    for given, said in cases.items():
        page = citizen.submit(anonim="ya", nama="", kabar=given)
        assert page.status == 400 and said in page.text, page.text[-3000:]
        assert 'aria-invalid="true"' in page.text and "Lampu jalan padam" in page.text
    # the contact's error shows beside the others of the same form
    both = citizen.submit(judul="", kabar="bukan kontak")
    assert both.status == 400 and "Judul wajib diisi" in both.text and "tidak dapat dibaca" in both.text
    assert _count(server, Complaint) == before
    assert _count(server, ReplyContact) == 0
    # a server that can send on no channel does not ask, and keeps nothing sent anyway
    silent = serve_world(public_agency="T-kab")
    citizen = Citizen(silent.live.url)
    form = citizen.get("/")
    assert form.status == 200 and 'name="kabar"' not in form.text
    sent = citizen.submit(form=form, kabar="kabar@example.id")
    assert sent.status == 200 and _count(silent, ReplyContact) == 0



def test_a_bad_contact_is_the_public_pages_error_worded_in_one_place() -> None:
    """The contact's errors are PublicErrors like the pages' others, each worded in ERRORS."""
    offered = ("email",)
    cases = {"bukan kontak": "contact_invalid", "081234567890": "contact_not_offered",
             "a" * 250 + "@example.id": "contact_too_long"}
    for given, code in cases.items():
        with pytest.raises(PublicError) as raised:
            ContactChoice(given, "", offered).given()
        assert raised.value.code == code
        assert words.field_error("reply_contact", code) == words.ERRORS[code]
