"""Keyboard-only use of the main window: Ctrl+1…9 open a queue, Enter opens the complaint in
the detail, Esc goes back to the list, F6 / Shift+F6 move between the panes, Ctrl+Shift+F
reaches the filters, Ctrl+Shift+X resets them; F1 lists every shortcut the window has.

The shortcuts dialog reads the window's actions, so shortcuts added elsewhere (verification,
intake, follow-up) appear there without being listed twice.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.panes import Panes

QUEUE_KEYS = 9
#: Where the keyboard is must be visible: a blue frame on the focused pane.
OPEN_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


def _plain(text: str) -> str:
    """An action's text without its mnemonic ampersand or trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class Keyboard(QObject):
    """Works on the window's panes; :meth:`install` puts its keys on the window."""

    def __init__(self, window: QMainWindow, panes: Panes) -> None:
        super().__init__(window)
        self.window = window
        self.panes = panes
        self.dialog: ShortcutsDialog | None = None
        self.queue_actions: list[QAction] = []
        for number in range(1, QUEUE_KEYS + 1):
            action = QAction(window)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _c=False, n=number: self.open_queue(n - 1))
            self.queue_actions.append(action)
        self.next_pane_action = self._action("F6", lambda: self.cycle(1))
        self.previous_pane_action = self._action("Shift+F6", lambda: self.cycle(-1))
        self.filters_action = self._action("Ctrl+Shift+F", self.focus_filters)
        self.reset_filters_action = self._action("Ctrl+Shift+X", panes.filter_bar.reset)
        self.back_action = QAction(panes.detail)
        self.back_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.back_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.back_action.triggered.connect(self.back_to_list)
        self.shortcuts_action = QAction(window)
        self.shortcuts_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.retranslate()

    def install(self, help_menu: QMenu) -> None:
        """The keys on the window (Esc on the detail), the tab order, F1 in ``help_menu``."""
        for action in (*self.queue_actions, self.next_pane_action, self.previous_pane_action,
                       self.filters_action, self.reset_filters_action):
            self.window.addAction(action)
        self.panes.detail.addAction(self.back_action)
        self.panes.table.installEventFilter(self)
        self.window.installEventFilter(self)
        self.set_tab_order()
        help_menu.addAction(self.shortcuts_action)

    def set_tab_order(self) -> None:
        """Queues → search → filters → list: the order a person works in."""
        p = self.panes
        QWidget.setTabOrder(p.queues, p.search)
        QWidget.setTabOrder(p.search, p.filter_bar.type_combo)
        p.filter_bar.chain_to(p.table)

    def _action(self, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(self.window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    def retranslate(self) -> None:
        for number, action in enumerate(self.queue_actions, start=1):
            action.setText(self.tr("Open queue %1").replace("%1", str(number)))
        self.next_pane_action.setText(self.tr("Next pane (queues, list, detail)"))
        self.previous_pane_action.setText(self.tr("Previous pane"))
        self.filters_action.setText(self.tr("Go to the filters"))
        self.reset_filters_action.setText(self.tr("Reset filters"))
        self.back_action.setText(self.tr("Back to the list"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and is_language_change(event):
            self.retranslate()
        elif (watched is self.panes.table and event.type() == QEvent.Type.KeyPress
              and isinstance(event, QKeyEvent) and event.key() in OPEN_KEYS
              and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.open_current()
            return True
        return False

    # --- moving around -------------------------------------------------------------------------

    def open_queue(self, row: int) -> None:
        """Ctrl+<n>: the n-th queue in the sidebar, focus on its list."""
        key = self.panes.queue_model.key_at(row)
        if key is None:
            return
        self.panes.select_queue(key)
        self.panes.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_current(self) -> None:
        """Enter in the list: the complaint (the current row, or the first) in the detail,
        with the keyboard focus there to read and act on it."""
        table = self.panes.table
        if not table.currentIndex().isValid():
            if self.panes.table_model.rowCount() == 0:
                return
            table.selectRow(0)
        self.panes.detail.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.panes.detail.focusNextChild()

    def back_to_list(self) -> None:
        self.panes.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_filters(self) -> None:
        self.panes.filter_bar.type_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cycle_order(self) -> list[QWidget]:
        p = self.panes
        return [p.queues, p.search, p.table, p.detail]

    def cycle(self, step: int) -> None:
        """F6 / Shift+F6: queues → search → list → detail and round again."""
        panes = self.cycle_order()
        focus = self.window.focusWidget()
        here = next((i for i, pane in enumerate(panes)
                     if focus is not None and (focus is pane or pane.isAncestorOf(focus))), -1)
        target = panes[(here + step) % len(panes)]
        if target is self.panes.detail:
            self.panes.detail.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.panes.detail.focusNextChild()
        else:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- the list of shortcuts -----------------------------------------------------------------

    def show_shortcuts(self) -> None:
        if self.dialog is None:
            self.dialog = ShortcutsDialog(self.window)
            self.dialog.finished.connect(self._closed)
        self.dialog.show_rows(self.rows())
        self.dialog.open()

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def rows(self) -> list[tuple[str, str]]:
        """(keys, what it does) for every action with a shortcut, then the keys that are not
        actions (moving in lists and dialogs)."""
        seen: set[str] = set()
        found: list[tuple[str, str]] = []
        actions = [a for a in self.window.findChildren(QAction) if not a.shortcut().isEmpty()
                   and a not in self.queue_actions]
        for action in actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            text = _plain(action.text())
            if not text or keys in seen:
                continue
            seen.add(keys)
            found.append((keys, text))
        found.sort(key=lambda r: (len(r[0]), r[0]))
        native = QKeySequence.SequenceFormat.NativeText
        found += [
            (self.queue_actions[0].shortcut().toString(native) + " … "
             + self.queue_actions[-1].shortcut().toString(native),
             self.tr("Open a queue (its place in the list of queues)")),
            (self.tr("Enter"), self.tr("Open the chosen complaint in the detail")),
            (self.tr("Up / Down, Page Up / Page Down"), self.tr("Move in the list")),
            (self.tr("Tab / Shift+Tab"), self.tr("Next / previous field")),
            (self.tr("Space"), self.tr("Open a filter's choices")),
            (self.tr("Delete"), self.tr("Remove the filter in the focused box")),
        ]
        return found


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 560)
        self.browser = QTextBrowser()
        self.browser.setObjectName("shortcutsList")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.rows: list[tuple[str, str]] = []

    def show_rows(self, rows: list[tuple[str, str]]) -> None:
        self.rows = rows
        cells = "".join(
            f"<tr><td style='padding:3px 18px 3px 0'><b>{escape(keys)}</b></td>"
            f"<td style='padding:3px 0'>{escape(text)}</td></tr>" for keys, text in rows)
        self.browser.setHtml(f"<table cellspacing='0'>{cells}</table>")
