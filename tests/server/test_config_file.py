"""The server's configuration: TOML file, environment, command line (server/config_file.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desk.server.cli import main
from lapor_desk.server.config_file import ConfigError, resolve
from lapor_desk.server.config_keys import KEYS
from lapor_desk.server.database import make_engine
from lapor_desk.server.db import User
from lapor_desk.server.settings import ServerSettings
from tests.server.builder import build_world
from tests.support.live_server import DatabaseFactory

FILE = """\
[database]
url = "postgresql+psycopg://lapor:rahasia-db@db.internal/lapor"

[server]
host = "0.0.0.0"
port = 8100
workers = 3
keep_alive_seconds = 75
trusted_proxies = ["127.0.0.1", "10.0.0.0/8"]

[metrics]
allow = ["10.0.5.0/24"]

[blobs]
dir = "blobs"
max_bytes = 1000

[tokens]
ttl_hours = 48
idle_hours = 2.5

[domain]
sla_file = "sla.toml"
auto_close_interval_seconds = 120

[logging]
level = "warning"
format = "json"

[public]
agency = "PEMKAB-KONAWE"
max_files = 2
max_file_bytes = 1000000
submits_per_hour = 4
lookups_per_hour = 20

[sp4n]
url = "https://www.lapor.go.id/"
token_file = "sp4n-token"
since = 2026-12-01
interval_seconds = 300
file_hosts = ["Berkas.Lapor.go.id"]
"""


def _write(tmp_path: Path, text: str = FILE) -> Path:
    path = tmp_path / "etc" / "server.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_of_the_file_reaches_the_settings(tmp_path: Path) -> None:
    path = _write(tmp_path)
    settings = resolve(config=path, environ={}).settings
    assert settings == ServerSettings(
        database_url="postgresql+psycopg://lapor:rahasia-db@db.internal/lapor", host="0.0.0.0",
        port=8100, workers=3, keep_alive_seconds=75, trusted_proxies=("127.0.0.1", "10.0.0.0/8"),
        metrics_allow=("10.0.5.0/24",),
        blob_dir=path.parent / "blobs",  # relative paths: from the file's directory
        max_blob_bytes=1000, token_ttl_hours=48.0, token_idle_hours=2.5,
        sla_config=path.parent / "sla.toml", auto_close_interval=120.0, log_level="WARNING",
        log_format="json", public_agency="PEMKAB-KONAWE", public_max_files=2,
        public_max_file_bytes=1000000, public_submits_per_hour=4, public_lookups_per_hour=20,
        sp4n_url="https://www.lapor.go.id", sp4n_token_file=path.parent / "sp4n-token",
        sp4n_since="2026-12-01", sp4n_interval=300.0, sp4n_file_hosts=("berkas.lapor.go.id",))
    assert {key.section for key in KEYS} == {"database", "server", "metrics", "blobs", "tokens",
                                             "domain", "logging", "channels", "email",
                                             "whatsapp", "sms", "notify", "public",
                                             "sp4n"}


def test_command_line_beats_environment_beats_file_beats_default(tmp_path: Path) -> None:
    path = _write(tmp_path, '[server]\nport = 8100\nhost = "10.1.1.1"\nworkers = 2\n')
    environ = {"LAPOR_SERVER_CONFIG": str(path), "LAPOR_SERVER_PORT": "8200",
               "LAPOR_SERVER_WORKERS": "4", "LAPOR_TRUSTED_PROXIES": "127.0.0.1, ::1",
               "LAPOR_DATABASE_URL": "sqlite:////srv/lapor.sqlite3", "LAPOR_BLOB_DIR": "/srv/b",
               "LAPOR_LOG_LEVEL": "debug", "LAPOR_LOG_FORMAT": "json"}
    resolved = resolve({"port": 8300, "host": None}, environ=environ)
    settings = resolved.settings
    assert (settings.port, settings.workers, settings.host) == (8300, 4, "10.1.1.1")
    assert settings.trusted_proxies == ("127.0.0.1", "::1")
    assert settings.database_url == "sqlite:////srv/lapor.sqlite3"
    assert settings.blob_dir == Path("/srv/b")
    assert (settings.log_level, settings.log_format) == ("DEBUG", "json")
    assert settings.token_idle_hours == ServerSettings(database_url="").token_idle_hours
    assert resolved.sources["port"] == "command line"
    assert resolved.sources["workers"] == "LAPOR_SERVER_WORKERS"
    assert resolved.sources["host"] == str(path)
    assert resolved.sources["token_idle_hours"] == "default"
    assert resolved.file == path
    # --config names the file even when the environment names another
    other = tmp_path / "other.toml"
    other.write_text("[server]\nport = 9999\n", encoding="utf-8")
    assert resolve(config=other, environ={"LAPOR_SERVER_CONFIG": str(path)}).settings.port == 9999


@pytest.mark.parametrize(("text", "words"), [
    ("[server]\nprot = 8000\n", "[server] has no key 'prot'"),
    ("[server]\nkeep_alive_seconds = 0\n", "[server] keep_alive_seconds: expected a number from 1"),
    ("[serve]\nport = 8000\n", "unknown section [serve]"),
    ("[server]\nport = 70000\n", "[server] port: expected a number from 1 to 65535"),
    ('[server]\nport = "8000"\nworkers = 0\n', "[server] workers: expected a number from 1"),
    ('[server]\ntrusted_proxies = ["10.0.0.300"]\n', "[server] trusted_proxies"),
    ('[logging]\nformat = "xml"\n', '[logging] format: expected "text" or "json"'),
    ("[tokens]\nttl_hours = -1\n", "[tokens] ttl_hours: expected a number of 0 or more"),
    ("[database]\nurl = true\n", "[database] url: expected a non-empty text"),
    ("[server\nport = 1\n", "cannot read it as TOML"),
    ('[sp4n]\nfile_hosts = ["https://berkas.lapor.go.id/"]\n', ("[sp4n] file_hosts: "
                                                                 "'https://berkas.lapor.go.id/' "
                                                                 "is not a host name")),
])
def test_a_bad_file_says_where_and_what(tmp_path: Path, text: str, words: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        resolve(config=path, environ={})
    assert str(path) in raised.value.message and words in raised.value.message


def test_a_bad_environment_variable_or_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="LAPOR_SERVER_PORT: expected a whole number"):
        resolve(environ={"LAPOR_SERVER_PORT": "delapan"})
    with pytest.raises(ConfigError, match="no such configuration file"):
        resolve(environ={"LAPOR_SERVER_CONFIG": str(tmp_path / "absent.toml")})
    with pytest.raises(ConfigError, match="no database: give --db URL"):
        resolve(environ={}).database_url()


def test_settings_travel_to_workers_unchanged(tmp_path: Path) -> None:
    settings = resolve(config=_write(tmp_path), environ={}, training=True).settings
    assert ServerSettings.from_json(settings.to_json()) == settings


def test_config_show_prints_effective_values_with_the_password_masked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key in KEYS:
        if key.env:
            monkeypatch.delenv(key.env, raising=False)
    monkeypatch.setenv("LAPOR_SERVER_WORKERS", "2")
    path = _write(tmp_path)
    assert main(["config", "show", "--config", str(path)]) == 0
    shown = capsys.readouterr().out
    assert "rahasia-db" not in shown
    assert 'url = "postgresql+psycopg://lapor:***@db.internal/lapor"' in shown
    assert "workers = 2  # LAPOR_SERVER_WORKERS" in shown
    assert f"port = 8100  # {path}" in shown
    assert f'dir = "{path.parent / "blobs"}"' in shown
    # what it prints is a configuration file that gives the same settings
    again = tmp_path / "shown.toml"
    again.write_text(shown.replace("lapor:***@", "lapor:rahasia-db@"), encoding="utf-8")
    monkeypatch.delenv("LAPOR_SERVER_WORKERS")
    assert resolve(config=again, environ={}).settings == resolve(
        config=path, environ={"LAPOR_SERVER_WORKERS": "2"}).settings


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LAPOR_SERVER", "LAPOR_DATA"))}
    return subprocess.run([sys.executable, "-m", "lapor_desk.server.cli", *args],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**clean, **env})


def test_commands_take_the_database_from_the_file_or_the_environment(
        db_factory: DatabaseFactory, tmp_path: Path) -> None:
    url = db_factory.new_url()
    config = _write(tmp_path, f'[database]\nurl = "{url}"\n')
    assert _cli("init-db", env={"LAPOR_SERVER_CONFIG": str(config)}).returncode == 0
    world = build_world(url)
    made = _cli("create-user", "--username", "dari.env", "--display-name", "Dari Env",
                "--role", "liaison_officer", "--unit", str(world.agencies["kab_health"]),
                "--password", "sandi-dari-env-1", env={"LAPOR_DATABASE_URL": url})
    assert made.returncode == 0, made.stderr
    moved = _cli("move-user", "--config", str(config), "--username", "dari.env",
                 "--unit", str(world.agencies["prov_health"]), env={})
    assert moved.returncode == 0, moved.stderr
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.scalar(select(User.unit_id).where(
                User.username == "dari.env")) == world.agencies["prov_health"]
    finally:
        engine.dispose()
    missing = _cli("init-db", env={})
    assert missing.returncode == 1 and "no database" in missing.stderr


def test_several_workers_need_postgresql(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'lapor.sqlite3'}"
    assert main(["serve", "--db", url, "--workers", "2"]) == 1
    assert "several workers need PostgreSQL" in capsys.readouterr().err
    assert not (tmp_path / "lapor.sqlite3").exists()  # refused before anything was made


def test_a_training_server_runs_one_worker(capsys: pytest.CaptureFixture[str]) -> None:
    # refused before the database is opened (there is none at this address)
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    assert main(["serve", "--db", url, "--workers", "2", "--training"]) == 1
    assert "a training server runs one worker" in capsys.readouterr().err


def test_an_unreadable_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the configuration file: Is a directory"):
        resolve(config=tmp_path, environ={})


CHANNELS = """
[channels]
agency = "7402-KOMINFO"
province = "Sulawesi Tenggara"
regency = "Konawe"

