"""Messages to reporters (server/notify/): queued with the change, sent through the channel the
reporter used, never to an anonim reporter's contact, retried with backoff, sent once.

Email goes to a real SMTP server (aiosmtpd in its own process, tests/support/smtp_server.py);
WhatsApp and SMS to a stand-in for the providers' documented send APIs
(tests/support/provider_send_standin.py). SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Notification
from lapor_desk.server.notify import queue
from lapor_desk.server.notify.routes import set_reply_contact
from lapor_desk.server.notify.send import Notifier, senders_of
from lapor_desk.server.notify.templates import load_templates
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.server.settings import ServerSettings
from tests.server.builder import complaint_payload, new_id
from tests.server.client import WorldServer
from tests.support import provider_send_standin as standin_api
from tests.support.clock import MovableClock
from tests.support.provider_send_standin import ProviderStandIn
from tests.support.smtp_server import SmtpServer

SENDER = "lapor@konawekab.go.id"
TRACKING = "https://lapor.konawekab.go.id/lacak"


def email_settings(smtp: SmtpServer) -> dict[str, Any]:
    return {"smtp_host": "127.0.0.1", "smtp_port": smtp.port, "smtp_security": "none",
            "email_from": SENDER, "notify_tracking_url": TRACKING}


def provider_settings(provider: ProviderStandIn) -> dict[str, Any]:
    return {"whatsapp_graph_url": provider.whatsapp_api_url,
            "whatsapp_phone_number_id": standin_api.PHONE_NUMBER_ID,
            "whatsapp_access_token": standin_api.TOKEN, "sms_url": provider.sms_url,
            "sms_username": standin_api.SMS_USER, "sms_password": standin_api.SMS_PASSWORD}


def notifier_for(ws: WorldServer, **settings: Any) -> Notifier:
    chosen = ServerSettings(database_url=ws.live.settings.database_url, **settings)
    return Notifier(load_templates(), senders_of(chosen), chosen.notify_tracking_url,
                    chosen.notify_max_attempts)


_ENGINES: dict[str, Engine] = {}


def engine_of(ws: WorldServer) -> Engine:
    """The server's kind of engine (``BEGIN IMMEDIATE`` on SQLite), as a worker has it."""
    url = ws.live.settings.database_url
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def rows(ws: WorldServer, complaint_id: str | None = None) -> list[Notification]:
    with Session(ws.live.engine) as session:
        query = select(Notification).order_by(Notification.id)
        if complaint_id is not None:
            query = query.where(Notification.complaint_id == complaint_id)
        found = list(session.scalars(query))
        session.expunge_all()
        return found


def tracking_number(ws: WorldServer, complaint_id: str) -> int:
    from lapor_desk.server.db import Complaint

    with Session(ws.live.engine) as session:
        return int(session.get(Complaint, complaint_id).tracking_number)  # type: ignore[union-attr]


def submitted(ws: WorldServer, title: str, **fields: Any) -> str:
    with transaction(ws.live.engine) as session:
        complaint = complaint_services.submit_complaint(
            session, complaint_payload(title, **fields), ws.unit("prov"))
        return complaint.id


