"""The sign-out question: counts of unsynced work, Cancel as the default when work would be lost,
and the whole flow against the real server (the profile is gone after confirming)."""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lapor_desk.services.profile_copy import UnsyncedWork
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs import sign_out
from lapor_desk.ui.dialogs.sign_out import SignOutDialog, confirm_sign_out
from lapor_desk.ui.resources import TRANSLATIONS
from tests.support.live_server import LiveServer
from tests.ui.desk_support import SCREENS

pytestmark = pytest.mark.timeout(120)


def tr(source: str) -> str:
    """The wording the window shows for ``source`` (Indonesian once the catalogue has it)."""
    return QCoreApplication.translate("SignOutDialog", source)


def answer_with(action: Callable[[SignOutDialog], None]) -> list[SignOutDialog]:
    """Act on the modal sign-out dialog once it is shown (exec() blocks the test)."""
    seen: list[SignOutDialog] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignOutDialog):
            QTimer.singleShot(20, act)
            return
        seen.append(dialog)
        action(dialog)

    QTimer.singleShot(0, act)
    return seen


def test_unsynced_work_is_counted_and_cancel_is_the_default(qtbot: Any) -> None:
    dialog = SignOutDialog(UnsyncedWork(pending=3, rejected=1, conflicts=2))
    qtbot.addWidget(dialog)
    dialog.show()
    SCREENS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENS / "sign_out_unsynced.png"))
    details = dialog.informativeText().splitlines()
    assert details[:3] == [
        tr("Actions not yet sent to the server: %1").replace("%1", "3"),
        tr("Actions the server refused, not yet resolved: %1").replace("%1", "1"),
        tr("Conflicts not yet resolved: %1").replace("%1", "2")]
    assert dialog.defaultButton() is dialog.cancel_button
    assert dialog.confirm_button.text() == tr("Delete and sign out")
    seen = answer_with(lambda d: QTest.keyClick(d, Qt.Key.Key_Return))
    assert confirm_sign_out(UnsyncedWork(3, 1, 2)) is False  # a hurried Enter keeps the work
    assert seen and not seen[0].confirmed()


def test_confirming_deletes_and_escape_keeps(qtbot: Any) -> None:
    answer_with(lambda d: d.confirm_button.click())
    assert confirm_sign_out(UnsyncedWork(pending=1, rejected=0, conflicts=0)) is True
    seen = answer_with(lambda d: QTest.keyClick(d, Qt.Key.Key_Escape))
    assert confirm_sign_out(UnsyncedWork(0, 0, 0)) is False
    assert seen[0].defaultButton() is seen[0].confirm_button  # nothing to lose: Enter signs out
    assert seen[0].confirm_button.text() == tr("Sign out")
    assert "%1" not in seen[0].informativeText() and "\n" not in seen[0].informativeText()
    assert seen[0].informativeText() == tr(
        "The complaints, attachments and drafts kept on this computer for your account are "
        "deleted, with the key that encrypts them. Everything you sent is safe on the server: "
        "sign in again to download it.")


def test_every_sign_out_string_has_indonesian_wording() -> None:
    """Each ``self.tr`` source in the dialog is worded in strings_security.py, so fill_id.py
    leaves none of them unfinished when the catalogue is regenerated."""
    tree = ast.parse(Path(sign_out.__file__).read_text("utf-8"))
    sources = {node.args[0].value for node in ast.walk(tree)
               if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr == "tr" and node.args
               and isinstance(node.args[0], ast.Constant)}
    spec = importlib.util.spec_from_file_location(
        "strings_security", TRANSLATIONS / "strings_security.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert len(sources) == 10
    assert sorted(sources - set(module.ID)) == []
    for source in sources:
        assert sorted(source.count(m) for m in ("%1",)) == sorted(
            module.ID[source].count(m) for m in ("%1",)), source


def test_sign_out_flow_against_the_server(qtbot: Any, controller: DeskController,
                                          live_server: LiveServer, password: str) -> None:
    with qtbot.waitSignal(controller.signed_in, timeout=30_000) as signed:
        controller.sign_in(live_server.url, "admin.kendari", password)
    profile = Path(signed.args[0].profile_dir)
    with qtbot.waitSignal(controller.sync_finished, timeout=60_000):
        controller.sync()
    station = controller.workstation
    outbox = station.session.outbox
    assert outbox is not None
    outbox.internal_note(station.complaint_ids("needs_verification")[0], "belum terkirim")

    work = station.session.unsynced_work()
    answer_with(lambda d: d.cancel_button.click())
    assert not confirm_sign_out(work)
    assert profile.exists()  # cancelled: nothing deleted

    answer_with(lambda d: d.confirm_button.click())
    assert confirm_sign_out(work)
    station.session.sign_out(discard_unsynced=True)
    assert not profile.exists() and station.info is None


def test_the_windows_sign_out_asks_then_deletes(qtbot: Any, controller: DeskController,
                                                live_server: LiveServer, password: str) -> None:
    from tests.ui.desk_support import signed_in_window

    window = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    profile = Path(station.info.profile_dir)  # type: ignore[union-attr]
    target = station.complaint_ids("needs_verification")[0]
    station.actions.internal_note(target, "belum terkirim")
    seen = answer_with(lambda d: d.cancel_button.click())
    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert seen[0].work.pending == 1 and seen[0].defaultButton() is seen[0].cancel_button
    qtbot.waitUntil(lambda: controller.taskman.idle, timeout=30_000)
    assert profile.exists() and station.info is not None  # cancelled: nothing deleted

    answer_with(lambda d: d.confirm_button.click())
    with qtbot.waitSignal(controller.signed_out, timeout=30_000):
        window.sign_out_action.trigger()
    assert not profile.exists() and station.info is None


def test_drafts_alone_are_unsynced_work_to_ask_about(qtbot: Any) -> None:
    dialog = SignOutDialog(UnsyncedWork(0, 0, 0, drafts=2))
    qtbot.addWidget(dialog)
    assert dialog.informativeText().splitlines()[0] == tr(
        "Replies, notes and complaints typed but not saved (drafts): %1").replace("%1", "2")
    assert dialog.text() == tr("Unsynced work will be lost")
    assert dialog.defaultButton() is dialog.cancel_button
