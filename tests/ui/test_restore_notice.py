"""After a sync that found the server restored from a backup, the window says what happened in
words (in the window when there is no tray); any other sync says nothing of it."""

from __future__ import annotations

from typing import Any

from lapor_desk.services.types import SyncOutcome
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.notify import Notifier

PLAIN = SyncOutcome(pushed=0, applied=0, rejected=0, conflicts=0, pulled_rows=0,
                    finished_at=None)


def test_a_restore_found_by_the_sync_is_told_with_what_was_sent_again(
        qtbot: Any, controller: DeskController) -> None:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    notifier = Notifier(window, tray_available=lambda: False)
    shown: list[tuple[str, str]] = []
    notifier.shown.connect(lambda title, text: shown.append((title, text)))

    notifier.show_sync_outcome(PLAIN)
    assert shown == []
    restored = SyncOutcome(pushed=3, applied=3, rejected=0, conflicts=0, pulled_rows=10,
                           finished_at=None, resets=1, server_restored=True, resent=3)
    notifier.show_sync_outcome(restored)
    [(title, text)] = shown
    assert title == "Server dipulihkan dari cadangan"  # the window speaks Indonesian
    assert "3 tindakan Anda" in text and "tidak ada pekerjaan Anda yang hilang" in text
    assert notifier.notice is not None and notifier.notice.isVisible()
    assert notifier.notice.text.text() == text

    shown.clear()
    notifier.show_sync_outcome(SyncOutcome(pushed=1, applied=0, rejected=1, conflicts=0,
                                           pulled_rows=0, finished_at=None,
                                           server_restored=True, resent=1))
    [(_, text)] = shown
    assert "buka Kotak Keluar" in text
