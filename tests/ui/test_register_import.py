"""Importing a register as an OPD keeps it, from the desktop, against the REAL reference server
on loopback: the dialog finds the header below the title rows, shows the columns it guessed and
lets the person correct them and give what the file lacks once, keeps that as a preset, imports
the valid rows while saving the bad one to fix, and imports the fixed rows once."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit

from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.import_register import ImportRegisterDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.register_preview import OK_ROLE
from tests.support.live_server import LiveServer
from tests.sync import opd_registers as opd
from tests.ui.desk_support import signed_in_window

pytestmark = pytest.mark.timeout(180)
WAIT = 30_000


@pytest.fixture
def window(qtbot: Any, controller: DeskController, live_server: LiveServer,
           password: str) -> MainWindow:
    return signed_in_window(qtbot, controller, live_server, password)


def open_dialog(qtbot: Any, window: MainWindow, path: Path) -> ImportRegisterDialog:
    window.intake.import_register(str(path))
    dialog = window.intake.dialog
    assert isinstance(dialog, ImportRegisterDialog)
    settled(qtbot, dialog)
    return dialog


def settled(qtbot: Any, dialog: ImportRegisterDialog) -> None:
    """The preview of the latest choices is shown."""
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.choose.isEnabled()
                    and dialog.summary.text() != dialog.tr("Reading the file…"), timeout=WAIT)


def give_shared_values(qtbot: Any, dialog: ImportRegisterDialog) -> None:
    """What the person types once for the whole register."""
    shared = dialog.columns.shared
    kind = shared["complaint_type"]
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("pengaduan"))
    category = shared["category"]
    assert isinstance(category, QComboBox)
    category.setCurrentIndex(category.findText(opd.FIELD_DEFAULTS["category"]))
    for name in ("province", "regency"):
        edit = shared[name]
        assert isinstance(edit, QLineEdit)
        edit.clear()
        qtbot.keyClicks(edit, opd.FIELD_DEFAULTS[name])
    settled(qtbot, dialog)


def test_an_opd_register_mapped_corrected_kept_and_imported_once(
        qtbot: Any, window: MainWindow, qtmodeltester: Any, tmp_path: Path) -> None:
    register = opd.write_xlsx(tmp_path / "register-november.xlsx")
    dialog = open_dialog(qtbot, window, register)
    preview = dialog.preview
    assert preview is not None and preview.header_row == 5
    assert "5" in dialog.columns.header_note.text()
    shown = {c.accessibleName(): c.currentData() for c in dialog.columns.combos}
    assert shown["Nama Pengadu"] == "reporter.name" and shown["Perihal"] == "title"
    assert shown["Uraian Pengaduan"] == "body" and shown["Cara Penyampaian"] == "channel"
    assert shown["Alamat"] == ""
    assert not dialog.import_button.isEnabled() and not dialog.partial_button.isEnabled()
    assert "Kategori" in dialog.summary.text() or "Category" in dialog.summary.text()

    give_shared_values(qtbot, dialog)
    dialog.columns.choose(3, "village")  # "Alamat": the person says it is the village
    settled(qtbot, dialog)
    preview = dialog.preview
    assert preview is not None and preview.missing == () and preview.bad_rows == 1
    assert "Alamat" not in preview.ignored_columns
    qtmodeltester.check(dialog.model)
    assert [dialog.model.index(i, 0).data(OK_ROLE) for i in range(5)] == [
        True, True, True, False, True]
    assert dialog.partial_button.isEnabled() and not dialog.import_button.isEnabled()

    dialog.preset_save_requested.emit("Register Diskominfo", dialog.columns.settings())
    qtbot.waitUntil(lambda: dialog.presets.findData("Register Diskominfo") >= 0, timeout=WAIT)

    rejects = tmp_path / "register-november-perlu-diperbaiki.csv"
    with qtbot.waitSignal(window.intake.imported, timeout=WAIT) as imported:
        dialog.import_valid(str(rejects))
    assert imported.args[0].count == 4 and imported.args[0].rejected_rows == (9,)
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)
    assert "perlu-diperbaiki" in window.statusBar().currentMessage()

    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) == 2 and rows[0][-2:] == ["Masalah impor", "Baris asal"]
    rows[1][rows[0].index("Uraian Pengaduan")] = "Air PDAM mati tiga hari, warga beli galon."
    rows[1][rows[0].index("Tanggal")] = "30/11/2026"
    with rejects.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)

    # The fixed rows, read with the preset kept above.
    dialog = open_dialog(qtbot, window, rejects)
    dialog.presets.setCurrentIndex(dialog.presets.findData("Register Diskominfo"))
    dialog.presets.activated.emit(dialog.presets.currentIndex())
    qtbot.waitUntil(lambda: dialog.preview is not None
                    and dialog.preview.settings.defaults.get("regency") == "Kota Kendari",
                    timeout=WAIT)
    settled(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.intake.imported, timeout=WAIT) as imported:
        dialog.import_button.click()
    assert imported.args[0].count == 1
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)

    # The whole register again: everything valid was imported before, nothing to import.
    dialog = open_dialog(qtbot, window, register)
    dialog.presets.setCurrentIndex(dialog.presets.findData("Register Diskominfo"))
    dialog.presets.activated.emit(dialog.presets.currentIndex())
    qtbot.waitUntil(lambda: dialog.preview is not None
                    and dialog.preview.settings.defaults.get("regency") == "Kota Kendari",
                    timeout=WAIT)
    settled(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.already_imported == 4
    assert not dialog.import_button.isEnabled() and not dialog.partial_button.isEnabled()

    template = tmp_path / "register-pengaduan.xlsx"
    dialog.save_template(str(template))
    qtbot.waitUntil(template.exists, timeout=WAIT)
    dialog.reject()


def test_closing_with_corrections_asks_first(qtbot: Any, window: MainWindow,
                                             tmp_path: Path) -> None:
    """Esc closed the dialog with the columns corrected and the values typed for the whole file;
    now it asks, and keeping on is the answer Enter and Esc give."""
    register = opd.write_xlsx(tmp_path / "register-november.xlsx")
    dialog = open_dialog(qtbot, window, register)
    dialog.reject()   # nothing corrected: closes
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)

    dialog = open_dialog(qtbot, window, register)
    give_shared_values(qtbot, dialog)
    dialog.reject()
    question = dialog.guard.question
    qtbot.waitUntil(lambda: question is not None and question.isVisible(), timeout=WAIT)
    assert question is not None and window.intake.dialog is dialog and dialog.isVisible()
    question.reject()  # Esc in the question: go on
    qtbot.waitUntil(lambda: not question.isVisible(), timeout=WAIT)
    assert dialog.isVisible() and dialog.columns.defaults()["regency"] == "Kota Kendari"
    dialog.reject()
    qtbot.waitUntil(question.isVisible, timeout=WAIT)
    assert dialog.guard.discard is not None
    dialog.guard.discard.click()
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)
