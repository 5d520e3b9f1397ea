"""Where the desktop writes is named in one module (lapor_desk/paths.py), which alone asks
``platformdirs``; every writer takes its folder or file name from it."""

from __future__ import annotations

import logging
import sys
from pathlib import Path, PureWindowsPath

import pytest

from lapor_desk import cli, paths
from lapor_desk.services import diagnostics
from lapor_desk.services.demo import default_demo_root
from lapor_desk.services.profiles import ProfileStore
from tests.test_layers import ROOT, imported_modules


def test_platformdirs_is_asked_in_one_module() -> None:
    askers = sorted(str(path.relative_to(ROOT.parent)) for path in ROOT.rglob("*.py")
                    if any(m == "platformdirs" or m.startswith("platformdirs.")
                           for m in imported_modules(path)))
    assert askers == ["lapor_desk/paths.py"]


def test_paths_imports_nothing_of_the_layers() -> None:
    """Every layer (models too) takes its file names from it: it must sit below them all."""
    assert not {m for m in imported_modules(ROOT / "paths.py") if m.startswith("lapor_desk")}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's folders moved the way the platform allows (XDG on Linux)."""
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / name.lower()))
    return tmp_path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_every_writer_follows_the_platform_folders(home: Path) -> None:
    folders = paths.desk_paths()
    assert folders.profiles == home / "data" / "lapor-desk" / "profiles"
    assert folders.demo == home / "data" / "lapor-desk" / "demo"
    assert folders.preferences == home / "config" / "lapor-desk" / "preferences.json"
    assert folders.logs == home / "state" / "lapor-desk" / "log"
    assert ProfileStore().root == folders.profiles
    assert default_demo_root() == folders.demo
    assert diagnostics.default_log_dir() == folders.logs
    assert diagnostics.default_folder() == folders.documents / "LAPOR Desk"
    logger = logging.getLogger("lapor_desk")
    before = list(logger.handlers)
    try:
        assert cli.setup_logging(None) == folders.log_file
        assert cli.setup_logging(home / "p") == home / "p" / "logs" / "lapor-desk.log"
    finally:
        for handler in set(logger.handlers) - set(before):
            logger.removeHandler(handler)
            handler.close()


def test_on_windows_preferences_and_logs_are_in_the_folder_the_uninstaller_removes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import windows

    local = r"C:\Users\budi\AppData\Local"
    monkeypatch.setattr(windows, "get_win_folder", lambda _csidl: local)
    dirs = windows.Windows(appname=paths.APP_NAME, appauthor=paths.APP_AUTHOR)
    removed = PureWindowsPath(local, "LAPOR", "lapor-desk")  # installer/lapor-desk.iss
    for folder in (dirs.user_data_dir, dirs.user_config_dir, dirs.user_log_dir):
        assert PureWindowsPath(folder).is_relative_to(removed)