def test_the_reporter_hears_by_email_when_verified_forwarded_answered_finished(
        serve_world: Callable[..., WorldServer], smtp: SmtpServer) -> None:
    """The housekeeping loop sends them: a pushed action writes the message with itself."""
    ws = serve_world(notify_interval=0.2, email_reply_to="pengaduan@konawekab.go.id",
                     **email_settings(smtp))
    admin, liaison = ws.login("admin_prov"), ws.login("lo_prov_works")
    handled, forwarded = ws.cid("prov_plain"), ws.cid("prov_secret")
    assert admin.do("handle", handled, 1, note="kami tangani", disposition_id=new_id())["outcome"] == "applied"
    assert admin.do("follow_up", handled, None, follow_up_id=new_id(),
                    body="Jalan sudah ditambal pada 3 November.")["outcome"] == "applied"
    assert admin.do("close", handled, None)["outcome"] == "applied"
    assert admin.do("forward", forwarded, 1, to_id=ws.unit("prov_works"),
                    disposition_id=new_id())["outcome"] == "applied"
    assert liaison.do("internal_note", forwarded, None, follow_up_id=new_id(),
                      body="catatan dalam")["outcome"] == "applied"  # never told
    mails = smtp.wait_for(4)
    assert len(mails) == 4
    number = tracking_number(ws, handled)
    to_handled = [m for m in mails if m["To"] == ws.world.reporters["prov_plain"]["email"]]
    assert sorted(str(m["Subject"]) for m in to_handled) == sorted([
        f"Laporan {number} telah diverifikasi", f"Tindak lanjut laporan {number}",
        f"Laporan {number} selesai"])
    answered = next(m for m in to_handled if str(m["Subject"]).startswith("Tindak"))
    body = answered.get_payload(decode=True).decode()
    assert "Jalan sudah ditambal pada 3 November." in body and TRACKING in body
    assert all(m["From"] == SENDER and m["Message-ID"].endswith("@konawekab.go.id>")
               and m["Reply-To"] == "pengaduan@konawekab.go.id" for m in mails)
    to_forwarded = [m for m in mails if m["To"] == ws.world.reporters["prov_secret"]["email"]]
    assert [str(m["Subject"]) for m in to_forwarded] == [
        f"Laporan {tracking_number(ws, forwarded)} diteruskan ke Dinas PUPR Provinsi Sultra"]
    sent = rows(ws)
    assert [r.status for r in sent] == ["sent"] * 4
    metrics = ws.anonymous().http.get(ws.live.url + "/metrics", timeout=30).text
    assert 'lapor_notifications_total{channel="email",outcome="sent"} 4.0' in metrics
    assert [r.kind for r in sent] == ["verified", "answered", "finished", "forwarded"]


def test_an_anonim_reporter_is_told_only_at_a_contact_given_for_replies(
        serve_world: Callable[..., WorldServer], smtp: SmtpServer) -> None:
    ws = serve_world(notify_interval=0)
    notifier = notifier_for(ws, **email_settings(smtp))
    admin = ws.login("admin_prov")
    anon = ws.cid("prov_anon")
    assert admin.do("handle", anon, 1, note="kami tangani", disposition_id=new_id())["outcome"] == "applied"
    assert notifier.run_round(engine_of(ws), lambda: datetime.now(UTC))["skipped"] == 1
    [skipped] = rows(ws, anon)
    assert skipped.status == "skipped" and skipped.error == "anonymous_without_reply_contact"
    assert skipped.address is None
    with transaction(ws.live.engine) as session:
        set_reply_contact(session, anon, "email", "kabar.saja@example.id", datetime.now(UTC))
    assert admin.do("follow_up", anon, None, follow_up_id=new_id(),
                    body="Sedang kami periksa.")["outcome"] == "applied"
    assert notifier.run_round(engine_of(ws), lambda: datetime.now(UTC))["sent"] == 1
    mails = smtp.wait_for(1)
    assert [m["To"] for m in mails] == ["kabar.saja@example.id"]
    own = ws.world.reporters["prov_anon"]
    assert all(own["email"] not in m.as_string() and own["name"] not in m.as_string()
               for m in mails)


