"""Email over IMAP against a real Dovecot (started here from the installed binary): a new mail
becomes a complaint with its attachments, a reply carrying a tracking number becomes the
reporter's response, and a mail read twice creates nothing twice. SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pytest
from imap_tools import AND, MailMessageFlags
from sqlalchemy import func, select

from lapor_desk.server.channels.email_in import fetch_mail
from lapor_desk.server.db import Attachment, Complaint, FollowUp, Reporter
from lapor_desk.server.settings import ServerSettings
from tests.server.builder import World, new_id
from tests.server.channels.conftest import channel_settings
from tests.server.client import WorldServer
from tests.support.dovecot import Dovecot
from tests.support.live_server import DatabaseFactory, start_server

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def _settings(server: WorldServer, dovecot: Dovecot) -> ServerSettings:
    return channel_settings(server, imap_host=dovecot.host, imap_port=dovecot.port,
                            imap_security="none", imap_user=dovecot.user,
                            imap_password=dovecot.password)


def _mail(sender: str, subject: str, text: str, *, attachment: bytes | None = None,
          message_id: str | None = None) -> bytes:
    mail = EmailMessage()
    mail["From"] = f"Wa Ode Sari <{sender}>"
    mail["To"] = "pengaduan@konawekab.go.id"
    mail["Subject"] = subject
    mail["Date"] = format_datetime(datetime(2026, 12, 7, 1, 0, tzinfo=UTC))
    mail["Message-ID"] = message_id or make_msgid(domain="warga.example.id")
    mail.set_content(text)
    if attachment is not None:
        mail.add_attachment(attachment, maintype="image", subtype="png",
                            filename="jalan-berlubang.png")
    return mail.as_bytes()


def _fetch(server: WorldServer, settings: ServerSettings) -> dict[str, int]:
    blob_root = server.live.settings.resolved_blob_dir()
    return fetch_mail(server.live.engine, blob_root, settings, lambda: datetime.now(UTC)).as_dict()


def _count(server: WorldServer, channel: str) -> int:
    with server.live.session() as session:
        return int(session.scalar(select(func.count()).select_from(Complaint)
                                  .where(Complaint.channel == channel)) or 0)


def test_a_new_mail_is_one_complaint_with_its_attachment(
        server: WorldServer, dovecot: Dovecot, mailbox: Any) -> None:
    settings = _settings(server, dovecot)
    raw = _mail("warga@example.id", "Jalan berlubang di Jl. Sapati",
                "Jalan di depan SD Negeri 1 Unaaha berlubang besar sejak Oktober.",
                attachment=PHOTO)
    mailbox.append(raw, "INBOX")

    assert _fetch(server, settings)["created"] == 1
    with server.live.session() as session:
        complaint = session.scalars(select(Complaint).where(Complaint.channel == "email")).one()
        assert complaint.title == "Jalan berlubang di Jl. Sapati"
        assert "berlubang besar" in complaint.body
        assert complaint.status == "unverified"
        assert complaint.responsible_id == server.unit("kab")
        reporter = session.get(Reporter, complaint.reporter_id)
        assert reporter is not None
        assert (reporter.name, reporter.email) == ("Wa Ode Sari", "warga@example.id")
        attachment = session.scalars(select(Attachment).where(
            Attachment.complaint_id == complaint.id)).one()
        assert attachment.sha256 == hashlib.sha256(PHOTO).hexdigest()
        assert attachment.filename == "jalan-berlubang.png"

    # The kabupaten's admin pulls it and downloads the photo.
    admin = server.login("admin_kab")
    pulled, _ = admin.pull_all()
    assert pulled["state"]["complaint"][complaint.id]["channel"] == "email"
    download = admin.get(f"/blobs/{attachment.sha256}")
    assert download.status_code == 200 and download.content == PHOTO

    # Read: not read again. The mark lost (the mail unread again) or the same mail delivered
    # twice: still one complaint.
    assert _fetch(server, settings) == {"created": 0, "responded": 0, "duplicates": 0,
                                        "automatic": 0, "refused": 0}
    mailbox.flag([m.uid for m in mailbox.fetch(mark_seen=False)], MailMessageFlags.SEEN, False)
    mailbox.append(raw, "INBOX")
    assert _fetch(server, settings)["duplicates"] == 2
    assert _count(server, "email") == 1
    mailbox.client.noop()  # what the server's own session changed
    assert not list(mailbox.fetch(AND(seen=False), mark_seen=False))


def _in_progress(server: WorldServer) -> str:
    """kab_plain forwarded to the kabupaten's health office and answered there."""
    cid = server.cid("kab_plain")
    admin = server.login("admin_kab")
    assert admin.do("forward", cid, 1, to_id=server.unit("kab_health"),
                    disposition_id=new_id())["outcome"] == "applied"
    liaison = server.login("lo_kab_health")
    assert liaison.do("follow_up", cid, None, follow_up_id=new_id(),
                      body="Petugas sudah dijadwalkan datang.")["outcome"] == "applied"
    return cid


