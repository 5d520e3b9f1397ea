"""The diagnostics bundle: versions, sync state and the newest log lines, with no personal data.

The log lines are real: written by the CLI's logging set-up while a workstation signs in, syncs
and records a walk-in complaint against the reference server, plus the lines the code writes
when things go wrong (an error text that echoes what the server or a file said).
"""

from __future__ import annotations

import json
import logging
import re
import zipfile
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select

from lapor_desk import cli
from lapor_desk.models.cache.schema import Complaint
from lapor_desk.services import Workstation
from lapor_desk.services.diagnostics import (
    Redactor,
    bundle_for,
    clean_settings,
    known_names,
    make_bundle,
    recent_log_lines,
    redact,
)
from lapor_desk.sync.log import event
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(120)

NIK = "7471010101900001"
PHONE = "0812-3456-7890"
EMAIL = "wa.ode.sitti@gmail.com"
REPORTER = "Wa Ode Sitti"


def walk_in(regency: str) -> dict[str, object]:
    return {
        "complaint_type": "pengaduan", "misconduct": False,
        "title": "Jembatan kayu di Desa Lalonggasu rusak parah",
        "body": "Jembatan penghubung dua dusun rusak sejak banjir bulan lalu.",
        "incident_date": "2025-01-15", "province": "Sulawesi Tenggara", "regency": regency,
        "district": "Mandonga", "village": "Korumba",
        "category": "PEKERJAAN UMUM DAN PENATAAN RUANG", "subcategory": "",
        "channel": "walk_in", "anonymous": False, "confidential": False,
        "reporter": {"name": REPORTER, "nik": NIK, "phone": "081234567890", "email": EMAIL},
    }


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Path]:
    """The CLI's rotating log in a profile folder, removed from the logger afterwards."""
    path = cli.setup_logging(tmp_path / "profile")
    root = logging.getLogger("lapor_desk")
    try:
        yield path
    finally:
        for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler)
                        and h.baseFilename == str(path)]:
            root.removeHandler(handler)
            handler.close()


def work_day(station: Workstation, server: LiveServer, password: str) -> str:
    """Sign in, sync, record a walk-in complaint, log what goes wrong; returns the token."""
    station.sign_in(server.url, "admin.kendari", password)
    station.sync()
    station.intake.record(walk_in(station.intake.defaults().regency))
    token = keyring.get_password("lapor-desk", f"{server.url}|admin.kendari")
    assert token
    log = logging.getLogger("lapor_desk.services.test")
    event(log, "cli.sync_failed", logging.ERROR, code="invalid_payload",
          error=f"server said: reporter {REPORTER} (NIK {NIK}, {PHONE}, {EMAIL}) is invalid")
    event(log, "http.gave_up", logging.WARNING, method="GET", path="/api/v1/pull",
          error=f"401 for Authorization: Bearer {token}")
    event(log, "import.done", file=f"Register {REPORTER} 2025.xlsx", rows=3)
    event(log, "templates.unreadable", path=str(Path.home() / "templates.json"),
          error="Expecting value: line 1 column 1 (char 0)")
    log.error("unexpected: %s", f"could not open /profiles/admin.kendari@127.0.0.1_8080/x for "
              f"+62 812 3456 7890 and token={token}")
    return token


def test_redaction_of_real_log_lines(workstation: Workstation, live_server: LiveServer,
                                     password: str, logged: Path) -> None:
    token = work_day(workstation, live_server, password)
    cache = workstation.session.require_cache()
    names = known_names(cache)
    with cache.engine.connect() as connection:
        reporters = {n for n in connection.execute(select(Complaint.reporter_name)).scalars()
                     if n}
    assert REPORTER in names and reporters <= names and "admin.kendari" in names
    raw = recent_log_lines([logged.parent])
    text = "\n".join(raw)
    assert REPORTER in text and NIK in text and token in text  # the test has teeth

    clean = "\n".join(Redactor(names).redact(line) for line in raw)
    for secret in (REPORTER, NIK, PHONE, "+62 812 3456 7890", EMAIL, token, "admin.kendari",
                   str(Path.home())):
        assert secret not in clean, secret
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", clean)
    # What support needs stays: events, codes, counts, ids.
    for kept in ("session.started", "sync.done", "outbox.recorded", "cli.sync_failed",
                 "code=invalid_payload", "rows=3", "role=agency_admin", "path=/api/v1/pull"):
        assert kept in clean, kept
    assert "<name>" in clean and "<nik>" in clean and "<phone>" in clean
    assert "<email>" in clean and "<token>" in clean


def test_redact_keeps_hashes_and_ids_but_not_secrets() -> None:
    sha = "ab" * 32
    uuid = "0f4e8c9a-1b2c-4d5e-8f90-123456789abc"
    line = (f"blob.uploaded sha256={sha} size=12 complaint={uuid} "
            f"cookie=Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV6cXV1eg_-abcdef")
    out = redact(line)
    assert sha in out and uuid in out and "size=12" in out
    assert "Zm9vYmFy" not in out
    assert redact("title=\"Jalan rusak\" body=Lubang note=x") == (
        "title=<redacted> body=<redacted> note=<redacted>")
    assert redact("push.answer mutation_id=2 outcome=rejected reason=out_of_scope") == (
        "push.answer mutation_id=2 outcome=rejected reason=out_of_scope")
    assert redact('outbox.action kind=postpone reason="Menunggu data Budi"') == (
        "outbox.action kind=postpone reason=<redacted>")
    assert redact("https://budi:rahasia@lapor.example.go.id/api") == (
        "https://<credentials>@lapor.example.go.id/api")


