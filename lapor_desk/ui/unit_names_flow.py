"""Editing a unit's other names from a unit picker: the names dialog over the picker's dialog,
saved on the server through an op on the network worker (online only: the directory is the
server's). The dialog stays open with what was typed until the server has stored it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from lapor_desk.services.errors import ServiceError
from lapor_desk.services.types import AgencyItem
from lapor_desk.ui import labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.unit_names import UnitNamesDialog

PROBLEMS = {
    "aliases_too_many": QT_TRANSLATE_NOOP("UnitNames", "Too many names: keep at most 12."),
    "aliases_too_short": QT_TRANSLATE_NOOP(
        "UnitNames", "A name is too short: give at least 2 characters."),
    "aliases_too_long": QT_TRANSLATE_NOOP(
        "UnitNames", "A name is too long: keep each under 80 characters."),
    "not_permitted": QT_TRANSLATE_NOOP(
        "UnitNames", "You may not change the names of this unit: ask its agency's admin."),
    "forbidden": QT_TRANSLATE_NOOP(
        "UnitNames", "You may not change the names of this unit: ask its agency's admin."),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("UnitNames", text)


class UnitNamesEditor:
    """Opens the names dialog for a picker's unit and saves it (``controller`` runs the op)."""

    def __init__(self, controller: DeskController) -> None:
        self.controller = controller
        self.dialog: UnitNamesDialog | None = None

    def edit(self, item: AgencyItem, parent: QWidget,
             saved: Callable[[int, tuple[str, ...]], None]) -> UnitNamesDialog:
        dialog = UnitNamesDialog(item, parent)
        self.dialog = dialog

        def save() -> None:
            dialog.saving(True)
            names = dialog.names()
            # sent on the network worker, kept in the cache on the database worker
            op = self.controller.op(lambda ws: ws.unit_names.send_aliases(item.id, names),
                                    worker="net")
            op.success(lambda stored: keep(stored))
            op.failure(lambda error: dialog.show_problem(problem_text(error))).run()

        def keep(stored: tuple[str, ...]) -> None:
            op = self.controller.op(lambda ws: ws.unit_names.keep_aliases(item.id, stored))
            op.success(lambda _none: done(stored))
            op.failure(lambda error: dialog.show_problem(problem_text(error))).run()

        def done(stored: tuple[str, ...]) -> None:
            saved(item.id, stored)
            dialog.done(UnitNamesDialog.DialogCode.Accepted)
            dialog.deleteLater()
            self.dialog = None

        dialog.buttons.accepted.disconnect()
        dialog.buttons.accepted.connect(save)
        dialog.rejected.connect(lambda: setattr(self, "dialog", None))
        dialog.open()
        return dialog


def problem_text(error: Exception) -> str:
    code = getattr(error, "code", "") if isinstance(error, ServiceError) else ""
    if code in PROBLEMS:
        return _tr(str(PROBLEMS[code]))
    return labels.error_message(error)


def names_editor(controller: DeskController) -> UnitNamesEditor | None:
    """An editor for the pickers of a user who may edit unit names, else None."""
    info = controller.info
    if info is None or not info.capabilities.unit_names:
        return None
    return UnitNamesEditor(controller)
