"""The reporters' ratings are the same in the PDF recap, the XLSX recap and the dashboard: one
independent count of a synced profile (tests/services/oversight_counts.py, over the seeded
world's ratings and two low ones given here on the real server) checked against all three, for
all months and for the month with the most ratings (and the month before it). The dashboard
lists the low ratings (1-2); a rahasia complaint the coordinator may not read comes without its
note (the wire's rule) and says so; a low rating opens its complaint in the main window."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPdf import QPdfDocument
from sqlalchemy import select

from lapor_desk.server.db import Agency, PublicAccess, User
from lapor_desk.server.db import Complaint as ServerComplaint
from lapor_desk.services.oversight import add_months
from lapor_desk.services.recap_terms import (
    RATED_HEADING,
    RATING_HEADING,
    kind_name,
    period_text,
)
from lapor_desk.services.recap_xlsx import HEADER_ROW
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dashboard import DashboardPage
from lapor_desk.ui.models.low_ratings import NOTE
from tests.services.oversight_counts import Counts, Expected, complaints, count, scope_zone
from tests.services.test_reporter_rating import _rate
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, signed_in_window

pytestmark = pytest.mark.timeout(300)
USER = "admin.sultra"
HIDDEN_NOTE = "Petugas tidak pernah datang ke lokasi, laporan langsung ditutup."
OPEN_NOTE = "lama sekali, jawabannya tidak menjawab masalah sy"


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _rate_two_low(live_server: LiveServer) -> tuple[str, str]:
    """A finished rahasia complaint of a kabupaten (one the province's coordinator may not
    read) rated 1, and a finished ordinary one rated 2, both with a note."""
    with live_server.session() as session:
        province = session.scalar(select(Agency.id).where(Agency.code == "PROV-74"))
        rated = set(session.scalars(select(PublicAccess.complaint_id)))
        done = session.execute(
            select(ServerComplaint.id, ServerComplaint.confidential,
                   ServerComplaint.handler_unit_ids, Agency.code)
            .join(Agency, Agency.id == ServerComplaint.responsible_id)
            .where(ServerComplaint.status == "done", ServerComplaint.responsible_id != province)
            .order_by(ServerComplaint.tracking_number)).all()
        coordinator = session.scalar(select(User.unit_id).where(User.username == USER))
    hidden = next(row.id for row in done if row.confidential and row.id not in rated
                  and row.code.startswith(("KAB-", "KOTA-"))
                  and coordinator not in row.handler_unit_ids)
    shown = next(row.id for row in done if not row.confidential and row.id not in rated)
    _rate(live_server, hidden, 1, HIDDEN_NOTE)
    _rate(live_server, shown, 2, OPEN_NOTE)
    return hidden, shown


def _names(engine: Any) -> tuple[dict[str, str], str]:
    """Each unit group's name as the recap writes it, and the scope root's key."""
    with engine.connect() as connection:
        root = str(connection.exec_driver_sql("SELECT scope_root_id FROM sync_state").scalar())
        names = {str(i): str(n) for i, n in connection.exec_driver_sql(
            "SELECT id, name FROM agency")}
    return {key: kind_name("scope", name, key) if key == root else name
            for key, name in names.items()}, root


def _expected(groups: dict[str, Expected], name_of: Any) -> dict[str, tuple[str, int]]:
    return {name_of(key): (_decimal(g.rating_average), len(g.ratings))
            for key, g in groups.items() if g.ratings and g.rating_average is not None}


def _busiest_month(engine: Any) -> date:
    """The month (local time) whose complaints were rated most often."""
    zone = scope_zone(engine)
    months = Counter(datetime.fromisoformat(row["created_at"]).astimezone(zone).date()
                     .replace(day=1) for row in complaints(engine) if row["rating"] is not None)
    return months.most_common(1)[0][0]


def _xlsx(path: Path, sheet: str) -> tuple[dict[str, tuple[str, int]], tuple[str, int] | None]:
    """(name -> (average, count)) of the rated rows, and the total row's."""
    book = openpyxl.load_workbook(path)
    page = book[sheet]
    header = [c.value for c in page[HEADER_ROW]]
    average, rated = header.index(RATING_HEADING), header.index(RATED_HEADING)
    found: dict[str, tuple[str, int]] = {}
    total = None
    for row in page.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if not row[1] or row[rated] in (None, 0):
            continue
        figures = (_decimal(row[average]), int(row[rated]))
        if row[1] == "Total":
            total = figures
        else:
            found[str(row[1])] = figures
    return found, total


def _pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = " ".join(" ".join(document.getAllText(i).text().split())
                    for i in range(document.pageCount()))
    document.close()
    return text


