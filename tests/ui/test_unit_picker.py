"""Choosing a unit by the names admins use, against the real server: the forward dialog finds
"dukcapil", a typo'd "dinas kesehtan", says plainly that "satpol pp" is not there; an agency
admin gives a unit another name ("Bansos") that is stored on the server and finds it at once;
the unit last forwarded to comes first next time; the re-route list finds "kemenkes"."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from lapor_desk.server.database import make_engine
from lapor_desk.server.db import Agency
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.dialogs.verify import RerouteDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.unit_picker import UnitPicker
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, open_queue, save_png, show_complaint, signed_in_window

pytestmark = pytest.mark.timeout(240)


def open_dialog(qtbot: Any, window: MainWindow, kind: str) -> Any:
    if kind == "forward":
        window.forward_action.trigger()
        qtbot.waitUntil(lambda: window.flows.dialog is not None, timeout=WAIT)
        return window.flows.dialog
    window.verify.actions[kind].trigger()
    qtbot.waitUntil(lambda: window.verify.dialog is not None, timeout=WAIT)
    return window.verify.dialog


def found(picker: UnitPicker, text: str) -> list[str]:
    picker.search.setText(text)
    names = {i.id: i.name for i in picker.items}
    selectable = {i.id for i in picker.items if i.selectable}
    return [names[i] for i in picker.shown_ids() if i in selectable]


def test_units_by_abbreviation_typo_alias_and_recent_use(
        qtbot: Any, controller: DeskController, live_server: LiveServer,
        password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    open_queue(qtbot, window, "needs_verification")
    show_complaint(qtbot, window, 0)
    dialog = open_dialog(qtbot, window, "forward")
    assert isinstance(dialog, ForwardDialog)
    picker = dialog.picker

    assert found(picker, "dukcapil") == ["Dinas Kependudukan dan Pencatatan Sipil Kota Kendari"]
    assert found(picker, "Disdukcapil")[0].startswith("Dinas Kependudukan")
    assert found(picker, "dinas kesehtan")[0] == "Dinas Kesehatan Kota Kendari"
    assert found(picker, "pupr")[0] == "Dinas Pekerjaan Umum dan Penataan Ruang Kota Kendari"
    assert found(picker, "rsud") == ["RSUD Kota Kendari"]
    assert not dialog.not_found.isVisible()

    assert found(picker, "satpol pp") == []
    assert dialog.not_found.isVisible()
    assert dialog.not_found.text().startswith("Tidak ditemukan: tidak ada unit atau instansi "
                                              "bernama “satpol pp”")
    save_png(dialog, "forward_unit_not_found")

    # the admin names a unit as people call it: stored on the server, found at once
    social = next(i for i in picker.items if i.name == "Dinas Sosial Kota Kendari")
    picker.search.clear()
    assert picker.select(social.id)
    assert picker.names_button.isVisible() and picker.names_button.isEnabled()
    picker.names_button.click()
    editor = picker.names
    assert editor is not None
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(),
                    timeout=WAIT)
    names = editor.dialog
    assert names is not None
    names.editor.setPlainText("Bansos\n  Dinsos Kota  \n\nbansos")
    save_png(names, "unit_names_dialog")
    names.ok.click()
    qtbot.waitUntil(lambda: editor.dialog is None, timeout=WAIT)
    assert found(picker, "bansos") == ["Dinas Sosial Kota Kendari"]
    engine = make_engine(live_server.settings.database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(select(Agency.aliases).where(
                Agency.id == social.id)).scalar_one()
    finally:
        engine.dispose()
    assert stored == ["Bansos", "Dinsos Kota"]

    # forward to the Dinas Kesehatan: the next time it comes first
    health = found(picker, "dinkes")[0]
    health_id = next(i.id for i in picker.items if i.name == health)
    assert dialog.select(health_id)
    dialog.ok.click()
    qtbot.waitUntil(lambda: window.flows.dialog is None and controller.taskman.idle,
                    timeout=WAIT)
    show_complaint(qtbot, window, 0)
    dialog = open_dialog(qtbot, window, "forward")
    picker = dialog.picker
    recent = picker.proxy.index(0, 0)
    assert recent.data() == "Terakhir dipakai"
    assert picker.proxy.index(0, 0, recent).data().startswith("Dinas Kesehatan Kota Kendari")
    assert found(picker, "dinas")[0] == "Dinas Kesehatan Kota Kendari"
    assert found(picker, "bansos") == ["Dinas Sosial Kota Kendari"]  # kept in the cache
    picker.search.clear()
    save_png(dialog, "forward_recent_units")
    dialog.reject()
    qtbot.waitUntil(lambda: window.flows.dialog is None, timeout=WAIT)

    # re-routing to another agency: by its short name
    dialog = open_dialog(qtbot, window, "reroute")
    assert isinstance(dialog, RerouteDialog)
    assert found(dialog.picker, "kemenkes")[0] == "Kementerian Kesehatan"
    assert found(dialog.picker, "bpjs")[0] == "BPJS Kesehatan"
    assert found(dialog.picker, "pemkab konawe selatan")[0] == "Pemerintah Kabupaten Konawe Selatan"
    save_png(dialog, "reroute_by_abbreviation")
    dialog.reject()
