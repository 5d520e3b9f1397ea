"""Finding a complaint from the main window as a caller gives it, against the real server: the
tracking number read out on the phone (typed with a space or a leading '#'), the reporter's name
or phone number (never for an anonymous reporter), words; across every queue, each result saying
its queue; picking a queue narrows the search, clearing it goes back."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.server.database import make_engine
from lapor_desk.server.db import Complaint as ServerComplaint
from lapor_desk.server.db import Reporter
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.complaint_table import NUMBER, STATUS
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, save_png, signed_in_window

pytestmark = pytest.mark.timeout(240)


def cached(controller: DeskController, *where: Any) -> list[Any]:
    cache = controller.workstation.session.require_cache()
    with cache.engine.connect() as connection:
        return list(connection.execute(select(Complaint).where(*where)))


def search(qtbot: Any, window: MainWindow, text: str) -> list[str]:
    window.search.setText(text)
    qtbot.waitUntil(lambda: not window._search_timer.isActive(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.controller.taskman.idle
                    and window.current_filter().search == text, timeout=WAIT)
    qtbot.wait(20)
    qtbot.waitUntil(lambda: window.controller.taskman.idle, timeout=WAIT)
    model = window.table_model
    return [model.id_at(r) or "" for r in range(model.rowCount())]


def test_a_number_read_out_on_the_phone_finds_its_complaint_in_any_queue(
        qtbot: Any, controller: DeskController, live_server: LiveServer,
        password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    assert window.queue_key == "needs_verification"
    done = cached(controller, Complaint.status == "done", Complaint.tracking_number.is_not(None))
    target = done[len(done) // 2]
    number = str(target.tracking_number)

    found = search(qtbot, window, f"#{number[:4]} {number[4:]}")
    assert window.queue_key == "all"
    assert window.list_heading.text() == "Semua laporan"
    assert found[0] == target.id
    assert window.table_model.index(0, NUMBER).data() == number
    assert window.table_model.index(0, STATUS).data() == "Selesai"  # its queue, said
    assert window.table_model.headerData(STATUS, Qt.Orientation.Horizontal) == "Antrean"
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.row.id == target.id, timeout=WAIT)
    save_png(window, "find_by_number")

    # typed and Enter: searched at once, the keyboard goes to the list
    window.search.setFocus()
    window.search.setText(f"No. {number}")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert not window._search_timer.isActive() and window.table.hasFocus()
    qtbot.waitUntil(lambda: controller.taskman.idle
                    and window.table_model.id_at(0) == target.id, timeout=WAIT)
    assert search(qtbot, window, f"{number[:3]}-{number[3:]}")[0] == target.id

    # clearing the search goes back to the queue open before it
    search(qtbot, window, "")
    qtbot.waitUntil(lambda: window.queue_key == "needs_verification", timeout=WAIT)

    # a number nobody has: said plainly, over the empty list
    assert search(qtbot, window, "9999999") == []
    assert window.empty_list.isVisible()
    assert "Tidak ditemukan" in window.empty_list.text()
    save_png(window, "find_nothing")


def test_reporter_name_and_phone_but_never_an_anonymous_reporter(
        qtbot: Any, controller: DeskController, live_server: LiveServer,
        password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    named = cached(controller, Complaint.anonymous.is_(False),
                   Complaint.reporter_name.is_not(None),
                   Complaint.reporter_contact.like("08%"))
    assert named
    reporter = named[0]
    found = search(qtbot, window, reporter.reporter_name.lower())
    assert reporter.id in found
    phone = reporter.reporter_contact  # 0812...: typed as +62 812 ...
    spaced = "+62 " + " ".join(phone[1:][i:i + 4] for i in range(0, len(phone) - 1, 4))
    assert reporter.id in search(qtbot, window, spaced)

    # an anonymous complaint's reporter: the server knows the name, the search never finds it
    anonymous_ids = {c.id for c in cached(controller, Complaint.anonymous.is_(True))}
    assert anonymous_ids
    engine = make_engine(live_server.settings.database_url)
    try:
        with engine.connect() as connection:
            hidden = connection.execute(
                select(ServerComplaint.id, Reporter.name)
                .join(Reporter, Reporter.id == ServerComplaint.reporter_id)
                .where(ServerComplaint.id.in_(sorted(anonymous_ids)))).first()
    finally:
        engine.dispose()
    assert hidden is not None and hidden.name
    assert hidden.id not in search(qtbot, window, hidden.name)


def test_picking_a_queue_narrows_the_search_to_it(
        qtbot: Any, controller: DeskController, live_server: LiveServer,
        password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    everywhere = search(qtbot, window, "jalan")
    assert window.queue_key == "all" and everywhere
    statuses = {c.id: c.status for c in cached(controller, Complaint.id.in_(everywhere))}
    assert len(set(statuses.values())) > 1  # found in several queues
    window.select_queue("done")
    qtbot.waitUntil(lambda: window.queue_key == "done" and controller.taskman.idle,
                    timeout=WAIT)
    qtbot.waitUntil(lambda: window.table_model.rowCount()
                    == sum(1 for s in statuses.values() if s == "done"), timeout=WAIT)
    assert search(qtbot, window, "jalan rusak") is not None
    assert window.queue_key == "done"  # the search stays where the person put it
