"""Indonesian everywhere, against the REAL reference server: every text the main window, its
panes, the Outbox's refused and conflicting actions, the dashboard and each dialog show — with
Qt's own file picker and message box buttons — is Indonesian. A text is English when it holds a
word only the English source strings use (the catalogues' sources less every word of their
Indonesian), or a source string that went through translation and found none."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from lapor_desk.services import Workstation
from lapor_desk.services import recap_terms as recap
from lapor_desk.services.verification import ActionFields
from lapor_desk.ui import labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.queue_list import COUNT_ROLE
from lapor_desk.ui.resources import TRANSLATIONS
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, open_queue, show_complaint, signed_in_window, sync
from tests.ui.screen_walk import each_dialog, plain, texts_of

pytestmark = pytest.mark.timeout(300)
WORD = re.compile(r"[^\W\d_]{3,}")
#: key names as printed on the keys, and shortcuts made of them ("Ctrl+Shift+B", "Alt+Left")
KEYS = re.compile(r"\b(?:[A-Za-z0-9]+\+)+[A-Za-z0-9]+\b|\b(?:Ctrl|Shift|Alt|Esc|Enter|Tab|"
                  r"PgUp|PgDown|Backspace|Del|F\d+)\b")
#: a number in quotation marks, as if a count were a name
QUOTED_COUNT = re.compile(r"[“\"']\s*\d+\b[^”\"']*[”\"']")
#: a file's type and a path are shown as the system writes them ("image/png", "C:\\Data")
PATHS = re.compile(r"\S*[/\\]\S*")
#: names the desk keeps in every language (the platform, file formats, units of time zones)
NAMES = {"lapor", "sp4n", "desk", "pdf", "xlsx", "csv", "excel", "wib", "wita", "wit", "email",
         "nik", "opd", "server", "demo", "web", "sms", "whatsapp", "instagram", "facebook",
         "youtube", "radio"}
#: Qt's contexts whose words stay as printed (key names)
KEPT_CONTEXTS = {"QShortcut", "QKeySequence"}


def catalogue(path: Path) -> Iterator[tuple[str, str, list[str]]]:
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [] if translation is None else (
                [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""])
            yield name, message.findtext("source") or "", forms


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(KEYS.sub(" ", PATHS.sub(" ", plain(text))))}


def english_only_words() -> set[str]:
    """Words of the English source strings that no Indonesian translation uses."""
    english: set[str] = set()
    indonesian: set[str] = set()
    for path in sorted(TRANSLATIONS.glob("*_id.ts")):
        for _context, source, forms in catalogue(path):
            english |= words(source)
            for form in forms:
                indonesian |= words(form)
    return english - indonesian - NAMES


class Untranslated(QTranslator):
    """Asked with the shipped catalogues (it answers nothing itself): notes each string that
    went through translation and that none of them translates."""

    def __init__(self, parent: Any) -> None:
        super().__init__(parent)
        self.catalogues = []
        for path in sorted(TRANSLATIONS.glob("*_id.qm")):
            translator = QTranslator(self)
            assert translator.load(str(path)), path
            self.catalogues.append(translator)
        self.missed: set[tuple[str, str]] = set()
        # PySide's tr() asks a class's context, then its base classes' (up to QObject), while
        # the answer equals the source: a string translated in some context is no miss
        self.known = {source for path in sorted(TRANSLATIONS.glob("*_id.ts"))
                      for _context, source, forms in catalogue(path) if any(forms)}

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if (context not in KEPT_CONTEXTS and source not in self.known
                and words(source) - NAMES and not any(
                    c.translate(context, source, disambiguation, n) for c in self.catalogues)):
            self.missed.add((context, source))
        return None  # no answer (an empty text would be taken for the translation)

    def ours(self) -> list[tuple[str, str]]:
        """The desk's own strings (not Qt's) translated by nothing."""
        return sorted((c, s) for c, s in self.missed if not re.match(r"Q[A-Z]", c))

    def qts_seen(self) -> set[str]:
        return {plain(s) for c, s in self.missed if re.match(r"Q[A-Z]", c)}

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def untranslated(qapp: Any) -> Iterator[Untranslated]:
    spy = Untranslated(qapp)
    QCoreApplication.installTranslator(spy)
    yield spy
    QCoreApplication.removeTranslator(spy)


def english_in(found: Iterable[tuple[str, str]], english: set[str],
               missed: set[str]) -> list[str]:
    wrong = []
    for where, text in found:
        seen = plain(text)
        if not seen:
            continue
        stray = sorted(words(seen) & english)
        missing = sorted(m for m in missed if len(m) > 2 and m in seen)
        if stray or missing:
            wrong.append(f"{where}: {seen!r} English: {stray or missing}")
    return wrong


def test_everything_a_person_reads_is_indonesian(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        national: Workstation, untranslated: Untranslated) -> None:
    english = english_only_words()
    assert {"cancel", "look", "file", "name", "not", "yet", "with"} <= english
    window: MainWindow = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    refused, conflicting = station.complaint_ids("needs_verification")[:2]
    station.verification.submit("archive", refused, ActionFields(reason_code="spam"))
    targets = national.verification.reroute_targets(refused)
    national.verification.reroute(refused, next(t for t in targets if t.selectable).id)
    station.verification.submit("archive", conflicting, ActionFields(reason_code="too_general"))
    national.verification.submit("postpone", conflicting, ActionFields(reason="Data kurang"))
    assert national.sync().applied == 2
    sync(qtbot, window)
    seen: list[tuple[str, str]] = []
    for queue in ("outbox", "conflicts"):
        open_queue(qtbot, window, queue)
        panel = window.outbox_review.panel
        qtbot.waitUntil(lambda: panel.card.isVisible(), timeout=WAIT)  # noqa: B023
        seen += texts_of(window)
    open_queue(qtbot, window, "needs_verification")
    show_complaint(qtbot, window)
    seen += texts_of(window)
    # the right-click menus Qt gives text fields
    window.search.setText("jalan")
    note = QPlainTextEdit("Yth.")
    qtbot.addWidget(note)
    menus = [window.search.createStandardContextMenu(), note.createStandardContextMenu()]
    for menu in menus:
        seen += texts_of(menu)
    window.search.clear()
    dialogs: list[QWidget] = []
    for dialog in each_dialog(qtbot, window):
        dialogs.append(dialog)
        seen += texts_of(dialog)
    assert {"QFileDialog", "SignOutDialog", "DashboardWindow"} <= {
        type(d).__name__ for d in dialogs}
    all_indonesian(seen, untranslated)
    assert any(re.search(r"\bHK\b", text) for _where, text in seen)


@pytest.mark.parametrize("username", ["lo.kendari.pupr", "nasional1"])
def test_a_liaison_officer_and_the_national_admin_read_indonesian(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        untranslated: Untranslated, username: str) -> None:
    """The screens of the other roles: a pejabat penghubung's queues and replies, the national
    admin's re-routing."""
    window = signed_in_window(qtbot, controller, live_server, password, username)
    model = window.queue_model
    counts = [(model.index(r, 0).data(COUNT_ROLE) or 0, model.key_at(r))
              for r in range(model.rowCount())]
    busiest = max(counts, key=lambda c: c[0])[1]
    assert busiest is not None
    open_queue(qtbot, window, busiest)
    show_complaint(qtbot, window)
    seen = list(texts_of(window))
    for dialog in each_dialog(qtbot, window):
        seen += texts_of(dialog)
    all_indonesian(seen, untranslated)


