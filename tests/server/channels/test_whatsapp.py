"""WhatsApp Business Cloud API webhooks on the real server (loopback HTTP, SQLite and
PostgreSQL), with a local stand-in for Meta's Graph API: the verification handshake, signatures,
one complaint per first message and the later ones added to it, media fetched, and a retried
notification that creates nothing twice."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from lapor_desk.server.db import Attachment, ChannelMessage, Complaint, FollowUp, Reporter
from tests.server.client import WorldServer
from tests.support.whatsapp_standin import (
    WhatsAppStandIn,
    deliver,
    image_message,
    notification,
    status_notification,
    text_message,
)

SECRET = "app-secret-uji"
VERIFY = "verify-token-uji"
TOKEN = "EAAG-access-token-uji"
WA_ID = "6281234567890"
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 30


@pytest.fixture
def standin() -> Iterator[WhatsAppStandIn]:
    graph = WhatsAppStandIn(TOKEN).start()
    try:
        yield graph
    finally:
        graph.stop()


@pytest.fixture
def wa_server(serve_world: Callable[..., WorldServer], standin: WhatsAppStandIn) -> WorldServer:
    return serve_world(channels_agency="T-kab", channels_province="Sulawesi Tenggara",
                       channels_regency="Konawe", whatsapp_verify_token=VERIFY,
                       whatsapp_app_secret=SECRET, whatsapp_access_token=TOKEN,
                       whatsapp_graph_url=standin.graph_url)


def _webhook(server: WorldServer) -> str:
    return server.live.url + "/channels/whatsapp"


def _complaints(server: WorldServer) -> list[Complaint]:
    with server.live.session() as session:
        return list(session.scalars(select(Complaint).where(Complaint.channel == "whatsapp")))


def test_the_verification_handshake(wa_server: WorldServer, shared_server: WorldServer) -> None:
    ok = requests.get(_webhook(wa_server), params={
        "hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"},
        timeout=10)
    assert (ok.status_code, ok.text) == (200, "1158201444")
    wrong = requests.get(_webhook(wa_server), params={
        "hub.mode": "subscribe", "hub.verify_token": "tebakan", "hub.challenge": "1"}, timeout=10)
    assert wrong.status_code == 403
    # A server whose WhatsApp is not configured has no webhook at all.
    off = requests.get(_webhook(shared_server), params={
        "hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"}, timeout=10)
    assert off.status_code == 404
    assert deliver(_webhook(shared_server), notification(WA_ID, "Sari"), SECRET).status_code \
        == 404


def test_an_unsigned_or_wrongly_signed_notification_changes_nothing(
        wa_server: WorldServer) -> None:
    payload = notification(WA_ID, "Sari", text_message(
        "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjBDMDAwMDAwMDAwMDAwMDAwAA==", WA_ID,
        "Lampu jalan di Jl. Inolobu mati sejak seminggu.", int(time.time())))
    assert deliver(_webhook(wa_server), payload, None).status_code == 401
    assert deliver(_webhook(wa_server), payload, "rahasia-lain").status_code == 401
    assert _complaints(wa_server) == []


def test_a_first_message_opens_a_complaint_and_later_ones_add_to_it(
        wa_server: WorldServer, standin: WhatsAppStandIn) -> None:
    now = int(time.time())
    first = notification(WA_ID, "Wa Ode Sari", text_message(
        "wamid.first", WA_ID, "Lampu jalan di Jl. Inolobu mati sejak seminggu.", now - 60))
    answer = deliver(_webhook(wa_server), first, SECRET)
    assert answer.status_code == 200, answer.text
    assert answer.json()["outcomes"][0]["outcome"] == "created"
    # Meta retries the same notification (our answer was lost): nothing twice.
    assert deliver(_webhook(wa_server), first, SECRET).json()["outcomes"][0]["outcome"] \
        == "duplicate"
    assert deliver(_webhook(wa_server), status_notification("wamid.first", WA_ID, now),
                   SECRET).status_code == 200
    [complaint] = _complaints(wa_server)
    assert complaint.status == "unverified" and complaint.responsible_id == wa_server.unit("kab")
    assert complaint.body.startswith("Lampu jalan di Jl. Inolobu")
    with wa_server.live.session() as session:
        reporter = session.get(Reporter, complaint.reporter_id)
        assert reporter is not None
        assert (reporter.name, reporter.phone) == ("Wa Ode Sari", "+" + WA_ID)

    # A later message with a photo: fetched through the Graph API, added to the complaint.
    media_id = standin.add_media(PHOTO, "image/jpeg")
    later = notification(WA_ID, "Wa Ode Sari", image_message(
        "wamid.second", WA_ID, media_id, "Ini fotonya, tiangnya miring juga", now))
    assert deliver(_webhook(wa_server), later, SECRET).json()["outcomes"][0]["outcome"] \
        == "responded"
    assert deliver(_webhook(wa_server), later, SECRET).json()["outcomes"][0]["outcome"] \
        == "duplicate"
    fetched = [path for method, path in standin.requests if path.endswith(media_id)]
    # the media's address, then its bytes; the retry fetched nothing again
    assert fetched == [f"/v21.0/{media_id}", f"/whatsapp_business/attachments/?mid={media_id}"]
    [again] = _complaints(wa_server)
    assert again.id == complaint.id and again.status == "unverified"
    with wa_server.live.session() as session:
        response = session.scalars(select(FollowUp).where(
            FollowUp.complaint_id == complaint.id)).one()
        assert (response.kind, response.body) == ("reporter_response",
                                                  "Ini fotonya, tiangnya miring juga")
        photo = session.scalars(select(Attachment).where(
            Attachment.follow_up_id == response.id)).one()
        assert photo.sha256 == hashlib.sha256(PHOTO).hexdigest()
        assert photo.mime_type == "image/jpeg"
    admin = wa_server.login("admin_kab")
    pulled, _ = admin.pull_all()
    assert pulled["state"]["complaint"][complaint.id]["channel"] == "whatsapp"
    assert admin.get(f"/blobs/{photo.sha256}").content == PHOTO


def test_media_not_to_be_had_is_answered_502_and_taken_in_on_the_retry(
        wa_server: WorldServer, standin: WhatsAppStandIn) -> None:
    media_id = standin.add_media(PHOTO, "image/jpeg")
    payload = notification(WA_ID, "Sari", image_message(
        "wamid.photo", WA_ID, media_id, "Sampah menumpuk di pasar Unaaha", int(time.time())))
    standin.failing = True
    assert deliver(_webhook(wa_server), payload, SECRET).status_code == 502
    assert _complaints(wa_server) == []
    with wa_server.live.session() as session:
        assert session.scalar(select(func.count()).select_from(ChannelMessage)) == 0
    standin.failing = False
    assert deliver(_webhook(wa_server), payload, SECRET).status_code == 200
    [complaint] = _complaints(wa_server)
    with wa_server.live.session() as session:
        assert session.scalars(select(Attachment.sha256).where(
            Attachment.complaint_id == complaint.id)).one() == hashlib.sha256(PHOTO).hexdigest()


def test_two_first_messages_at_once_open_one_complaint(wa_server: WorldServer) -> None:
    now = int(time.time())

    def send(index: int) -> Any:
        payload = notification(WA_ID, "Sari", text_message(
            f"wamid.burst{index}", WA_ID, f"Pesan ke-{index}: jembatan desa Tumpas retak.", now))
        return deliver(_webhook(wa_server), payload, SECRET).json()["outcomes"][0]["outcome"]

    with ThreadPoolExecutor(4) as pool:
        outcomes = sorted(pool.map(send, range(4)))
    assert outcomes == ["created", "responded", "responded", "responded"]
    assert len(_complaints(wa_server)) == 1
