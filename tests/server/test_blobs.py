"""Blobs: resumable chunked upload, SHA-256 check, ranged download."""

from __future__ import annotations

import hashlib

from tests.server.client import WorldServer


def test_resumable_upload_and_ranged_download(server: WorldServer) -> None:
    api = server.login("admin_prov")
    data = bytes(range(256)) * 4096  # 1 MiB
    sha = hashlib.sha256(data).hexdigest()
    path = f"/blobs/{sha}/upload"
    assert api.get(path).json() == {"offset": 0, "complete": False}
    first = api.put(path, params={"offset": 0, "total": len(data)}, data=data[:300_000])
    assert first.json() == {"offset": 300_000, "complete": False}
    # A retried chunk at an old offset is refused with the server's offset.
    stale = api.put(path, params={"offset": 0, "total": len(data)}, data=data[:300_000])
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "upload_offset_mismatch" and stale.json()["error"]["offset"] == 300_000
    assert api.get(path).json() == {"offset": 300_000, "complete": False}
    last = api.put(path, params={"offset": 300_000, "total": len(data)}, data=data[300_000:])
    assert last.json() == {"offset": len(data), "complete": True}
    assert api.get(path).json() == {"offset": len(data), "complete": True}
    # Uploading a complete blob again is a no-op.
    again = api.put(path, params={"offset": 0, "total": len(data)}, data=data[:10])
    assert again.json() == {"offset": len(data), "complete": True}

    whole = api.get(f"/blobs/{sha}")
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["Accept-Ranges"] == "bytes"
    tail = api.http.get(api.base + f"/blobs/{sha}", headers={**api.headers, "Range": "bytes=1000-"})
    assert tail.status_code == 206 and tail.content == data[1000:]
    assert tail.headers["Content-Range"] == f"bytes 1000-{len(data) - 1}/{len(data)}"
    middle = api.http.get(api.base + f"/blobs/{sha}", headers={**api.headers, "Range": "bytes=10-19"})
    assert middle.status_code == 206 and middle.content == data[10:20]
    beyond = api.http.get(api.base + f"/blobs/{sha}",
                          headers={**api.headers, "Range": f"bytes={len(data) + 5}-"})
    assert beyond.status_code == 416
    stored = server.live.settings.resolved_blob_dir() / sha[:2] / sha
    assert stored.read_bytes() == data


def test_hash_mismatch_discards_the_upload(server: WorldServer) -> None:
    api = server.login("lo_prov_health")
    data = b"isi yang benar" * 100
    wrong = hashlib.sha256(b"lain").hexdigest()
    response = api.put(f"/blobs/{wrong}/upload", params={"offset": 0, "total": len(data)}, data=data)
    assert response.status_code == 422 and response.json()["error"]["code"] == "hash_mismatch"
    assert api.get(f"/blobs/{wrong}/upload").json() == {"offset": 0, "complete": False}
    # Nothing of it is kept; a download is refused like that of any content not the caller's
    # (403 whether or not the server holds it: the answer tells nobody what exists).
    partials = (server.live.settings.resolved_blob_dir() / ".partial").rglob("*")
    assert not [path for path in partials if path.is_file()]
    assert api.get(f"/blobs/{wrong}").status_code == 403


def test_uploader_may_download_before_attaching_others_may_not(server: WorldServer) -> None:
    uploader, other = server.login("lo_prov_health"), server.login("lo_prov_works")
    sha = uploader.upload(b"foto jalan rusak" * 50)
    assert uploader.get(f"/blobs/{sha}").status_code == 200
    assert other.get(f"/blobs/{sha}").status_code == 403


def test_upload_limits_and_bad_input(server: WorldServer) -> None:
    api = server.login("admin_prov")
    sha = hashlib.sha256(b"x").hexdigest()
    too_big = api.put(f"/blobs/{sha}/upload", params={"offset": 0, "total": 26 * 1024 * 1024}, data=b"x")
    assert too_big.status_code == 413 and too_big.json()["error"]["code"] == "too_large"
    past = api.put(f"/blobs/{sha}/upload", params={"offset": 0, "total": 1}, data=b"xx")
    assert past.status_code == 422
    for bad in ("ABC", "z" * 64, sha.upper()):
        assert api.get(f"/blobs/{bad}/upload").status_code == 422
    assert api.put(f"/blobs/{sha}/upload", params={"offset": -1, "total": 1}, data=b"x").status_code == 422
    assert api.put(f"/blobs/{sha}/upload", params={"offset": 0}, data=b"x").status_code == 422
    unauthenticated = server.anonymous().get(f"/blobs/{sha}/upload")
    assert unauthenticated.status_code == 401


def test_a_chunk_that_does_not_fit_the_upload_says_why(server: WorldServer) -> None:
    """Refusals that depend on the content, not on the request's shape, have codes of their own
    (a schema cannot tell them; docs/sync-protocol.md, Attachments)."""
    api = server.login("admin_prov")
    data = b"laporan kerusakan jalan " * 10
    sha = hashlib.sha256(data).hexdigest()
    past = api.put(f"/blobs/{sha}/upload", params={"offset": 0, "total": 4}, data=data[:8])
    assert (past.status_code, past.json()["error"]["code"]) == (422, "chunk_past_total")
    first = api.put(f"/blobs/{sha}/upload", params={"offset": 0, "total": len(data)},
                    data=data[:10])
    assert first.status_code == 200 and first.json() == {"offset": 10, "complete": False}
    other_total = api.put(f"/blobs/{sha}/upload", params={"offset": 10, "total": len(data) + 1},
                          data=data[10:20])
    assert other_total.status_code == 409
    assert other_total.json()["error"]["code"] == "upload_total_mismatch"
    assert api.get(f"/blobs/{sha}/upload").json() == {"offset": 10, "complete": False}
