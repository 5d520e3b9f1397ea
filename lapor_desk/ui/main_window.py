"""The main window: queues on the left, the complaint list, the detail on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.types import ComplaintFilter, SessionInfo
from lapor_desk.ui import i18n, labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.intake_flows import IntakeFlows
from lapor_desk.ui.models.complaint_table import ComplaintTableModel
from lapor_desk.ui.models.queue_list import QueueDelegate, QueueListModel
from lapor_desk.ui.outbox_review import OutboxReviewArea
from lapor_desk.ui.resources import icon
from lapor_desk.ui.status_bar import DeskStatusBar
from lapor_desk.ui.verify_flows import VerifyFlows
from lapor_desk.ui.work import WorkFlows

SYNC_INTERVAL_MS = 5 * 60 * 1000
TYPES = ("", "pengaduan", "aspirasi", "permintaan_informasi")


class MainWindow(QMainWindow):
    def __init__(self, controller: DeskController) -> None:
        super().__init__()
        self.controller = controller
        self.setWindowIcon(icon("app"))
        self.queue_key: str | None = None
        self._request = 0
        self._keep_selection: str | None = None
        self.queue_model = QueueListModel(self)
        self.queue_view = QListView()
        self.queue_view.setObjectName("queues")
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setItemDelegate(QueueDelegate(self.queue_view))
        self.queue_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.queue_view.setMinimumWidth(230)
        self.queue_view.selectionModel().currentChanged.connect(self._queue_chosen)
        self.table_model = ComplaintTableModel(controller.fetch_rows, self)
        self.table = QTableView()
        self.table.setObjectName("complaints")
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((138, 76, 300, 200, 150, 230, 120, 110)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._complaint_chosen)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.type_filter = QComboBox()
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.reload_ids)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.type_filter.currentIndexChanged.connect(lambda _i: self.reload_ids())
        self.list_heading = QLabel()
        self.list_heading.setObjectName("listHeading")
        self.banner = QLabel()
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner_close = QToolButton()
        self.banner_close.setText("✕")
        self.banner_close.clicked.connect(self.hide_error)
        self.detail = DetailPane()
        self.flows = WorkFlows(self, controller, self.detail)
        self.intake = IntakeFlows(self, controller, self.detail)
        self.setStatusBar(DeskStatusBar())
        self.statusBar().cancel_requested.connect(controller.cancel_sync)
        self._build_layout()
        self._build_actions()
        self._connect()
        self.verify = VerifyFlows(self, controller)
        self.outbox_review = OutboxReviewArea(self, controller, self.verify)
        self.sync_timer = QTimer(self, interval=SYNC_INTERVAL_MS)
        self.sync_timer.timeout.connect(controller.sync)
        self.retranslate()
        self.hide_error()
        self.resize(1366, 768)
        geometry = QSettings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # --- building ----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        center = QWidget()
        column = QVBoxLayout(center)
        column.setContentsMargins(12, 10, 12, 0)
        column.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.list_heading, 1)
        top.addWidget(self.type_filter)
        top.addWidget(self.search, 1)
        banner = QHBoxLayout()
        banner.addWidget(self.banner, 1)
        banner.addWidget(self.banner_close)
        column.addLayout(banner)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.queue_view)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([250, 696, 420])
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _build_actions(self) -> None:
        self.sync_action = QAction(icon("sync"), "", self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.triggered.connect(self.controller.sync)
        self.forward_action = QAction(icon("forward"), "", self)
        self.forward_action.setShortcut(QKeySequence("Ctrl+D"))
        self.forward_action.triggered.connect(self.flows.forward_current)
        self.reply_action = QAction(icon("reply"), "", self)
        self.reply_action.setShortcut(QKeySequence("Ctrl+R"))
        self.reply_action.triggered.connect(lambda: self.flows.write_current("follow_up"))
        self.note_action = QAction(icon("note"), "", self)
        self.note_action.setShortcut(QKeySequence("Ctrl+N"))
        self.note_action.triggered.connect(lambda: self.flows.write_current("internal_note"))
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda: self.search.setFocus())
        self.addAction(self.find_action)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.controller.sign_out)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.toolbar = self.addToolBar("main")
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
        self.file_menu = self.menuBar().addMenu("")
        self.intake.install(self.toolbar, self.file_menu)
        self.file_menu.addAction(self.sign_out_action)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _c=False, c=code: i18n.set_language(c, True))
            group.addAction(action)
            self.language_menu.addAction(action)

    def _connect(self) -> None:
        c = self.controller
        c.queues_loaded.connect(self._queues_loaded)
        c.ids_loaded.connect(self._ids_loaded)
        c.detail_loaded.connect(self._detail_loaded)
        c.status_loaded.connect(self.statusBar().show_status)
        c.changed.connect(self.refresh)
        c.sync_started.connect(lambda: self._syncing(True))
        c.sync_progress.connect(self.statusBar().show_progress)
        c.sync_finished.connect(lambda _o: self._syncing(False))
        c.sync_failed.connect(self._sync_failed)
        c.error.connect(self.show_error)

    def changeEvent(self, event: QEvent) -> None:
        if i18n.is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("LAPOR Desk"))
        self.sync_action.setText(self.tr("Sync now"))
        self.sync_action.setToolTip(self.tr("Send your work and fetch changes (F5)"))
        self.forward_action.setText(self.tr("Forward"))
        self.reply_action.setText(self.tr("Follow-up reply"))
        self.note_action.setText(self.tr("Internal note"))
        self.sign_out_action.setText(self.tr("Sign out"))
        self.quit_action.setText(self.tr("Quit"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("Language"))
        self.search.setPlaceholderText(self.tr("Search titles, reports and replies (Ctrl+F)"))
        current = self.type_filter.currentIndex()
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("All types"), "")
        for code in TYPES[1:]:
            self.type_filter.addItem(labels.complaint_type(code), code)
        self.type_filter.setCurrentIndex(max(current, 0))
        self.type_filter.blockSignals(False)
        self._update_heading()
        self._show_user()
        self.table_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 7)

    # --- session -----------------------------------------------------------------------------

    def start_session(self, info: SessionInfo) -> None:
        self._show_user(info)
        self.refresh(frozenset({"queues", "status"}))
        self.sync_timer.start()

    def _show_user(self, info: SessionInfo | None = None) -> None:
        info = info or self.controller.info
        if info is None:
            self.user_label.setText("")
            return
        role = {"national_admin": self.tr("National admin"), "agency_admin":
                self.tr("Agency admin"), "liaison_officer": self.tr("Liaison officer")}
        who = " · ".join(p for p in (info.display_name or info.username,
                                     role.get(info.role, info.role), info.unit_name) if p)
        self.user_label.setText(who)

    # --- loading -----------------------------------------------------------------------------

    def refresh(self, what: frozenset[str]) -> None:
        if "queues" in what:
            self.controller.load_queues()
        if "rows" in what and self.queue_key:
            self.reload_ids()
        if "detail" in what and self.detail.complaint_id:
            self.controller.load_detail(self.detail.complaint_id)
        if "status" in what:
            self.controller.load_status()
        self._show_user()

    def current_filter(self) -> ComplaintFilter:
        return ComplaintFilter(search=self.search.text(),
                               complaint_type=self.type_filter.currentData() or None)

    def reload_ids(self) -> None:
        if self.queue_key:
            self._keep_selection = self.current_id()
            self._request = self.controller.load_ids(self.queue_key, self.current_filter())

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.table_model.id_at(index.row()) if index.isValid() else None

    def select_queue(self, key: str) -> None:
        row = self.queue_model.row_of(key)
        if row >= 0:
            self.queue_view.setCurrentIndex(self.queue_model.index(row))

    def _queues_loaded(self, queues: list) -> None:
        self.queue_model.set_queues(queues)
        if self.queue_key is None and queues:
            self.select_queue(queues[0].key)
        self._update_heading()

    def _queue_chosen(self, current: object, _previous: object) -> None:
        key = self.queue_model.key_at(self.queue_view.currentIndex().row())
        if key and key != self.queue_key:
            self.queue_key = key
            self.detail.clear()
            self._update_heading()
            self.reload_ids()

    def _update_heading(self) -> None:
        self.list_heading.setText(labels.queue(self.queue_key) if self.queue_key else "")

    def _ids_loaded(self, request: int, ids: list[str]) -> None:
        if request != self._request:
            return  # an older answer: the user moved on
        keep = self._keep_selection
        self.table_model.set_ids(ids)
        row = self.table_model.row_of(keep) if keep else -1
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.table_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _complaint_chosen(self, current: object, _previous: object) -> None:
        complaint_id = self.current_id()
        if complaint_id:
            self.controller.load_detail(complaint_id)

    def _detail_loaded(self, detail: object) -> None:
        self.detail.show_detail(detail)  # type: ignore[arg-type]
        allowed = self.detail.detail.allowed_actions if self.detail.detail else frozenset()
        self.forward_action.setEnabled("forward" in allowed)
        self.reply_action.setEnabled("follow_up" in allowed)
        self.note_action.setEnabled("internal_note" in allowed)

    # --- sync and errors ---------------------------------------------------------------------

    def _syncing(self, active: bool) -> None:
        self.sync_action.setEnabled(not active)
        self.statusBar().set_syncing(active)
        if not active:
            self.hide_error()

    def _sync_failed(self, error: Exception) -> None:
        self._syncing(False)
        if not self.controller.is_cancelled(error):
            self.show_error(error)

    def show_error(self, error: Exception) -> None:
        """The one place errors are shown: a calm banner above the list."""
        text = labels.error(getattr(error, "code", None))
        request_id = getattr(error, "request_id", None)
        if request_id:
            text += " " + self.tr("(request id %1)").replace("%1", request_id)
        self.banner.setText(text)
        self.banner.setVisible(True)
        self.banner_close.setVisible(True)

    def hide_error(self) -> None:
        self.banner.setVisible(False)
        self.banner_close.setVisible(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("main/geometry", self.saveGeometry())
        self.sync_timer.stop()
        self.controller.cancel_sync()
        super().closeEvent(event)
