"""Server and desktop hold to one description of the wire (``lapor_desk/models/wire.py``): the
server serves exactly its endpoints, its pages carry exactly its columns in every layout (in the
forms its kinds say), and the desktop reads exactly those columns, value for value."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import update

from lapor_desk.models import wire
from lapor_desk.server.app import create_app
from lapor_desk.server.database import init_database
from lapor_desk.server.db import Complaint
from lapor_desk.server.settings import ServerSettings
from lapor_desk.sync.protocol import parse_page
from tests.server.client import WorldServer
from tests.server.test_pull_columns import _busy

#: How a timestamp is written in the row and columnar layouts (docs/sync-protocol.md).
TIME_TEXT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
SCHEMA = {"rows": wire.ROWS_SCHEMA_VERSION, "columns": wire.COLUMNS_SCHEMA_VERSION,
          "packed": wire.PACKED_SCHEMA_VERSION}


def _sent_columns(layout: str, block: dict[str, Any]) -> list[str]:
    return list(block["columns"]) if layout != "rows" else block["columns"]


def _forms(layout: str, entity: str, block: dict[str, Any]) -> None:
    """The columnar layouts send record ids as references, the packed one times as numbers."""
    if layout == "rows":
        width = len(wire.ENTITIES[entity])
        assert {len(row) for row in block["rows"]} == {width}
        for at, column in enumerate(wire.ENTITIES[entity]):
            if column.kind == wire.TIME:
                assert all(TIME_TEXT.fullmatch(row[at]) for row in block["rows"]
                           if row[at] is not None), (entity, column.name)
        return
    columns = block["columns"]
    refs = {name for name, column in columns.items()
            if isinstance(column, dict) and set(column) == {"ref"}}
    assert refs == wire.names_of_kind(entity, wire.RECORD_ID), entity
    if layout == "packed":
        times = {name for name, column in columns.items()
                 if isinstance(column, dict) and "time" in column}
        assert times == wire.names_of_kind(entity, wire.TIME), entity


def test_pages_carry_the_described_columns_and_the_desktop_reads_them(
        server: WorldServer) -> None:
    _busy(server)  # every entity: follow-ups, a forward, an attachment, a link, a deletion
    api = server.login("nasional")
    rows_page = api.pull(None, limit=20000)
    for layout in wire.LAYOUTS:
        page = api.pull(None, limit=20000, layout=layout)
        assert page["schema_version"] == SCHEMA[layout]
        assert list(page["changes"]) == list(wire.ENTITIES), layout  # every entity, in order
        parsed = parse_page(page)
        for entity, block in page["changes"].items():
            assert _sent_columns(layout, block) == list(wire.names(entity)), (layout, entity)
            _forms(layout, entity, block)
            read = parsed.changes[entity]
            assert read.columns == wire.names(entity)
            # value for value what the server sent, in the column it came in (JSON as text)
            sent = rows_page["changes"][entity]
            assert len(read.rows) == len(sent["rows"]) > 0
            for got, row in zip(read.rows, sent["rows"], strict=True):
                for column, value, sent_value in zip(wire.ENTITIES[entity], got, row,
                                                     strict=True):
                    if column.kind in wire.JSON_KINDS:  # null reads as the empty value
                        value = orjson.loads(value)
                        if sent_value is None:
                            sent_value = {} if column.kind == wire.OBJECT else []
                    assert value == sent_value, (layout, entity, column.name)


def test_the_server_serves_exactly_the_described_endpoints(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    init_database(url)
    app = create_app(ServerSettings(database_url=url, blob_dir=tmp_path / "blobs",
                                    auto_close_interval=0))
    served = {(method.upper(), path) for path, operations in app.openapi()["paths"].items()
              for method in operations}
    assert served == {endpoint.route for endpoint in wire.ENDPOINTS}


def test_a_time_just_before_a_whole_second_is_packed_as_it_is(server: WorldServer) -> None:
    """The packed layout's numbers are the stored microseconds: a due time of xx:58.999758 is
    not sent as xx:59.999758 (SQLite's ``strftime('%s')`` rounds the fraction to milliseconds
    first, so any fraction from .9995 on used to carry into the next second)."""
    cid = server.cid("prov_plain")
    due = datetime(2026, 12, 29, 15, 53, 58, 999758, tzinfo=UTC)
    with server.live.session() as session, session.begin():
        session.execute(update(Complaint).where(Complaint.id == cid).values(resolution_due=due))
    api = server.login("nasional")
    sent = {}
    for layout in ("rows", "packed"):
        page = parse_page(api.pull(None, limit=20000, layout=layout))
        block = page.changes["complaint"]
        at = block.columns.index("resolution_due")
        [sent[layout]] = [row[at] for row in block.rows if row[block.columns.index("id")] == cid]
    assert sent == {"rows": "2026-12-29T15:53:58.999758Z", "packed": "2026-12-29T15:53:58.999758Z"}
