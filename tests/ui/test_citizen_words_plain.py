"""What a citizen wrote is shown to the officer as written: a title from the public page with
markup in it ("<b>", "<img>", "<script>") is text in the detail and in every dialog that quotes
it, never rendered (Qt reads a label's text as HTML as soon as its first line holds a tag)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from lapor_desk.models.routing.types import SimilarCase
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.dialogs.follow_up import FollowUpDialog
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.dialogs.similar_case import SimilarCaseDialog
from lapor_desk.ui.dialogs.verify import ReasonDialog

TITLE = "<script>alert(1)</script> Lampu jalan mati <b>tebal</b> <img src=x>"


def quoting(widget: QWidget) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if "<b>tebal</b>" in label.text()]


def test_markup_a_citizen_typed_is_shown_as_text(qtbot: Any) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.title.setText(TITLE)  # as DetailPane.show_detail sets it
    dialogs: list[QWidget] = [
        ForwardDialog(TITLE, []), ReasonDialog("postpone", TITLE),
        FollowUpDialog(TITLE, "follow_up", anonymous=False),
        SimilarCaseDialog(SimilarCase("c1", "3349793", TITLE, 1, "Dinas <i>PUPR</i>", 0.8), None),
    ]
    for widget in (pane, *dialogs):
        qtbot.addWidget(widget)
        labels = quoting(widget)
        assert labels, type(widget).__name__
        for label in labels:
            assert label.textFormat() == Qt.TextFormat.PlainText, (
                f"{type(widget).__name__} renders the citizen's markup: {label.text()!r}")
