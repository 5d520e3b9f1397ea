"""The server refuses what every desktop would refuse in a pulled page (``models/shapes.py``):
new record ids that are not UUIDs, attachment names with a path separator, a control or a
bidirectional formatting character, media types with control characters. Otherwise one client's
action would make a page that every other desktop in scope refuses, and their sync would stop."""

from __future__ import annotations

from typing import Any

import pytest

from tests.server.builder import complaint_payload, new_id
from tests.server.client import WorldServer

DATA = b"%PDF-1.4 surat pengaduan " * 200


def ref(sha: str, **over: Any) -> dict[str, Any]:
    return {"id": new_id(), "sha256": sha, "size": len(DATA), "mime_type": "application/pdf",
            "filename": "surat.pdf", **over}


@pytest.mark.parametrize("over", [
    {"filename": "../../.bashrc"},
    {"filename": "..\\..\\autorun.inf"},
    {"filename": "surat\x01.pdf"},
    {"filename": "surat\n.pdf"},
    {"filename": "laporan\u202efdp.exe"},
    {"filename": ".."},
    {"mime_type": "application/pdf\r\nX-Forged: 1"},
    {"id": "not-a-uuid-but-long-enough"},
    {"id": "0192F3A4-5B6C-7D8E-9FA0-B1C2D3E4F5A6"},
], ids=["climbs out", "backslashes", "control", "newline", "bidi override", "dot-dot",
        "mime with CRLF", "id not a UUID", "id in capitals"])
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
