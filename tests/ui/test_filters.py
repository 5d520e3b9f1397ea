"""The filter bar: each choice maps to its ComplaintFilter field, choices come from what the
queue holds, active filters are highlighted and each removable, reset removes them all; in the window,
against the real reference server, every filter narrows the list to what the services say and
the count above the list follows."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import event

from lapor_desk.services.filter_options import CategoryChoice, Choice, FilterOptions, UnitChoice
from lapor_desk.services.types import ComplaintFilter
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.filter_bar import FilterBar, category_key
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.complaint_table import DEADLINE, PRIVACY, TITLE
from lapor_desk.ui.unit_type_ahead import UnitTypeAhead
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, open_queue, save_png, signed_in_window

pytestmark = pytest.mark.timeout(240)
TODAY = date(2026, 3, 18)
OPTIONS = FilterOptions(
    channels=(Choice("sms", 3), Choice("whatsapp", 5)),
    categories=(CategoryChoice("Kesehatan", 6, (Choice("Puskesmas", 4), Choice("BPJS", 2))),
                CategoryChoice("Pendidikan", 2, ())),
    regencies=(Choice("Kota Kendari", 7), Choice("Kabupaten Konawe", 1)),
    units=(UnitChoice(12, "Dinas Kesehatan", 5), UnitChoice(40, "Dinas Pendidikan", 2)),
)


def choose(combo: Any, data: Any) -> None:
    index = combo.findData(data)
    assert index > 0, data
    combo.setCurrentIndex(index)


@pytest.fixture
def bar(qtbot: Any) -> FilterBar:
    widget = FilterBar(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.set_options(OPTIONS)
    widget.show()
    return widget


def test_each_choice_sets_its_field(qtbot: Any, bar: FilterBar) -> None:
    assert bar.narrowing("air") == ComplaintFilter(search="air") and not bar.is_active()
    with qtbot.waitSignal(bar.changed):
        choose(bar.type_combo, "aspirasi")
    choose(bar.channel, "whatsapp")
    choose(bar.category, category_key("Kesehatan", "Puskesmas"))
    choose(bar.regency, "Kabupaten Konawe")
    choose(bar.unit, 40)
    choose(bar.privacy, "none")
    choose(bar.received, "7d")
    assert bar.narrowing() == ComplaintFilter(
        complaint_type="aspirasi", channel="whatsapp", category="Kesehatan",
        subcategory="Puskesmas", regency="Kabupaten Konawe", unit_id=40,
        received_from=TODAY - timedelta(days=6), received_to=TODAY, anonymous=False,
        confidential=False)
    choose(bar.category, category_key("Pendidikan"))
    choose(bar.privacy, "anonymous")
    where = bar.narrowing()
    assert (where.category, where.subcategory) == ("Pendidikan", None)
    assert (where.anonymous, where.confidential) == (True, None)
    choose(bar.privacy, "confidential")
    assert (bar.narrowing().anonymous, bar.narrowing().confidential) == (None, True)
    for preset, start in (("today", TODAY), ("30d", TODAY - timedelta(days=29)),
                          ("month", date(2026, 3, 1))):
        choose(bar.received, preset)
        assert (bar.narrowing().received_from, bar.narrowing().received_to) == (start, TODAY)


def test_sub_categories_sit_under_their_category_with_counts(bar: FilterBar) -> None:
    texts = [bar.category.itemText(i) for i in range(bar.category.count())]
    assert texts[1:] == ["Kesehatan (6)", "    BPJS (2)", "    Puskesmas (4)",
                         "Pendidikan (2)"] or texts[1:] == [
        "Kesehatan (6)", "    Puskesmas (4)", "    BPJS (2)", "Pendidikan (2)"]
    assert bar.channel.itemText(bar.channel.findData("sms")) == "SMS 1708 (3)"
    assert bar.unit.itemText(bar.unit.findData(12)) == "Dinas Kesehatan (5)"


def test_custom_range_shows_dates_both_ends_included(qtbot: Any, bar: FilterBar) -> None:
    assert not bar.received_from.isVisible()
    choose(bar.received, "custom")
    assert bar.received_from.isVisible() and bar.received_to.isVisible()
    assert bar.narrowing().received_from == TODAY - timedelta(days=29)
    with qtbot.waitSignal(bar.changed):
        bar.received_from.setDate(date(2026, 1, 5))
    bar.received_to.setDate(date(2026, 1, 2))  # typed the wrong way round: still a range
    assert (bar.narrowing().received_from, bar.narrowing().received_to) == (
        date(2026, 1, 2), date(2026, 1, 5))
    text = bar.active()[-1][1]
    assert "2026" in text and "–" in text and text == bar.received.toolTip()


def test_active_filters_show_and_each_can_be_removed(qtbot: Any, bar: FilterBar) -> None:
    assert not bar.reset_button.isVisible() and not bar.active()
    choose(bar.channel, "sms")
    choose(bar.unit, 12)
    assert [text for _c, text in bar.active()] == [
        f"{bar.tr('Channel')}: SMS 1708", f"{bar.tr('Unit')}: Dinas Kesehatan"]
    assert bar.channel.property("active") is True and bar.regency.property("active") is False
    assert bar.unit.toolTip() == f"{bar.tr('Unit')}: Dinas Kesehatan"
    assert bar.reset_button.isVisible()
    assert "Dinas Kesehatan" in bar.reset_button.toolTip()
    # keyboard: Delete on a filter's box removes just that filter
    with qtbot.waitSignal(bar.changed):
        QTest.keyClick(bar.channel, Qt.Key.Key_Delete)
    assert bar.channel.currentIndex() == 0 and bar.narrowing().unit_id == 12
    assert bar.channel.property("active") is False
    choose(bar.privacy, "anonymous")
    reloads: list[bool] = []
    bar.changed.connect(lambda: reloads.append(True))
    QTest.keyClick(bar.reset_button, Qt.Key.Key_Space)  # the reset button, by keyboard
    assert reloads == [True]  # one reload, not one per filter
    assert not bar.is_active() and not bar.reset_button.isVisible()
    assert bar.narrowing() == ComplaintFilter()


def test_a_chosen_value_stays_when_the_queue_lacks_it(bar: FilterBar) -> None:
    choose(bar.regency, "Kabupaten Konawe")
    choose(bar.category, category_key("Kesehatan", "BPJS"))
    bar.set_options(FilterOptions(channels=(Choice("web", 9),)))
    assert bar.regency.currentText() == "Kabupaten Konawe (0)"
    assert bar.narrowing().regency == "Kabupaten Konawe"
    assert bar.narrowing().subcategory == "BPJS"
    assert bar.channel.count() == 2  # "all" and web: only what the queue holds
    bar.set_options(OPTIONS)
    assert bar.regency.currentText() == "Kabupaten Konawe (1)"


def shown_ids(window: MainWindow) -> list[str]:
    model = window.table_model
    return [model.id_at(r) or "" for r in range(model.rowCount())]


def idle(window: MainWindow) -> bool:
    return window.controller.taskman.idle


def settle(qtbot: Any, window: MainWindow, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: window.controller.taskman.idle and shown_ids(window) == expected,
                    timeout=WAIT)


def test_window_filters_against_the_server(qtbot: Any, controller: DeskController,
                                           live_server: LiveServer, password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password, "nasional1")
    station = controller.workstation
    open_queue(qtbot, window, "done")
    bar = window.filter_bar
    options = station.filter_options("done")
    qtbot.waitUntil(lambda: bar.channel.count() == len(options.channels) + 1, timeout=WAIT)
    total = len(station.complaint_ids("done"))
    assert window.list_count.text() == f"{total:,}".replace(",", ".")

    channel = max(options.channels, key=lambda c: c.count)
    expected = station.complaint_ids("done", ComplaintFilter(channel=channel.value))
    # a complaint the filter will hide is open in the detail: it leaves with the filter
    hidden = next(i for i in station.complaint_ids("done") if i not in expected)
    window.table.selectRow(window.table_model.row_of(hidden))
    qtbot.waitUntil(lambda: window.detail.complaint_id == hidden and idle(window), timeout=WAIT)
    choose(bar.channel, channel.value)
    settle(qtbot, window, expected)
    assert window.detail.complaint_id is None
    assert len(expected) == channel.count
    assert window.list_count.text() == window.tr("%1 of %2").replace(
        "%1", str(len(expected))).replace("%2", str(total))

    category = max(options.categories, key=lambda c: len(c.subcategories))
    sub = category.subcategories[0]
    choose(bar.category, category_key(category.name, sub.value))
    expected = station.complaint_ids("done", ComplaintFilter(
        channel=channel.value, category=category.name, subcategory=sub.value))
    settle(qtbot, window, expected)
    bar.clear_filter(bar.channel)
    settle(qtbot, window, station.complaint_ids("done", ComplaintFilter(
        category=category.name, subcategory=sub.value)))
    assert len(shown_ids(window)) == sub.count

    regency = max(options.regencies, key=lambda c: c.count)
    unit = max(options.units, key=lambda u: u.count if u.count < total else 0)
    bar.reset()
    choose(bar.regency, regency.value)
    settle(qtbot, window, station.complaint_ids("done", ComplaintFilter(regency=regency.value)))
    choose(bar.unit, unit.id)
    choose(bar.privacy, "none")
    expected = station.complaint_ids("done", ComplaintFilter(
        regency=regency.value, unit_id=unit.id, anonymous=False, confidential=False))
    settle(qtbot, window, expected)
    choose(bar.received, "custom")
    bar.received_from.setDate(date(2020, 1, 1))
    bar.received_to.setDate(date(2020, 1, 2))
    settle(qtbot, window, [])
    assert window.list_count.text().startswith("0")
    # the empty list says why and what to do, naming the reset button as it reads
    qtbot.waitUntil(window.empty_list.isVisible, timeout=WAIT)
    assert bar.reset_button.text() in window.empty_list.text()
    save_png(window, "main_window_filtered")

    # the keyboard's reset: every filter off, the whole queue back, the reset button gone
    window.keyboard.reset_filters_action.trigger()
    settle(qtbot, window, station.complaint_ids("done"))
    assert not window.empty_list.isVisible()

    # a header click orders the list in SQL; a column that cannot order keeps the last one
    header = window.table.horizontalHeader()
    header.setSortIndicator(TITLE, Qt.SortOrder.DescendingOrder)
    settle(qtbot, window, station.complaint_ids("done", ComplaintFilter(order="-title")))
    header.setSortIndicator(PRIVACY, Qt.SortOrder.AscendingOrder)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        TITLE, Qt.SortOrder.DescendingOrder)
    header.setSortIndicator(DEADLINE, Qt.SortOrder.AscendingOrder)
    settle(qtbot, window, station.complaint_ids("done"))
    assert not bar.is_active() and not bar.reset_button.isVisible()

    # a filter survives a queue switch, offered with what the new queue holds
    choose(bar.channel, channel.value)
    open_queue(qtbot, window, "in_progress")
    settle(qtbot, window, station.complaint_ids("in_progress",
                                                ComplaintFilter(channel=channel.value)))
    fresh = station.filter_options("in_progress")
    qtbot.waitUntil(lambda: bar.unit.count() >= len(fresh.units) + 1, timeout=WAIT)
    assert bar.channel.currentData() == channel.value


def test_the_other_queues_are_read_ahead_and_open_from_memory(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    """Once the first list shows its rows, the other queues' lists are read on the database
    worker, one per task; opening one of them then asks the database for no list. Also when
    the sidebar's counts come after the first list (a session's start reads both at once)."""
    station = controller.workstation
    signed_in_window(qtbot, controller, live_server, password).close()
    read: list[str] = []
    original = station.remember_queue

    def remember(key: str) -> bool:
        read.append(key)
        return original(key)

    counted = station.queues

    def late_counts() -> Any:
        time.sleep(0.5)  # the sidebar fills after the first list shows its rows
        return counted()

    station.remember_queue = remember  # type: ignore[method-assign]
    station.queues = late_counts  # type: ignore[method-assign]
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    assert controller.info is not None
    window.start_session(controller.info)
    qtbot.waitUntil(lambda: window.table_model.rowCount() > 0, timeout=WAIT)
    assert window.queue_model.rowCount() == 0  # the list is on screen, the counts are not
    qtbot.waitUntil(lambda: window.queue_model.rowCount() > 0 and controller.taskman.idle,
                    timeout=WAIT)
    keys = [window.queue_model.key_at(r) for r in range(window.queue_model.rowCount())]
    # every queue but the review queues, "all" (what a search looks in) and the list of what is
    # not yet in SP4N-LAPOR! (as wide as "all"): those are read when asked
    assert set(read) >= {k for k in keys if k not in (window.queue_key, "outbox", "conflicts",
                                                      "all", "not_in_sp4n")}
    assert "all" not in read and "not_in_sp4n" not in read
    statements: list[str] = []

    def trace(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    engine = station.session.require_cache().engine
    event.listen(engine, "checkout", trace)
    try:
        open_queue(qtbot, window, "done")
    finally:
        event.remove(engine, "checkout", trace)
    assert window.table_model.rowCount() > 0
    assert statements  # the rows were read (the trace works)...
    assert not [s for s in statements if "complaint.rowid" in s]  # ...the list was not


def test_a_unit_is_chosen_by_typing_the_name_admins_use(qtbot: Any) -> None:
    bar = FilterBar(today=lambda: TODAY)
    qtbot.addWidget(bar)
    bar.set_options(FilterOptions(units=(
        UnitChoice(12, "Dinas Kesehatan Kota Kendari", 5),
        UnitChoice(13, "Dinas Kependudukan dan Pencatatan Sipil Kota Kendari", 3),
        UnitChoice(14, "Dinas Pekerjaan Umum dan Penataan Ruang Kota Kendari", 9))))
    bar.show()
    bar.unit.setFocus()
    qtbot.keyClicks(bar.unit, "dukcapil")
    assert bar.narrowing().unit_id == 13
    qtbot.wait(UnitTypeAhead.PAUSE + 100)  # a pause: what is typed next starts afresh
    qtbot.keyClicks(bar.unit, "dinkes")
    assert bar.narrowing().unit_id == 12
    qtbot.wait(UnitTypeAhead.PAUSE + 100)
    assert not bar.unit_type_ahead.type("satpolpp")
    assert bar.narrowing().unit_id == 12  # nothing matched: the choice stays, the tip says so
    assert "satpolpp" in bar.unit.toolTip()
