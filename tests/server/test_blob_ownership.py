"""Upload ownership: each uploader's progress is their own; owning a blob means having sent every
byte of it; the upload status tells a caller about their own upload only; abandoned uploads are
bounded and expire."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import timedelta
from pathlib import Path

from lapor_desk.server.blobs import MAX_OPEN_UPLOADS, BlobStore
from tests.server.builder import new_id
from tests.server.client import Api, WorldServer

DATA = bytes(range(256)) * 2000  # 500 KiB
SHA = hashlib.sha256(DATA).hexdigest()
UPLOAD = f"/blobs/{SHA}/upload"


def put(api: Api, offset: int, chunk: bytes, total: int = len(DATA), sha: str = SHA) -> dict:
    response = api.put(f"/blobs/{sha}/upload", params={"offset": offset, "total": total},
                       data=chunk)
    return {"status": response.status_code, **response.json()}


def note(api: Api, ws: WorldServer, data: bytes = DATA) -> dict:
    attachment = {"id": new_id(), "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                  "mime_type": "application/pdf", "filename": "surat.pdf"}
    return api.do("internal_note", ws.cid("prov_plain"), None, follow_up_id=new_id(),
                  body="lampiran", attachments=[attachment])


def store(ws: WorldServer) -> BlobStore:
    blobs: BlobStore = ws.live.app.state.blobs
    return blobs


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []


def test_an_empty_put_claims_nothing_ownership_follows_the_content(server: WorldServer) -> None:
    a, b = server.login("admin_prov"), server.login("lo_prov_works")
    assert put(a, 0, b"") == {"status": 200, "offset": 0, "complete": False}
    assert b.upload(DATA) == SHA
    assert b.get(UPLOAD).json() == {"offset": len(DATA), "complete": True}
    assert b.get(f"/blobs/{SHA}").content == DATA
    assert a.get(f"/blobs/{SHA}").status_code == 403
    assert a.get(UPLOAD).json() == {"offset": 0, "complete": False}
    assert note(a, server)["reason"] == "attachment_missing"
    # A sends the content too, completely: now A owns it as well.
    assert a.upload(DATA) == SHA
    assert a.get(f"/blobs/{SHA}").content == DATA
    assert note(a, server)["outcome"] == "applied"


def test_the_upload_status_answers_only_about_the_callers_own_upload(server: WorldServer) -> None:
    a, b = server.login("admin_prov"), server.login("lo_kab_health")
    b.upload(DATA)
    assert a.get(UPLOAD).json() == {"offset": 0, "complete": False}
    assert put(a, 0, DATA[:70_000]) == {"status": 200, "offset": 70_000, "complete": False}
    assert a.get(UPLOAD).json() == {"offset": 70_000, "complete": False}
    assert b.get(UPLOAD).json() == {"offset": len(DATA), "complete": True}
    stranger = server.login("admin_menkes")
    assert stranger.get(UPLOAD).json() == {"offset": 0, "complete": False}


def test_one_users_bytes_never_touch_anothers(server: WorldServer) -> None:
    a, b = server.login("admin_prov"), server.login("lo_prov_works")
    half = len(DATA) // 2
    assert put(a, 0, DATA[:half])["offset"] == half
    garbage = bytes(len(DATA))
    assert put(b, 0, garbage[:half])["offset"] == half  # B's own file, not a clash with A
    assert put(a, half, DATA[half:]) == {"status": 200, "offset": len(DATA), "complete": True}
    assert a.get(f"/blobs/{SHA}").content == DATA
    mismatch = put(b, half, garbage[half:])
    assert (mismatch["status"], mismatch["error"]["code"]) == (422, "hash_mismatch")
    assert a.get(UPLOAD).json() == {"offset": len(DATA), "complete": True}
    assert a.get(f"/blobs/{SHA}").content == DATA
    assert b.get(f"/blobs/{SHA}").status_code == 403


def test_a_second_uploader_sends_every_byte_and_the_content_is_kept_once(
        server: WorldServer) -> None:
    a, b = server.login("admin_prov"), server.login("lo_prov_works")
    a.upload(DATA)
    # Knowing the hash is not having the file: a first chunk is only a first chunk.
    assert put(b, 0, DATA[:100_000]) == {"status": 200, "offset": 100_000, "complete": False}
    assert b.get(f"/blobs/{SHA}").status_code == 403
    assert put(b, 100_000, DATA[100_000:]) == {"status": 200, "offset": len(DATA),
                                               "complete": True}
    assert b.get(f"/blobs/{SHA}").content == DATA
    root = server.live.settings.resolved_blob_dir()
    assert files_under(root) == [root / SHA[:2] / SHA]
    # A complete upload answers so again and changes nothing.
    assert put(b, 0, DATA[:10]) == {"status": 200, "offset": len(DATA), "complete": True}


def test_an_upload_resumes_after_its_partial_file_lost_bytes(server: WorldServer) -> None:
    """The row says how much arrived, but a crash or a disk fault may leave the partial file
    shorter (or longer): the server answers from what the file really holds."""
    a = server.login("admin_prov")
    assert put(a, 0, DATA[:200_000])["offset"] == 200_000
    partial = store(server).partial_path(SHA, server.world.user("admin_prov").id)
    with partial.open("r+b") as handle:
        handle.truncate(50_000)
    assert a.get(UPLOAD).json() == {"offset": 50_000, "complete": False}
    stale = put(a, 200_000, DATA[200_000:300_000])
    assert (stale["status"], stale["error"]["code"], stale["error"]["offset"]) == (
        409, "upload_offset_mismatch", 50_000)
    with partial.open("ab") as handle:  # bytes written whose row never committed
        handle.write(b"sisa tulisan yang tidak tercatat")
    assert put(a, 50_000, DATA[50_000:])["complete"] is True
    assert a.get(f"/blobs/{SHA}").content == DATA


def test_uploads_in_progress_per_user_are_bounded(server: WorldServer) -> None:
    a, b = server.login("admin_prov"), server.login("lo_prov_works")
    contents = [f"berkas nomor {i:02d} ".encode() * 100 for i in range(MAX_OPEN_UPLOADS + 3)]
    other = b"berkas milik pengguna lain " * 100
    other_sha = hashlib.sha256(other).hexdigest()
    assert put(b, 0, other[:10], len(other), other_sha)["offset"] == 10
    for data in contents:
        sha = hashlib.sha256(data).hexdigest()
        assert put(a, 0, data[:10], len(data), sha)["offset"] == 10
    states = [a.get(f"/blobs/{hashlib.sha256(d).hexdigest()}/upload").json() for d in contents]
    assert states == [{"offset": 0, "complete": False}] * 3 + [
        {"offset": 10, "complete": False}] * MAX_OPEN_UPLOADS
    root = server.live.settings.resolved_blob_dir() / ".partial"
    assert len(files_under(root / str(server.world.user("admin_prov").id))) == MAX_OPEN_UPLOADS
    assert b.get(f"/blobs/{other_sha}/upload").json() == {"offset": 10, "complete": False}
    # A dropped upload starts again from the beginning, and completes.
    first = contents[0]
    sha = hashlib.sha256(first).hexdigest()
    assert put(a, 10, first[10:], len(first), sha)["error"]["offset"] == 0
    assert a.upload(first) == sha


def test_abandoned_uploads_expire(server: WorldServer) -> None:
    a = server.login("admin_prov")
    done = b"berkas yang selesai diunggah " * 100
    a.upload(done)
    assert put(a, 0, DATA[:1000])["offset"] == 1000
    root = server.live.settings.resolved_blob_dir()
    legacy = root / ".partial" / hashlib.sha256(b"lama").hexdigest()  # the old shared layout
    legacy.write_bytes(b"sisa unggahan lama")
    blobs = store(server)
    engine = server.live.app.state.server.engine
    now = server.live.app.state.server.now()
    assert blobs.expire_uploads(engine, now + timedelta(days=1)) == 0  # recent: all kept
    assert a.get(UPLOAD).json() == {"offset": 1000, "complete": False}
    week_ago = time.time() - 8 * 24 * 3600
    for path in files_under(root / ".partial"):
        os.utime(path, (week_ago, week_ago))
    assert blobs.expire_uploads(engine, now + blobs.upload_ttl + timedelta(hours=1)) == 2
    assert files_under(root / ".partial") == []
    assert a.get(UPLOAD).json() == {"offset": 0, "complete": False}
    done_sha = hashlib.sha256(done).hexdigest()
    assert a.get(f"/blobs/{done_sha}/upload").json() == {"offset": len(done), "complete": True}
    assert a.get(f"/blobs/{done_sha}").content == done
