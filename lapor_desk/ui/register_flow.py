"""Importing a register file from the desktop: the dialog (ui/dialogs/import_register.py) asks,
the register service (services/register.py) reads, previews and imports on the database worker.

Every preview is a dry run with the person's current choices; the answer to an older preview
(another file, other choices since) is dropped. Presets are read and saved in the profile folder;
the template is written where the person chose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from lapor_desk.services.intake import category_tree
from lapor_desk.services.register import ImportOutcome, RegisterSettings
from lapor_desk.ui import intake_labels, labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.import_register import ImportRegisterDialog
from lapor_desk.ui.ops import Changes


def describe_problem(field_name: str, code: str) -> str:
    """The words of a row's problem in the rejects file (the desktop's language)."""
    return intake_labels.row_problem(field_name, code)


class RegisterFlow(QObject):
    def __init__(self, controller: DeskController, parent: QObject,
                 done: Callable[[ImportOutcome], None]) -> None:
        super().__init__(parent)
        self.controller = controller
        self.done = done

    def make_dialog(self, parent: Any) -> ImportRegisterDialog:
        dialog = ImportRegisterDialog(list(category_tree()), parent)
        dialog.preview_requested.connect(lambda p, s: self._preview(dialog, p, s))
        dialog.import_requested.connect(lambda p, s, r: self._import(dialog, p, s, r))
        dialog.preset_chosen.connect(lambda name: self._preset(dialog, name))
        dialog.preset_save_requested.connect(lambda name, s: self._save_preset(dialog, name, s))
        dialog.template_requested.connect(lambda path: self._template(dialog, path))
        self.controller.op(lambda ws: ws.register.preset_names()) \
            .success(dialog.set_presets).run()
        return dialog

    def _preview(self, dialog: ImportRegisterDialog, path: str,
                 settings: RegisterSettings) -> None:
        ticket = dialog.ticket

        def failed(exc: Exception) -> None:
            if ticket == dialog.ticket:
                dialog.show_failure(labels.error_message(exc))

        self.controller.op(lambda ws: ws.register.preview(path, settings)) \
            .success(lambda preview: dialog.show_preview(preview, ticket)) \
            .failure(failed, report_bugs=False).run()

    def _import(self, dialog: ImportRegisterDialog, path: str, settings: RegisterSettings,
                rejects: str) -> None:

        def failed(exc: Exception) -> None:
            code = getattr(exc, "code", None) or ""
            dialog.show_failure(intake_labels.file_problem(code)
                                if code in intake_labels.FILE_PROBLEMS
                                else labels.error_message(exc))

        self.controller.op(lambda ws: ws.register.run(
            path, settings, skip_invalid=bool(rejects), rejects=rejects or None,
            describe=describe_problem)) \
            .changes(Changes(queues=True, rows=True, status=True)) \
            .success(self.done).failure(failed, report_bugs=False).run()

    def _preset(self, dialog: ImportRegisterDialog, name: str) -> None:
        def got(settings: RegisterSettings | None) -> None:
            if settings is not None:
                dialog.apply_settings(settings)

        self.controller.op(lambda ws: ws.register.preset(name)).success(got).run()

    def _save_preset(self, dialog: ImportRegisterDialog, name: str,
                     settings: RegisterSettings) -> None:
        def saved(names: list[str]) -> None:
            dialog.set_presets(names, name)
            dialog.show_note(QCoreApplication.translate(
                "RegisterFlow", "Settings saved as “%1”.").replace("%1", name))

        def failed(exc: Exception) -> None:
            dialog.show_failure(labels.error_message(exc))

        def save(ws: Any) -> list[str]:
            ws.register.save_preset(name, settings)
            return list(ws.register.preset_names())

        self.controller.op(save).success(saved).failure(failed, report_bugs=False).run()

    def _template(self, dialog: ImportRegisterDialog, path: str) -> None:
        def saved(where: str) -> None:
            dialog.show_note(QCoreApplication.translate(
                "RegisterFlow", "Empty register saved: %1").replace("%1", where))

        def failed(exc: Exception) -> None:
            dialog.show_failure(labels.error_message(exc))

        self.controller.op(lambda ws: ws.register.save_template(path)) \
            .success(saved).failure(failed, report_bugs=False).run()
