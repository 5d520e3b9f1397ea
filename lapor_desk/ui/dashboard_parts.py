"""The dashboard's parts (ui/dashboard.py): its colours and styles, the summary tiles, the panels
that frame its charts, and the words for months and ratings; the recap's save dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QVBoxLayout, QWidget

#: Calm status colours, in the spirit of resources/style.qss (amber waits, green is done).
STATUS_COLORS = {
    "unverified": "#90a4ae", "forwarded": "#ffb74d", "in_progress": "#64b5f6",
    "reporter_responded": "#9575cd", "postponed": "#bcaaa4", "done": "#81c784",
    "archived": "#d5dde1",
}
RECEIVED_COLOR, FINISHED_COLOR = "#1565c0", "#43a047"
TILE_STYLE = ("QFrame#dashboardTile { background: #ffffff; border: 1px solid #e0e4e8; "
              "border-radius: 6px; } QLabel#tileValue { font-size: 18pt; font-weight: 600; } "
              "QLabel#tileValue[alert=\"true\"] { color: #b71c1c; } "
              "QLabel#tileTitle { color: #546e7a; }")
PANEL_STYLE = ("QFrame#chartPanel { background: #ffffff; border: 1px solid #e0e4e8; "
               "border-radius: 6px; } QLabel#chartTitle { font-weight: 600; } "
               "QPushButton[breakdown]:checked { background: #e3edf7; color: #0d47a1; "
               "border-color: #90b4de; } "
               "QTableView#dashboardTable QHeaderView::section { padding: 4px 5px; }")
FORMATS = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)"}
PathChooser = Callable[[QWidget, str, str], str]


def rating_text(average: float) -> str:
    """An average rating with one decimal in the user's language (3,6 in Indonesian)."""
    return QLocale().toString(average, "f", 1)


def month_text(month: date) -> str:
    return QLocale().toString(QDate(month.year, month.month, 1), "MMMM yyyy")


def ask_save_path(parent: QWidget, fmt: str, suggested: str) -> str:
    """The save dialog (tests inject their own chooser instead)."""
    title = QCoreApplication.translate("DashboardPage", "Save the monthly recap")
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, FORMATS[fmt])
    if path and not path.lower().endswith("." + fmt):
        path += "." + fmt
    return path


class Tile(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("dashboardTile")
        self.title = QLabel()
        self.title.setObjectName("tileTitle")
        self.value = QLabel("—")
        self.value.setObjectName("tileValue")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()  # what the value is out of ("of 23 rated"); hidden when empty
        self.note.setObjectName("tileTitle")
        self.note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def show_value(self, text: str, alert: bool = False, note: str = "") -> None:
        self.value.setText(text)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.value.setProperty("alert", "true" if alert else "false")
        self.value.style().unpolish(self.value)
        self.value.style().polish(self.value)
        self.setAccessibleName(f"{self.title.text()}: {text} {note}".strip())


def panel(title: QLabel, body: QWidget) -> QFrame:
    frame = QFrame()
    frame.setObjectName("chartPanel")
    title.setObjectName("chartTitle")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 10, 12, 10)
    layout.setSpacing(6)
    layout.addWidget(title)
    layout.addWidget(body, 1)
    return frame
