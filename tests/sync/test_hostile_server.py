"""A hostile server cannot make the desktop touch a file outside its profile.

A scripted server (loopback HTTP, the real transport and sync engine) sends pages whose
attachment hashes climb out of the blob store (``../../victim.part``), whose file names carry
path separators, NUL, newlines or bidirectional overrides, whose ids are not UUIDs and whose
numbers are absurd: the page is refused whole as a protocol error, nothing is applied, and a
canary file outside the profile is untouched. Then every place that builds a path from a value
that came over the wire is tried with such a value already in the cache (as one filled before
pages were checked would hold): the blob download, opening an attachment, the prefetch, the
named copy handed to the system's application.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import func, insert, select

from lapor_desk.models.cache import Cache, open_cache
from lapor_desk.models.cache.schema import Attachment, Complaint, SyncState
from lapor_desk.services.attachments import Attachments
from lapor_desk.services.errors import ServiceError
from lapor_desk.services.external_copies import EXTERNAL_DIR
from lapor_desk.sync.blobs import download_blob
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.errors import ProtocolError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.outbox_entries import blob_path
from lapor_desk.sync.retry import RetryPolicy
from lapor_desk.sync.transport import Transport
from tests.sync.fakes import sign_in
from tests.sync.scripted_http import Reply, Script, scripted_server
from tests.sync.wire import attachment, complaint, page, uid

CONTENT = b"%PDF-1.4 surat pengaduan warga\n"
SHA = hashlib.sha256(CONTENT).hexdigest()
CLIMB = "../../victim.part"  # from <profile>/blobs/.. : two levels above the profile
CANARY = b"a file of the person's, outside the profile"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def cache(home: Path) -> Iterator[Cache]:
    opened = open_cache(home / "lapor" / "profile")
    sign_in(opened)
    yield opened
    opened.close()


@pytest.fixture
def canary(cache: Cache) -> Path:
    """A file exactly where ``blobs/<sha[:2]>/<sha>`` points for ``sha = CLIMB``."""
    target = (cache.blob_dir / CLIMB[:2] / CLIMB).resolve()
    assert not target.is_relative_to(cache.profile_dir.resolve())
    target.write_bytes(CANARY)
    return target


@pytest.fixture
def script() -> Iterator[Script]:
    with scripted_server() as served:
        yield served


def transport(script: Script) -> Transport:
    return Transport(script.url, timeout=(2.0, 2.0), retry=RetryPolicy(attempts=1),
                     sleep=lambda _s: None)


def outside(cache: Cache, root: Path) -> dict[Path, bytes]:
    """Every file under ``root`` that is not the profile's, with its bytes."""
    profile = cache.profile_dir.resolve()
    return {p: p.read_bytes() for p in root.resolve().rglob("*")
            if p.is_file() and not p.is_relative_to(profile)}


def hostile_page(**attached: Any) -> dict[str, Any]:
    row = attachment("t1", "a", SHA, size=len(CONTENT))
    row.update(attached)
    return page("c1", agencies=True, complaints=[complaint("a")], attachments=[row])


