"""A refused value is named in words an admin understands (Indonesian by default), and a
register import says which rows it cleaned."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from lapor_desk.services.errors import ActionNotAllowed, OfflineError
from lapor_desk.services.intake import FieldProblem
from lapor_desk.services.register import PreviewRow, RegisterPreview
from lapor_desk.ui import labels
from lapor_desk.ui.dialogs.import_register import ImportRegisterDialog


def test_a_refused_value_is_named() -> None:
    too_long = ActionNotAllowed("invalid_payload", "body:too_long")
    assert too_long.problems == (("body", "too_long"),)
    assert labels.error_text(too_long).startswith("Teks terlalu panjang: paling banyak 20.000")
    renamed = ActionNotAllowed("invalid_payload", "attachments.filename:required")
    assert "Ganti nama berkasnya" in labels.error_text(renamed)


def test_other_refusals_keep_their_words() -> None:
    lifecycle = ActionNotAllowed("invalid_transition", "forward from done")
    assert lifecycle.problems == ()
    assert labels.error_text(lifecycle) == labels.error("invalid_transition")
    unknown_field = ActionNotAllowed("invalid_payload", "something:odd")
    assert labels.error_text(unknown_field) == labels.error("invalid_payload")
    assert labels.error_text(OfflineError("x")) == labels.error("offline")


def test_the_import_preview_names_the_cleaned_rows(qtbot: QtBot) -> None:
    dialog = ImportRegisterDialog()
    qtbot.addWidget(dialog)
    dialog.path.setText("register.csv")
    values = ("Jalan rusak",) + ("",) * 8
    rows = tuple(PreviewRow(n, values, (), cleaned=n in (4, 7)) for n in range(2, 10))
    dialog.show_preview(RegisterPreview("register.csv", rows))
    assert "dihapus dari baris 4, 7." in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    bad = PreviewRow(3, values, (FieldProblem("title", "too_short"),), cleaned=True)
    dialog.show_preview(RegisterPreview("register.csv", (bad,)))
    assert "dihapus" not in dialog.summary.text()  # the problems come first
