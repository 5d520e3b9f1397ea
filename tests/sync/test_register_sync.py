"""A register kept by an OPD, with invisible characters in it, imported and synced to the REAL
reference server over loopback HTTP (SQLite and PostgreSQL).

Importing 500 real LAPOR! complaints once let a NUL character through the desktop's checks; the
server refused that complaint after the sync, long after the clerk had moved on, and the work sat
in the outbox. The desktop now cleans such text at import (the same cleaning the server does) and
says which rows it cleaned: everything queued is accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select, text

from lapor_desk.models.cache import OutboxEntry
from lapor_desk.sync.importer import import_register
from tests.support.live_server import LiveServer
from tests.sync.live_desk import open_desk
from tests.sync.test_importer import ID_HEADER
from tests.sync.test_live_sync import Desk, outcomes

pytestmark = pytest.mark.timeout(180)

ROWS = 80             # the 500-row register that showed it took 20 s to push on PostgreSQL
NUL_ROW = 71          # as the spreadsheet shows it (the header is row 1); past the first 8 KB
EARLY_NUL_ROW = 4     # inside the first 8 KB of the file
BIDI_ROW = 7
#: Real registers are copied out of letters, chat exports and old systems: these come along.
BIDI_TITLE = "Pungli di loket KTP \u202eFDP.ada_hitnab\u202c mohon ditindak"


@pytest.fixture
def desk(live_server: LiveServer, tmp_path: Path, password: str) -> Iterator[Desk]:
    opened = open_desk(live_server, tmp_path / "desk", "admin.kendari", password)
    try:
        yield opened
    finally:
        opened.close()


def _row(number: int) -> list[str]:
    title = f"Jalan rusak di kelurahan nomor {number}"
    body = (f"Laporan nomor {number}: jalan di depan pasar berlubang besar sejak Januari, "
            "sudah banyak pengendara motor yang jatuh, mohon segera diperbaiki.")
    name = f"Warga {number}"
    if number == BIDI_ROW:
        title = BIDI_TITLE
        name = "Budi \u2066Santoso\u2069"
    if number in (NUL_ROW, EARLY_NUL_ROW):
        body = body.replace("berlubang", "berlu\x00bang")
    return ["Pengaduan", title, body, "Sulawesi Tenggara", "Kota Kendari",
            "Pekerjaan Umum dan Penataan Ruang", "Tatap Muka", "tidak", name, "0812-3456-7890",
            "01/02/2026"]


def _register_csv(path: Path) -> Path:
    lines = [ID_HEADER] + [";".join(_row(n)) for n in range(2, ROWS + 2)]
    data = "\r\n".join(lines).encode("utf-8")
    assert data.index(b"\x00") < 8192 < data.rindex(b"\x00")  # one NUL each side of 8 KB
    path.write_bytes(data)
    return path


def _server_rows(live_server: LiveServer, ids: list[str]) -> dict[str, Any]:
    with live_server.engine.connect() as connection:
        found = connection.execute(text(
            "SELECT c.id, c.title, c.body, r.name FROM complaints c "
            "LEFT JOIN reporters r ON r.id = c.reporter_id")).all()
    wanted = set(ids)
    return {row.id: row for row in found if row.id in wanted}


def _assert_all_applied_and_clean(live_server: LiveServer, desk: Desk, ids: list[str]) -> None:
    report = desk.engine.sync()
    assert report.rejected == 0, outcomes(desk)
    with desk.cache.engine.connect() as connection:
        states = set(connection.execute(select(OutboxEntry.state)).scalars())
    assert states == {"applied"}
    stored = _server_rows(live_server, ids)
    assert len(stored) == len(ids)
    for row in stored.values():
        for value in (row.title, row.body, row.name):
            assert "\x00" not in value and "\u202e" not in value and "\u2066" not in value


def test_csv_register_with_nul_and_bidi_is_cleaned_at_import_and_accepted_after_sync(
        live_server: LiveServer, desk: Desk, tmp_path: Path) -> None:
    result = import_register(desk.outbox, _register_csv(tmp_path / "register.csv"))
    assert result.count == ROWS
    ids = [r.complaint_id for r in result.receipts]
    _assert_all_applied_and_clean(live_server, desk, ids)
    assert result.cleaned_rows == (EARLY_NUL_ROW, BIDI_ROW, NUL_ROW)
    stored = _server_rows(live_server, ids)
    bidi = stored[ids[BIDI_ROW - 2]]
    assert bidi.title == "Pungli di loket KTP FDP.ada_hitnab mohon ditindak"
    assert bidi.name == "Budi Santoso"
    assert "berlubang" in stored[ids[NUL_ROW - 2]].body


def test_xlsx_register_with_excel_escaped_controls_is_cleaned(
        live_server: LiveServer, desk: Desk, tmp_path: Path) -> None:
    """Excel keeps a control character of a cell as ``_xHHHH_`` (ECMA-376 ST_Xstring); a
    register saved by Excel comes back with the character, which is then cleaned."""
    book = Workbook()
    sheet = book.active
    sheet.append(ID_HEADER.split(";"))
    for number in range(2, 12):
        sheet.append([cell.replace("\x00", "_x0000_") for cell in _row(number)])
    row = _row(9)
    row[2] = row[2].replace("berlubang", "berlu_x0000_bang_x000D_\nlagi")
    sheet.append(row)
    path = tmp_path / "register.xlsx"
    book.save(path)
    result = import_register(desk.outbox, path)
    assert result.count == 11
    ids = [r.complaint_id for r in result.receipts]
    _assert_all_applied_and_clean(live_server, desk, ids)
    assert result.cleaned_rows == (EARLY_NUL_ROW, BIDI_ROW, 12)
    assert _server_rows(live_server, ids)[ids[-1]].body.count("berlubang\r\nlagi") == 1