def test_whatsapp_and_sms_reporters_are_answered_through_the_provider_send_api(
        serve_world: Callable[..., WorldServer], provider: ProviderStandIn) -> None:
    ws = serve_world(notify_interval=0)
    wa = submitted(ws, "Lampu jalan padam whatsapp", channel="whatsapp",
                   reporter={"name": "Wati", "phone": "0812-3456-7890"})
    sms = submitted(ws, "Air PDAM keruh sms", channel="sms",
                    reporter={"name": "Sapri", "phone": "+6285299887766"})
    admin = ws.login("admin_prov")
    for cid in (wa, sms):
        assert admin.do("forward", cid, 1, to_id=ws.unit("prov_works"),
                        disposition_id=new_id())["outcome"] == "applied"
    outcomes = notifier_for(ws, **provider_settings(provider)).run_round(
        engine_of(ws), lambda: datetime.now(UTC))
    assert outcomes["sent"] == 2
    [message] = provider.whatsapp
    assert message["to"] == "6281234567890" and message["type"] == "text"
    assert f"Laporan Anda dengan nomor {tracking_number(ws, wa)}" in message["text"]["body"]
    assert "Dinas PUPR Provinsi Sultra" in message["text"]["body"]
    [text] = provider.sms
    assert text["phoneNumbers"] == ["+6285299887766"]
    assert text["textMessage"]["text"] == (
        f"Laporan {tracking_number(ws, sms)} telah diteruskan ke Dinas PUPR Provinsi Sultra "
        "untuk ditindaklanjuti.")
    by_complaint = {r.complaint_id: r for r in rows(ws)}
    assert by_complaint[wa].provider_id == message["id"] and by_complaint[wa].channel == "whatsapp"
    assert by_complaint[sms].provider_id == text["id"] and by_complaint[sms].channel == "sms"


def test_a_whatsapp_template_carries_the_message_outside_the_reply_window(
        serve_world: Callable[..., WorldServer], provider: ProviderStandIn) -> None:
    ws = serve_world(notify_interval=0)
    wa = submitted(ws, "Sampah menumpuk whatsapp", channel="whatsapp",
                   reporter={"name": "Wati", "phone": "081234567890"})
    assert ws.login("admin_prov").do("handle", wa, 1, note="kami tangani", disposition_id=new_id())["outcome"] == "applied"
    notifier = notifier_for(ws, whatsapp_template="kabar_laporan", **provider_settings(provider))
    assert notifier.run_round(engine_of(ws), lambda: datetime.now(UTC))["sent"] == 1
    [message] = provider.whatsapp
    assert message["type"] == "template"
    template = message["template"]
    assert template["name"] == "kabar_laporan" and template["language"] == {"code": "id"}
    [parameter] = template["components"][0]["parameters"]
    assert "telah diverifikasi" in parameter["text"]


def test_a_failed_send_is_retried_with_backoff_and_sent_once(
        serve_world: Callable[..., WorldServer], tmp_path: Path) -> None:
    """The SMTP server is down at first: the message waits 1, then 2 minutes, and goes once
    the server is up; a refused recipient fails at once and is not tried again."""
    ws = serve_world(notify_interval=0)
    smtp = SmtpServer(tmp_path / "maildir")  # not started yet: its port refuses connections
    notifier = notifier_for(ws, **email_settings(smtp))
    cid = ws.cid("prov_plain")
    assert ws.login("admin_prov").do("handle", cid, 1, note="kami tangani",
                                     disposition_id=new_id())["outcome"] == "applied"
    clock = MovableClock(datetime.now(UTC))
    assert notifier.run_round(engine_of(ws), clock)["pending"] == 1
    [row] = rows(ws)
    assert row.status == "pending" and row.attempts == 1 and "smtp" in (row.error or "")
    assert row.next_attempt_at == clock() + timedelta(minutes=1)
    clock.advance(seconds=59)
    assert notifier.run_round(engine_of(ws), clock) == {}  # not due yet
    clock.advance(seconds=1)
    assert notifier.run_round(engine_of(ws), clock)["pending"] == 1
    [row] = rows(ws)
    assert row.attempts == 2 and row.next_attempt_at == clock() + timedelta(minutes=2)
    smtp.start()
    try:
        clock.advance(minutes=2)
        assert notifier.run_round(engine_of(ws), clock)["sent"] == 1
        clock.advance(hours=7)
        assert notifier.run_round(engine_of(ws), clock) == {}
        assert len(smtp.wait_for(1)) == 1
        [row] = rows(ws)
        assert row.status == "sent" and row.attempts == 3 and row.error is None
        # A mailbox that does not exist: 550, failed for good.
        refused = submitted(ws, "Alamat email salah", reporter={"name": "X",
                                                                "email": "tolak@example.id"})
        assert ws.login("admin_prov").do("handle", refused, 1, note="kami tangani", disposition_id=new_id())["outcome"] == "applied"
        assert notifier.run_round(engine_of(ws), clock)["failed"] == 1
        clock.advance(hours=7)
        assert notifier.run_round(engine_of(ws), clock) == {}
        [failed] = rows(ws, refused)
        assert failed.status == "failed" and failed.attempts == 1 and "550" in (failed.error or "")
    finally:
        smtp.stop()