HOSTILE = {
    "sha256 climbs out of the profile": {"sha256": CLIMB, "size": 0},
    "sha256 an absolute path": {"sha256": "/etc/passwd"},
    "filename climbs out": {"filename": "../../.bashrc"},
    "filename with NUL": {"filename": "surat\x00.pdf"},
    "filename with newlines": {"filename": "surat\r\n2026 event=forged.pdf"},
    "filename with a bidi override": {"filename": "laporan\u202efdp.exe"},
    "attachment id not a UUID": {"id": "t1-not-a-uuid"},
    "complaint id climbs out": {"complaint_id": "../../../../x"},
    "size huge": {"size": 10**15},
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_page_is_refused_and_nothing_is_touched(
        name: str, cache: Cache, canary: Path, script: Script, tmp_path: Path) -> None:
    before = outside(cache, tmp_path)
    body = hostile_page(**HOSTILE[name])
    if name == "attachment id not a UUID":  # the labels of a test page become UUIDs: undo it
        body["changes"]["attachment"]["rows"][0][0] = "t1-not-a-uuid"
    if name == "complaint id climbs out":
        body["changes"]["attachment"]["rows"][0][1] = "../../../../x"
    script.replies = [Reply(200, orjson.dumps(body))]
    link = transport(script)
    with pytest.raises(ProtocolError) as info:
        SyncEngine(cache, link).sync()
    assert info.value.code == "invalid_response"
    # What the desktop does after a sync: keep the active complaints' attachments here.
    result = Attachments(cache, lambda: link, cache.profile_dir).prefetch()
    assert (result.downloaded, result.failed) == (0, 0)
    assert [seen.path.split("?")[0] for seen in script.seen] == ["/api/v1/sync/pull"]
    with cache.engine.connect() as c:
        assert c.execute(select(SyncState.cursor)).scalar_one() is None
        assert c.execute(select(func.count()).select_from(Complaint)).scalar_one() == 0
        assert c.execute(select(func.count()).select_from(Attachment)).scalar_one() == 0
    assert canary.read_bytes() == CANARY
    assert outside(cache, tmp_path) == before
    assert not any(p.is_file() for p in cache.blob_dir.rglob("*"))


# --- each path built from wire data, with such a value already in the cache ----------------------


def put_attachment(cache: Cache, sha256: str, filename: str = "surat.pdf",
                   size: int = 0) -> str:
    """An attachment row straight into the cache (a cache filled before pages were checked)."""
    ident = uid(f"{sha256}/{filename}")
    with cache.writer.begin() as c:
        c.execute(insert(Attachment).values(
            id=ident, complaint_id=uid("a"), follow_up_id=None, sha256=sha256, size=size,
            mime_type="application/pdf", filename=filename, created_at=None))
    return ident


def test_blob_path_refuses_anything_but_a_sha256(cache: Cache) -> None:
    assert blob_path(cache, SHA) == cache.blob_dir / SHA[:2] / SHA
    for bad in (CLIMB, "/etc/passwd", SHA.upper(), SHA[:63], SHA + "0", "", SHA[:60] + "/../"):
        with pytest.raises(ProtocolError):
            blob_path(cache, bad)


def test_a_download_by_a_hash_that_climbs_out_touches_nothing(cache: Cache, canary: Path,
                                                             script: Script) -> None:
    script.replies = [Reply(200, b"anything")]
    with pytest.raises(ProtocolError):
        download_blob(cache, transport(script), CLIMB, 0)
    assert canary.read_bytes() == CANARY
    assert script.seen == []  # not even asked for


def test_opening_an_attachment_whose_hash_climbs_out_touches_nothing(
        cache: Cache, canary: Path, script: Script) -> None:
    ident = put_attachment(cache, CLIMB)
    service = Attachments(cache, lambda: transport(script), cache.profile_dir)
    [listed] = service.for_complaint(uid("a"))
    assert not listed.available  # a file that is not in the blob store is never "here"
    with pytest.raises(ServiceError) as info:
        service.content(ident)
    assert info.value.code == "invalid_response"
    assert canary.read_bytes() == CANARY
    assert script.seen == []
    result = service.fetch_some([listed])
    assert (result.downloaded, result.failed) == (0, 1)
    assert canary.read_bytes() == CANARY and script.seen == []


def test_a_damaged_copy_is_only_ever_deleted_inside_the_blob_store(cache: Cache,
                                                                 tmp_path: Path) -> None:
    outside_file = tmp_path / "mine.pdf"
    outside_file.write_bytes(CANARY)  # not the attachment's bytes
    ident = put_attachment(cache, SHA)
    with cache.writer.begin() as c:
        c.execute(Attachment.__table__.update().where(Attachment.id == ident).values(
            local_path=str(cache.blob_dir / os.path.relpath(outside_file, cache.blob_dir))))
    service = Attachments(cache, lambda: None, cache.profile_dir)
    with pytest.raises(ServiceError):
        service.content(ident)  # not here, and no server to fetch it from
    assert outside_file.read_bytes() == CANARY


NAMES = {
    "climbs out": "../../.bashrc",
    "windows climb": "..\\..\\Startup\\run.bat",
    "NUL": "surat\x00.pdf",
    "newlines": "surat\r\n.pdf",
    "bidi override": "laporan\u202efdp.exe",
    "device name": "CON.pdf",
    "windows reserved": 'a:b?<c>|"d*.pdf',
    "too long": "ž" * 300 + ".pdf",
    "only dots": "...",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(NAMES))
def test_the_named_copy_for_the_system_application_stays_in_the_profile(
        name: str, cache: Cache, tmp_path: Path) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(CONTENT)
    Outbox(cache).add_file(source)  # the blob is in the store, verified
    before = outside(cache, tmp_path)
    ident = put_attachment(cache, SHA, NAMES[name], len(CONTENT))
    service = Attachments(cache, lambda: None, cache.profile_dir)
    copy = service.external_copy(ident)
    assert copy.parent == cache.profile_dir / EXTERNAL_DIR / SHA[:16]
    assert copy.read_bytes() == CONTENT
    text = copy.name
    assert text and not text.startswith(".") and len(text.encode()) <= 255
    assert not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text)
    assert not set(text) & set('/\\<>:"|?*')
    assert text.split(".")[0].upper() not in ("CON", "PRN", "AUX", "NUL")
    if name == "too long":
        assert text.endswith(".pdf")
    assert outside(cache, tmp_path) == before
