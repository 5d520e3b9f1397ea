"""The coordinators' dashboard against the real server (on SQLite): sign in, open it,
switch the breakdown and the month, export both formats; the charts and the table model on their
own; and the dashboard rendered under Xvfb to test-artifacts/screens/dashboard*.png."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from lapor_desk.services.oversight import STATUS_ORDER, GroupStats
from lapor_desk.services.ratings import LowRating
from lapor_desk.services.recap import group_name
from lapor_desk.ui import labels
from lapor_desk.ui.charts import ColumnChart, Series, StackedBarChart, nice_ticks
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dashboard import DashboardPage
from lapor_desk.ui.dashboard_window import DashboardLauncher, DashboardWindow
from lapor_desk.ui.models.dashboard_table import (
    GROUP_ROLE,
    MEDIAN,
    NAME,
    OVERDUE,
    TOTAL,
    DashboardTableModel,
    group_label,
)
from lapor_desk.ui.models.low_ratings import LowRatingsModel
from lapor_desk.ui.ops import Changes
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT

pytestmark = pytest.mark.timeout(240)
ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "test-artifacts" / "screens"


def sign_in(qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
            username: str) -> None:
    with qtbot.waitSignal(controller.signed_in, timeout=WAIT):
        controller.sign_in(live_server.url, username, password)
    with qtbot.waitSignal(controller.sync_finished, timeout=60_000):
        controller.sync()
    qtbot.waitUntil(lambda: controller.taskman.idle, timeout=WAIT)


def main_window(qtbot: Any, controller: DeskController) -> tuple[QMainWindow, DashboardLauncher]:
    """A bare main window with a toolbar and a View menu, and the launcher installed in them
    (the lead hooks the same launcher into the real MainWindow)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    toolbar = window.addToolBar("main")
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addAction("Sync")
    toolbar.addWidget(spacer)  # the launcher puts its action before the spacer
    toolbar.addWidget(QLabel("user"))
    menu = window.menuBar().addMenu("View")
    launcher = DashboardLauncher(window, controller)
    launcher.install(toolbar, menu)
    return window, launcher


def loaded(qtbot: Any, page: DashboardPage, action: Any) -> Any:
    with qtbot.waitSignal(page.loaded, timeout=WAIT) as signal:
        action()
    qtbot.waitUntil(lambda: page.controller.taskman.idle, timeout=WAIT)
    return signal.args[0]


