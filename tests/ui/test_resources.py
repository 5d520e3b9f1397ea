"""``resources/`` is found from a source checkout, a frozen app and an installed wheel."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from lapor_desk.ui import resources

SOURCE = Path(__file__).resolve().parents[2] / "resources"


def copy_resources(target: Path) -> Path:
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("*.py", "*.ts"))
    return target


def test_source_checkout() -> None:
    assert resources.resource_root() == SOURCE
    assert resources.STYLE.is_file() and (resources.ICONS / "app.svg").is_file()
    assert (resources.TRANSLATIONS / "lapor_desk_id.qm").is_file()


def test_frozen_app_reads_its_bundle_first(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "_internal"
    copy_resources(bundle / "resources")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resources.resource_root() == bundle / "resources"


def test_installed_wheel_reads_prefix_share(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = tmp_path / "venv"
    copy_resources(prefix / "share" / "lapor-desk" / "resources")
    monkeypatch.setattr(sys, "prefix", str(prefix))
    fake_module = tmp_path / "site-packages" / "lapor_desk" / "ui" / "resources.py"
    monkeypatch.setattr(resources, "__file__", str(fake_module))
    assert resources.resource_root() == prefix / "share" / "lapor-desk" / "resources"


def test_environment_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAPOR_RESOURCES", str(copy_resources(tmp_path / "mine")))
    assert resources.resource_root() == tmp_path / "mine"
