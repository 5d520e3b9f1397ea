"""A pulled page whose ids, hashes, names or numbers are not of their shape is refused whole, in
every layout, before anything is applied (``models/shapes.py``, ``sync/rows.py``)."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest

from lapor_desk.models.cache import open_cache
from lapor_desk.models.shapes import is_filename
from lapor_desk.sync.errors import ProtocolError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.protocol import COLUMNS, parse_login, parse_page, parse_user
from tests.sync.wire import T0, attachment, columnar, complaint, follow_up, page, uid

SHA = hashlib.sha256(b"surat pengaduan").hexdigest()


def good_page() -> dict[str, Any]:
    body = page("c1", agencies=True, complaints=[complaint("a", duplicate_ids=[uid("b")],
                                                           handler_unit_ids=[11])],
                follow_ups=[follow_up("f1", "a")],
                attachments=[attachment("t1", "a", SHA, follow_up_id="f1")],
                tombstones=[{"entity": "follow_up", "id": "f0"}, {"entity": "event", "id": 3}])
    body["changes"]["event"] = {"columns": list(COLUMNS["event"]), "rows": [
        [7, uid("a"), "postpone", "forwarded", "postponed", 5, "Sari", T0, {"reason": "x"}]]}
    return body


def with_value(entity: str, column: str, value: Any) -> dict[str, Any]:
    """The good page with one value of its first ``entity`` row replaced."""
    body = good_page()
    block = body["changes"][entity]
    block["rows"][0][block["columns"].index(column)] = value
    return body


def with_tombstone(entity: str, ident: Any) -> dict[str, Any]:
    body = good_page()
    body["tombstones"].append({"entity": entity, "id": ident})
    return body


UPPER = uid("a").upper()
HOSTILE: dict[str, dict[str, Any]] = {
    # hashes: exactly 64 lowercase hex digits
    "sha256 climbs out of the profile": with_value("attachment", "sha256", "../../victim.part"),
    "sha256 absolute path": with_value("attachment", "sha256", "/etc/passwd"),
    "sha256 in capitals": with_value("attachment", "sha256", SHA.upper()),
    "sha256 one digit short": with_value("attachment", "sha256", SHA[:63]),
    "sha256 with a NUL": with_value("attachment", "sha256", SHA[:63] + "\x00"),
    # file names: no separator, control or bidirectional formatting character
    "filename climbs out": with_value("attachment", "filename", "../../.bashrc"),
    "filename with backslashes": with_value("attachment", "filename", "..\\..\\evil.exe"),
    "filename is dot-dot": with_value("attachment", "filename", ".."),
    "filename with NUL": with_value("attachment", "filename", "surat\x00.pdf"),
    "filename with a newline": with_value("attachment", "filename", "surat\nevent=forged.pdf"),
    "filename with RLO": with_value("attachment", "filename", "surat\u202efdp.exe"),
    "filename with an isolate": with_value("attachment", "filename", "surat\u2067.pdf"),
    "filename too long": with_value("attachment", "filename", "x" * 252 + ".pdf"),
    "mime type with CRLF": with_value("attachment", "mime_type", "text/plain\r\nX-A: b"),
    "mime type with RLO": with_value("attachment", "mime_type", "application/\u202efdp"),
    "mime type too long": with_value("attachment", "mime_type", "a/" + "b" * 99),
    # numbers in range
    "size huge": with_value("attachment", "size", 2**40),
    "size negative": with_value("attachment", "size", -1),
    "size over 64 bits": with_value("attachment", "size", 2**70),
    "version negative": with_value("complaint", "version", -1),
    "tracking number negative": with_value("complaint", "tracking_number", -5),
    "responsible id zero": with_value("complaint", "responsible_id", 0),
    "agency id negative": with_value("agency", "id", -1),
    "author id zero": with_value("follow_up", "author_id", 0),
    "unit ids with zero": with_value("complaint", "handler_unit_ids", [11, 0]),
    "unit ids as text": with_value("complaint", "handler_unit_ids", ["11"]),
    # record ids: UUIDs in canonical text
    "complaint id a label": with_value("complaint", "id", "a-complaint"),
    "complaint id climbs out": with_value("complaint", "id", "../../../../etc/passwd"),
    "complaint id in capitals": with_value("complaint", "id", UPPER),
    "complaint id without dashes": with_value("complaint", "id", uid("a").replace("-", "")),
    "complaint id in braces": with_value("complaint", "id", "{" + uid("a")[1:-1] + "}"),
    "complaint id a number": with_value("complaint", "id", 12345),
    "attachment id not a UUID": with_value("attachment", "id", "t1-attachment"),
    "attachment complaint id": with_value("attachment", "complaint_id", "../x"),
    "attachment follow-up id": with_value("attachment", "follow_up_id", UPPER),
    "follow-up complaint id a number": with_value("follow_up", "complaint_id", 5),
    "duplicate ids not UUIDs": with_value("complaint", "duplicate_ids", ["../x"]),
    "event id as text": with_value("event", "id", "e8"),
    "event id zero": with_value("event", "id", 0),
    "event complaint id": with_value("event", "complaint_id", "a"),
    "tombstone id climbs out": with_tombstone("complaint", "../x"),
    "tombstone id a number": with_tombstone("follow_up", 5),
    "event tombstone as text": with_tombstone("event", "x"),
    "agency tombstone zero": with_tombstone("agency", 0),
}


def test_the_good_page_passes_in_both_layouts() -> None:
    for body in (good_page(), columnar(good_page())):
        parsed = parse_page(body)
        [row] = parsed.changes["attachment"].dicts()
        assert row["sha256"] == SHA and row["filename"] == "surat.pdf"
        assert row["follow_up_id"] == uid("f1")
        assert parsed.changes["complaint"].dicts()[0]["duplicate_ids"] == f'["{uid("b")}"]'


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_value_of_the_wrong_shape_refuses_the_page(name: str) -> None:
    for body in (copy.deepcopy(HOSTILE[name]), columnar(copy.deepcopy(HOSTILE[name]))):
        with pytest.raises(ProtocolError) as info:
            parse_page(body)
        assert info.value.code == "invalid_response"
        assert "\n" not in str(info.value) and ".." not in str(info.value)  # no value echoed


@pytest.mark.parametrize("form", [
    {"dict": ["../../.bashrc"], "idx": [0]},
    {"dict": ["surat\u202efdp.exe"], "idx": [0]},
])
def test_a_packed_column_of_the_wrong_shape_refuses_the_page(form: dict[str, Any]) -> None:
    body = columnar(good_page())
    body["schema_version"] = 3
    body["changes"]["attachment"]["columns"]["filename"] = form
    with pytest.raises(ProtocolError):
        parse_page(body)


@pytest.mark.parametrize("username", ["sari\n2026 event=login.ok", "sari\u202e", ""])
def test_a_user_name_that_cannot_be_shown_is_refused(username: str) -> None:
    user = {"id": 3, "username": username, "display_name": "Sari", "role": "liaison_officer",
            "unit_id": 11, "scope_root_id": 11}
    with pytest.raises(ProtocolError):
        parse_user(user)


@pytest.mark.parametrize("token", ["abc\r\nX-Forged: 1", "abc def", "", "tök"])
def test_a_token_that_cannot_go_into_a_header_is_refused(token: str) -> None:
    user = {"id": 3, "username": "sari", "display_name": "Sari", "role": "liaison_officer",
            "unit_id": 11, "scope_root_id": 11}
    with pytest.raises(ProtocolError):
        parse_login({"token": token, "expires_at": None, "user": user})


def test_a_local_file_is_attached_under_a_name_every_side_accepts(tmp_path: Path) -> None:
    source = tmp_path / "lap\u202eoran\nwarga.pdf"  # a name Linux allows
    source.write_bytes(b"%PDF-1.4")
    cache = open_cache(tmp_path / "profile")
    try:
        attached = Outbox(cache).add_file(source)
    finally:
        cache.close()
    assert attached.filename == "laporanwarga.pdf" and is_filename(attached.filename)
