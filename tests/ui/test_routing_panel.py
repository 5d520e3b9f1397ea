"""The forward dialog's unit suggestions as a person reads and uses them: each state says what is
happening in Indonesian, a suggestion says its confidence and its reason in words built from its
values, choosing one (click, Alt+number) selects that unit in the picker and forwards nothing, the
similar past complaints are one click away, and the panel has names for a screen reader.

The values are the routing help's own types (models/routing/types.py); the dialog with the real
service on a synced profile is tests/ui/test_routing_suggestions.py."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy, QTest
from PySide6.QtWidgets import QWidget

from lapor_desk.models.routing.types import (
    CategorySuggestion,
    ModelState,
    SimilarCase,
    Suggestions,
    UnitSuggestion,
)
from lapor_desk.services.types import AgencyItem
from lapor_desk.ui.dialogs.forward import ForwardDialog

PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang Kota Kendari"
UNITS = [AgencyItem(1, None, "regency", "Pemerintah Kota Kendari", "KDI", False)] + [
    AgencyItem(10 + n, 1, "unit", name, f"U{n}", True) for n, name in enumerate(
        [PUPR, "Dinas Lingkungan Hidup Kota Kendari", "Dinas Perhubungan Kota Kendari",
         "Dinas Kesehatan Kota Kendari"])]
CASES = tuple(SimilarCase(f"c{n}", str(4100 + n), f"Jalan berlubang di Jl. Ahmad Yani {n}", 10, PUPR,
                          0.8 - n / 20) for n in range(4))
READY = Suggestions(ModelState.READY, (
    UnitSuggestion(10, PUPR, 0.72, 12, "Kota Kendari", 3, CASES),
    UnitSuggestion(12, "Dinas Perhubungan Kota Kendari", 0.41, 4, None, 0, CASES[:1]),
    UnitSuggestion(99, "Dinas Pariwisata Provinsi", 0.05, 1, None, 1, ())),
    CategorySuggestion("Infrastruktur", 0.7, "Kesehatan"), trained_on=840)


def dialog(qtbot: Any) -> ForwardDialog:
    box = ForwardDialog("Jalan rusak", UNITS, suggested=True)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


def shown_buttons(box: ForwardDialog) -> list[str]:
    assert box.suggestions is not None
    return [r.button.text() for r in box.suggestions.rows if r.button.isVisibleTo(box)]


def test_each_state_says_what_is_happening(qtbot: Any) -> None:
    box = dialog(qtbot)
    panel = box.suggestions
    assert panel is not None and panel.title() == "Saran unit"
    assert panel.state_text == "Mencari saran…" and shown_buttons(box) == []
    for state, words in (
            (ModelState.TRAINING, "Saran sedang disiapkan dari riwayat…"),
            (ModelState.TOO_LITTLE_HISTORY, "Belum cukup riwayat untuk memberi saran"),
            (ModelState.READY, "Tidak ada saran untuk laporan ini; pilih unit di bawah.")):
        panel.show_suggestions(Suggestions(state), {10, 11})
        assert panel.state_text == words
        assert shown_buttons(box) == [] and not panel.category.isVisibleTo(box)
    panel.unavailable()
    assert panel.state_text == "Saran belum tersedia saat ini; pilih unit di bawah."
    panel.show_suggestions(READY, {10, 11, 12, 13})
    assert panel.state_text == "" and len(shown_buttons(box)) == 3


def test_a_suggestion_says_its_confidence_and_reason_in_words(qtbot: Any) -> None:
    box = dialog(qtbot)
    panel = box.suggestions
    assert panel is not None
    panel.show_suggestions(READY, {10, 11, 12, 13})
    first, second, third = panel.rows
    assert first.button.text().startswith("&1  Dinas Pekerjaan Umum")
    assert first.confidence.text() == "kemungkinan besar · 72 %"
    assert second.confidence.text() == "mungkin · 41 %"
    assert third.confidence.text() == "kemungkinan kecil · 5 %"
    assert first.reason.text() == (f"12 laporan serupa dari Kota Kendari ditangani {PUPR} "
                                   "+ 3 salah kirim yang kembali ke unit ini")
    assert second.reason.text() == "4 laporan serupa ditangani Dinas Perhubungan Kota Kendari"
    assert third.reason.text() == ("1 laporan serupa ditangani Dinas Pariwisata Provinsi "
                                   "+ 1 salah kirim yang kembali ke unit ini")
    assert panel.category.text() == "Kategori pelapor: Kesehatan; laporan serupa biasanya: " \
                                    "Infrastruktur"
    # names for a screen reader, and the whole name of a unit shortened on its button
    assert panel.accessibleName() == "Saran unit dari laporan terdahulu"
    assert first.button.accessibleName() == f"Saran 1: {PUPR}, kemungkinan besar · 72 %"
    assert first.button.accessibleDescription() == first.reason.text()
    assert first.similar.accessibleName() == "Laporan serupa terdahulu untuk saran 1"
    assert PUPR in first.button.toolTip()
    # a unit the picker does not offer here cannot be chosen
    assert first.button.isEnabled() and not third.button.isEnabled()


def test_choosing_a_suggestion_selects_its_unit_and_forwards_nothing(qtbot: Any) -> None:
    box = dialog(qtbot)
    panel = box.suggestions
    assert panel is not None
    panel.show_suggestions(READY, {10, 11, 12, 13})
    assert box.target_id() is None and not box.ok.isEnabled()
    panel.rows[0].button.click()
    assert box.target_id() == 10 and box.ok.isEnabled()
    assert box.isVisible() and box.result() == 0  # nothing forwarded: Forward is the admin's
    box.search.setText("kesehatan")  # the search hides the suggested unit: cleared for it
    assert box.target_id() != 12
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    QTest.keyClick(box.search, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Alt+2
    qtbot.waitUntil(lambda: box.target_id() == 12)  # the button's shortcut clicks it shortly
    assert box.search.text() == ""
    assert box.isVisible() and box.result() == 0
    # Enter on a suggestion chooses it (Space too); it never presses Forward
    panel.rows[0].button.setFocus()
    QTest.keyClick(panel.rows[0].button, Qt.Key.Key_Return)
    assert box.target_id() == 10 and box.isVisible() and box.result() == 0
    panel.rows[1].similar.setFocus()
    QTest.keyClick(panel.rows[1].similar, Qt.Key.Key_Enter)
    assert panel.rows[1].similar.isChecked() and box.isVisible() and box.result() == 0


def test_the_suggestions_come_first_in_tab_order(qtbot: Any) -> None:
    box = dialog(qtbot)
    panel = box.suggestions
    assert panel is not None
    panel.show_suggestions(READY, {10, 11, 12, 13})
    first = panel.rows[0].button
    first.setFocus()
    seen: list[QWidget | None] = [first]
    for _ in range(6):
        QTest.keyClick(box.focusWidget(), Qt.Key.Key_Tab)
        seen.append(box.focusWidget())
    # the third suggestion cannot be chosen here and has nothing behind it: skipped
    order = [panel.rows[0].button, panel.rows[0].similar, panel.rows[1].button,
             panel.rows[1].similar, box.search]
    assert seen[:5] == order


def test_the_similar_past_complaints_are_one_click_away(qtbot: Any) -> None:
    box = dialog(qtbot)
    panel = box.suggestions
    assert panel is not None
    panel.show_suggestions(READY, {10, 11, 12, 13})
    assert not panel.similar_list.isVisibleTo(box)
    assert panel.rows[0].similar.text() == "Serupa (4)"
    assert not panel.rows[2].similar.isVisibleTo(box)  # nothing behind it to show
    panel.rows[0].similar.click()
    listed = panel.similar_list
    assert listed.isVisibleTo(box) and listed.topLevelItemCount() == 4
    row = listed.topLevelItem(0)
    assert row is not None
    assert [row.text(c) for c in range(3)] == ["4100", CASES[0].title, PUPR]
    assert listed.headerItem().text(0) == "No. laporan"
    opened = QSignalSpy(panel.similar_opened)
    panel.rows[0].button.click()  # a unit chosen: the dialog's OK (its default) is enabled
    assert box.ok.isEnabled()
    listed.setFocus()
    QTest.keyClick(listed, Qt.Key.Key_Return)  # Enter opens the complaint, and only that
    assert opened.count() == 1 and opened.at(0)[0] == CASES[0]
    assert box.isVisible() and box.result() == 0
    second = listed.topLevelItem(1)
    assert second is not None
    listed.itemDoubleClicked.emit(second, 1)  # so does a double click
    assert opened.count() == 2 and opened.at(1)[0] == CASES[1]
    panel.rows[1].similar.click()  # another suggestion's: one list at a time
    assert not panel.rows[0].similar.isChecked() and listed.topLevelItemCount() == 1
    panel.rows[1].similar.click()
    assert not listed.isVisibleTo(box)
