"""Uploading and downloading blobs against a scripted server, with the blob store sealed (the
profile's key: what the desktop runs) and plain (a cache without a key)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from lapor_desk.models.cache import Cache, open_cache
from lapor_desk.models.cache.at_rest import HEADER, SEGMENT, TAG
from lapor_desk.models.cache.crypto import new_key
from lapor_desk.sync.blobs import download_blob, upload_blob
from lapor_desk.sync.errors import BlobIntegrityError, OfflineError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.outbox_entries import blob_path
from lapor_desk.sync.transport import RetryPolicy, Transport
from tests.sync.scripted_http import Reply, Script, scripted_server

DATA = bytes(range(256)) * 1200  # 300 KiB: a broken read keeps the whole 64 KiB chunks
SHA = hashlib.sha256(DATA).hexdigest()
#: Bytes of DATA found anywhere on disk would mean plaintext at rest.
PROBE = DATA[1000:1064]


@pytest.fixture(params=["sealed", "plain"])
def cache(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Cache]:
    c = open_cache(tmp_path / "p", key=new_key() if request.param == "sealed" else None)
    yield c
    c.close()


@pytest.fixture
def script() -> Iterator[Script]:
    with scripted_server() as s:
        yield s


def transport(url: str, attempts: int = 1) -> Transport:
    return Transport(url, timeout=(2.0, 2.0), retry=RetryPolicy(attempts=attempts),
                     sleep=lambda _s: None)


def on_disk(cache: Cache) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(cache.blob_dir.rglob("*")) if p.is_file())


def test_download_resumes_a_partial_file_and_verifies(cache: Cache, script: Script) -> None:
    script.replies = [Reply(200, DATA, mode="truncate")]
    with pytest.raises(OfflineError):
        download_blob(cache, transport(script.url), SHA, len(DATA))
    partial = blob_path(cache, SHA).with_suffix(".part")
    assert partial.exists()
    with cache.blobs.partial(SHA) as resumed:
        have = resumed.offset
    assert 0 < have < len(DATA)
    if cache.blobs.sealed:  # whole segments only: the torn one comes again
        assert have % SEGMENT == 0 and PROBE not in on_disk(cache)
    script.replies = [Reply(206, DATA[have:])]
    path = download_blob(cache, transport(script.url), SHA, len(DATA))
    assert path == blob_path(cache, SHA) and not partial.exists()
    assert cache.blobs.read(SHA) == DATA and cache.blobs.verify(SHA) == len(DATA)
    assert script.seen[-1].headers["Range"] == f"bytes={have}-"
    assert (PROBE in on_disk(cache)) is not cache.blobs.sealed


def test_a_torn_or_damaged_partial_resumes_from_its_last_good_segment(
        tmp_path: Path, script: Script) -> None:
    cache = open_cache(tmp_path / "sealed", key=new_key())
    big = bytes(range(251)) * (8 * SEGMENT // 251)
    sha = hashlib.sha256(big).hexdigest()
    script.replies = [Reply(200, big, mode="truncate")]
    with pytest.raises(OfflineError):
        download_blob(cache, transport(script.url), sha, len(big))
    partial = blob_path(cache, sha).with_suffix(".part")
    whole = (partial.stat().st_size - HEADER) // (SEGMENT + TAG)
    assert whole >= 2
    with partial.open("ab") as tail:
        tail.write(b"\x17" * 1000)  # a crash in the middle of writing a segment
    with cache.blobs.partial(sha) as resumed:
        assert resumed.offset == whole * SEGMENT
    damaged = bytearray(partial.read_bytes())
    damaged[HEADER + (SEGMENT + TAG) + 10] ^= 0xFF  # bit rot in the second segment
    partial.write_bytes(bytes(damaged))
    with cache.blobs.partial(sha) as resumed:
        assert resumed.offset == SEGMENT  # only the first one is kept
    script.replies = [Reply(206, big[SEGMENT:])]
    download_blob(cache, transport(script.url), sha, len(big))
    assert cache.blobs.read(sha) == big
    assert script.seen[-1].headers["Range"] == f"bytes={SEGMENT}-"
    cache.close()


def test_a_server_ignoring_the_range_sends_everything_again(cache: Cache,
                                                            script: Script) -> None:
    script.replies = [Reply(200, DATA, mode="truncate")]
    with pytest.raises(OfflineError):
        download_blob(cache, transport(script.url), SHA, len(DATA))
    script.replies = [Reply(200, DATA)]  # 200, not 206: the sink is rewound and rewritten
    download_blob(cache, transport(script.url), SHA, len(DATA))
    assert cache.blobs.read(SHA) == DATA


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
    assert attached.size == len(DATA)
    assert (PROBE in on_disk(cache)) is not cache.blobs.sealed
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
    assert puts[1].body == DATA[6000:]  # the plaintext, from the sealed file
    assert sum(moved) == len(DATA) - 6000
    # Known complete: no more requests.
    assert upload_blob(cache, transport(script.url), SHA)
    assert len(script.seen) == 3


def test_upload_sends_chunks_across_segment_boundaries(cache: Cache, script: Script,
                                                       tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(DATA)
    Outbox(cache).add_file(source)
    chunk = 50_000  # not a multiple of the 64 KiB segments
    offsets = list(range(0, len(DATA), chunk))
    script.replies = [Reply(200, orjson.dumps({"offset": 0, "complete": False}))] + [
        Reply(200, orjson.dumps({"offset": min(o + chunk, len(DATA)),
                                 "complete": o + chunk >= len(DATA)})) for o in offsets]
    assert upload_blob(cache, transport(script.url), SHA, chunk_size=chunk)
    sent = b"".join(s.body for s in script.seen if s.method == "PUT")
    assert sent == DATA


def test_a_damaged_local_blob_is_never_uploaded(cache: Cache, script: Script,
                                                tmp_path: Path) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(DATA)
    Outbox(cache).add_file(source)
    path = blob_path(cache, SHA)
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    path.write_bytes(bytes(damaged))
    with pytest.raises(BlobIntegrityError) as refused:
        upload_blob(cache, transport(script.url), SHA)
    assert refused.value.code == "local_blob_damaged" and script.seen == []
