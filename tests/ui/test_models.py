"""Every model passes pytest-qt's qtmodeltester (Qt's QAbstractItemModelTester)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer

from lapor_desk.models.calendar import UTC
from lapor_desk.services.types import (
    AgencyItem,
    ComplaintRow,
    Deadline,
    DeadlineBadge,
    OutboxMark,
    QueueInfo,
)
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.models.complaint_table import (
    BADGE_ROLE,
    DEADLINE,
    PAGE,
    STATUS,
    ComplaintTableModel,
)
from lapor_desk.ui.models.queue_list import COUNT_ROLE, QueueListModel

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def make_row(n: int) -> ComplaintRow:
    badge = [DeadlineBadge.OVERDUE, DeadlineBadge.DUE_SOON, DeadlineBadge.ON_TRACK,
             DeadlineBadge.NONE][n % 4]
    due = None if badge == DeadlineBadge.NONE else NOW + timedelta(days=n % 4 - 1)
    return ComplaintRow(
        id=f"c{n}", tracking_number=9_000_000 + n, title=f"Jalan rusak {n}",
        complaint_type="pengaduan", status="unverified", channel="web",
        location_name="Dinas PUPR", created_at=NOW - timedelta(days=n),
        deadline=Deadline(due, badge, None if due is None else n % 4 - 1),
        anonymous=n % 3 == 0, confidential=n % 5 == 0, redacted=False,
        outbox=OutboxMark.PENDING if n % 7 == 0 else OutboxMark.NONE)


def sync_fetch(ids: list[str], deliver: Any) -> None:
    deliver([make_row(int(i[1:])) for i in ids])


def test_complaint_table_model(qtmodeltester: Any) -> None:
    model = ComplaintTableModel(sync_fetch)
    model.set_ids([f"c{n}" for n in range(450)])
    qtmodeltester.check(model)
    assert model.rowCount() == 450
    assert model.index(0, DEADLINE).data(BADGE_ROLE) == "overdue"
    assert model.index(0, DEADLINE).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "menunggu" in model.index(0, STATUS).data()
    model.set_ids([])
    qtmodeltester.check(model)


def test_complaint_table_fetches_pages_lazily(qtbot: Any, qtmodeltester: Any) -> None:
    asked: list[int] = []

    def later(ids: list[str], deliver: Any) -> None:
        asked.append(len(ids))
        QTimer.singleShot(0, lambda: sync_fetch(ids, deliver))

    model = ComplaintTableModel(later)
    model.set_ids([f"c{n}" for n in range(1000)])
    assert model.index(5, 2).data() == "…"
    with qtbot.waitSignal(model.dataChanged, timeout=2000):
        pass
    assert model.index(5, 2).data() == "Jalan rusak 5" and asked == [PAGE]
    qtmodeltester.check(model)


def test_queue_list_model(qtmodeltester: Any) -> None:
    model = QueueListModel()
    model.set_queues([QueueInfo("needs_verification", 12, 3), QueueInfo("outbox", 1, 0)])
    qtmodeltester.check(model)
    assert model.index(0).data() == "Perlu Verifikasi"
    assert model.index(0).data(COUNT_ROLE) == 12
    model.set_queues([QueueInfo("needs_verification", 11, 2), QueueInfo("outbox", 2, 0)])
    assert model.index(1).data(COUNT_ROLE) == 2
    model.set_queues([QueueInfo("done", 5)])
    qtmodeltester.check(model)


def test_agency_tree_and_its_filter(qtbot: Any, qtmodeltester: Any) -> None:
    items = [AgencyItem(1, None, "agency", "Pemerintah Kota Kendari", "KOTA-7471", False),
             AgencyItem(2, 1, "unit", "Dinas Pekerjaan Umum", "KOTA-7471.PUPR", True),
             AgencyItem(3, 1, "unit", "Dinas Kesehatan", "KOTA-7471.DINKES", True)]
    dialog = ForwardDialog("Jalan rusak", items)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.source)
    qtmodeltester.check(dialog.proxy)
    dialog.search.setText("kesehatan")
    assert dialog.proxy.rowCount(dialog.proxy.index(0, 0)) == 1
    assert dialog.select(3) and dialog.ok.isEnabled()
    assert not dialog.select(1)  # the agency itself is not a target here