def _check_files(station: Any, tmp_path: Path, month: date | None, counts: Counts,
                 before: Counts | None, names: dict[str, str]) -> None:
    units = _expected(counts.units, lambda key: names.get(key, f"Unit tidak dikenal ({key})"))
    regencies = _expected(counts.regencies, lambda key: key or "Tidak disebutkan")
    total = (_decimal(counts.total.rating_average or 0), len(counts.total.ratings))
    label = month.isoformat() if month else "semua"
    workbook = station.recaps.export(tmp_path / f"rekap-{label}.xlsx", "xlsx", month)
    assert _xlsx(workbook, "Per Unit Kerja") == (units, total)
    assert _xlsx(workbook, "Per Kabupaten-Kota") == (regencies, total)
    text = _pdf_text(station.recaps.export(tmp_path / f"rekap-{label}.pdf", "pdf", month))
    assert f"Penilaian pelapor — {period_text(month)}" in text
    for name, (average, rated) in [*units.items(), *regencies.items(), ("Total", total)]:
        assert f"{name} {average} {rated}" in text, (name, average, rated)
    # the summary: last month beside this month
    now_average, now_rated = total
    if before is None:
        assert f"{RATING_HEADING} — {now_average} —" in text
        assert f"{RATED_HEADING} — {now_rated} —" in text
    else:
        last = before.total.rating_average
        last_text = _decimal(last) if last is not None else "—"
        assert f"{RATING_HEADING} {last_text} {now_average}" in text
        assert f"{RATED_HEADING} {len(before.total.ratings)} {now_rated}" in text


def _loaded(qtbot: Any, page: DashboardPage, action: Any) -> None:
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        action()
    qtbot.waitUntil(lambda: page.controller.taskman.idle, timeout=WAIT)


def _check_dashboard(page: DashboardPage, counts: Counts, hidden: str, shown: str) -> None:
    total = counts.total
    tile = page.tiles["rating"]
    assert tile.value.text() == f"{_decimal(total.rating_average or 0)} / 5"
    assert tile.note.text() == f"{len(total.ratings)} dinilai, {len(counts.low_rated)} " \
                               "rendah (1–2)"
    listed = {page.low_ratings.model.item_at(r).complaint_id: r   # type: ignore[union-attr]
              for r in range(page.low_ratings.model.rowCount())}
    assert set(listed) == {row["id"] for row in counts.low_rated}
    assert page.tabs.tabText(1) == f"Penilaian rendah ({len(counts.low_rated)})"
    model = page.low_ratings.model
    for row in counts.low_rated:
        note = model.index(listed[row["id"]], NOTE).data()
        if row["redacted"]:
            assert note == "Laporan rahasia: catatannya tidak ditampilkan"
        else:
            assert note == (row["rating_note"] or "—")
    if hidden in listed:
        assert model.index(listed[hidden], NOTE).data() != HIDDEN_NOTE
    if shown in listed:
        assert model.index(listed[shown], NOTE).data() == OPEN_NOTE


def test_ratings_are_the_same_in_the_pdf_the_xlsx_and_the_dashboard(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        tmp_path: Path) -> None:
    hidden, shown = _rate_two_low(live_server)
    window = signed_in_window(qtbot, controller, live_server, password, USER)
    station = controller.workstation
    engine = station.session.require_cache().engine
    with engine.connect() as connection:  # the wire's rule: no note for a hidden complaint
        rows = {r.id: r for r in connection.exec_driver_sql(
            "SELECT id, redacted, rating, rating_note FROM complaint WHERE id IN (?, ?)",
            (hidden, shown))}
    assert (rows[hidden].redacted, rows[hidden].rating, rows[hidden].rating_note) == (1, 1, None)
    assert (rows[shown].redacted, rows[shown].rating, rows[shown].rating_note) == (
        0, 2, OPEN_NOTE)

    now = datetime.now(UTC)
    config = station.config
    month = _busiest_month(engine)
    everything = count(engine, config, now)
    in_month = count(engine, config, now, month)
    month_before = count(engine, config, now, add_months(month, -1))
    assert len(everything.total.ratings) >= 5 and {1, 2} & set(everything.total.ratings)
    names, _root = _names(engine)
    _check_files(station, tmp_path, None, everything, None, names)
    _check_files(station, tmp_path, month, in_month, month_before, names)

    window.dashboard.open()
    dashboard = window.dashboard.window
    assert dashboard is not None
    page = dashboard.page
    qtbot.waitUntil(lambda: page.overview is not None and controller.taskman.idle,
                    timeout=WAIT)
    _check_dashboard(page, everything, hidden, shown)
    _loaded(qtbot, page, lambda: page.choose_month(month))
    assert page.overview is not None and page.overview.month == month
    _check_dashboard(page, in_month, hidden, shown)

    # a low rating opens its complaint in the main window
    _loaded(qtbot, page, lambda: page.choose_month(None))
    view = page.low_ratings.view
    model = page.low_ratings.model
    row = next(r for r in range(model.rowCount()) if model.item_at(r).complaint_id == shown)  # type: ignore[union-attr]
    view.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    assert page.low_ratings.open_button.isEnabled()
    with qtbot.waitSignal(page.complaint_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(page.low_ratings.open_button, Qt.MouseButton.LeftButton)
    assert opened.args[0] == model.item_at(row).tracking_number  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.detail.complaint_id == shown, timeout=WAIT)
    assert "Penilaian pelapor" in window.detail.browser.toPlainText()
    dashboard.close()
