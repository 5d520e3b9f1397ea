"""The attachment viewer: images (auto-rotated, fit / 100 % / zoom) and PDF (pages, zoom).

It shows the verified content the services read from the profile's sealed blob store
(``Attachments.content``), from memory: nothing of it is written to disk. A file that cannot be
decoded shows a plain message instead of the picture; nothing here raises.

Keys: ``+`` / ``-`` zoom, ``0`` actual size (100 %), ``F`` fit to the window; PDF: Page Up /
Page Down (and ``Home`` / ``End``) move between pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QObject,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader, QKeyEvent, QKeySequence, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.attachments import AttachmentInfo
from lapor_desk.ui.i18n import is_language_change

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 16.0
#: "Fit" shrinks a large picture to the window and enlarges a small one at most this much.
FIT_ENLARGE = 4.0


def read_image(content: bytes) -> tuple[QImage, str]:
    """Decode an image held in memory (EXIF orientation applied). Returns (image, "") or
    (null image, reason). Safe on a worker thread (QImage is not a widget)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    return image, ("" if not image.isNull() else reader.errorString())


class ImagePage(QScrollArea):
    """An image in a scroll area, fitted to the window or at a zoom factor."""

    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentImage")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidgetResizable(False)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self.label)
        self.image = QImage()
        self.fit = True
        self.factor = 1.0

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.fit = True
        self._apply()

    def zoom(self) -> float:
        return self.factor

    def fit_to_window(self) -> None:
        self.fit = True
        self._apply()

    def set_zoom(self, factor: float) -> None:
        self.fit = False
        self.factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        self._apply()

    def zoom_in(self) -> None:
        self.set_zoom(self.factor * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.factor / ZOOM_STEP)

    def _apply(self) -> None:
        if self.image.isNull():
            return
        size = self.image.size()
        if self.fit:
            room = self.viewport().size() - QSize(4, 4)
            self.factor = max(MIN_ZOOM, min(room.width() / max(1, size.width()),
                                            room.height() / max(1, size.height()), FIT_ENLARGE))
        target = QSize(max(1, round(size.width() * self.factor)),
                       max(1, round(size.height() * self.factor)))
        smooth = (Qt.TransformationMode.SmoothTransformation if self.factor < 1
                  else Qt.TransformationMode.FastTransformation)  # enlarged: crisp pixels
        self.label.setPixmap(QPixmap.fromImage(self.image.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, smooth)))
        self.label.resize(target)
        self.zoom_changed.emit(self.factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self._apply()


def _pdf_classes() -> tuple[Any, Any] | None:
    """QtPdf (PySide6-Addons below 6.12, PySide6-Pdf from 6.12); without it PDFs open in the
    system application."""
    try:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView
    except ImportError:  # pragma: no cover - the ui extra installs it
        return None
    return QPdfDocument, QPdfView


def pdf_supported() -> bool:
    return _pdf_classes() is not None


class AttachmentViewer(QDialog):
    """One attachment in its own window (not modal: the officer keeps working)."""

    def __init__(self, content: bytes, info: AttachmentInfo,
                 image: QImage | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.content = content
        self.info = info
        self.problem = ""          # why the file cannot be shown ("" when it is shown)
        self.document: Any = None  # QPdfDocument for a PDF (QtPdf is imported when needed)
        self.pdf_view: Any = None  # QPdfView
        self.image_page = ImagePage()
        self.message = QLabel()
        self.message.setObjectName("attachmentProblem")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.image_page)
        self.fit_button = self._tool(self.fit_to_window)
        self.actual_button = self._tool(lambda: self.set_zoom(1.0))
        self.out_button = self._tool(self.zoom_out)
        self.in_button = self._tool(self.zoom_in)
        self.previous_button = self._tool(lambda: self.go_to_page(self.page() - 1))
        self.next_button = self._tool(lambda: self.go_to_page(self.page() + 1))
        self.page_label = QLabel()
        self.zoom_label = QLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.zoom_label, self.out_button, self.in_button, self.actual_button,
                       self.fit_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.image_page.installEventFilter(self)
        self.image_page.zoom_changed.connect(lambda _f: self._update_labels())
        if info.kind == "pdf":
            self._load_pdf()
        else:
            self._load_image(image)
        self.resize(900, 680)
        self.retranslate()

    def _tool(self, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _actions(self) -> dict[int, Callable[[], None]]:
        """The viewer's keys (handled here and in the scroll areas, which would otherwise
        scroll on Page Up / Page Down instead of turning the page)."""
        key = Qt.Key
        return {
            key.Key_Plus: self.zoom_in, key.Key_Equal: self.zoom_in, key.Key_Minus: self.zoom_out,
            key.Key_0: lambda: self.set_zoom(1.0), key.Key_F: self.fit_to_window,
            key.Key_PageDown: lambda: self.go_to_page(self.page() + 1),
            key.Key_PageUp: lambda: self.go_to_page(self.page() - 1),
            key.Key_Home: lambda: self.go_to_page(0),
            key.Key_End: lambda: self.go_to_page(self.page_count() - 1),
        }

    def _handle_key(self, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.ZoomIn):
            self.zoom_in()
            return True
        if event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_out()
            return True
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        action = self._actions().get(event.key())
        if action is None:
            return False
        action()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._handle_key(event)
        return super().eventFilter(watched, event)

    # --- loading ------------------------------------------------------------------------------

    def _load_image(self, image: QImage | None) -> None:
        reason = ""
        if image is None or image.isNull():
            image, reason = read_image(self.content)
        if image.isNull():
            self._fail(self.tr("This image cannot be shown: the file is damaged or is not an "
                               "image (%1).").replace("%1", reason or "?"))
            return
        self.image_page.set_image(image)
        self.stack.setCurrentWidget(self.image_page)

    def _load_pdf(self) -> None:
        classes = _pdf_classes()
        if classes is None:
            self._fail(self.tr("PDF viewing is not installed. Open the file with the system "
                               "application."))
            return
        document_class, view_class = classes
        self.document = document_class(self)
        # The document reads from memory: the buffer lives as long as the window.
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(self.content))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
        if self.document.status() != document_class.Status.Ready or self.document.pageCount() < 1:
            error = self.document.error()
            name = getattr(error, "name", str(error))
            self._fail(self.tr("This PDF cannot be shown: the file is damaged or is not a PDF "
                               "(%1).").replace("%1", name))
            return
        self.pdf_view = view_class(self)
        self.pdf_view.setObjectName("attachmentPdf")
        self.pdf_view.installEventFilter(self)
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(view_class.PageMode.SinglePage)
        self.pdf_view.setZoomMode(view_class.ZoomMode.FitInView)
        self.pdf_view.pageNavigator().currentPageChanged.connect(lambda _p: self._update_labels())
        self.pdf_view.zoomFactorChanged.connect(lambda _f: self._update_labels())
        self.stack.addWidget(self.pdf_view)
        self.stack.setCurrentWidget(self.pdf_view)

    def _fail(self, text: str) -> None:
        self.problem = text
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    # --- zoom and pages -----------------------------------------------------------------------

    @property
    def showing(self) -> str:
        """``image``, ``pdf`` or ``problem``: what the window shows."""
        if self.problem:
            return "problem"
        return "pdf" if self.pdf_view is not None else "image"

    def zoom(self) -> float:
        if self.pdf_view is not None:
            return float(self.pdf_view.zoomFactor())
        return self.image_page.zoom()

    def fitted(self) -> bool:
        if self.pdf_view is not None:
            return bool(self.pdf_view.zoomMode() != type(self.pdf_view).ZoomMode.Custom)
        return self.image_page.fit

    def set_zoom(self, factor: float) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        if self.pdf_view is not None:
            self.pdf_view.setZoomMode(type(self.pdf_view).ZoomMode.Custom)
            self.pdf_view.setZoomFactor(factor)
        elif not self.problem:
            self.image_page.set_zoom(factor)
        self._update_labels()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def fit_to_window(self) -> None:
        if self.pdf_view is not None:
            self.pdf_view.setZoomMode(type(self.pdf_view).ZoomMode.FitInView)
        elif not self.problem:
            self.image_page.fit_to_window()
        self._update_labels()

    def page(self) -> int:
        return self.pdf_view.pageNavigator().currentPage() if self.pdf_view is not None else 0

    def page_count(self) -> int:
        return self.document.pageCount() if self.pdf_view is not None else 0

    def go_to_page(self, page: int) -> None:
        if self.pdf_view is None or not 0 <= page < self.page_count():
            return
        self.pdf_view.pageNavigator().jump(page, QPointF(), 0)
        self._update_labels()

    # --- text ---------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Attachment: %1").replace("%1", self.info.filename))
        self.fit_button.setText(self.tr("Fit to window"))
        self.fit_button.setToolTip(self.tr("Fit to the window (F)"))
        self.actual_button.setText(self.tr("100 %"))
        self.actual_button.setToolTip(self.tr("Actual size (0)"))
        self.out_button.setText("−")
        self.out_button.setToolTip(self.tr("Zoom out (-)"))
        self.in_button.setText("+")
        self.in_button.setToolTip(self.tr("Zoom in (+)"))
        self.previous_button.setText("‹")
        self.previous_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.next_button.setText("›")
        self.next_button.setToolTip(self.tr("Next page (Page Down)"))
        self._update_labels()

    def _update_labels(self) -> None:
        paged = self.pdf_view is not None
        for widget in (self.previous_button, self.page_label, self.next_button):
            widget.setVisible(paged)
        for widget in (self.fit_button, self.actual_button, self.out_button, self.in_button,
                       self.zoom_label):
            widget.setEnabled(not self.problem)
        if paged:
            self.page_label.setText(self.tr("Page %1 of %2").replace(
                "%1", str(self.page() + 1)).replace("%2", str(self.page_count())))
            self.previous_button.setEnabled(self.page() > 0)
            self.next_button.setEnabled(self.page() < self.page_count() - 1)
        if self.problem:
            self.zoom_label.setText("")
        elif paged and self.fitted():
            self.zoom_label.setText("")  # the page fills the window; no factor to show
        else:
            self.zoom_label.setText(f"{round(self.zoom() * 100)} %")
