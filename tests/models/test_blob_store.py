"""The blob store: attachment files sealed at rest, addressed by their plaintext's SHA-256,
written atomically, read through one API, and an earlier version's plain files sealed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from lapor_desk.models.cache import open_cache
from lapor_desk.models.cache.at_rest import SealedFileError, file_is_sealed
from lapor_desk.models.cache.blob_store import BlobDamaged, BlobStore, TooLarge, check_sha256
from lapor_desk.models.cache.crypto import new_key

PHOTO = b"\xff\xd8\xff\xe0" + b"foto jembatan Wundulako " * 9000  # ~210 KiB
SHA = hashlib.sha256(PHOTO).hexdigest()
PROBE = b"foto jembatan Wundulako"


def everything(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs", new_key())


def test_a_file_is_kept_sealed_under_its_plaintext_hash(store: BlobStore,
                                                        tmp_path: Path) -> None:
    source = tmp_path / "jembatan.jpg"
    source.write_bytes(PHOTO)
    assert store.add_file(source, limit=len(PHOTO)) == (SHA, len(PHOTO))
    assert store.path(SHA) == store.root / SHA[:2] / SHA and file_is_sealed(store.path(SHA))
    assert PROBE not in everything(store.root)
    assert store.stored() == {SHA} and store.contains(SHA)
    assert store.read(SHA) == PHOTO and store.verify(SHA) == len(PHOTO)
    assert b"".join(store.chunks(SHA, start=100_000, size=7000)) == PHOTO[100_000:]
    with store.reading(SHA) as reader:
        reader.seek(70_000)
        assert reader.read(10) == PHOTO[70_000:70_010]
    assert store.add_bytes(PHOTO) == SHA  # content-addressed: the same file, once
    assert sorted(p.name for p in store.root.rglob("*") if p.is_file()) == [SHA]


def test_a_copy_out_is_the_verified_plaintext_written_at_once(store: BlobStore,
                                                              tmp_path: Path) -> None:
    store.add_bytes(PHOTO)
    target = tmp_path / "out" / "jembatan.jpg"
    assert store.copy_to(SHA, target) == len(PHOTO) and target.read_bytes() == PHOTO
    sealed = bytearray(store.path(SHA).read_bytes())
    sealed[-3] ^= 1
    store.path(SHA).write_bytes(bytes(sealed))
    elsewhere = tmp_path / "out" / "again.jpg"
    with pytest.raises(BlobDamaged):
        store.copy_to(SHA, elsewhere)
    assert not elsewhere.exists() and sorted(p.name for p in target.parent.iterdir()) == [
        "jembatan.jpg"]  # no partial plain copy left behind
    assert store.verify(SHA) is None
    with pytest.raises(BlobDamaged):
        store.read(SHA)


def test_a_blob_is_refused_when_its_content_is_not_its_name(store: BlobStore) -> None:
    other = hashlib.sha256(b"something else").hexdigest()
    store.path(other).parent.mkdir(parents=True)
    os.replace(store.path(store.add_bytes(PHOTO)), store.path(other))
    assert store.verify(other) is None
    with pytest.raises(BlobDamaged):
        store.read(other)


def test_a_failed_write_leaves_nothing(store: BlobStore, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(PHOTO)
    with pytest.raises(TooLarge):
        store.add_file(source, limit=len(PHOTO) - 1)

    def broken() -> object:
        yield PHOTO[:1000]
        raise OSError("the disk is full")

    with pytest.raises(OSError, match="disk is full"):
        store._add(broken(), limit=len(PHOTO))  # type: ignore[arg-type]
    assert [p for p in store.root.rglob("*") if p.is_file()] == []


def test_names_are_only_ever_hashes(store: BlobStore) -> None:
    for bad in ("../../etc/passwd", SHA.upper(), SHA[:-1], "", SHA + "/x"):
        with pytest.raises(ValueError):
            store.path(bad)
        with pytest.raises(ValueError):
            check_sha256(bad)


def test_a_plain_store_keeps_plain_files_and_does_not_read_sealed_ones(tmp_path: Path) -> None:
    sealed = BlobStore(tmp_path / "blobs", new_key())
    sealed.add_bytes(PHOTO)
    plain = BlobStore(tmp_path / "blobs", None)
    with pytest.raises(SealedFileError) as refused:
        plain.read(SHA)
    assert refused.value.code == "sealed_key_required"
    other = BlobStore(tmp_path / "plain", None)
    other.add_bytes(PHOTO)
    assert other.path(SHA).read_bytes() == PHOTO and other.read(SHA) == PHOTO
    assert other.seal_plaintext().sealed == 0  # no key: nothing to seal with


def test_an_earlier_versions_plain_files_are_sealed_when_the_cache_opens(
        tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    old = open_cache(profile)  # an earlier version wrote plain files beside its cache
    old.close()
    blobs = profile / "blobs"
    (blobs / SHA[:2]).mkdir(parents=True)
    (blobs / SHA[:2] / SHA).write_bytes(PHOTO)
    half = hashlib.sha256(b"half").hexdigest()
    (blobs / half[:2]).mkdir()
    (blobs / half[:2] / (half + ".part")).write_bytes(PHOTO[:5000])  # a broken-off download
    odd = blobs / "ab" / "abcdef"  # not even a hash: kept all the same, sealed
    odd.parent.mkdir()
    odd.write_bytes(b"foto jembatan Wundulako, a file of unknown name")
    key = new_key()
    cache = open_cache(profile, key=key)
    try:
        assert cache.blobs.sealed and PROBE not in everything(profile)
        assert cache.blobs.read(SHA) == PHOTO
        assert not (blobs / half[:2] / (half + ".part")).exists()
        assert file_is_sealed(odd)
        assert cache.blobs.seal_plaintext().sealed == 0  # done once
    finally:
        cache.close()
    again = open_cache(profile, key=key)
    assert again.blobs.read(SHA) == PHOTO
    again.close()
