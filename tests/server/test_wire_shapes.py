"""The server refuses what every desktop would refuse in a pulled page (``models/shapes.py``):
new record ids that are not UUIDs, attachment names with a path separator, a control or a
bidirectional formatting character, media types with control characters. Otherwise one client's
action would make a page that every other desktop in scope refuses, and their sync would stop."""

from __future__ import annotations

from typing import Any

import pytest

from lapor_desk.models.shapes import is_filename, is_mime_type
from tests.server.builder import complaint_payload, new_id
from tests.server.client import WorldServer

DATA = b"%PDF-1.4 surat pengaduan " * 200


def ref(sha: str, **over: Any) -> dict[str, Any]:
    return {"id": new_id(), "sha256": sha, "size": len(DATA), "mime_type": "application/pdf",
            "filename": "surat.pdf", **over}


@pytest.mark.parametrize("over", [
    {"filename": "../../.bashrc"},
    {"filename": "..\\..\\autorun.inf"},
    {"filename": ".."},
    {"id": "not-a-uuid-but-long-enough"},
    {"id": "0192F3A4-5B6C-7D8E-9FA0-B1C2D3E4F5A6"},
], ids=["climbs out", "backslashes", "dot-dot", "id not a UUID", "id in capitals"])
def test_an_attachment_no_desktop_could_take_is_refused(server: WorldServer,
                                                        over: dict[str, Any]) -> None:
    api = server.login("admin_prov")
    sha = api.upload(DATA)
    result = api.do("internal_note", server.cid("prov_plain"), None, follow_up_id=new_id(),
                    body="lampiran", attachments=[ref(sha, **over)])
    assert (result["outcome"], result["reason"]) == ("rejected", "invalid_payload")
    fine = api.do("internal_note", server.cid("prov_plain"), None, follow_up_id=new_id(),
                  body="lampiran", attachments=[ref(sha)])
    assert fine["outcome"] == "applied"


@pytest.mark.parametrize(("over", "stored"), [
    ({"filename": "surat\x01.pdf"}, {"filename": "surat.pdf"}),
    ({"filename": "surat\n.pdf"}, {"filename": "surat .pdf"}),
    ({"filename": "laporan\u202efdp.exe"}, {"filename": "laporanfdp.exe"}),
    ({"filename": "laporan\u200f.pdf"}, {"filename": "laporan.pdf"}),
    ({"mime_type": "application/pdf\r\nX-Forged: 1"}, {"mime_type": "application/pdf X-Forged: 1"}),
], ids=["control", "newline", "bidi override", "bidi mark", "mime with CRLF"])
def test_invisible_characters_in_an_attachment_are_cleaned_to_what_every_desktop_takes(
        server: WorldServer, over: dict[str, Any], stored: dict[str, str]) -> None:
    api = server.login("admin_prov")
    sha = api.upload(DATA)
    attachment = ref(sha, **over)
    result = api.do("internal_note", server.cid("prov_plain"), None, follow_up_id=new_id(),
                    body="lampiran", attachments=[attachment])
    assert result["outcome"] == "applied"
    pulled, _ = api.pull_all()
    row = pulled["state"]["attachment"][attachment["id"]]
    assert {key: row[key] for key in stored} == stored
    assert is_filename(row["filename"]) and is_mime_type(row["mime_type"])


@pytest.mark.parametrize("ident", ["fu-0000000001", "../../../../tmp/x",
                                   "0192F3A4-5B6C-7D8E-9FA0-B1C2D3E4F5A6",
                                   "0192f3a45b6c7d8e9fa0b1c2d3e4f5a6"])
def test_new_record_ids_are_uuids(server: WorldServer, ident: str) -> None:
    api = server.login("admin_prov")
    cid = server.cid("prov_plain")
    note = api.do("internal_note", cid, None, follow_up_id=ident, body="catatan")
    assert (note["outcome"], note["reason"]) == ("rejected", "invalid_payload")
    forward = api.do("forward", cid, 1, to_id=server.unit("prov_works"), disposition_id=ident)
    assert (forward["outcome"], forward["reason"]) == ("rejected", "invalid_payload")
    recorded = server.login("admin_kab").do(
        "record_complaint", ident, None, complaint=complaint_payload("Air bersih mati"))
    assert (recorded["outcome"], recorded["reason"]) == ("rejected", "invalid_payload")
