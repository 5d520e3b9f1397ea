"""The main window: queues on the left, the complaint list, the detail on the right."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QSplitter, QVBoxLayout, QWidget

from lapor_desk.services.queues import ALL, NOT_IN_SP4N
from lapor_desk.services.types import ComplaintFilter, ComplaintRow, QueueInfo, SessionInfo
from lapor_desk.ui import i18n
from lapor_desk.ui.attachments_panel import AttachmentFlow
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dashboard_window import DashboardLauncher
from lapor_desk.ui.error_banner import ErrorBanner
from lapor_desk.ui.filter_choices import FilterChoices
from lapor_desk.ui.intake_flows import IntakeFlows
from lapor_desk.ui.keyboard import Keyboard
from lapor_desk.ui.lifecycle_flows import LifecycleFlows
from lapor_desk.ui.list_heading import ListHeading
from lapor_desk.ui.models.complaint_table import DEADLINE, PAGE, order_code
from lapor_desk.ui.ops import Changes
from lapor_desk.ui.outbox_review import OutboxReviewArea
from lapor_desk.ui.panes import build_panes
from lapor_desk.ui.people_launcher import PeopleLauncher
from lapor_desk.ui.quit_guard import QuitGuard
from lapor_desk.ui.resources import icon
from lapor_desk.ui.search_scope import SearchScope
from lapor_desk.ui.status_bar import DeskStatusBar
from lapor_desk.ui.sync_controls import SyncControls
from lapor_desk.ui.verify_flows import VerifyFlows
from lapor_desk.ui.window_menus import WindowMenus
from lapor_desk.ui.window_state import WindowState
from lapor_desk.ui.work import WorkFlows

#: the least widths of the list column and the detail (px): with the sidebar's 180 they fit a
#: 1366 px laptop screen with room to spare, whatever the panes show
LIST_LEAST_WIDTH = 440
DETAIL_LEAST_WIDTH = 340


class MainWindow(QMainWindow):
    #: the session's first list is on screen with its first rows (or is empty): the desk
    #: starts its first sync then, not in the list's way
    list_shown = Signal()

    def __init__(self, controller: DeskController) -> None:
        super().__init__()
        self.controller = controller
        self._list_shown = False
        #: the other queues' lists are to be read ahead once the current one shows its rows
        #: (at a session's start and after the cache changed under them)
        self._remember_due = False
        self.setWindowIcon(icon("app"))
        self.queue_key: str | None = None
        self._request = 0
        self._keep_selection: str | None = None
        self._drop_hidden_detail = False
        self._shown_count: int | None = None
        panes = build_panes(controller.fetch_rows, self)
        self.queue_model, self.queue_view = panes.queue_model, panes.queues
        self.table_model, self.table = panes.table_model, panes.table
        self.search, self.filter_bar, self.detail = panes.search, panes.filter_bar, panes.detail
        self.heading = ListHeading(panes, self)
        self.list_heading, self.list_count = self.heading.title, self.heading.count
        self.empty_list = self.heading.empty
        self.queue_view.selectionModel().currentChanged.connect(self._queue_chosen)
        self.table_model.rows_arrived.connect(self._first_list_shown)
        self._sort: tuple[int, Qt.SortOrder] = (DEADLINE, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.table.selectionModel().currentRowChanged.connect(self._complaint_chosen)
        self.type_filter = self.filter_bar.type_combo
        self.search_scope = SearchScope(self.search, lambda: self.queue_key, self.select_queue,
                                        self._narrowed, self.table, self)
        self._search_timer = self.search_scope.timer
        self.filter_bar.changed.connect(self._narrowed)
        self.filter_choices = FilterChoices(controller, self.filter_bar, lambda: self.queue_key,
                                            self)
        self.error_banner = ErrorBanner(self)
        self.banner, self.banner_close = self.error_banner.label, self.error_banner.close_button
        self.attachments = AttachmentFlow(self, controller, self.detail)
        self.flows = WorkFlows(self, controller, self.detail)
        self.intake = IntakeFlows(self, controller, self.detail)
        self.status_bar = DeskStatusBar()
        self.setStatusBar(self.status_bar)
        self.sync_controls = SyncControls(self, controller, self.status_bar, self.error_banner)
        self._build_layout()
        self.window_state = WindowState(self, self.splitter, self.table.horizontalHeader(),
                                        lambda: self.queue_key)
        self._build_actions()
        self.dashboard = DashboardLauncher(self, controller, self.search_scope.find)
        self.dashboard.install(self.toolbar, self.view_menu)
        self.people = PeopleLauncher(self, controller)
        self.people.install(self.toolbar, self.view_menu)
        self._connect()
        self.verify = VerifyFlows(self, controller, panes)
        self.verify.install(self.menuBar(), self.view_menu.menuAction(), self.toolbar,
                            self.reply_action)
        self.lifecycle = LifecycleFlows(self, controller, panes, self.verify)
        self.lifecycle.install(self.menuBar(), self.view_menu.menuAction())
        self.outbox_review = OutboxReviewArea(
            self, controller, self.detail, lambda: self.queue_key,
            lambda: self.list_count.setText(self.count_text()), verify=self.verify,
            replies=self.flows.replies, reopen=self.intake.reopen)
        self.outbox_review.install(self.table, self.queue_view)
        self.keyboard = Keyboard(self, panes)
        self.keyboard.install(self.help_menu)
        self.sync_controls.clock_timer.start()
        self.retranslate()
        self.hide_error()
        self.resize(1366, 768)
        self._saved_queue = self.window_state.install()

    # --- building ----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        center = QWidget()
        column = QVBoxLayout(center)
        column.setContentsMargins(12, 10, 12, 0)
        column.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.list_heading)
        top.addWidget(self.list_count, 1)
        top.addWidget(self.search, 2)
        column.addLayout(self.error_banner.row)
        column.addLayout(top)
        column.addWidget(self.filter_bar)
        column.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.queue_view)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([272, 696, 398])  # the queues' names in full at 1366 px
        # What a pane shows never widens the window or squeezes the sidebar: each pane's least
        # width is fixed here, not taken from its contents (which wrap or scroll within it).
        center.setMinimumWidth(LIST_LEAST_WIDTH)
        self.detail.setMinimumWidth(DETAIL_LEAST_WIDTH)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _build_actions(self) -> None:
        menus = self.menus = WindowMenus(self)
        self.sync_action, self.forward_action = menus.sync_action, menus.forward_action
        self.reply_action, self.note_action = menus.reply_action, menus.note_action
        self.find_action, self.sign_out_action = menus.find_action, menus.sign_out_action
        self.quit_action, self.toolbar, self.user_label = (menus.quit_action, menus.toolbar,
                                                           menus.user_label)
        self.file_menu, self.view_menu = menus.file_menu, menus.view_menu
        self.language_menu, self.help_menu = menus.language_menu, menus.help_menu
        self.diagnostics_action = menus.diagnostics_action
        self.forward_action.triggered.connect(self.flows.forward_current)
        self.reply_action.triggered.connect(lambda: self.flows.write_current("follow_up"))
        self.note_action.triggered.connect(lambda: self.flows.write_current("internal_note"))
        self.find_action.triggered.connect(lambda: self.search.setFocus())
        self.quit_guard = QuitGuard(self, self.controller)  # Quit and the close button ask
        self.quit_action.triggered.connect(self.quit_guard.request)
        self.intake.install(self.toolbar, self.file_menu)
        menus.finish_file_menu()

    def _connect(self) -> None:
        c = self.controller
        c.queues_loaded.connect(self._queues_loaded)
        c.ids_loaded.connect(self._ids_loaded)
        c.detail_loaded.connect(self._detail_loaded)
        self.status_bar.queue_requested.connect(self.select_queue)
        c.changed.connect(self.refresh)
        self.sync_controls.install(self.menus)
        c.error.connect(self.show_error)

    def changeEvent(self, event: QEvent) -> None:
        if i18n.is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("LAPOR Desk"))
        self.menus.retranslate()
        self.search.setPlaceholderText(self.tr("Number, words, reporter's name/phone"))
        self.search.setToolTip(self.tr("Find a complaint in every queue by its number, words, "
                                       "or its reporter's name or phone (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search"))
        self.queue_view.setAccessibleName(self.tr("Queues"))
        self.table.setAccessibleName(self.tr("Complaints"))
        self._update_heading()
        if getattr(self, "_shown_count", None) is not None:
            self._update_empty_list()
        self._show_user()
        self.table_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 7)

    # --- session -----------------------------------------------------------------------------

    def start_session(self, info: SessionInfo) -> None:
        self._list_shown = False
        self._remember_due = True
        self._show_user(info)
        keys = self.controller.queue_keys() if self.queue_key is None else []
        if keys:
            # The first list (the queue open when the window last closed) is read at once, the
            # counts beside it on the read worker: the rows show without waiting for the counts.
            saved = self._saved_queue
            self._open_queue(saved if saved in keys else keys[0])
            self.refresh(Changes(counts=True, status=True))
        else:
            self.refresh(Changes(queues=True, status=True))
        self.sync_controls.sync_timer.start()

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

    def refresh(self, what: Changes) -> None:
        if what.queues:
            self.controller.load_queues()
        elif what.counts:
            self.controller.load_queues(beside=True)
        if what.rows and self.queue_key:
            self._remember_due = True
            self.reload_ids()
        if what.lists:
            self.filter_choices.changed()
        if what.detail and self.detail.complaint_id:
            self.controller.load_detail(self.detail.complaint_id)
        if what.status:
            self.controller.load_status()
        self._show_user()

    def current_filter(self) -> ComplaintFilter:
        return replace(self.filter_bar.narrowing(self.search.text()),
                       order=order_code(*self._sort) or "")

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        """A header click orders the list (in SQL); columns that cannot order keep the last."""
        if order_code(column, order) is None:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self._sort)
            header.blockSignals(False)
            return
        self._sort = (column, order)
        self.reload_ids()

    def _narrowed(self) -> None:
        """A filter or the search changed: reload; a complaint no longer listed leaves the
        detail (so the detail never shows what the filters exclude)."""
        self.reload_ids()
        self._drop_hidden_detail = True

    def reload_ids(self) -> None:
        self._drop_hidden_detail = False
        if self.queue_key:
            self._keep_selection = self.current_id()
            self._request = self.controller.load_ids(self.queue_key, self.current_filter(),
                                                     first_rows=PAGE)

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.table_model.id_at(index.row()) if index.isValid() else None

    def select_queue(self, key: str) -> None:
        row = self.queue_model.row_of(key)
        if row >= 0:
            self.queue_view.setCurrentIndex(self.queue_model.index(row))

    def _queues_loaded(self, queues: list[QueueInfo]) -> None:
        self.queue_model.set_queues(queues)
        if self.queue_key is None and queues:
            saved = self._saved_queue
            self.select_queue(saved if saved and self.queue_model.row_of(saved) >= 0
                              else queues[0].key)
        elif self.queue_key is not None and not self.queue_view.currentIndex().isValid():
            self.select_queue(self.queue_key)  # opened before the counts came (start_session)
        self._update_heading()

    def _queue_chosen(self, current: object, _previous: object) -> None:
        key = self.queue_model.key_at(self.queue_view.currentIndex().row())
        if key and key != self.queue_key:
            self.search_scope.queue_chosen()
            self._open_queue(key)

    def _open_queue(self, key: str) -> None:
        self.queue_key = key
        self.table_model.show_queue(key in (ALL, NOT_IN_SP4N))  # lists of every status
        self.detail.clear()
        self._shown_count = None
        self._update_heading()
        self.reload_ids()
        self.filter_choices.queue_opened(key)

    def _first_list_shown(self) -> None:
        """The current list shows its rows (or is empty)."""
        if not self._list_shown:
            self._list_shown = True
            self.list_shown.emit()
        if self._remember_due:
            self._remember_due = False
            # The role's queues, not the sidebar's rows: the first list can show before the
            # counts have filled the sidebar (start_session reads both at once).
            others = [k for k in self.controller.queue_keys()
                      if k != self.queue_key
                      and k not in ("outbox", "conflicts", ALL, NOT_IN_SP4N)]
            self.controller.remember_queues(others)

    def _update_heading(self) -> None:
        self.heading.show(self.queue_key, self.count_text())

    def _update_empty_list(self) -> None:
        self.heading.show_empty(self._shown_count, self.queue_key)

    def count_text(self) -> str:
        """How many complaints the list shows: "12 of 40" while filtered or searched."""
        if self.outbox_review.active:  # the panel's actions, not the hidden list's complaints
            return self.outbox_review.count_text()
        return self.heading.count_text(self.queue_key, self._shown_count)

    def _ids_loaded(self, request: int, ids: list[str], rows: list[ComplaintRow]) -> None:
        if request != self._request:
            return  # an older answer: the user moved on
        keep = self._keep_selection
        drop_hidden, self._drop_hidden_detail = self._drop_hidden_detail, False
        self.table_model.set_ids(ids, rows)
        self._shown_count = len(ids)
        if rows or not ids:
            self._first_list_shown()
        self._update_heading()
        self._update_empty_list()
        row = self.table_model.row_of(keep) if keep else -1
        if self.search_scope.exact(rows):
            row = 0  # the number typed: its complaint, opened at once
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.table_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        shown = self.detail.complaint_id
        if (drop_hidden and shown and self.table_model.row_of(shown) < 0
                and not self.outbox_review.active):
            self.detail.clear()

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

    # --- errors ------------------------------------------------------------------------------

    def show_error(self, error: Exception) -> None:
        """The one place errors are shown: a calm banner above the list."""
        self.error_banner.show_error(error)

    def hide_error(self) -> None:
        self.error_banner.hide_error()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync_controls.sync_timer.stop()
        self.controller.cancel_sync()
        super().closeEvent(event)
