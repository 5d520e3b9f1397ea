"""``lapor-desk sync`` goes through the desktop's session service (services/session.py): the
saved session or the password, signing in again when the server ended the session, and the wipe
of a disabled account's profile are written once, there. The real server, over loopback."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import requests

from lapor_desk import cli
from lapor_desk.server.cli import main as server_cli
from lapor_desk.sync import credentials
from lapor_desk.sync.credentials import MemoryKeyring
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(120)
USER = "admin.kendari"
#: What signing in, keeping the token and wiping a profile are made of: the session's alone.
SESSION_PARTS = {"credentials", "wipe_profile", "SyncEngine", "login", "me", "forget_token",
                 "save_token", "load_token", "open_secure_cache"}


def sync_once(profile: Path, server: LiveServer) -> int:
    return cli.main(["sync", "--profile", str(profile), "--server", server.url, "--user", USER,
                     "--once"])


def names_in_cmd_sync() -> set[str]:
    tree = ast.parse(Path(cli.__file__).read_text("utf-8"))
    [function] = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "cmd_sync"]
    found: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.alias):
            found.add(node.asname or node.name.rsplit(".", 1)[-1])
    return found


def test_the_cli_signs_in_and_syncs_through_the_session_service() -> None:
    assert names_in_cmd_sync() & SESSION_PARTS == set()
    assert "Session" in names_in_cmd_sync()
    source = Path(cli.__file__).read_text("utf-8")
    assert "def _sign_in" not in source and "wipe_profile" not in source


def test_a_session_ended_elsewhere_signs_in_again_with_the_password(
        live_server: LiveServer, tmp_path: Path, password: str, memory: MemoryKeyring,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "desk"
    monkeypatch.setenv("LAPOR_PASSWORD", password)
    assert sync_once(profile, live_server) == cli.EXIT_OK
    token = credentials.load_token(live_server.url, USER)
    assert token
    requests.post(live_server.url + "/api/v1/auth/logout", json={}, timeout=10,
                  headers={"Authorization": f"Bearer {token}"}).raise_for_status()
    assert sync_once(profile, live_server) == cli.EXIT_OK
    assert "synced: pushed 0" in capsys.readouterr().out
    assert credentials.load_token(live_server.url, USER) not in (None, token)
    assert not (profile / "profile.json").exists()  # the desktop's profile list is its own
    monkeypatch.delenv("LAPOR_PASSWORD")
    assert cli.main(["sync", "--profile", str(profile), "--server", live_server.url,
                     "--user", "admin.baubau", "--once"]) == cli.EXIT_AUTH
    assert "another user" in capsys.readouterr().err
    assert (profile / "cache.sqlite3").exists()  # the other user's profile stays as it was


def test_a_disabled_account_wipes_the_cli_profile(
        live_server: LiveServer, tmp_path: Path, password: str, memory: MemoryKeyring,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "desk"
    monkeypatch.setenv("LAPOR_PASSWORD", password)
    assert sync_once(profile, live_server) == cli.EXIT_OK
    assert server_cli(["disable-user", "--db", live_server.database_url,
                       "--username", USER]) == 0
    capsys.readouterr()
    assert sync_once(profile, live_server) == cli.EXIT_AUTH
    assert "disabled" in capsys.readouterr().err
    assert not profile.exists()
    assert credentials.load_token(live_server.url, USER) is None
    assert not [s for s, _u in memory._store if s.startswith("lapor-desk-cache/")]


def test_a_one_time_password_is_refused_with_what_to_do(
        live_server: LiveServer, tmp_path: Path, memory: MemoryKeyring,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An admin reset the password: the headless sync cannot choose a new one, and says how."""
    assert server_cli(["user", "reset-password", USER, "--db", live_server.database_url]) == 0
    one_time = capsys.readouterr().out.split(": ", 1)[1].split()[0]
    monkeypatch.setenv("LAPOR_PASSWORD", one_time)
    assert sync_once(tmp_path / "desk", live_server) != cli.EXIT_OK
    said = capsys.readouterr().err
    assert "one-time password" in said and "LAPOR Desk window" in said
