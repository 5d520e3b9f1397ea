from __future__ import annotations

import hashlib
from pathlib import Path

import orjson
import pytest

from lapor_desk.models.cache import Cache, open_cache
from lapor_desk.sync.blobs import download_blob, upload_blob
from lapor_desk.sync.errors import BlobIntegrityError, OfflineError
from lapor_desk.sync.outbox import Outbox, blob_path
from lapor_desk.sync.transport import RetryPolicy, Transport
from tests.sync.scripted_http import Reply, Script, scripted_server

DATA = bytes(range(256)) * 1200  # 300 KiB: a broken read keeps the whole 64 KiB chunks
SHA = hashlib.sha256(DATA).hexdigest()


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    c = open_cache(tmp_path / "p")
    yield c
    c.close()


@pytest.fixture
def script() -> Script:
    with scripted_server() as s:
        yield s


def transport(url: str, attempts: int = 1) -> Transport:
    return Transport(url, timeout=(2.0, 2.0), retry=RetryPolicy(attempts=attempts),
                     sleep=lambda _s: None)


def test_download_resumes_a_partial_file_and_verifies(cache: Cache, script: Script) -> None:
    script.replies = [Reply(200, DATA, mode="truncate")]
    with pytest.raises(OfflineError):
        download_blob(cache, transport(script.url), SHA, len(DATA))
    partial = blob_path(cache, SHA).with_suffix(".part")
    have = partial.stat().st_size
    assert 0 < have < len(DATA)
    script.replies = [Reply(206, DATA[have:])]
    path = download_blob(cache, transport(script.url), SHA, len(DATA))
    assert path.read_bytes() == DATA and not partial.exists()
    assert script.seen[-1].headers["Range"] == f"bytes={have}-"


def test_download_with_wrong_bytes_is_refused_and_discarded(cache: Cache,
                                                            script: Script) -> None:
    script.replies = [Reply(200, b"not the blob")]
    with pytest.raises(BlobIntegrityError):
        download_blob(cache, transport(script.url), SHA, len(DATA))
    assert not blob_path(cache, SHA).exists()
    assert not blob_path(cache, SHA).with_suffix(".part").exists()


def test_upload_resumes_from_the_server_offset(cache: Cache, script: Script,
                                               tmp_path: Path) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(DATA)
    attached = Outbox(cache).add_file(source)
    assert attached.sha256 == SHA and attached.mime_type == "application/pdf"
    script.replies = [
        Reply(200, orjson.dumps({"offset": 4096, "complete": False})),
        Reply(409, orjson.dumps({"error": {"code": "upload_offset_mismatch"}, "offset": 6000})),
        Reply(200, orjson.dumps({"offset": len(DATA), "complete": True})),
    ]
    moved: list[int] = []
    assert upload_blob(cache, transport(script.url), SHA, moved.append, chunk_size=len(DATA))
    puts = [s for s in script.seen if s.method == "PUT"]
    assert [p.path.split("?")[1] for p in puts] == [
        f"offset=4096&total={len(DATA)}", f"offset=6000&total={len(DATA)}"]
    assert puts[1].body == DATA[6000:]
    assert sum(moved) == len(DATA) - 6000
    # Known complete: no more requests.
    assert upload_blob(cache, transport(script.url), SHA)
    assert len(script.seen) == 3