def test_coordinator_opens_switches_and_exports(qtbot: Any, controller: DeskController,
                                                live_server: LiveServer, password: str,
                                                tmp_path: Path, qtmodeltester: Any) -> None:
    window, launcher = main_window(qtbot, controller)
    assert not launcher.action.isVisible()  # nobody signed in yet
    sign_in(qtbot, controller, live_server, password, "admin.kendari")
    assert launcher.action.isVisible()
    assert launcher.action in window.menuBar().actions()[0].menu().actions()
    toolbar = window.findChildren(QToolBar)[0]
    assert toolbar.actions().index(launcher.action) == 1  # after Sync, before the spacer
    launcher.action.trigger()  # opens the window; the figures come from the database worker
    assert isinstance(launcher.window, DashboardWindow) and launcher.window.isVisible()
    qtbot.addWidget(launcher.window)
    page = launcher.window.page
    overview = loaded(qtbot, page, lambda: None)  # the answer is still queued: nothing missed
    station = controller.workstation
    # what is shown is what the service counts, for the unit breakdown
    assert overview.breakdown == "unit" and overview.month is None
    want = station.oversight.overview("unit")
    assert overview.total == want.total and overview.groups == want.groups
    assert page.tiles["total"].value.text() == str(want.total.total) != "0"
    assert page.tiles["overdue"].value.text() == str(want.total.overdue)
    assert page.bars.categories == [group_label(g) for g in want.groups]
    assert page.bars.values == [list(g.statuses) for g in want.groups]
    assert len(page.trend.categories) == 12
    assert page.model.rowCount() == len(want.groups) + 1
    assert page.model.group_at(page.model.rowCount() - 1) == want.total
    assert "Pemerintah Kota Kendari" in page.scope.text()
    # the recap's export menu keeps the window within a 1366 px wide laptop screen
    assert launcher.window.minimumSizeHint().width() <= 1366
    qtmodeltester.check(page.model)
    # a sync or an action elsewhere refreshes the open dashboard (debounced)
    again = loaded(qtbot, page, lambda: controller.changed.emit(Changes(queues=True)))
    assert again.total == want.total
    # per kabupaten/kota
    regencies = loaded(qtbot, page, page.by_regency.click)
    assert regencies.breakdown == "regency" and page.model.breakdown == "regency"
    assert regencies.groups == station.oversight.overview("regency").groups
    assert page.bars.categories == [group_label(g) for g in regencies.groups]
    qtmodeltester.check(page.model)
    # one month
    qtbot.waitUntil(lambda: page.month.count() > 3, timeout=WAIT)
    october = date(2026, 10, 1)
    monthly = loaded(qtbot, page, lambda: page.choose_month(october))
    assert monthly.month == october and page.chosen_month == october
    assert monthly.total == station.oversight.overview("regency", october).total
    assert 0 < monthly.total.total < overview.total.total
    # the recap of that month, in every format, through the (injected) save dialog
    asked: list[tuple[str, str]] = []

    def choose(_parent: QWidget, fmt: str, suggested: str) -> str:
        asked.append((fmt, suggested))
        return str(tmp_path / f"rekap.{fmt}")

    page.ask_path = choose
    assert page.export_button.menu() is page.export_menu
    assert list(page.export_actions) == ["pdf", "xlsx", "csv"]
    for fmt, action in page.export_actions.items():
        with qtbot.waitSignal(page.exported, timeout=WAIT) as saved:
            action.trigger()
        assert saved.args[0] == str(tmp_path / f"rekap.{fmt}")
    assert [a[0] for a in asked] == ["pdf", "xlsx", "csv"]
    assert asked[1][1].endswith("rekap-lapor-2026-10.xlsx")
    assert (tmp_path / "rekap.pdf").read_bytes().startswith(b"%PDF")
    book = openpyxl.load_workbook(tmp_path / "rekap.xlsx")
    rows = list(book["Per Kabupaten-Kota"].iter_rows(min_row=5, values_only=True))
    assert rows[-1][1] == "Total" and rows[-1][2] == monthly.total.total
    assert [r[1] for r in rows[:-1]] == [group_name(g) for g in monthly.groups]
    with (tmp_path / "rekap.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[-1][0] == "Total" and int(table[-1][3]) == monthly.total.total
    assert "Recap saved" in page.message.text() or "Rekap" in page.message.text()
    # a failed export says so and leaves the buttons usable
    page.ask_path = lambda *_a: str(tmp_path / "no-such-folder" / "r.csv")
    with qtbot.waitSignal(page.export_failed, timeout=WAIT):
        page.export_actions["csv"].trigger()
    assert page.export_button.isEnabled() and page.message.text()
    # cancelling the dialog does nothing
    page.ask_path = lambda *_a: ""
    page.export_actions["xlsx"].trigger()
    assert controller.taskman.idle
    # signing out closes the dashboard and hides the action
    with qtbot.waitSignal(controller.signed_out, timeout=WAIT):
        controller.sign_out()
    assert launcher.window is None and not launcher.action.isVisible()


def test_a_liaison_officer_has_no_dashboard(qtbot: Any, controller: DeskController,
                                            live_server: LiveServer, password: str) -> None:
    _window, launcher = main_window(qtbot, controller)
    sign_in(qtbot, controller, live_server, password, "lo.kendari.pupr")
    assert not launcher.action.isVisible()
    assert launcher.open() is None


def groups() -> tuple[list[GroupStats], GroupStats]:
    a = GroupStats("4", "Dinas PUPR Kota Kendari", "unit", (0, 2, 3, 2, 0, 10, 0), 6, 2, 15, 2.0)
    b = GroupStats("3", "Pemerintah Kota Kendari", "scope", (8, 0, 0, 0, 4, 0, 4), 5, 0, 0, None)
    c = GroupStats("6", "Dinas Kesehatan Kota Kendari", "unit", (0, 1, 0, 0, 0, 0, 0), 0, 1, 0,
                   None)
    total = GroupStats("", "Pemerintah Kota Kendari", "total",
                       tuple(x + y + z for x, y, z in zip(a.statuses, b.statuses, c.statuses,
                                                            strict=True)), 11, 3, 15, 2.0)
    return [a, b, c], total


def test_dashboard_table_model(qtmodeltester: Any) -> None:
    model = DashboardTableModel()
    qtmodeltester.check(model)
    rows, total = groups()
    model.set_groups("unit", rows, total)
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.columnCount() == 3 + len(STATUS_ORDER) + 2
    assert model.index(0, TOTAL).data() == "17"
    assert model.index(1, NAME).data().startswith("Pemerintah Kota Kendari (")
    assert model.index(1, MEDIAN).data() == "—"
    assert model.index(0, OVERDUE).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(3, NAME).data(Qt.ItemDataRole.FontRole).bold()
    model.sort(TOTAL, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, TOTAL).data() for r in range(4)] == ["1", "16", "17", "34"]
    assert model.index(3, 0).data(GROUP_ROLE) == total  # the total stays last
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert model.index(3, 0).data(GROUP_ROLE) == total
    qtmodeltester.check(model)
    model.set_groups("regency", [], None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_low_ratings_model(qtmodeltester: Any) -> None:
    """The low ratings' rows in Indonesian; a hidden (rahasia) complaint's note is never shown,
    even if one were there."""
    at = datetime(2026, 10, 19, 0, 2, tzinfo=UTC)
    items = [LowRating("a", 3681896, "Jalan rusak", False, "4", "Dinas PUPR Kota Kendari",
                       "unit", 1, "Kenapa ditutup? sy blm dapat penjelasan", at),
             LowRating("b", 3678216, "", True, "9", "Pemerintah Kota Kendari", "scope", 2,
                       "kata-kata pelapor", at),
             LowRating("c", 3672616, "Sampah", False, "77", "", "unknown", 2, None, None)]
    model = LowRatingsModel()
    qtmodeltester.check(model)
    model.set_items(items)
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(3)]
    assert rows[0][:4] == ["3681896", "1/5", "Dinas PUPR Kota Kendari",
                           "Kenapa ditutup? sy blm dapat penjelasan"]
    assert rows[1][2:4] == ["Pemerintah Kota Kendari (belum didisposisikan ke unit kerja)",
                            "Laporan rahasia: catatannya tidak ditampilkan"]
    assert rows[2][2:] == ["Unit tidak dikenal (77)", "—", "—"]
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == labels.complaint_title("")
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "No.", "Nilai", "Unit kerja / instansi", "Catatan pelapor", "Dinilai pada"]


