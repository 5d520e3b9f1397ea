"""Pieces of the intake form: a field with its error line, searchable pickers, a file list (of
picked files and of files already in the profile, for a complaint reopened from the outbox)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.attach import StoredAttachment
from lapor_desk.ui.i18n import is_language_change

PATH_ROLE = Qt.ItemDataRole.UserRole


class FieldBox(QWidget):
    """An input with the problem of its field shown right under it (hidden when fine)."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.note = QLabel()
        self.note.setObjectName("dialogIntro")
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(self.error)
        layout.addWidget(self.note)

    def show_problem(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))
        if isinstance(self.widget, (QLineEdit, QPlainTextEdit, QComboBox, QDateEdit)):
            self.widget.setStyleSheet("border: 1px solid #c62828;" if text else "")

    def show_note(self, text: str | None) -> None:
        """A plain remark under the field (not a problem)."""
        self.note.setText(text or "")
        self.note.setVisible(bool(text))


def searchable_combo(items: list[str] | None = None) -> QComboBox:
    """An editable combo box: pick from the list, or type any part of a name to find it."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(15)
    # long category names must not widen the form: the popup shows them in full
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.view().setMinimumWidth(520)
    completer = QCompleter(combo.model(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    if items:
        combo.addItems(items)
    combo.setCurrentIndex(-1)
    combo.setEditText("")
    return combo


class FileList(QWidget):
    """Files to attach: picked ones (kept as paths; copied into the profile when saved) and
    files already in the profile (:class:`StoredAttachment`, attached again as they are)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("attachments")
        self.list.setMaximumHeight(84)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.remove_button.setEnabled(False)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)  # Enter keeps meaning "save"
        self.add_button.clicked.connect(self.pick)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.list.selectedItems())))
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Attach file…"))
        self.remove_button.setText(self.tr("Remove"))
        self.list.setToolTip(self.tr("Photos, letters or documents, at most 25 MB each"))

    def pick(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Attach files"), "",
            self.tr("Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx "
                    "*.mp4);;All files (*)"))
        self.add_paths(names)

    def add_paths(self, paths: list[str] | tuple[str, ...]) -> None:
        known = set(self.paths())
        for path in paths:
            if path and path not in known:
                item = QListWidgetItem(Path(path).name)
                item.setData(PATH_ROLE, path)
                item.setToolTip(path)
                self.list.addItem(item)
                known.add(path)
        self.changed.emit()

    def add_stored(self, files: list[StoredAttachment] | tuple[StoredAttachment, ...]) -> None:
        for file in files:
            item = QListWidgetItem(file.filename)
            item.setData(PATH_ROLE, file)
            item.setToolTip(self.tr("Attached before (%1 KB)").replace(
                "%1", f"{max(1, round(file.size / 1024)):,}"))
            self.list.addItem(item)
        self.changed.emit()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def paths(self) -> list[str]:
        """The picked files' paths."""
        return [value for value in self.files() if isinstance(value, str)]

    def files(self) -> list[str | StoredAttachment]:
        """Everything in the list, in its order: picked paths and files kept in the profile."""
        found: list[str | StoredAttachment] = []
        for i in range(self.list.count()):
            value = self.list.item(i).data(PATH_ROLE)
            found.append(value if isinstance(value, StoredAttachment) else str(value))
        return found