def test_a_provider_outage_is_retried_until_the_attempts_are_used_up(
        serve_world: Callable[..., WorldServer], provider: ProviderStandIn) -> None:
    ws = serve_world(notify_interval=0)
    sms = submitted(ws, "Jembatan putus sms", channel="sms",
                    reporter={"name": "Sapri", "phone": "085299887766"})
    assert ws.login("admin_prov").do("handle", sms, 1, note="kami tangani",
                                     disposition_id=new_id())["outcome"] == "applied"
    clock = MovableClock(datetime.now(UTC))
    notifier = notifier_for(ws, notify_max_attempts=3, **provider_settings(provider))
    provider.fail(10, 503)
    statuses = []
    for _ in range(3):
        statuses += list(notifier.run_round(engine_of(ws), clock))
        clock.advance(hours=7)
    assert statuses == ["pending", "pending", "failed"]
    assert notifier.run_round(engine_of(ws), clock) == {}
    assert provider.sms == [] and provider.requests == 3


def test_several_senders_at_once_send_each_message_once(
        serve_world: Callable[..., WorldServer], provider: ProviderStandIn) -> None:
    ws = serve_world(notify_interval=0)
    admin = ws.login("admin_prov")
    ids = [submitted(ws, f"Laporan sms ke {i}", channel="sms",
                     reporter={"name": "P", "phone": f"08521{i:07d}"}) for i in range(24)]
    results = admin.push(*(admin.action("handle", cid, 1, note="kami tangani", disposition_id=new_id()) for cid in ids))
    assert {r["outcome"] for r in results} == {"applied"}
    notifiers = [notifier_for(ws, **provider_settings(provider)) for _ in range(4)]
    for notifier in notifiers:
        notifier.batch = 3
    errors: list[BaseException] = []

    def run(notifier: Notifier) -> None:
        try:
            notifier.run_round(engine_of(ws), lambda: datetime.now(UTC))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in notifiers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    numbers = [m["phoneNumbers"][0] for m in provider.sms]
    assert sorted(numbers) == sorted(f"+628521{i:07d}" for i in range(24))
    assert sum(sum(n.counts.values()) for n in notifiers) == 24
    assert {r.status for r in rows(ws)} == {"sent"}


def test_a_message_exists_exactly_when_its_change_does(server: WorldServer) -> None:
    """A rejected action, a replayed push and a rolled-back change write none; one event has
    one message at most (``event_seq`` is unique)."""
    api = server.login("admin_prov")
    cid = server.cid("prov_plain")
    assert api.do("postpone", cid, 1)["outcome"] == "rejected"  # no reason: rejected
    assert rows(server) == []
    action = api.action("handle", cid, 1, note="kami tangani", disposition_id=new_id())
    assert api.push(action)[0]["outcome"] == "applied"
    assert api.push(action)[0]["outcome"] == "applied"  # the retry gets the stored answer
    [row] = rows(server)
    assert row.kind == "verified" and row.status == "pending" and row.attempts == 0
    assert row.params == {"unit": "Diskominfo Provinsi Sultra"}
    with pytest.raises(RuntimeError), transaction(server.live.engine) as session:
        complaint_services.reporter_response(session, cid, "belum selesai")
        raise RuntimeError("rolled back")
    with pytest.raises(Exception), transaction(server.live.engine) as session:  # noqa: B017
        session.add(Notification(complaint_id=cid, event_seq=row.event_seq, kind="verified",
                                 params={}, status="pending", attempts=0,
                                 next_attempt_at=row.created_at, created_at=row.created_at))
    assert len(rows(server)) == 1


