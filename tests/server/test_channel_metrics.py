"""The channels' metrics (server/metrics.py) read from ``GET /metrics`` after real traffic on one
running server: mails from a real Dovecot read by the housekeeping round, WhatsApp notifications
signed as Meta sends them, an SMS gateway's messages, forms on the public page, and the replies
to reporters sent by the notify loop to the stand-in for the providers' send APIs (one outage
retried). SQLite and PostgreSQL."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import pytest
import requests

from tests.server.builder import new_id
from tests.server.client import WorldServer
from tests.support import provider_send_standin as standin_api
from tests.support.dovecot import Dovecot
from tests.support.provider_send_standin import ProviderStandIn
from tests.support.public_citizen import Citizen
from tests.support.whatsapp_standin import WhatsAppStandIn, deliver, notification, text_message

pytestmark = pytest.mark.timeout(240)
SECRET, VERIFY, TOKEN = "app-secret-uji", "verify-token-uji", "EAAG-access-token-uji"
SMS_TOKEN = "sms-gateway-token-uji"
WA_ID = "6281234567890"


@pytest.fixture
def graph() -> Iterator[WhatsAppStandIn]:
    standin = WhatsAppStandIn(TOKEN).start()
    try:
        yield standin
    finally:
        standin.stop()


def _mail(subject: str, text: str, message_id: str, sender: str | None = "warga@example.id"
          ) -> bytes:
    mail = EmailMessage()
    if sender is not None:
        mail["From"] = f"Wa Ode Sari <{sender}>"
    mail["To"] = "pengaduan@konawekab.go.id"
    mail["Subject"] = subject
    mail["Date"] = format_datetime(datetime(2026, 12, 7, 1, 0, tzinfo=UTC))
    mail["Message-ID"] = message_id
    mail.set_content(text)
    return mail.as_bytes()


def _metrics(server: WorldServer) -> dict[str, float]:
    text = server.anonymous().http.get(server.live.url + "/metrics", timeout=30).text
    return {m.group(1): float(m.group(2)) for m in re.finditer(
        r"^(lapor_(?:channel_messages|public_submissions|notifications)_total\{[^}]*\}) (\S+)$",
        text, re.MULTILINE)}


def _wait(server: WorldServer, found: Callable[[dict[str, float]], bool], what: str,
          timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found(_metrics(server)):
            return
        time.sleep(0.2)
    raise AssertionError(f"not seen in {timeout} s: {what}: {_metrics(server)}")


def _sms(server: WorldServer, **fields: str) -> requests.Response:
    return requests.post(server.live.url + "/channels/sms", json=fields, timeout=30,
                         headers={"Authorization": f"Bearer {SMS_TOKEN}"})


def test_messages_forms_and_replies_are_counted_by_channel_and_outcome(
        serve_world: Callable[..., WorldServer], dovecot: Dovecot, mailbox: Any,
        graph: WhatsAppStandIn, provider: ProviderStandIn) -> None:
    server = serve_world(
        auto_close_interval=0.2, notify_interval=0.2,
        channels_agency="T-kab", channels_province="Sulawesi Tenggara", channels_regency="Konawe",
        imap_host=dovecot.host, imap_port=dovecot.port, imap_security="none",
        imap_user=dovecot.user, imap_password=dovecot.password,
        whatsapp_verify_token=VERIFY, whatsapp_app_secret=SECRET, whatsapp_access_token=TOKEN,
        whatsapp_graph_url=graph.graph_url, sms_token=SMS_TOKEN, sms_url=provider.sms_url,
        sms_username=standin_api.SMS_USER, sms_password=standin_api.SMS_PASSWORD,
        public_agency="T-kab", public_submits_per_hour=2)
    before = _metrics(server)
    assert before['lapor_channel_messages_total{channel="email",outcome="new_complaint"}'] == 0
    assert before['lapor_public_submissions_total{outcome="rate_limited"}'] == 0

    # email: a new mail, the same mail again (fetched twice), one without a sender
    mailbox.append(_mail("Pungutan liar di kantor desa",
                         "Kami dimintai uang Rp50.000 untuk surat keterangan domisili.",
                         "<satu@warga.example.id>"), "INBOX")
    email_new = 'lapor_channel_messages_total{channel="email",outcome="new_complaint"}'
    _wait(server, lambda m: m[email_new] == 1, "the first mail")
    mailbox.append(_mail("Pungutan liar di kantor desa", "Lagi.", "<satu@warga.example.id>"),
                   "INBOX")
    mailbox.append(_mail("Tanpa pengirim", "Siapa yang mengirim ini?", "<tanpa@warga.example.id>",
                         sender=None), "INBOX")
    email_dup = 'lapor_channel_messages_total{channel="email",outcome="duplicate"}'
    email_bad = 'lapor_channel_messages_total{channel="email",outcome="rejected"}'
    _wait(server, lambda m: m[email_dup] == 1 and m[email_bad] == 1,
          "the mail fetched again and the empty one")

    # WhatsApp: a first message, the same notification retried, a later one
    webhook = server.live.url + "/channels/whatsapp"
    first = notification(WA_ID, "Wati", text_message(
        "wamid.A1", WA_ID, "Jalan di depan pasar berlubang besar, motor sering jatuh.",
        int(time.time())))
    assert deliver(webhook, first, SECRET).json()["outcomes"][0]["outcome"] == "created"
    assert deliver(webhook, first, SECRET).json()["outcomes"][0]["outcome"] == "duplicate"
    later = notification(WA_ID, "Wati", text_message("wamid.A2", WA_ID, "Masih berlubang.",
                                                     int(time.time())))
    assert deliver(webhook, later, SECRET).json()["outcomes"][0]["outcome"] == "responded"

    # SMS: a first message, the same again, a later one, one without its text
    assert _sms(server, id="881", text="Air PDAM di Kel. Tuoy mati tiga hari, mohon dibantu.",
                **{"from": "0812 5555 0001"}).json()["outcome"] == "created"
    assert _sms(server, id="881", text="Air PDAM di Kel. Tuoy mati tiga hari, mohon dibantu.",
                **{"from": "0812 5555 0001"}).json()["outcome"] == "duplicate"
    created = _sms(server, id="882", text="Sampai sekarang.", **{"from": "+6281255550001"})
    assert created.json()["outcome"] == "responded"
    assert _sms(server, id="883", **{"from": "0812 5555 0001"}).status_code == 422

    # the public page: accepted, refused as invalid, a robot (neither counts toward the hourly
    # limit of two complaints), accepted, then past the limit
    citizen = Citizen(server.live.url)
    assert citizen.submit().status == 200
    assert citizen.submit(judul="").status == 400
    assert citizen.submit(situs="http://spam.example").status == 400
    assert citizen.submit().status == 200
    assert citizen.submit().status == 429

    # replies: the SMS reporter is told twice, the first attempt meeting an outage
    number = created.json()["tracking_number"]
    admin = server.login("admin_kab")
    state, _ = admin.pull_all()
    [sms_id] = [cid for cid, row in state["state"]["complaint"].items()
                if row["tracking_number"] == number]
    provider.fail(1, 503)
    assert admin.do("handle", sms_id, None, note="kami tangani",
                    disposition_id=new_id())["outcome"] == "applied"
    sent = 'lapor_notifications_total{channel="sms",outcome="sent"}'
    retried = 'lapor_notifications_total{channel="sms",outcome="retry"}'
    _wait(server, lambda m: m.get(retried) == 1, "the attempt that met the outage")

    after = _metrics(server)
    expected = {
        email_new: 1, email_dup: 1, email_bad: 1,
        'lapor_channel_messages_total{channel="email",outcome="added"}': 0,
        'lapor_channel_messages_total{channel="whatsapp",outcome="new_complaint"}': 1,
        'lapor_channel_messages_total{channel="whatsapp",outcome="duplicate"}': 1,
        'lapor_channel_messages_total{channel="whatsapp",outcome="added"}': 1,
        'lapor_channel_messages_total{channel="whatsapp",outcome="rejected"}': 0,
        'lapor_channel_messages_total{channel="sms",outcome="new_complaint"}': 1,
        'lapor_channel_messages_total{channel="sms",outcome="duplicate"}': 1,
        'lapor_channel_messages_total{channel="sms",outcome="added"}': 1,
        'lapor_channel_messages_total{channel="sms",outcome="rejected"}': 1,
        'lapor_public_submissions_total{outcome="accepted"}': 2,
        'lapor_public_submissions_total{outcome="invalid"}': 1,
        'lapor_public_submissions_total{outcome="honeypot"}': 1,
        'lapor_public_submissions_total{outcome="rate_limited"}': 1,
        retried: 1,
    }
    assert {name: after.get(name) for name in expected} == expected
    assert after.get(sent, 0) == 0  # the retry waits a minute (queue.backoff)