def test_charts_draw_answer_tooltips_and_describe_themselves(qtbot: Any) -> None:
    rows, _total = groups()
    series = [Series(s, s, "#90a4ae") for s in STATUS_ORDER]
    bars = StackedBarChart()
    qtbot.addWidget(bars)
    bars.resize(700, bars.sizeHint().height())
    bars.set_data([g.name for g in rows], series, [list(g.statuses) for g in rows])
    image = bars.grab().toImage()  # paints, and records where each segment went
    assert not image.isNull()
    assert "Dinas PUPR Kota Kendari: forwarded 2, in_progress 3" in bars.accessibleDescription()
    segment = next(r for r, c, s in bars._hits if c == 0 and s == 5)
    assert bars.hit(segment.center()) == (0, 5)
    tip = bars.tooltip_at(segment.center())
    assert "Dinas PUPR Kota Kendari" in tip and "done: 10" in tip
    assert bars.tooltip_at(QPointF(1, 1)) == ""
    bars.mouseMoveEvent(QMouseEvent(QEvent.Type.MouseMove, segment.center(), segment.center(),
                                    Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                    Qt.KeyboardModifier.NoModifier))
    assert bars.toolTip() == tip  # the pointer over a segment: its tooltip
    taller = StackedBarChart()
    taller.resize(700, 100)
    taller.set_data([str(i) for i in range(30)], series, [[i] * 7 for i in range(30)])
    assert taller.sizeHint().height() > 30 * taller._row_height()  # room for every bar
    columns = ColumnChart()
    qtbot.addWidget(columns)
    columns.resize(600, 300)
    columns.set_data(["Okt 26", "Nov 26"], [Series("received", "Diterima", "#1565c0"),
                                             Series("finished", "Selesai", "#43a047")],
                     [[12, 4], [9, 0]])
    assert not columns.grab().toImage().isNull()
    column, month, kind = columns._hits[2]
    assert (month, kind) == (1, 0) and "Diterima: 9" in columns.tooltip_at(column.center())
    with pytest.raises(ValueError):
        columns.set_data(["a"], [Series("x", "x", "#000")], [[1, 2]])
    assert nice_ticks(0) == [0.0, 1.0]
    assert nice_ticks(257) == [0, 100, 200, 300]
    assert nice_ticks(46)[-1] >= 46 and len(nice_ticks(46)) <= 7


@pytest.fixture
def display() -> Iterator[dict[str, str]]:
    """A real X server (Xvfb) when there is one, else the offscreen platform."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1600x1000x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    try:
        yield {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_dashboard_renders(display: dict[str, str]) -> None:
    env = {**os.environ, **display, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.ui.render_dashboard", str(SCREENS)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=220,
                          check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    for name in ("dashboard", "dashboard_regency", "dashboard_low_ratings", "dashboard_en"):
        image = QImage(str(SCREENS / f"{name}.png"))
        assert not image.isNull() and image.width() >= 1000, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 5)
                   for y in range(0, image.height(), 5)}
        assert len(colours) > 20, name  # charts drawn: many colours, not a blank grab
