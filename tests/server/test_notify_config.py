"""Messages to reporters, configured: the ``[notify]`` keys and each channel's sending keys in its
own section (``[email]``, ``[sms]``; their old ``[notify]`` names still read, with a warning in the
log), secrets masked, every channel off
until set, the templates checked when read, ``lapor-server notify`` against a real SMTP server."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desk.models import lifecycle
from lapor_desk.models.enums import Status
from lapor_desk.server.cli import main
from lapor_desk.server.config_file import ConfigError, effective_toml, resolve
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Notification
from lapor_desk.server.notify.send import senders_of
from lapor_desk.server.notify.templates import TemplateError, load_templates
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.server.services import records
from lapor_desk.server.services.directory import load_directory
from lapor_desk.server.settings import ServerSettings
from tests.server.builder import build_world
from tests.support.live_server import DatabaseFactory
from tests.support.smtp_server import SmtpServer

NOW = datetime.now(UTC)


def test_every_channel_is_off_until_its_keys_are_set() -> None:
    assert senders_of(ServerSettings(database_url="sqlite://")) == {}
    half = ServerSettings(database_url="sqlite://", smtp_host="mail.example.id",
                          whatsapp_access_token="t", sms_username="sms")
    assert senders_of(half) == {}
    whole = ServerSettings(database_url="sqlite://", smtp_host="mail.example.id",
                           email_from="lapor@example.id", whatsapp_access_token="t",
                           whatsapp_phone_number_id="1", sms_url="http://10.0.0.9:8080/message")
    assert sorted(senders_of(whole)) == ["email", "sms", "whatsapp"]


def test_notify_keys_are_read_and_their_secrets_never_shown(tmp_path: Path) -> None:
    config = tmp_path / "server.toml"
    config.write_text('[database]\nurl = "sqlite:///x.sqlite3"\n[email]\n'
                      'smtp_host = "mail.konawekab.go.id"\nsmtp_port = 465\n'
                      'smtp_security = "TLS"\nsmtp_password = "sandi-email-rahasia"\n'
                      'from = "lapor@konawekab.go.id"\n[notify]\ntemplates = "kabar.toml"\n'
                      'interval_seconds = 15\n', encoding="utf-8")
    resolved = resolve({}, config=config,
                       environ={"LAPOR_WHATSAPP_ACCESS_TOKEN": "EAAG-token-rahasia"})
    settings = resolved.settings
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_security) == (
        "mail.konawekab.go.id", 465, "tls")
    assert settings.notify_templates == tmp_path / "kabar.toml"
    assert settings.notify_interval == 15.0 and settings.whatsapp_access_token == "EAAG-token-rahasia"
    shown = effective_toml(resolved)
    assert "sandi-email-rahasia" not in shown and "EAAG-token-rahasia" not in shown
    assert 'smtp_password = "***"' in shown and 'access_token = "***"' in shown
    assert ServerSettings.from_json(settings.to_json()) == settings
    config.write_text('[email]\nsmtp_security = "ssl"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[email\] smtp_security: expected"):
        resolve({}, config=config, environ={})


def test_templates_are_checked_when_read_and_empty_lines_left_out(tmp_path: Path) -> None:
    templates = load_templates()
    rendered = templates.render("answered", {"nomor": "1234567", "judul": "Jalan rusak",
                                             "unit": "Dinas PUPR", "tanggapan": "Sudah ditambal.",
                                             "tautan": ""})
    assert rendered.subject == "Tindak lanjut laporan 1234567"
    assert "Sudah ditambal." in rendered.body and "Lacak laporan" not in rendered.body
    assert rendered.sms == "Ada tindak lanjut untuk laporan 1234567 dari Dinas PUPR: Sudah ditambal."
    long = templates.render("answered", {"nomor": "1", "judul": "x", "unit": "u",
                                         "tanggapan": "panjang " * 200, "tautan": ""})
    assert len(long.sms) <= 459 and long.sms.endswith("...")
    edited = tmp_path / "kabar.toml"
    text = (Path(__file__).parents[2] / "lapor_desk/data/notify_templates.toml").read_text("utf-8")
    edited.write_text(text.replace("{unit}.\"", "{dinas}.\"", 1), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"kabar.toml: \[verified\] sms: unknown placeholder"
                                            r" \{dinas\}"):
        load_templates(edited)
    edited.write_text(text.split("[finished]")[0], encoding="utf-8")
    with pytest.raises(TemplateError, match=r"no \[finished\] table"):
        load_templates(edited)


def test_notify_send_from_the_shell_reaches_the_mail_server(
        db_factory: DatabaseFactory, smtp: SmtpServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = db_factory.new_url()
    world = build_world(url)
    config = tmp_path / "server.toml"
    config.write_text(f'[database]\nurl = "{url}"\n[email]\nsmtp_host = "127.0.0.1"\n'
                      f'smtp_port = {smtp.port}\nsmtp_security = "none"\n'
                      'from = "lapor@konawekab.go.id"\n', encoding="utf-8")
    engine = make_engine(url)
    try:
        with transaction(engine) as session:  # the citizen answers: not a message to them
            complaint_services.reporter_response(session, world.complaints["prov_plain"], "ok")
        assert main(["notify", "check", "--config", str(config)]) == 0
        assert "channels on: email" in capsys.readouterr().out
        assert main(["notify", "send", "--config", str(config)]) == 0
        assert "sent: 0" in capsys.readouterr().out
        with transaction(engine) as session:  # closed unanswered: the reporter hears
            cid = world.complaints["kab_plain"]
            row = records.lock_complaint_row(session, cid)
            assert row is not None
            answered = replace(records.state_of(row), status=Status.IN_PROGRESS)
            records.write_transition(session, row, lifecycle.auto_close(answered, NOW),
                                     directory=load_directory(session), now=NOW)
        assert main(["notify", "send", "--config", str(config)]) == 0
        assert "sent: 1" in capsys.readouterr().out
        [mail] = smtp.wait_for(1)
        assert mail["To"] == world.reporters["kab_plain"]["email"]
        assert str(mail["Subject"]).endswith(" selesai")
        assert main(["notify", "list", "--config", str(config)]) == 0
        listed = capsys.readouterr().out
        assert "finished\tsent\temail\tpe***@example.id" in listed
        assert world.reporters["kab_plain"]["email"] not in listed
        with engine.connect() as connection:
            assert connection.scalar(select(Notification.status)) == "sent"
    finally:
        engine.dispose()


def test_serve_stops_at_a_broken_template_file_before_it_starts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "server.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path}/x.sqlite3"\n'
                      '[notify]\ntemplates = "kabar.toml"\n', encoding="utf-8")
    (tmp_path / "kabar.toml").write_text("[verified]\nsubject = \"{nomer}\"\n", encoding="utf-8")
    assert main(["serve", "--config", str(config)]) == 1
    assert "kabar.toml: [verified] subject: unknown placeholder {nomer}" in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite3").exists()


OLD_NOTIFY = """[notify]
smtp_host = "mail.konawekab.go.id"
smtp_port = 465
smtp_security = "tls"
smtp_username = "lapor"
smtp_password = "sandi-lama"
email_from = "lapor@konawekab.go.id"
email_reply_to = "pengaduan@konawekab.go.id"
sms_url = "http://10.0.0.9:8080/message"
sms_username = "sms"
sms_password = "sandi-sms"
"""
NEW_KEYS = """[email]
smtp_host = "mail.konawekab.go.id"
smtp_port = 465
smtp_security = "tls"
smtp_username = "lapor"
smtp_password = "sandi-lama"
from = "lapor@konawekab.go.id"
reply_to = "pengaduan@konawekab.go.id"