def test_settings_lose_secrets_and_widget_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/budi")
    settings = {"ui/language": "id", "sync/interval": 300, "auth/token": "abc",
                "server/password": "x", "window/geometry": b"\x01\x02",
                "profile/last": "/home/budi/profiles/budi@lapor.go.id", "offline/budget": 200}
    assert clean_settings(settings) == {
        "offline/budget": 200, "profile/last": "~/profiles/<email>",
        "sync/interval": 300, "ui/language": "id"}


def test_bundle_holds_versions_state_and_redacted_logs(
        workstation: Workstation, live_server: LiveServer, password: str, logged: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token = work_day(workstation, live_server, password)
    desktop_logs = tmp_path / "desktop-logs"
    desktop_logs.mkdir()
    (desktop_logs / "lapor-desk.log.1").write_text("old line from yesterday\n", "utf-8")
    (desktop_logs / "lapor-desk.log").write_text(f"ui.opened for {REPORTER}\n", "utf-8")
    monkeypatch.setattr("lapor_desk.services.diagnostics.default_log_dir", lambda: desktop_logs)
    # The CLI log of this profile is its logs/ folder: point the profile's at ours.
    cache = workstation.session.require_cache()
    (cache.profile_dir / "logs").mkdir(exist_ok=True)
    for line in logged.read_text("utf-8").splitlines():
        with (cache.profile_dir / "logs" / "lapor-desk.log").open("a", encoding="utf-8") as f:
            f.write(line + "\n")

    bundle = bundle_for(workstation, tmp_path / "out", settings={"ui/language": "id",
                                                                 "auth/token": token},
                        ui_versions={"qt": "6.x", "pyside6": "6.x"})
    assert bundle.path.parent == tmp_path / "out" and bundle.profiles == 1
    with zipfile.ZipFile(bundle.path) as archive:
        names = set(archive.namelist())
        assert names == {"about.json", "sync-state.json", "logs/lapor-desk.log",
                         "settings.json", "README.txt"}
        about = json.loads(archive.read("about.json"))
        [state] = json.loads(archive.read("sync-state.json"))
        logs = archive.read("logs/lapor-desk.log").decode()
        everything = b"".join(archive.read(n) for n in names).decode()
    assert about["lapor_desk"] and about["python"] and about["qt"] == "6.x" and about["os"]
    status = workstation.status()
    assert state["complaints"] == status.complaints and state["outbox"] == {"pending": 1}
    assert state["cursor"] and state["last_sync_at"] and state["role"] == "agency_admin"
    assert logs.startswith("old line from yesterday")  # rotated backups first, oldest first
    assert "sync.done" in logs and "<name>" in logs
    with cache.engine.connect() as connection:
        titles = list(connection.execute(select(Complaint.title).limit(200)).scalars())
    for secret in [REPORTER, NIK, EMAIL, token, "admin.kendari", *titles]:
        assert secret not in everything, secret


def test_logs_rotate_with_a_size_cap_and_backups(logged: Path) -> None:
    handler = next(h for h in logging.getLogger("lapor_desk").handlers
                   if isinstance(h, RotatingFileHandler) and h.baseFilename == str(logged))
    assert (handler.maxBytes, handler.backupCount) == (cli.LOG_MAX_BYTES, cli.LOG_BACKUPS)
    assert cli.LOG_MAX_BYTES <= 10 * 1024 * 1024 and cli.LOG_BACKUPS >= 3
    handler.maxBytes = 2000  # the real handler, with a small cap so the test writes little
    log = logging.getLogger("lapor_desk.services.test")
    for number in range(400):
        event(log, "sync.page", rows=number, has_more=True)
    files = sorted(p.name for p in logged.parent.iterdir())
    assert files == ["lapor-desk.log"] + [f"lapor-desk.log.{i}" for i in range(1, 6)]
    assert all(p.stat().st_size <= 2000 for p in logged.parent.iterdir())
    newest = recent_log_lines([logged.parent], limit=10)
    assert newest[-1].endswith("sync.page rows=399 has_more=True")


def test_the_desktop_log_rotates_the_same_way(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = cli.setup_logging(None)  # what the desktop calls
    root = logging.getLogger("lapor_desk")
    try:
        assert path.is_relative_to(tmp_path)
        [handler] = [h for h in root.handlers if isinstance(h, RotatingFileHandler)
                     and h.baseFilename == str(path)]
        assert (handler.maxBytes, handler.backupCount) == (cli.LOG_MAX_BYTES, cli.LOG_BACKUPS)
    finally:
        for h in [h for h in root.handlers if isinstance(h, RotatingFileHandler)
                  and h.baseFilename == str(path)]:
            root.removeHandler(h)
            h.close()


def test_a_bundle_without_a_profile_still_has_versions_and_logs(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "lapor-desk.log").write_text(f"x login failed for {EMAIL}\n", "utf-8")
    bundle = make_bundle(tmp_path / "out", log_dirs=[logs])
    with zipfile.ZipFile(bundle.path) as archive:
        assert json.loads(archive.read("sync-state.json")) == []
        assert archive.read("logs/lapor-desk.log").decode() == "x login failed for <email>\n"
