"""The sealed format of files at rest: keys derived per purpose and per file, segments that
authenticate their position, and every way a file can be cut, reordered or changed refused."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from lapor_desk.models.cache import file_writes
from lapor_desk.models.cache.at_rest import (
    HEADER,
    SEGMENT,
    TAG,
    AtRestKeys,
    SealedFileError,
    SealedReader,
    SealedWriter,
    open_bytes,
    seal_bytes,
)

KEY = bytes(range(32))
SIZES = [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 777]


def segments(sealed: bytes) -> list[bytes]:
    body = sealed[HEADER:]
    return [body[i:i + SEGMENT + TAG] for i in range(0, len(body), SEGMENT + TAG)]


@pytest.mark.parametrize("size", SIZES)
def test_round_trip_and_random_access(size: int) -> None:
    data = os.urandom(size)
    sealed = seal_bytes(KEY, data)
    assert len(sealed) == HEADER + max(1, -(-size // SEGMENT)) * TAG + size
    assert open_bytes(KEY, sealed) == data
    with SealedReader(io.BytesIO(sealed), KEY) as reader:
        assert reader.size == size
        for start in {0, size // 3, max(0, size - 5), SEGMENT - 2}:
            reader.seek(start)
            assert reader.read(SEGMENT + 9) == data[start:start + SEGMENT + 9]
        reader.seek(size)
        assert reader.read(10) == b""


def test_streaming_writes_in_any_pieces_give_the_same_plaintext_and_hash() -> None:
    data = os.urandom(2 * SEGMENT + 5000)
    out = io.BytesIO()
    writer = SealedWriter(out, KEY)
    for start in range(0, len(data), 7001):
        writer.write(data[start:start + 7001])
    writer.finish()
    assert writer.digest.hexdigest() == hashlib.sha256(data).hexdigest()
    assert writer.size == len(data)
    assert open_bytes(KEY, out.getvalue()) == data


def test_keys_are_derived_per_purpose_and_per_file() -> None:
    keys = AtRestKeys.from_profile_key(KEY)
    assert len({keys.attachments, keys.drafts, KEY}) == 3
    assert AtRestKeys.from_profile_key(KEY) == keys  # derived, not random: nothing to store
    assert keys.attachments.hex() not in repr(keys) and "drafts=" not in repr(keys)
    data = b"Wa Ode Sitti, NIK 7471010101900001" * 10
    first, second = seal_bytes(keys.drafts, data), seal_bytes(keys.drafts, data)
    assert first[HEADER:] != second[HEADER:]  # a random salt per file: its own key
    assert data[:16] not in first
    with pytest.raises(SealedFileError):
        open_bytes(keys.attachments, first)  # another purpose's key does not open it


def test_every_change_to_a_sealed_file_is_refused() -> None:
    data = os.urandom(3 * SEGMENT + 100)
    sealed = seal_bytes(KEY, data)
    parts = segments(sealed)
    header = sealed[:HEADER]
    other = seal_bytes(KEY, os.urandom(len(data)))
    cases = {
        "cut at a segment boundary": sealed[:HEADER + 2 * (SEGMENT + TAG)],
        "cut inside a segment": sealed[:-40],
        "last segment dropped": header + b"".join(parts[:-1]),
        "segments swapped": header + parts[1] + parts[0] + b"".join(parts[2:]),
        "a segment repeated": header + parts[0] + parts[0] + b"".join(parts[2:]),
        "a segment appended": sealed + parts[1],
        "a byte flipped": sealed[:HEADER + 5] + bytes([sealed[HEADER + 5] ^ 1])
        + sealed[HEADER + 6:],
        "salt changed": sealed[:HEADER - 1] + bytes([sealed[HEADER - 1] ^ 1]) + sealed[HEADER:],
        "a segment of another file": header + segments(other)[0] + b"".join(parts[1:]),
        "header cut": sealed[:HEADER - 3],
    }
    for name, changed in cases.items():
        with pytest.raises(SealedFileError) as refused:
            open_bytes(KEY, changed)
        assert refused.value.code == "sealed_damaged", name
    with pytest.raises(SealedFileError):
        open_bytes(bytes(32), sealed)  # the wrong key


def test_a_truncated_file_is_refused_as_it_is_opened() -> None:
    """The last segment is checked on opening: a reader of the first bytes alone (an upload
    resuming near the start) still never serves a file cut short."""
    sealed = seal_bytes(KEY, os.urandom(3 * SEGMENT))
    with pytest.raises(SealedFileError):
        SealedReader(io.BytesIO(sealed[:HEADER + 2 * (SEGMENT + TAG)]), KEY)


def test_a_newer_version_and_a_missing_key_are_told_apart() -> None:
    sealed = seal_bytes(KEY, b"draft")
    newer = sealed[:6] + bytes([2]) + sealed[7:]
    with pytest.raises(SealedFileError) as version:
        open_bytes(KEY, newer)
    assert version.value.code == "sealed_version"
    with pytest.raises(SealedFileError) as keyless:
        open_bytes(None, sealed)
    assert keyless.value.code == "sealed_key_required"


def test_resume_keeps_whole_segments_and_cuts_a_torn_tail(tmp_path: Path) -> None:
    data = os.urandom(3 * SEGMENT + 10)
    path = tmp_path / "x.part"
    with path.open("w+b") as handle:
        writer = SealedWriter(handle, KEY)
        writer.write(data[:2 * SEGMENT + 500])  # two whole segments written, 500 bytes held
        handle.write(b"torn")  # half a segment, as a crash leaves it
    with path.open("r+b") as handle:
        resumed = SealedWriter.resume(handle, KEY)
        assert resumed.size == 2 * SEGMENT
        resumed.write(data[2 * SEGMENT:])
        resumed.finish()
        assert resumed.digest.hexdigest() == hashlib.sha256(data).hexdigest()
    assert open_bytes(KEY, path.read_bytes()) == data


def test_atomic_file_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    target = tmp_path / "drafts.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), file_writes.atomic_file(target) as out:
        out.write(b"half of the new")
        raise RuntimeError("the disk is full")
    assert target.read_bytes() == b"old" and sorted(tmp_path.iterdir()) == [target]
    with file_writes.atomic_file(target, scrub_old=True) as out:
        out.write(b"new")
    assert target.read_bytes() == b"new" and sorted(tmp_path.iterdir()) == [target]