[sms]
url = "http://10.0.0.9:8080/message"
username = "sms"
password = "sandi-sms"
"""


def test_the_sending_keys_live_in_their_channels_sections_and_the_old_names_still_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new, old = tmp_path / "new.toml", tmp_path / "old.toml"
    new.write_text('[database]\nurl = "sqlite:///x.sqlite3"\n' + NEW_KEYS, encoding="utf-8")
    old.write_text('[database]\nurl = "sqlite:///x.sqlite3"\n' + OLD_NOTIFY, encoding="utf-8")
    by_new, by_old = resolve({}, config=new, environ={}), resolve({}, config=old, environ={})
    assert by_new.settings == by_old.settings and by_new.renamed == ()
    assert sorted(senders_of(by_new.settings)) == ["email", "sms"]
    assert (by_new.settings.email_from, by_new.settings.sms_password) == (
        "lapor@konawekab.go.id", "sandi-sms")
    assert {(r.old, r.new) for r in by_old.renamed} >= {
        ("[notify] smtp_host", "[email] smtp_host"), ("[notify] email_from", "[email] from"),
        ("[notify] sms_url", "[sms] url")}
    assert len(by_old.renamed) == 10
    shown = effective_toml(by_old)  # shows where each key lives now, each section once
    assert shown.count("[email]") == 1 and shown.count("[sms]") == 1
    assert 'from = "lapor@konawekab.go.id"' in shown and "sandi-sms" not in shown

    assert main(["config", "show", "--config", str(old)]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines()
              if "event=config_key_deprecated" in line]
    assert len(warned) == 10
    assert any('key="[notify] smtp_host"' in line and 'use="[email] smtp_host"' in line
               for line in warned), warned
    assert main(["config", "show", "--config", str(new)]) == 0
    assert "config_key_deprecated" not in capsys.readouterr().err

    both = tmp_path / "both.toml"
    both.write_text('[email]\nsmtp_host = "a.example.id"\n[notify]\nsmtp_host = "b.example.id"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[notify\] smtp_host and \[email\] smtp_host are "
                                          r"the same setting: keep \[email\] smtp_host only"):
        resolve({}, config=both, environ={})
