"""A shared PC: A signs out, B signs in; nothing of A's session remains anywhere in the
application, against the real reference server.

A signs in through the sign-in dialog, queues an internal note (the outbox review shows it),
opens a complaint that shows a reporter's name and phone, opens its picture in the attachment
viewer, starts a note naming the reporter (a draft), opens the dashboard, types a search and
copies it. Then A signs out. Every widget of the application (``QApplication.allWidgets()``:
texts, titles, tool tips, items, actions) and every item model (every index, every role, both
headers: the views' models, those under any window or the desk, and any model Python still
holds) is searched for A's texts: the reporter's name and phone, the complaint's body and
tracking number, the titles of all of A's complaints, the search text; so are the clipboard
and the Python objects the services hand to the window. Then B signs in, and the search is
made again (texts B's own complaints carry are B's, not A's). The main window is saved as a
PNG after the sign-out and after B signed in (test-artifacts/screens/session_*.png).
"""

from __future__ import annotations

import gc
import html
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from sqlalchemy import select

from lapor_desk.models.cache.schema import Attachment
from lapor_desk.services import Workstation
from lapor_desk.services.attachments import AttachmentInfo
from lapor_desk.services.types import ComplaintDetail, ComplaintRow
from lapor_desk.ui.app import Desk
from lapor_desk.ui.attachment_viewer import AttachmentViewer
from lapor_desk.ui.dialogs.follow_up import FollowUpDialog
from tests.support.live_server import LiveServer
from tests.support.seed_blobs import serve_seed_blobs
from tests.ui.desk_support import WAIT, save_png
from tests.ui.test_sign_out import answer_with

pytestmark = pytest.mark.timeout(300)
ROOT = Path(__file__).resolve().parents[2]
ROLES = [*range(14), *range(Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 40)]


# --- walking the application -----------------------------------------------------------------

def _strings(value: Any) -> Iterator[str]:
    if value is None or isinstance(value, (bool, int, float)):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)
    else:
        yield repr(value)  # a row or detail object held in a custom role


def _count(model: QAbstractItemModel, what: str, parent: QModelIndex) -> int:
    """rowCount / columnCount, whatever the model's Python signature (a list model's
    columnCount is private in PySide: one column)."""
    method = getattr(model, what)
    for args in ((parent,), ()):
        try:
            return int(method(*args))
        except TypeError:
            continue
    return 1


def model_texts(model: QAbstractItemModel) -> Iterator[str]:
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = _count(model, "columnCount" if orientation == Qt.Orientation.Horizontal
                       else "rowCount", QModelIndex())
        for section in range(min(count, 50)):
            for role in ROLES:
                yield from _strings(model.headerData(section, orientation, role))

    def walk(parent: QModelIndex) -> Iterator[str]:
        for row in range(_count(model, "rowCount", parent)):
            for column in range(max(1, _count(model, "columnCount", parent))):
                index = model.index(row, column, parent)
                for role in ROLES:
                    yield from _strings(model.data(index, role))
            first = model.index(row, 0, parent)
            if first.isValid() and _count(model, "rowCount", first) > 0:
                yield from walk(first)

    yield from walk(QModelIndex())


def widget_texts(widget: QWidget) -> Iterator[str]:
    yield from (widget.windowTitle(), widget.toolTip(), widget.statusTip(), widget.whatsThis(),
                widget.accessibleName(), widget.accessibleDescription())
    if isinstance(widget, QLabel):
        yield widget.text()
    if isinstance(widget, QAbstractButton):
        yield widget.text()
    if isinstance(widget, QLineEdit):
        yield from (widget.text(), widget.placeholderText(), widget.displayText())
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield widget.toPlainText()
    if isinstance(widget, QComboBox):
        yield widget.currentText()
        for i in range(widget.count()):
            yield widget.itemText(i)
            yield from _strings(widget.itemData(i))
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QTabBar):
        yield from (widget.tabText(i) for i in range(widget.count()))
    for action in widget.actions():
        yield from (action.text(), action.toolTip(), action.statusTip())
        yield from _strings(action.data())


class Application:
    """What the application holds, less what earlier tests of this process left behind."""

    def __init__(self) -> None:
        gc.collect()
        # Held, so that no object of this test is ever given one of their ids.
        self.held = [*QApplication.allWidgets(), *self._python_models(), *self._answers()]
        self.earlier = {id(o) for o in self.held}

    @staticmethod
    def _tracked() -> list[object]:
        """Every object the collector tracks, those the start-up froze included (frozen again
        afterwards: the desk runs as it does outside tests)."""
        frozen = gc.get_freeze_count()
        gc.unfreeze()
        everything = gc.get_objects()
        if frozen:
            gc.freeze()
        return everything

    @classmethod
    def _python_models(cls) -> list[QAbstractItemModel]:
        return [o for o in cls._tracked()
                if isinstance(o, QAbstractItemModel) and shiboken6.isValid(o)]

    @classmethod
    def _answers(cls) -> list[object]:
        return [o for o in cls._tracked()
                if isinstance(o, (ComplaintDetail, ComplaintRow, AttachmentInfo))]

    def widgets(self) -> list[QWidget]:
        return [w for w in QApplication.allWidgets() if id(w) not in self.earlier]

    def models(self, roots: Iterable[QObject]) -> list[QAbstractItemModel]:
        """The views' models, the models under any window or the desk, and any model Python
        holds (one not set on a view and parented to nothing would otherwise escape)."""
        found: dict[int, QAbstractItemModel] = {}
        for widget in self.widgets():
            if isinstance(widget, (QAbstractItemView, QComboBox)) and widget.model() is not None:
                found[id(widget.model())] = widget.model()
        for root in roots:
            for model in root.findChildren(QAbstractItemModel):
                found[id(model)] = model
        for model in self._python_models():
            found[id(model)] = model
        return [m for key, m in found.items() if key not in self.earlier]

    def texts(self, desk: Desk) -> str:
        texts: list[str] = []
        for widget in self.widgets():
            texts.extend(widget_texts(widget))
        for model in self.models([desk, *QApplication.topLevelWidgets()]):
            texts.extend(model_texts(model))
        texts.append(QApplication.clipboard().text())
        return html.unescape("\n".join(t for t in texts if t))

    def leftovers(self, desk: Desk, forbidden: Iterable[str]) -> list[str]:
        everything = self.texts(desk)
        return sorted({text for text in forbidden if text and text in everything})

    def live_answers(self) -> list[object]:
        """The services' answers the window held (rows, details, attachments), still alive
        after the next collection (which, like the desk's own, leaves the start-up's frozen
        objects alone: what they hold stays alive unless the session's end let them go)."""
        gc.collect()
        return [o for o in self._answers() if id(o) not in self.earlier]


# --- driving the desk ---------------------------------------------------------------------------

def sign_in_through_the_dialog(qtbot: Any, desk: Desk, url: str, user: str,
                               password: str) -> None:
    login = desk.login
    assert login is not None and login.isVisible()
    login.server.setEditText(url)
    login.username.setText(user)
    login.password.setText(password)
    controller = desk.controller
    with qtbot.waitSignal(controller.sync_finished, timeout=120_000):
        login.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: desk.window.isVisible() and desk.window.queue_key is not None
                    and desk.taskman.idle, timeout=WAIT)


def a_complaint_with_a_reporter_and_a_picture(station: Workstation) -> tuple[ComplaintDetail,
                                                                             str, str]:
    """(detail, queue it is listed in, image attachment id)."""
    cache = station.session.require_cache()
    with cache.engine.connect() as c:
        pictures = list(c.execute(select(Attachment.complaint_id, Attachment.id).where(
            Attachment.mime_type == "image/png").order_by(Attachment.id)))
    queues = {key: set(station.complaint_ids(key)) for key in station.queue_keys()
              if key not in ("outbox", "conflicts")}
    for complaint_id, attachment_id in pictures:
        detail = station.detail(complaint_id)
        listed = [key for key, ids in queues.items() if complaint_id in ids]
        if (detail.reporter_name and detail.reporter_contact and not detail.row.anonymous
                and listed and "internal_note" in detail.allowed_actions):
            return detail, listed[0], attachment_id
    raise AssertionError("the seed has no complaint with a reporter, a picture and a queue")


def all_titles(station: Workstation) -> set[str]:
    ids = {i for key in station.queue_keys() for i in station.complaint_ids(key)}
    return {row.title for row in station.rows(sorted(ids))}


def desk_words() -> set[str]:
    """Every text the desk itself says in Indonesian (its translations)."""
    tree = ElementTree.parse(ROOT / "resources" / "translations" / "lapor_desk_id.ts")
    return {t.text for t in tree.iter("translation") if t.text}


def work_as_a(qtbot: Any, desk: Desk, station: Workstation) -> list[str]:
    """A's session on screen: outbox review, a reporter's complaint, its picture in the viewer,
    a draft naming the reporter, the dashboard, a search copied. Returns A's texts (strings
    only: nothing of the services' objects stays with the test)."""
    window = desk.window
    window.resize(1366, 768)
    window.attachments.auto_prefetch = False
    detail, queue, picture = a_complaint_with_a_reporter_and_a_picture(station)
    titles = all_titles(station)
    assert detail.row.title in titles and len(titles) > 50
    # A title that is one of the desk's own words (citizens title a report "Pengaduan", a type's
    # name) is not the session's: the desk shows it to anyone.
    titles = [t for t in titles if t not in desk_words()]

    # A note waiting in the outbox: the review shows it.
    station.actions.internal_note(detail.row.id, f"Sudah menelepon {detail.reporter_name}")
    window.select_queue("outbox")
    qtbot.waitUntil(lambda: window.queue_key == "outbox" and desk.taskman.idle, timeout=WAIT)
    # The complaint with the reporter's name and phone, from its queue.
    window.select_queue(queue)
    qtbot.waitUntil(lambda: window.queue_key == queue and desk.taskman.idle, timeout=WAIT)
    model = window.table_model
    qtbot.waitUntil(lambda: model.row_of(detail.row.id) >= 0, timeout=WAIT)
    window.table.selectRow(model.row_of(detail.row.id))
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.row.id == detail.row.id
                    and desk.taskman.idle, timeout=WAIT)
    # Its picture in the viewer.
    with qtbot.waitSignal(window.attachments.viewer_opened, timeout=WAIT) as opened:
        window.attachments.open(picture)
    viewer = opened.args[0]
    assert isinstance(viewer, AttachmentViewer) and viewer.showing == "image"
    # A note begun, naming the reporter (a draft), then put aside.
    window.flows.write_current("internal_note")
    qtbot.waitUntil(lambda: window.flows.dialog is not None, timeout=WAIT)
    dialog = window.flows.dialog
    assert isinstance(dialog, FollowUpDialog)
    dialog.editor.setPlainText(f"Hubungi lagi {detail.reporter_name} di "
                               f"{detail.reporter_contact}")
    dialog.reject()
    # The dashboard, and a search copied to the clipboard.
    assert window.dashboard.open() is not None
    word = max(detail.row.title.split(), key=len)
    window.search.setFocus()
    qtbot.keyClicks(window.search, word)
    qtbot.waitUntil(lambda: desk.taskman.idle and model.row_of(detail.row.id) >= 0,
                    timeout=WAIT)
    window.activateWindow()
    window.search.selectAll()
    window.search.copy()
    assert QApplication.clipboard().text() == word
    qtbot.waitUntil(lambda: desk.taskman.idle, timeout=WAIT)
    return [detail.reporter_name or "", detail.reporter_contact or "", detail.body,
            str(detail.row.tracking_number), word, detail.row.title, *titles]


def sign_out(qtbot: Any, desk: Desk) -> None:
    """A signs out (confirming: the note was not sent); the session's objects are gone."""
    window = desk.window
    old = [window, desk.controller, window.attachments.viewer, window.dashboard.window]
    assert all(o is not None for o in old)
    answer_with(lambda d: d.confirm_button.click())
    with qtbot.waitSignal(desk.session_ended, timeout=60_000):
        window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(o) for o in old)
                    and desk.login is not None and desk.login.isVisible(), timeout=WAIT)


def test_nothing_of_a_session_remains_after_sign_out(qtbot: Any, tmp_path: Path,
                                                     live_server: LiveServer,
                                                     password: str) -> None:
    serve_seed_blobs(live_server)
    app = Application()
    station = Workstation(tmp_path / "profiles", device="pytest-shared-pc")
    desk = Desk(station, tray_available=lambda: False)
    try:
        desk.start()
        sign_in_through_the_dialog(qtbot, desk, live_server.url, "admin.kendari", password)
        mine = work_as_a(qtbot, desk, station)
        reporter, phone, _body, _number, word, title = mine[:6]
        # The walk sees what the session shows (so that it can see what would remain).
        assert {reporter, phone, title, word} <= set(app.leftovers(desk, mine))

        sign_out(qtbot, desk)
        save_png(desk.window, "session_after_sign_out")
        save_png(desk.login, "session_after_sign_out_login")  # type: ignore[arg-type]
        assert app.leftovers(desk, mine) == []
        assert QApplication.clipboard().text() == ""
        qtbot.waitUntil(lambda: desk.taskman.idle, timeout=WAIT)  # late answers: dropped
        assert app.live_answers() == []
        login = desk.login
        assert login is not None and login.password.text() == login.username.text() == ""

        # B signs in on the same computer.
        sign_in_through_the_dialog(qtbot, desk, live_server.url, "admin.konawe", password)
        desk.window.resize(1366, 768)
        theirs = "\n".join(all_titles(station))  # B's own complaints' titles are B's
        save_png(desk.window, "session_b_signed_in")
        assert app.leftovers(desk, [t for t in mine if t not in theirs]) == []
    finally:
        if desk.login is not None:
            desk.login.rejected.disconnect()  # closing it must not quit the test's application
            desk.login.hide()
        desk.shutdown()
