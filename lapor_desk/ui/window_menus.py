"""The main window's own actions, its toolbar and its menus (File, View, Help); the parts of the
window (intake, verification, dashboard, keyboard) install theirs into them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QWidget

from lapor_desk.ui import i18n
from lapor_desk.ui.resources import icon


class WindowMenus(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.sync_action = self._action(window, "sync", QKeySequence(Qt.Key.Key_F5))
        self.forward_action = self._action(window, "forward", QKeySequence("Ctrl+D"))
        self.reply_action = self._action(window, "reply", QKeySequence("Ctrl+R"))
        self.note_action = self._action(window, "note", QKeySequence("Ctrl+N"))
        self.find_action = QAction(window)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        window.addAction(self.find_action)
        self.sign_out_action = QAction(window)
        self.quit_action = QAction(window)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.toolbar = window.addToolBar("main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.sync_action, self.forward_action, self.reply_action,
                       self.note_action):
            self.toolbar.addAction(action)
        self.user_label = QLabel()
        self.user_label.setObjectName("userLabel")
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.user_label)
        self.file_menu = window.menuBar().addMenu("")
        self.view_menu = window.menuBar().addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(window)
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, window, checkable=True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _c=False, c=code: i18n.set_language(c, True))
            group.addAction(action)
            self.language_menu.addAction(action)
        self.help_menu = window.menuBar().addMenu("")
        self.diagnostics_action = self.help_menu.addAction("")

    @staticmethod
    def _action(window: QMainWindow, icon_name: str, keys: QKeySequence) -> QAction:
        action = QAction(icon(icon_name), "", window)
        action.setShortcut(keys)
        return action

    def finish_file_menu(self) -> None:
        """Sign out and Quit at the end of the File menu (after what the parts put in)."""
        self.file_menu.addAction(self.sign_out_action)
        self.file_menu.addAction(self.quit_action)

    def retranslate(self) -> None:
        self.sync_action.setText(self.tr("Sync now"))
        self.sync_action.setToolTip(self.tr("Send your work and fetch changes (F5)"))
        self.forward_action.setText(self.tr("Forward"))
        self.reply_action.setText(self.tr("Follow-up reply"))
        self.note_action.setText(self.tr("Internal note"))
        self.find_action.setText(self.tr("Go to the search"))
        self.sign_out_action.setText(self.tr("Sign out"))
        self.quit_action.setText(self.tr("Quit"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("Language"))
        self.diagnostics_action.setText(self.tr("Save diagnostics for support…"))
        self.diagnostics_action.setStatusTip(self.tr(
            "Save a file for your support team: versions, sync state and recent log, without "
            "personal data"))