def test_a_reply_with_the_tracking_number_is_the_reporters_response(
        server: WorldServer, dovecot: Dovecot, mailbox: Any) -> None:
    settings = _settings(server, dovecot)
    cid = _in_progress(server)
    with server.live.session() as session:
        complaint = session.get(Complaint, cid)
        assert complaint is not None
        number = complaint.tracking_number
    address = server.world.reporters["kab_plain"]["email"]
    reply = ("Petugas belum datang sampai hari ini.\n\n"
             "Pada 6 Des 2026, Dinkes Konawe menulis:\n> Petugas sudah dijadwalkan datang.\n")
    mailbox.append(_mail(address, f"Re: [LAPOR #{number}] Keluhan", reply), "INBOX")
    # The same subject from another address is not that reporter's answer: a new complaint.
    mailbox.append(_mail("orang.lain@example.id", f"Re: [LAPOR #{number}] Keluhan",
                         "Saya juga mengalami hal yang sama di desa sebelah."), "INBOX")

    report = _fetch(server, settings)
    assert (report["responded"], report["created"]) == (1, 1)
    with server.live.session() as session:
        complaint = session.get(Complaint, cid)
        assert complaint is not None and complaint.status == "reporter_responded"
        response = session.scalars(select(FollowUp).where(
            FollowUp.complaint_id == cid, FollowUp.kind == "reporter_response")).one()
        assert response.body == "Petugas belum datang sampai hari ini."
    assert _count(server, "email") == 1


def test_an_automatic_answer_opens_nothing(server: WorldServer, dovecot: Dovecot,
                                           mailbox: Any) -> None:
    raw = _mail("warga@example.id", "Saya sedang cuti", "Saya sedang cuti sampai 10 Desember.")
    mailbox.append(raw.replace(b"Subject:", b"Auto-Submitted: auto-replied\r\nSubject:", 1),
                   "INBOX")
    assert _fetch(server, _settings(server, dovecot))["automatic"] == 1
    assert _count(server, "email") == 0


def test_a_mailbox_needs_the_channels_place(tmp_path: Path) -> None:
    from lapor_desk.server.channels.intake import ChannelsOff, destination

    settings = ServerSettings(database_url="sqlite://", imap_host="127.0.0.1")
    with pytest.raises(ChannelsOff, match=r"\[channels\] agency"):
        destination(None, settings)  # type: ignore[arg-type]


def test_the_running_server_reads_the_mailbox_every_round(
        db_factory: DatabaseFactory, world_template: tuple[str, World], dovecot: Dovecot,
        mailbox: Any, tmp_path: Path) -> None:
    url = db_factory.copy_of(world_template[0])
    settings = ServerSettings(
        database_url=url, blob_dir=tmp_path / "blobs", auto_close_interval=0.2,
        channels_agency="T-kab", channels_province="Sulawesi Tenggara", channels_regency="Konawe",
        imap_host=dovecot.host, imap_port=dovecot.port, imap_security="none",
        imap_user=dovecot.user, imap_password=dovecot.password)
    live = start_server(settings)
    try:
        mailbox.append(_mail("warga@example.id", "Pungutan liar di kantor desa",
                             "Kami dimintai uang Rp50.000 untuk surat keterangan domisili."),
                       "INBOX")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with live.session() as session:
                found = session.scalars(select(Complaint.title).where(
                    Complaint.channel == "email")).all()
            if found:
                break
            time.sleep(0.2)
        assert found == ["Pungutan liar di kantor desa"]
    finally:
        live.stop()


def test_the_fetch_mail_command_reads_the_configured_mailbox(
        server: WorldServer, dovecot: Dovecot, mailbox: Any, tmp_path: Path) -> None:
    config = tmp_path / "server.toml"
    config.write_text(f"""
[database]
url = "{server.live.settings.database_url}"

[blobs]
dir = "{server.live.settings.resolved_blob_dir()}"

[channels]
agency = "T-kab"
province = "Sulawesi Tenggara"
regency = "Konawe"

[email]
imap_host = "{dovecot.host}"
imap_port = {dovecot.port}
imap_security = "none"
imap_user = "{dovecot.user}"
imap_password = "{dovecot.password}"
""")
    mailbox.append(_mail("warga@example.id", "Puskesmas tutup di jam kerja",
                         "Puskesmas Unaaha tutup pukul 10 pagi di hari kerja."), "INBOX")
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LAPOR_")}
    environ["PYTHONPATH"] = os.environ.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, "-m", "lapor_desk.server.cli", "channels",
                           "fetch-mail", "--config", str(config)], env=environ,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["created"] == 1
    assert _count(server, "email") == 1
    status = subprocess.run([sys.executable, "-m", "lapor_desk.server.cli", "channels",
                             "status", "--config", str(config)], env=environ,
                            capture_output=True, text=True, timeout=120, check=False)
    assert json.loads(status.stdout) == {"email": True, "whatsapp": False, "sms": False}
