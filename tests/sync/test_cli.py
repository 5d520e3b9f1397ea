from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desk.cli import main
from lapor_desk.models.cache import open_cache
from lapor_desk.sync.credentials import MemoryKeyring
from lapor_desk.sync.secure_cache import open_secure_cache
from tests.sync.fakes import sign_in
from tests.sync.test_importer import ID_HEADER, ID_ROWS


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The CLI keeps each profile's cache key (and token) in the keyring: an in-memory one."""
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_status_json_on_a_fresh_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_cache(tmp_path).close()
    assert main(["status", "--profile", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("complaints", "outbox_pending", "outbox_rejected", "conflicts", "cursor",
                "last_sync_at"):
        assert key in data
    assert data["complaints"] == 0 and data["cursor"] is None


def test_status_without_profile_explains(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--profile", str(tmp_path / "none")]) != 0
    assert "lapor-desk sync" in capsys.readouterr().err


def test_import_reports_rows_and_exit_code(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p"
    cache = open_secure_cache(profile)
    sign_in(cache)
    cache.close()
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([ID_HEADER, ID_ROWS[0].replace("Budi", "")]), "utf-8")
    assert main(["import", str(bad), "--profile", str(profile)]) == 7
    assert "row 2: reporter.name: required" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_text("\n".join([ID_HEADER, *ID_ROWS]), "utf-8")
    assert main(["import", str(good), "--profile", str(profile)]) == 0
    assert "imported 2" in capsys.readouterr().out
    dirty = tmp_path / "dirty.csv"
    # Another reporter's complaint (the same row again would be left out: imported before).
    dirty.write_text("\n".join([ID_HEADER, ID_ROWS[0].replace("rusak", "ru\x00sak")
                                .replace("Budi", "Budiman")]), "utf-8")
    assert main(["import", str(dirty), "--profile", str(profile)]) == 0
    assert "removed from rows: 2" in capsys.readouterr().out
    assert (profile / "logs" / "lapor-desk.log").exists()


def test_sync_without_password_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    from lapor_desk.sync.credentials import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    monkeypatch.delenv("LAPOR_PASSWORD", raising=False)
    try:
        code = main(["sync", "--profile", str(tmp_path), "--server", "http://127.0.0.1:9",
                     "--user", "sari", "--once"])
    finally:
        keyring.set_keyring(previous)
    assert code == 4
    assert "LAPOR_PASSWORD" in capsys.readouterr().err


def test_the_entry_point_imports_no_database_before_the_desktop_holds_off_the_collector() -> None:
    """``lapor-desk`` imports its module first; the cache (SQLAlchemy) and the sync engine come
    only with a command, or with the desktop once its start has disabled the collector."""
    import subprocess
    import sys

    code = ("import sys; import lapor_desk.cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'sqlalchemy', 'requests', 'keyring', 'PySide6', 'sqlcipher3'}))")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "[]"