def test_purging_a_complaint_removes_its_messages_and_reply_contact(server: WorldServer) -> None:
    cid = server.cid("prov_anon")
    with transaction(server.live.engine) as session:
        set_reply_contact(session, cid, "whatsapp", "0812 1111 2222", datetime.now(UTC))
    assert server.login("admin_prov").do("handle", cid, 1, note="kami tangani", disposition_id=new_id())["outcome"] == "applied"
    assert len(rows(server, cid)) == 1
    with transaction(server.live.engine) as session:
        complaint_services.delete_complaint(session, cid)
    from lapor_desk.server.db import ReplyContact

    with Session(server.live.engine) as session:
        assert session.get(ReplyContact, cid) is None
    assert rows(server, cid) == []


def test_queue_backoff_grows_to_a_ceiling() -> None:
    waits = [queue.backoff(n) for n in range(1, 12)]
    assert waits[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert waits[-1] == timedelta(hours=6)


def test_a_message_left_by_a_worker_that_died_is_sent_after_its_lease(
        serve_world: Callable[..., WorldServer], provider: ProviderStandIn) -> None:
    """Claimed and never finished (the worker died while sending): another claims it once the
    lease ran out; the first one's late outcome is not recorded over the second's."""
    ws = serve_world(notify_interval=0)
    sms = submitted(ws, "Banjir di pasar sms", channel="sms",
                    reporter={"name": "Sapri", "phone": "085299887766"})
    assert ws.login("admin_prov").do("handle", sms, 1, note="kami tangani",
                                     disposition_id=new_id())["outcome"] == "applied"
    clock = MovableClock(datetime.now(UTC) + timedelta(seconds=1))
    [lost] = queue.claim(engine_of(ws), clock())
    assert queue.claim(engine_of(ws), clock()) == []  # it is the first worker's
    clock.advance(queue.LEASE - timedelta(seconds=1))
    notifier = notifier_for(ws, **provider_settings(provider))
    assert notifier.run_round(engine_of(ws), clock) == {}
    clock.advance(seconds=1)
    assert notifier.run_round(engine_of(ws), clock)["sent"] == 1
    assert queue.mark_failed(engine_of(ws), lost, clock(), "late", permanent=True,
                             max_attempts=8) == queue.LOST
    assert not queue.mark_sent(engine_of(ws), lost, clock(), "late")
    [row] = rows(ws)
    assert row.status == "sent" and row.attempts == 2 and len(provider.sms) == 1


def test_no_reply_contact_or_message_reaches_a_desktop(
        serve_world: Callable[..., WorldServer]) -> None:
    ws = serve_world(notify_interval=0)
    anon = ws.cid("prov_anon")
    with transaction(ws.live.engine) as session:
        set_reply_contact(session, anon, "email", "kabar.rahasia@example.id", datetime.now(UTC))
    admin = ws.login("admin_prov")
    assert admin.do("handle", anon, 1, note="kami tangani",
                    disposition_id=new_id())["outcome"] == "applied"
    for username in ("nasional", "admin_prov"):
        _, pages = ws.login(username).pull_all()
        text = str(pages)
        assert "kabar.rahasia@example.id" not in text and "notification" not in text


class _BrokenSender:
    def send(self, message: Any) -> str:
        raise UnicodeEncodeError("ascii", "é", 0, 1, "a sender's own fault")


def test_a_sender_that_breaks_unexpectedly_counts_as_a_failed_attempt(
        serve_world: Callable[..., WorldServer]) -> None:
    ws = serve_world(notify_interval=0)
    assert ws.login("admin_prov").do("handle", ws.cid("prov_plain"), 1, note="kami tangani",
                                     disposition_id=new_id())["outcome"] == "applied"
    notifier = Notifier(load_templates(), {"email": _BrokenSender()}, max_attempts=2)
    clock = MovableClock(datetime.now(UTC) + timedelta(seconds=1))
    assert notifier.run_round(engine_of(ws), clock) == {"pending": 1}
    clock.advance(minutes=1)
    assert notifier.run_round(engine_of(ws), clock) == {"failed": 1}
    [row] = rows(ws)
    assert row.status == "failed" and "UnicodeEncodeError" in (row.error or "")