[email]
imap_host = "mail.konawekab.go.id"
imap_security = "starttls"
imap_port = 143
imap_user = "pengaduan@konawekab.go.id"
imap_password = "sandi-kotak-surat"

[whatsapp]
app_secret = "rahasia-aplikasi"
verify_token = "token-verifikasi"

[sms]
token = "token-gateway"
"""


def test_the_channels_are_off_by_default_and_configured_by_their_sections(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    default = ServerSettings(database_url="")
    assert (default.imap_host, default.whatsapp_app_secret, default.sms_token) == ("", "", "")
    path = _write(tmp_path, '[database]\nurl = "sqlite:///x.sqlite3"\n' + CHANNELS)
    settings = resolve(config=path, environ={"LAPOR_SMS_TOKEN": "dari-lingkungan"}).settings
    assert (settings.channels_agency, settings.channels_regency) == ("7402-KOMINFO", "Konawe")
    assert (settings.imap_host, settings.imap_port, settings.imap_security) == (
        "mail.konawekab.go.id", 143, "starttls")
    assert settings.sms_token == "dari-lingkungan"
    with pytest.raises(ConfigError, match=r"\[email\] imap_security"):
        resolve(config=_write(tmp_path / "bad", '[email]\nimap_security = "tls"\n'),
                environ={})
    for key in KEYS:
        if key.env:
            monkeypatch.delenv(key.env, raising=False)
    assert main(["config", "show", "--config", str(path)]) == 0
    shown = capsys.readouterr().out
    for secret in ("sandi-kotak-surat", "rahasia-aplikasi", "token-verifikasi", "token-gateway"):
        assert secret not in shown
    assert 'imap_password = "***"' in shown
