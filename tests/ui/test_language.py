"""The window's language is a preference (``preferences.json``), not a QSettings value; the
choice an earlier version kept in QSettings survives the upgrade, carried over once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from lapor_desk.services.preferences import Preferences, PreferencesFile
from lapor_desk.ui import i18n
from lapor_desk.ui.app import make_application


@pytest.fixture
def preferences(tmp_path: Path) -> PreferencesFile:
    store = PreferencesFile(tmp_path / "config" / "preferences.json")
    i18n.use_preferences(store)
    return store


def test_the_chosen_language_is_kept_in_the_preferences_file(
        qapp: QApplication, preferences: PreferencesFile) -> None:
    assert i18n.set_language("en", remember=True)
    assert json.loads(preferences.path.read_text("utf-8")) == {"language": "en"}
    assert not QSettings().contains("ui/language")
    assert i18n.set_language("id")  # not remembered: the file keeps the choice
    assert preferences.load() == Preferences(language="en")
    make_application()  # the next start
    assert i18n.current_language() == "en"


def test_an_earlier_versions_language_is_carried_over_once(
        qapp: QApplication, preferences: PreferencesFile) -> None:
    QSettings().setValue("ui/language", "en")  # where versions before kept the choice
    make_application()
    assert i18n.current_language() == "en"
    assert preferences.load() == Preferences(language="en")
    assert not QSettings().contains("ui/language")
    assert i18n.set_language("id", remember=True)  # chosen again after the upgrade
    make_application()
    assert i18n.current_language() == "id" and preferences.load().language == "id"


def test_a_newer_preferences_file_wins_over_a_leftover_setting(
        qapp: QApplication, preferences: PreferencesFile) -> None:
    preferences.save(Preferences(language="id"))
    QSettings().setValue("ui/language", "en")
    assert i18n.saved_language() == "id" and not QSettings().contains("ui/language")


def test_a_damaged_preferences_file_starts_in_indonesian(
        qapp: QApplication, preferences: PreferencesFile) -> None:
    preferences.path.parent.mkdir(parents=True)
    preferences.path.write_bytes(b"\x00{not json")
    assert i18n.set_language("en")
    make_application()
    assert i18n.current_language() == "id"
    preferences.path.write_text('{"language": "fr"}', "utf-8")  # no such catalogue
    assert i18n.saved_language() == "id"


def test_qt_dialogs_speak_indonesian_and_a_missing_qt_catalogue_keeps_the_desk_in_it(
        qapp: QApplication, preferences: PreferencesFile, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt ships no Indonesian for its own dialogs: the desk's qtbase_id.qm names their buttons;
    without that file only they fall back to English."""
    assert i18n.set_language("id")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Cari di:"
    only_ours = tmp_path / "translations"
    only_ours.mkdir()
    shutil.copy(i18n.TRANSLATIONS / "lapor_desk_id.qm", only_ours)
    monkeypatch.setattr(i18n, "TRANSLATIONS", only_ours)
    assert i18n.set_language("id") and i18n.current_language() == "id"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QCoreApplication.translate("WindowMenus", "&File") == "&Berkas"
