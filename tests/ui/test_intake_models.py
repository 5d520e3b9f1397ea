"""The intake models pass qtmodeltester and mark what they should (no server needed)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from lapor_desk.services.duplicates import SimilarComplaint
from lapor_desk.services.intake import FieldProblem, IntakeDefaults
from lapor_desk.services.register import PREVIEW_FIELDS, PreviewRow, RegisterPreview
from lapor_desk.ui import intake_labels
from lapor_desk.ui.dialogs.record_complaint import RecordComplaintDialog
from lapor_desk.ui.models.register_preview import OK_ROLE, RegisterPreviewModel
from lapor_desk.ui.models.similar_list import ID_ROLE, SimilarListModel

GOOD = ("Lampu jalan padam", "", "Budi", "Lampu jalan padam dua minggu", "pengaduan", "letter",
        "X", "Kota Kendari", "")


def preview() -> RegisterPreview:
    bad = PreviewRow(3, ("Bau",) + GOOD[1:], (FieldProblem("title", "too_short"),
                                              FieldProblem("regency", "required")))
    return RegisterPreview("r.csv", (PreviewRow(2, GOOD, ()), bad, PreviewRow(4, GOOD, ())))


def test_register_preview_model(qtmodeltester: Any) -> None:
    model = RegisterPreviewModel()
    qtmodeltester.check(model)
    model.set_preview(preview())
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == len(PREVIEW_FIELDS) + 2
    assert model.index(1, 0).data(OK_ROLE) is False and model.index(0, 0).data(OK_ROLE)
    problems = model.index(1, model.problems_column).data()
    assert intake_labels.field("title") in problems
    assert intake_labels.field("regency") in problems
    channel = PREVIEW_FIELDS.index("channel") + model.FIRST_FIELD
    assert model.index(1, channel).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, channel).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, channel).data() == "Surat"  # the channel code is worded
    model.set_preview(None)
    qtmodeltester.check(model)


def test_similar_list_model(qtmodeltester: Any) -> None:
    model = SimilarListModel()
    model.set_items([SimilarComplaint(f"c{i}", 9_100_000 + i if i else None, f"Jalan {i}",
                                      "unverified", "Kota Kendari",
                                      "2025-01-02T03:04:05.000000Z") for i in range(4)])
    qtmodeltester.check(model)
    assert model.index(1).data().startswith("9100001 · Jalan 1")
    assert model.index(2).data(ID_ROLE) == "c2" and model.ids()[0] == "c0"


def test_record_form_words_each_problem_under_its_field(qtbot: Any) -> None:
    dialog = RecordComplaintDialog(IntakeDefaults("Sulawesi Tenggara", "Kota Kendari"),
                                   {"PERHUBUNGAN": ["ANGKUTAN UMUM", "TERMINAL"]})
    qtbot.addWidget(dialog)
    raw = dialog.raw()
    assert raw["province"] == "Sulawesi Tenggara" and raw["channel"] == "walk_in"
    assert dialog.channel.count() == 5  # offline channels only, unless asked
    dialog.all_channels.setChecked(True)
    assert dialog.channel.count() == 14 and dialog.channel.currentData() == "walk_in"
    dialog.category.setEditText("perhubungan")
    assert dialog.subcategory.count() == 2
    dialog.complaint_type.setCurrentIndex(dialog.complaint_type.findData("aspirasi"))
    assert not dialog.misconduct.isEnabled() and dialog.raw()["misconduct"] is False
    dialog.show_problems([FieldProblem("title", "too_short"),
                          FieldProblem("reporter.nik", "invalid"),
                          FieldProblem("tags", "invalid")])
    assert "5" in dialog.problem_text("title") and "16" in dialog.problem_text("reporter.nik")
    assert dialog.problem_text("body") == ""
    assert intake_labels.field("tags") in dialog.summary.text()  # a field not on the form is named at the top
