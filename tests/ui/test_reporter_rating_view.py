"""The reporter's rating of the handling in the complaint's detail (ui/detail_pane.py), in
Indonesian: "Penilaian pelapor: 4/5 — their note"; no row while the complaint is not rated."""

from __future__ import annotations

from dataclasses import replace

from lapor_desk.ui.detail_pane import DetailPane
from tests.ui.test_rahasia_view import AT, _hidden_detail


def test_the_detail_shows_the_reporters_rating(qtbot: object) -> None:
    hidden = _hidden_detail()
    readable = replace(hidden, row=replace(hidden.row, redacted=False, confidential=False),
                       body="Kronologi", timeline=())
    pane = DetailPane()
    pane.show_detail(readable)
    assert "Penilaian pelapor" not in pane.browser.toPlainText()
    pane.show_detail(replace(readable, rating=4, rating_note="Cepat, terima kasih", rated_at=AT))
    text = pane.browser.toPlainText()
    assert "Penilaian pelapor" in text and "4/5 — Cepat, terima kasih" in text
    pane.show_detail(replace(readable, rating=2, rated_at=AT))
    assert "2/5 (" in pane.browser.toPlainText()