def all_indonesian(seen: list[tuple[str, str]], untranslated: Untranslated) -> None:
    wrong = english_in(seen, english_only_words(), untranslated.qts_seen())
    assert not wrong, "\n".join(wrong)
    assert not untranslated.ours(), untranslated.ours()
    quoted = [f"{where}: {text!r}" for where, text in seen if QUOTED_COUNT.search(plain(text))]
    assert not quoted, quoted  # "Disposisikan “5 laporan terpilih” ke:"
    assert not unexplained_hk(seen), unexplained_hk(seen)


def unexplained_hk(seen: list[tuple[str, str]]) -> list[str]:
    """Texts that say "HK" without their tooltip (or themselves) saying what it means."""
    by_place = dict(seen)
    found = []
    for where, text in seen:
        if not re.search(r"\bHK\b", text) or "hari kerja" in text:
            continue
        tip = by_place.get(re.sub(r" cell (\d+,\d+)$", r" cell tooltip \1", where)
                           if " cell " in where else where + " tooltip", "")
        if "hari kerja" not in tip:
            found.append(f"{where}: {text!r} (tooltip {tip!r})")
    return found


def test_one_word_for_overdue_one_for_postponed() -> None:
    """Overdue is "Terlambat" and postponed "Tertunda" on every screen and in the recap;
    "HK" is said in full somewhere in the catalogue."""
    translations = [form for path in sorted(TRANSLATIONS.glob("*_id.ts"))
                    for _c, _s, forms in catalogue(path) for form in forms]
    for phrase in ("lewat tenggat", "melewati tenggat", "kelola sendiri"):
        assert not [t for t in translations if phrase in t.lower()], phrase
    assert labels.status("postponed") == labels.queue("postponed") == "Tertunda"
    assert recap.STATUS_HEADINGS["postponed"] == "Tertunda"
    overdue = {QCoreApplication.translate(c, "Overdue") for c in ("Dashboard", "ComplaintTable")}
    assert overdue == {recap.OVERDUE_HEADING} == {"Terlambat"}
    assert labels.working_days().startswith("HK: hari kerja")
