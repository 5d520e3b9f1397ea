"""The Windows installer script and the spec agree with the app (no Windows needed to check)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
ISS = (ROOT / "installer" / "lapor-desk.iss").read_text("utf-8")
SPEC = (ROOT / "installer" / "lapor-desk.spec").read_text("utf-8")


def directive(name: str) -> str:
    match = re.search(rf"^{name}=(.*)$", ISS, re.MULTILINE)
    assert match, name
    return match.group(1).strip()


def test_per_user_install_with_version_from_the_build() -> None:
    assert directive("PrivilegesRequired") == "lowest"
    assert directive("AppVersion") == "{#AppVersion}"
    assert "#error" in ISS  # no version given, no installer
    assert directive("DefaultDirName").startswith("{autopf}")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert version not in ISS  # never hard-coded: build-windows.ps1 passes it
    assert 'tomllib.load(handle)["project"]["version"]' in SPEC


def test_languages_shortcuts_and_the_uninstall_question() -> None:
    languages = re.findall(r'^Name: "(\w+)"; MessagesFile: "([^"]+)"', ISS, re.MULTILINE)
    assert languages == [("id", "Indonesian.isl"), ("en", "compiler:Default.isl")]
    for message in ("RemoveUserData", "DesktopIcon", "LaunchApp"):
        assert f"id.{message}=" in ISS and f"en.{message}=" in ISS, message
    assert '{group}\\{#AppName}"; Filename: "{app}\\{#AppExe}"' in ISS
    assert "UninstallSilent()" in ISS and "MB_DEFBUTTON2" in ISS  # default answer: keep


def test_uninstaller_removes_the_folder_the_app_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs on Windows: %LOCALAPPDATA%\\<author>\\<app> for data and logs."""
    from platformdirs import windows

    local = r"C:\Users\budi\AppData\Local"
    monkeypatch.setattr(windows, "get_win_folder", lambda _csidl: local)
    dirs = windows.Windows(appname="lapor-desk", appauthor="LAPOR")
    data = PureWindowsPath(dirs.user_data_dir)
    assert data == PureWindowsPath(local, "LAPOR", "lapor-desk")
    assert PureWindowsPath(dirs.user_log_dir).is_relative_to(data)
    assert "DelTree(ExpandConstant('{localappdata}\\LAPOR\\lapor-desk')" in ISS
    # QSettings("LAPOR", "LAPOR Desk") on Windows: HKCU\Software\LAPOR\LAPOR Desk
    assert "'Software\\LAPOR\\LAPOR Desk'" in ISS


def test_two_executables_share_one_folder() -> None:
    assert 'name="lapor-desk", console=False' in SPEC
    assert 'name="lapor-desk-cli", console=True' in SPEC
    assert re.search(r"COLLECT\(\s*# noqa: F821\s*desktop, cli,", SPEC)
