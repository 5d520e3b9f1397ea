"""The coordinators' dashboard (pemantauan): how the units and kabupaten/kota in scope are doing.

:class:`DashboardPage` shows, for the chosen breakdown (per unit / per kabupaten-kota) and month
(or all months), summary tiles (the reporters' average rating among them), a stacked bar chart
of statuses per group, the monthly trend of received vs finished complaints, the table behind
them and the low ratings (1-2) to open (ui/dashboard_ratings.py); it exports the monthly recap
(rekapitulasi) as a PDF report, XLSX or CSV. Its window and the main window's action that opens
it are in ui/dashboard_window.py, its tiles, panels and colours in ui/dashboard_parts.py.

Every figure is computed on the database worker (``workstation.oversight``) and every export is
written there too; answers come back by the task manager's queued signal.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QLocale, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services import ServiceError
from lapor_desk.services.oversight import STATUS_ORDER, Overview
from lapor_desk.ui import labels
from lapor_desk.ui.charts import ColumnChart, Series, StackedBarChart
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dashboard_parts import (
    FINISHED_COLOR,
    FORMATS,
    PANEL_STYLE,
    RECEIVED_COLOR,
    STATUS_COLORS,
    TILE_STYLE,
    PathChooser,
    Tile,
    ask_save_path,
    month_text,
    panel,
    rating_text,
)
from lapor_desk.ui.dashboard_ratings import LowRatingsPanel
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.models.dashboard_table import (
    NAME,
    TOTAL,
    DashboardTableModel,
    group_label,
    median_text,
    status_short,
)
from lapor_desk.ui.ops import Changes
from lapor_desk.ui.resources import icon


class DashboardPage(QWidget):
    loaded = Signal(object)         # Overview
    complaint_opened = Signal(int)  # a low rating's tracking number, to open in the main window
    exported = Signal(str)          # path written
    export_failed = Signal(object)  # the exception

    def __init__(self, controller: DeskController, parent: QWidget | None = None,
                 ask_path: PathChooser = ask_save_path) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.controller = controller
        self.ask_path = ask_path
        self.overview: Overview | None = None
        self._request = 0
        self.setStyleSheet(TILE_STYLE + PANEL_STYLE)
        self.heading = QLabel()
        self.heading.setObjectName("listHeading")
        self.scope = QLabel()
        self.scope.setObjectName("detailMeta")
        self.by_unit = QPushButton()
        self.by_regency = QPushButton()
        self.breakdown_group = QButtonGroup(self)
        for button, key in ((self.by_unit, "unit"), (self.by_regency, "regency")):
            button.setCheckable(True)
            button.setProperty("breakdown", key)
            self.breakdown_group.addButton(button)
        self.by_unit.setChecked(True)
        self.breakdown_group.buttonToggled.connect(self._breakdown_toggled)
        self.month = QComboBox()
        self.month.setMinimumContentsLength(16)
        self.month.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button = QPushButton(icon("sync"), "")
        self.refresh_button.clicked.connect(self.refresh)
        # one button, one menu: the formats side by side would widen the window past 1366 px
        self.export_button = QPushButton(icon("export"), "")
        self.export_button.setObjectName("recapExport")
        self.export_menu = QMenu(self.export_button)
        self.export_actions = {fmt: self.export_menu.addAction(icon("export"), "")
                               for fmt in FORMATS}
        for fmt, action in self.export_actions.items():
            action.triggered.connect(lambda _checked=False, f=fmt: self.export(f))
        self.export_button.setMenu(self.export_menu)
        self.tiles = {key: Tile() for key in ("total", "overdue", "unfollowed", "median",
                                                "done", "rating")}
        self.bars = StackedBarChart()
        self.bars.setObjectName("statusChart")
        self.bar_scroll = QScrollArea()
        self.bar_scroll.setWidget(self.bars)
        self.bar_scroll.setWidgetResizable(True)
        self.bar_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.bar_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.trend = ColumnChart()
        self.trend.setObjectName("trendChart")
        self.bars_title, self.trend_title = QLabel(), QLabel()
        self.model = DashboardTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("dashboardTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setSortIndicator(TOTAL, Qt.SortOrder.DescendingOrder)  # the service's order
        header.sortIndicatorChanged.connect(lambda *_: self._fit_columns())
        self.low_ratings = LowRatingsPanel()
        self.low_ratings.opened.connect(self.complaint_opened)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.low_ratings, "")
        self.message = QLabel()
        self.message.setObjectName("detailMeta")
        self.message.setWordWrap(True)
        self._build()
        self._reload_timer = QTimer(self, singleShot=True, interval=400)
        self._reload_timer.timeout.connect(self.reload)
        controller.changed.connect(self._changed)
        self.retranslate()

    def _build(self) -> None:
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.scope)
        top.addLayout(titles, 1)
        segmented = QHBoxLayout()
        segmented.setSpacing(0)
        segmented.addWidget(self.by_unit)
        segmented.addWidget(self.by_regency)
        top.addLayout(segmented)
        top.addSpacing(8)
        top.addWidget(self.month)
        top.addWidget(self.refresh_button)
        top.addSpacing(8)
        top.addWidget(self.export_button)
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(panel(self.bars_title, self.bar_scroll))
        charts.addWidget(panel(self.trend_title, self.trend))
        charts.setSizes([640, 520])
        charts.setChildrenCollapsible(False)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(charts)
        body.addWidget(self.tabs)
        body.setSizes([420, 260])
        body.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addWidget(body, 1)
        layout.addWidget(self.message)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Oversight dashboard"))
        self.by_unit.setText(self.tr("By unit"))
        self.by_unit.setToolTip(self.tr("One row per unit or agency directly below yours"))
        self.by_regency.setText(self.tr("By kabupaten/kota"))
        self.by_regency.setToolTip(self.tr("One row per kabupaten/kota of the incident"))
        self.month.setToolTip(self.tr("Complaints received in this month (status as of now)"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Monthly recap"))
        self.export_button.setToolTip(self.tr("Save the chosen month's recap for leadership: "
                                              "a PDF report or an Excel workbook"))
        texts = {"pdf": (self.tr("PDF report for leadership (A4, with charts)…"),
                         self.tr("Compliance per unit, last month beside this month, the "
                                 "overdue list: ready to print or send")),
                 "xlsx": (self.tr("Excel workbook (XLSX, ready to print)…"),
                          self.tr("Every figure of the report with its definitions, one "
                                  "sheet per table")),
                 "csv": (self.tr("CSV table…"),
                         self.tr("Save the monthly recap as CSV (UTF-8, ';')"))}
        for fmt, action in self.export_actions.items():
            action.setText(texts[fmt][0])
            action.setToolTip(texts[fmt][1])
            action.setStatusTip(texts[fmt][1])
        self.export_menu.setToolTipsVisible(True)
        titles = {"total": self.tr("Complaints"), "overdue": self.tr("Overdue"),
                  "unfollowed": self.tr("Without follow-up"),
                  "median": self.tr("Median to first follow-up"), "done": self.tr("Done"),
                  "rating": self.tr("Reporters' rating")}
        tips = {"overdue": self.tr("Open complaints past their deadline, in working days"),
                "unfollowed": self.tr("Forwarded to a unit and still without a follow-up "
                                      "reply"),
                "median": self.tr("Half of the complaints got their first follow-up reply "
                                  "within this many working days of being forwarded"),
                "rating": self.tr("The reporters' average rating of the handling (1 = very "
                                  "dissatisfied, 5 = very satisfied) given on the public page, "
                                  "for the complaints of this period they rated")}
        for key, tile in self.tiles.items():
            tile.title.setText(titles[key])
            tile.setToolTip(tips.get(key, ""))
        self.bars.empty_text = self.trend.empty_text = self.tr("No complaints in this period")
        self.bars.total_label = self.trend.total_label = self.tr("Total")
        self.bars.setAccessibleName(self.tr("Complaints by status"))
        self.trend.setAccessibleName(self.tr("Received and finished per month"))
        self.trend_title.setText(self.tr("Received and finished per month"))
        self.tabs.setTabText(0, self.tr("Table"))
        self.tabs.setTabText(1, self.tr("Low ratings"))
        current = self.month.currentData()
        self.month.blockSignals(True)
        if self.month.count() == 0:
            self.month.addItem("", None)
        self.month.setItemText(0, self.tr("All months"))
        for row in range(1, self.month.count()):
            self.month.setItemText(row, month_text(date.fromisoformat(self.month.itemData(row))))
        self.month.setCurrentIndex(max(self.month.findData(current), 0))
        self.month.blockSignals(False)
        self._show(self.overview)

    # --- state --------------------------------------------------------------------------------

    def _breakdown_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.reload()

    @property
    def breakdown(self) -> str:
        checked = self.breakdown_group.checkedButton()
        return str(checked.property("breakdown")) if checked is not None else "unit"

    def set_breakdown(self, key: str) -> None:
        (self.by_regency if key == "regency" else self.by_unit).setChecked(True)

    @property
    def chosen_month(self) -> date | None:
        value = self.month.currentData()
        return date.fromisoformat(value) if value else None

    def choose_month(self, month: date | None) -> None:
        self.month.setCurrentIndex(max(self.month.findData(
            month.isoformat() if month else None), 0))

    # --- loading (database worker) ------------------------------------------------------------

    def refresh(self) -> None:
        """The months to choose from, then the figures."""
        self.controller.op(lambda ws: ws.oversight.months()).success(self._months_loaded) \
            .failure(self._failed).run()
        self.reload()

    def _months_loaded(self, months: tuple[date, ...]) -> None:
        current = self.month.currentData()
        self.month.blockSignals(True)
        while self.month.count() > 1:
            self.month.removeItem(1)
        for month in months:
            self.month.addItem(month_text(month), month.isoformat())
        self.month.setCurrentIndex(max(self.month.findData(current), 0))
        self.month.blockSignals(False)

    def reload(self) -> None:
        if self.controller.info is None:
            return
        self._request += 1
        request, breakdown, month = self._request, self.breakdown, self.chosen_month
        self.message.setText(self.tr("Counting…"))
        self.controller.op(lambda ws: ws.oversight.overview(breakdown, month)) \
            .success(lambda o: self._loaded(request, o)).failure(self._failed).run()

    def _changed(self, what: Changes) -> None:
        if self.isVisible() and what.lists:
            self._reload_timer.start()

    def _loaded(self, request: int, overview: Overview) -> None:
        if request != self._request:
            return  # the user moved on
        self.overview = overview
        self._show(overview)
        self.message.setText(self.tr("Counted from this computer's copy at %1.")
                             .replace("%1", labels.when(overview.generated_at)))
        self.loaded.emit(overview)

    def _failed(self, error: Exception) -> None:
        """Said on the page (a bug goes to the banner: the op reports it)."""
        if isinstance(error, ServiceError):
            self.message.setText(labels.error(error.code))

    def _show(self, overview: Overview | None) -> None:
        unit = self.breakdown == "unit"
        self.bars_title.setText(self.tr("Status by unit / agency") if unit
                                else self.tr("Status by kabupaten/kota"))
        if overview is None:
            return
        self.scope.setText(overview.scope_name + "  ·  " + (
            month_text(overview.month) if overview.month else self.tr("All months")))
        total = overview.total
        self.tiles["total"].show_value(str(total.total))
        self.tiles["overdue"].show_value(str(total.overdue), alert=total.overdue > 0)
        self.tiles["unfollowed"].show_value(str(total.unfollowed))
        median = total.median_follow_up_days
        self.tiles["median"].show_value(
            self.tr("%1 working days").replace("%1", median_text(median))
            if median is not None else "—")
        self.tiles["done"].show_value(str(total.count("done")))
        self._show_ratings(overview)
        series = [Series(s, status_short(s), STATUS_COLORS[s]) for s in STATUS_ORDER]
        self.bars.set_data([group_label(g) for g in overview.groups], series,
                           [list(g.statuses) for g in overview.groups])
        self.trend.set_data(
            [QLocale().toString(QDate(p.month.year, p.month.month, 1), "MMM yy")
             for p in overview.trend],
            [Series("received", self.tr("Received"), RECEIVED_COLOR),
             # closed as done within the month, whenever received: not the "Done" tile (the
             # month's complaints done now); the recap's Definisi sheet names the two apart
             Series("finished", self.tr("Finished in the month"), FINISHED_COLOR)],
            [[p.received, p.finished] for p in overview.trend])
        self.model.set_groups(overview.breakdown, overview.groups, overview.total)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._fit_columns()

    def _show_ratings(self, overview: Overview) -> None:
        """The average rating and how many were rated (the recap's figures), the low ones."""
        total, low = overview.total, overview.low_ratings
        average = (self.tr("%1 / 5").replace("%1", rating_text(total.rating_average))
                   if total.rating_average is not None else "—")
        self.tiles["rating"].show_value(
            average, note=self.tr("%1 rated, %2 low (1-2)").replace("%1", str(total.rated))
            .replace("%2", str(len(low))) if total.rated else self.tr("none rated"))
        self.low_ratings.set_items(low)
        self.tabs.setTabText(1, self.tr("Low ratings (%1)").replace("%1", str(len(low))))

    def _fit_columns(self) -> None:
        """Number columns as wide as their (two-line) heading, the name takes the rest."""
        metrics = self.table.horizontalHeader().fontMetrics()
        for column in range(1, self.model.columnCount()):
            heading = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max((metrics.horizontalAdvance(line) for line in heading.split("\n")),
                         default=0)
            self.table.setColumnWidth(column, max(widest + 32, 56))

    # --- export -------------------------------------------------------------------------------

    def suggested_name(self, fmt: str) -> str:
        month = self.chosen_month
        period = f"{month.year:04d}-{month.month:02d}" if month else "semua"
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return str(Path(folder) / f"rekap-lapor-{period}.{fmt}")

    def export(self, fmt: str) -> None:
        path = self.ask_path(self, fmt, self.suggested_name(fmt))
        if not path:
            return
        month = self.chosen_month
        self.message.setText(self.tr("Saving %1…").replace("%1", path))
        self.export_button.setEnabled(False)
        self.controller.op(lambda ws: str(ws.recaps.export(path, fmt, month))) \
            .success(self._exported).failure(self._export_failed, report_bugs=False).run()

    def _exported(self, path: str) -> None:
        self._exporting_done()
        self.message.setText(self.tr("Recap saved: %1").replace("%1", path))
        self.exported.emit(path)

    def _export_failed(self, error: Exception) -> None:
        self._exporting_done()
        if isinstance(error, ServiceError):
            self.message.setText(labels.error(error.code))
        else:
            self.message.setText(self.tr("The recap could not be saved: %1")
                                 .replace("%1", str(error)))
        self.export_failed.emit(error)

    def _exporting_done(self) -> None:
        self.export_button.setEnabled(True)
