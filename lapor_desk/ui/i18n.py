"""Languages: Bahasa Indonesia is the default; English (the source language) is selectable at
runtime. Source strings are English, wrapped in ``self.tr()`` / ``QCoreApplication.translate``;
the shipped Indonesian catalogue is ``resources/translations/lapor_desk_id.ts`` (.qm compiled)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings, QTranslator

from lapor_desk.ui.resources import TRANSLATIONS

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"

_installed: QTranslator | None = None
_current = "en"


def current_language() -> str:
    return _current


def saved_language() -> str:
    value = QSettings().value("ui/language", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str, remember: bool = False) -> bool:
    """Install the catalogue for ``code``; widgets retranslate on ``LanguageChange``."""
    global _installed, _current
    app = QCoreApplication.instance()
    if app is None or code not in LANGUAGES:
        return False
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if code != "en":
        translator = QTranslator(app)
        if not translator.load(str(TRANSLATIONS / f"lapor_desk_{code}.qm")):
            return False
        app.installTranslator(translator)
        _installed = translator
    _current = code
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if code == "id"
                               else QLocale.Language.English))
    if remember:
        QSettings().setValue("ui/language", code)
    return True


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange
