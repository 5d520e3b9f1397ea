"""Walking the desk's screens as a person meets them: each dialog the main window opens (shown,
handed to the caller, closed again), and every piece of text a widget shows — its own text,
placeholder, tooltip, window title, a list's items, a table's headings, a menu's entries, the
buttons of message boxes and of Qt's own file dialog."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QTreeView,
    QWidget,
)

from lapor_desk.server.seed.attachment_files import png
from lapor_desk.services.attachments import AttachmentInfo
from lapor_desk.services.profile_copy import UnsyncedWork
from lapor_desk.services.receipts import IntakeReceipt
from lapor_desk.services.types import AgencyItem
from lapor_desk.ui.attachment_viewer import AttachmentViewer
from lapor_desk.ui.dialogs.diagnostics import DiagnosticsDialog
from lapor_desk.ui.dialogs.import_register import ImportRegisterDialog
from lapor_desk.ui.dialogs.kept_text import KeptTextDialog
from lapor_desk.ui.dialogs.login import LoginDialog
from lapor_desk.ui.dialogs.progress import ProgressDialog
from lapor_desk.ui.dialogs.receipt import ReceiptDialog
from lapor_desk.ui.dialogs.sign_out import SignOutDialog
from lapor_desk.ui.dialogs.unit_names import UnitNamesDialog
from lapor_desk.ui.dialogs.verify import ReasonDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.complaint_table import PLACE, TITLE
from lapor_desk.ui.quit_guard import QuitDialog
from lapor_desk.ui.receipt_document import ReceivedBy
from lapor_desk.ui.verify_flows import VERIFY_KINDS
from tests.ui.desk_support import WAIT, select_rows

_TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """What a person reads: no markup, no mnemonic ampersands, entities as characters."""
    text = _TAGS.sub(" ", text)
    for entity, char in (("&nbsp;", " "), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"),
                         ("&quot;", '"'), ("&#39;", "'")):
        text = text.replace(entity, char)
    return re.sub(r"&(?=\S)", "", text).replace("&&", "&").strip()


def _menu_texts(menu: QMenu | QMenuBar, where: str) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        yield where, action.text()
        if action.toolTip() != action.text().replace("&", ""):
            yield where + " tooltip", action.toolTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), where)  # type: ignore[arg-type]


#: the rows of a list or table looked at (the first ones: the rest say the same things)
ROWS = 60
#: the columns that show what citizens wrote (titles, places), by the view's name: their words
#: are theirs, not the desk's
DATA_COLUMNS = {"complaints": {TITLE, PLACE}, "similarComplaints": {0}}


def _model_texts(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    """A view's headings, and the text and tooltip of the cells of its first rows."""
    model = view.model()
    if model is None:
        return
    header = view.horizontalHeader() if isinstance(view, QTableView) else (
        view.header() if isinstance(view, QTreeView) else None)
    columns = header.count() if header is not None else 1
    for section in range(columns if header is not None and header.isVisible() else 0):
        for role, what in ((Qt.ItemDataRole.DisplayRole, " heading"),
                           (Qt.ItemDataRole.ToolTipRole, " heading tooltip")):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield where + what, value
    theirs = DATA_COLUMNS.get(view.objectName(), set())
    for row in range(min(model.rowCount(QModelIndex()), ROWS)):
        for column in (c for c in range(columns) if c not in theirs):
            index = model.index(row, column)
            for role, what in ((Qt.ItemDataRole.DisplayRole, " cell"),
                               (Qt.ItemDataRole.ToolTipRole, " cell tooltip")):
                value = index.data(role)
                if isinstance(value, str):
                    yield f"{where}{what} {row},{column}", value


def texts_of(top: QWidget, views_too: Callable[[QAbstractItemView], bool] = lambda v: True,
             ) -> Iterator[tuple[str, str]]:
    """(where, text) for every text ``top`` and its visible children show a person."""
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if widget is not top and not widget.isVisibleTo(top):
            continue
        where = f"{type(top).__name__}/{type(widget).__name__}:{widget.objectName()}"
        if widget.isWindow():
            yield where + " title", widget.windowTitle()
        yield where + " tooltip", widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield where, widget.text()
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            yield where + " placeholder", widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield where + " item", widget.itemText(index)
        elif isinstance(widget, QAbstractSpinBox):
            yield where + " special", widget.specialValueText()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield where + " tab", widget.tabText(index)
        elif isinstance(widget, (QMenuBar, QMenu)):
            yield from _menu_texts(widget, where)
        elif isinstance(widget, QToolBar):
            for action in widget.actions():
                if action.isVisible() and not action.isSeparator():
                    yield where + " action", action.text()
                    yield where + " action tooltip", action.toolTip()
        if (isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView)
                and views_too(widget)):  # a heading is read with its table
            yield from _model_texts(widget, where)


# --- the dialogs -----------------------------------------------------------------------------

def _slot_dialog(qtbot: Any, window: MainWindow, start: Callable[[], None],
                 where: Callable[[], QDialog | None]) -> Iterator[QWidget]:
    start()
    qtbot.waitUntil(lambda: where() is not None and window.controller.taskman.idle,
                    timeout=WAIT)
    dialog = where()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    yield dialog
    dialog.reject()
    qtbot.waitUntil(lambda: where() is None, timeout=WAIT)


def _own(qtbot: Any, dialog: QWidget) -> Iterator[QWidget]:
    dialog.show()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    yield dialog
    dialog.close()
    dialog.deleteLater()


def each_dialog(qtbot: Any, window: MainWindow) -> Iterator[QWidget]:
    """Each dialog and secondary window the main window opens, on the complaint it shows (and
    a selection of two for the actions on many), then Qt's standard dialogs as the desk opens
    them: the file picker (open and save) and a question with a standard button."""
    detail = window.detail.detail
    assert detail is not None, "show a complaint first"
    flows, verify = window.flows, window.verify
    yield from _slot_dialog(qtbot, window, flows.forward_current, lambda: flows.dialog)
    for kind in ("follow_up", "note"):
        yield from _slot_dialog(qtbot, window, lambda k=kind: flows.write_current(k),
                                lambda: flows.dialog)
    for kind in VERIFY_KINDS:
        if kind in detail.allowed_actions:
            yield from _slot_dialog(qtbot, window, lambda k=kind: verify.start_current(k),
                                    lambda: verify.dialog)
    if window.intake.record_action.isVisible():
        yield from _slot_dialog(qtbot, window, window.intake.record,
                                lambda: window.intake.dialog)
    yield from _slot_dialog(qtbot, window, window.keyboard.show_shortcuts,
                            lambda: window.keyboard.dialog)
    if window.table_model.rowCount(QModelIndex()) > 2:
        for bulk in (verify.bulk_forward, verify.bulk_archive):
            select_rows(window, [0, 1])  # again: a refresh in between may have redrawn the list
            yield from _slot_dialog(qtbot, window, bulk, lambda: verify.dialog)
    if window.dashboard.action.isVisible():
        dashboard = window.dashboard.open()
        assert dashboard is not None
        page = dashboard.page
        qtbot.waitUntil(lambda: window.controller.taskman.idle and page.isVisible(), timeout=WAIT)
        qtbot.wait(100)
        yield dashboard
        dashboard.close()
    yield from _own(qtbot, ImportRegisterDialog(parent=window))
    yield from _own(qtbot, LoginDialog([], None))
    yield from _own(qtbot, ProgressDialog(
        QCoreApplication.translate("Desk", "Resetting the training data"), window))
    yield from _own(qtbot, DiagnosticsDialog(window.controller, window))
    yield from _own(qtbot, AttachmentViewer(png(1600, 1200, (10, 120, 200), 1), AttachmentInfo(
        "a-1", "c1", None, "foto_lokasi.png", "image/png", "image", 10, "0" * 64, True),
        parent=window))
    # closing and reopening (the shown complaint may allow neither), the words a refused action
    # kept, a unit's other names, a receipt, the question at Quit
    for kind in ("close", "reopen"):
        yield from _own(qtbot, ReasonDialog(kind, detail.row.title, parent=window))
    yield from _own(qtbot, KeptTextDialog(detail.row.title, "Kami sudah menindaklanjuti laporan "
                                          "Bapak/Ibu dengan turun ke lokasi.", window))
    yield from _own(qtbot, UnitNamesDialog(AgencyItem(
        7, 1, "opd", "Dinas Kependudukan dan Pencatatan Sipil Kota Kendari", "7471-DUKCAPIL",
        True, ("Disdukcapil", "Capil"), ("Pemerintah Kota Kendari",), None, True), window))
    yield from _own(qtbot, ReceiptDialog(IntakeReceipt(
        "c-1", None, "S-7K2M-Q9XD", detail.row.title, "pengaduan", "letter",
        datetime(2026, 11, 23, 2, 30, tzinfo=UTC), "045/112/KEL-KRB/XI/2026", date(2026, 11, 20),
        "Wa Ode Siti", False, False, "Kota Kendari", "Sulawesi Tenggara", 1),
        ReceivedBy("Admin Kendari", "Dinas Komunikasi dan Informatika Kota Kendari"), window))
    for problem in ("", "Server tidak menjawab."):
        yield from _own(qtbot, QuitDialog(2, problem, window))
    # the buttons Qt names itself, as the attachments' "open with another application" asks
    buttons = QMessageBox.StandardButton
    yield from _own(qtbot, QMessageBox(
        QMessageBox.Icon.Question, window.windowTitle(), window.windowTitle(),
        buttons.Open | buttons.Save | buttons.Yes | buttons.No | buttons.Close
        | buttons.Cancel, window))
    for work in (UnsyncedWork(pending=2, rejected=1, conflicts=1, drafts=1),
                 UnsyncedWork(pending=0, rejected=0, conflicts=0)):
        box: QMessageBox = SignOutDialog(work, window)
        yield from _own(qtbot, box)
    folder = Path(tempfile.mkdtemp(prefix="lapor-berkas-"))
    (folder / "rekap-2026-11.xlsx").write_bytes(b"")
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        picker = QFileDialog(window, "", str(folder), "Excel (*.xlsx)")
        picker.setAcceptMode(mode)
        yield from _own(qtbot, picker)
    assert isinstance(window, QMainWindow)


def cut_off(top: QWidget) -> list[str]:
    """Visible widgets in ``top`` reaching past their parent's edges (content pushed out of
    view), leaving out what scrolls: a scroll area's contents and an item view's own parts."""
    found = []
    for widget in top.findChildren(QWidget):
        parent = widget.parentWidget()
        if (parent is None or widget.isWindow() or not widget.isVisibleTo(top)
                or isinstance(parent.parentWidget(), QAbstractScrollArea)
                or isinstance(parent, QAbstractScrollArea) or _scrolls(widget, top)):
            continue
        if not parent.rect().contains(widget.geometry()):
            found.append(f"{type(widget).__name__}:{widget.objectName()} "
                         f"{widget.geometry().getRect()} in {type(parent).__name__}:"
                         f"{parent.objectName()} {parent.size().toTuple()}")
    return found


def _scrolls(widget: QWidget, top: QWidget) -> bool:
    """Whether ``widget`` sits in an item view or a scroll area's contents (below ``top``)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False
