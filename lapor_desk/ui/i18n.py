"""Languages: Bahasa Indonesia is the default; English (the source language) is selectable at
runtime. Source strings are English, wrapped in ``self.tr()`` / ``QCoreApplication.translate``;
the shipped Indonesian catalogue is ``resources/translations/lapor_desk_id.ts`` (.qm compiled).
Qt's own dialogs and menus (the file picker, message box buttons, a text field's right-click
menu, printing) have their Indonesian in ``qtbase_id.qm`` beside it (Qt ships none; kept in
``qt_strings_id.py``), loaded with the desk's catalogue. The file picker is always Qt's own, not
the system's (``make_application``), so that it speaks the language chosen here.

The language chosen is a preference (``services.preferences``: ``preferences.json``). Earlier
versions kept it in ``QSettings`` (``ui/language``): that value is carried over once, the first
time the preferences are read, and removed from ``QSettings``."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings, QTranslator

from lapor_desk.logline import event
from lapor_desk.services.preferences import DEFAULT_LANGUAGE, Preferences, PreferencesFile
from lapor_desk.ui.resources import TRANSLATIONS

log = logging.getLogger("lapor_desk.ui.i18n")

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
#: Where versions before the preferences file kept the language (carried over once).
EARLIER_LANGUAGE_KEY = "ui/language"

_installed: list[QTranslator] = []
#: the catalogues of a language: Qt's own dialogs, then the desk's (which wins on a clash)
CATALOGUES = ("qtbase", "lapor_desk")
DESK_CATALOGUE = "lapor_desk"
_current = "en"
_preferences: PreferencesFile | None = None


def use_preferences(preferences: PreferencesFile) -> None:
    """Keep the preferences in ``preferences`` (the platform's folder when never called)."""
    global _preferences
    _preferences = preferences


def preferences_file() -> PreferencesFile:
    global _preferences
    if _preferences is None:
        _preferences = PreferencesFile()
    return _preferences


def _preferences_now() -> Preferences:
    """The preferences, with a language an earlier version kept in QSettings carried over."""
    store = preferences_file()
    settings = QSettings()
    if not settings.contains(EARLIER_LANGUAGE_KEY):
        return store.load()
    try:
        preferences = store.carry_over(language=str(settings.value(EARLIER_LANGUAGE_KEY)))
    except OSError as exc:  # kept in QSettings: carried over at the next start
        event(log, "preferences.not_saved", logging.WARNING, error=type(exc).__name__)
        return Preferences.from_json({"language": settings.value(EARLIER_LANGUAGE_KEY)})
    settings.remove(EARLIER_LANGUAGE_KEY)
    return preferences


def current_language() -> str:
    return _current


def saved_language() -> str:
    value = _preferences_now().language
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str, remember: bool = False) -> bool:
    """Install the catalogue for ``code``; widgets retranslate on ``LanguageChange``."""
    global _installed, _current
    app = QCoreApplication.instance()
    if app is None or code not in LANGUAGES:
        return False
    loaded = []
    if code != "en":
        for name in CATALOGUES:
            translator = QTranslator(app)
            if translator.load(str(TRANSLATIONS / f"{name}_{code}.qm")):
                loaded.append(translator)
            elif name == DESK_CATALOGUE:
                return False
            else:  # Qt's own dialogs stay in English: the desk speaks the language all the same
                event(log, "translations.missing", logging.WARNING, catalogue=name, language=code)
    for translator in _installed:
        app.removeTranslator(translator)
    for translator in loaded:
        app.installTranslator(translator)  # the last one installed is asked first
    _installed = loaded
    _current = code
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if code == "id"
                               else QLocale.Language.English))
    if remember:
        _remember(code)
    return True


def _remember(code: str) -> None:
    """Keep ``code`` as the language of the next start; a disk that refuses is logged (the
    language is in use now all the same)."""
    try:
        _preferences_now()
        preferences_file().update(language=code)
    except OSError as exc:
        event(log, "preferences.not_saved", logging.WARNING, error=type(exc).__name__)


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange
