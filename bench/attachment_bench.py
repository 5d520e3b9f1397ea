"""What sealing attachments at rest costs: writing and reading a 25 MiB attachment with the
sealed blob store (``models/cache/blob_store.py``) against the plain files of the version
before it (its code paths, reproduced here as they were in ``sync/outbox.py``,
``sync/blobs.py`` and ``services/attachments.py``).

    .venv/bin/python -m bench.attachment_bench [--rounds 7] [--mib 25] [--dir /tmp]

Each operation runs ``--rounds`` times on a fresh file (the median is printed, and min/max);
files live in a temporary profile under ``--dir`` (the same disk a profile would be on).

* attach:   a picked file into the store (before: hash it, then copy it; after: read it once,
            hashed while it is sealed, fsynced, renamed)
* download: 64 KiB pieces as the transport hands them, then the hash check and the rename
            (before: appended to a plain ``.part``, hashed again from disk; after: sealed and
            hashed as they arrive, fsynced)
* verify:   the hash check before an upload or an external copy (before: hash the file;
            after: decrypt and hash)
* view:     the verified content a viewer shows (before: hash the file, then read it; after:
            decrypt into memory and hash once)
* upload:   the plaintext read in the 4 MiB chunks an upload sends, after its check
* seal:     an earlier version's plain blob sealed in place (the upgrade, once per file)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lapor_desk.models.cache import at_rest
from lapor_desk.models.cache.blob_store import BlobStore

CHUNK = 64 * 1024
UPLOAD_CHUNK = 4 * 1024 * 1024


def _sha(path: Path) -> str:  # the previous version's sync.blobs.file_sha256
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def measure(rounds: int, setup: Callable[[], object], run: Callable[[object], object]) -> list[
        float]:
    times = []
    for _ in range(rounds):
        state = setup()
        started = time.perf_counter()
        run(state)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--mib", type=int, default=25)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lapor-attachment-bench-", dir=args.dir))
    try:
        data = os.urandom(args.mib * 1024 * 1024)
        sha = hashlib.sha256(data).hexdigest()
        source = work / "scan.pdf"
        source.write_bytes(data)
        plain_dir = work / "plain"
        sealed = BlobStore(work / "sealed", os.urandom(32))
        plain_path = plain_dir / sha[:2] / sha
        results: dict[str, tuple[list[float], list[float]]] = {}

        def fresh_plain() -> None:
            shutil.rmtree(plain_dir, ignore_errors=True)

        def fresh_sealed() -> None:
            shutil.rmtree(sealed.root, ignore_errors=True)

        def attach_before(_s: object) -> None:
            assert _sha(source) == sha
            plain_path.parent.mkdir(parents=True, exist_ok=True)
            partial = plain_path.with_suffix(".part")
            shutil.copyfile(source, partial)
            partial.replace(plain_path)

        def attach_after(_s: object) -> None:
            assert sealed.add_file(source, len(data))[0] == sha

        results["attach"] = (measure(args.rounds, fresh_plain, attach_before),
                             measure(args.rounds, fresh_sealed, attach_after))

        def download_before(_s: object) -> None:
            plain_path.parent.mkdir(parents=True, exist_ok=True)
            partial = plain_path.with_suffix(".part")
            with partial.open("ab") as sink:
                for start in range(0, len(data), CHUNK):
                    sink.write(data[start:start + CHUNK])
            assert _sha(partial) == sha
            partial.replace(plain_path)

        def download_after(_s: object) -> None:
            with sealed.partial(sha) as sink:
                for start in range(0, len(data), CHUNK):
                    sink.write(data[start:start + CHUNK])
                assert sink.hexdigest() == sha
                sink.commit()

        results["download"] = (measure(args.rounds, fresh_plain, download_before),
                               measure(args.rounds, fresh_sealed, download_after))
        # From here on both stores hold the file.
        results["verify"] = (measure(args.rounds, lambda: None, lambda _s: _sha(plain_path)),
                             measure(args.rounds, lambda: None, lambda _s: sealed.verify(sha)))

        def view_before(_s: object) -> bytes:
            assert _sha(plain_path) == sha
            return plain_path.read_bytes()

        results["view"] = (measure(args.rounds, lambda: None, view_before),
                           measure(args.rounds, lambda: None, lambda _s: sealed.read(sha)))

        def upload_before(_s: object) -> None:
            assert _sha(plain_path) == sha
            with plain_path.open("rb") as handle:
                while handle.read(UPLOAD_CHUNK):
                    pass

        def upload_after(_s: object) -> None:
            assert sealed.verify(sha) == len(data)
            for _chunk in sealed.chunks(sha, 0, UPLOAD_CHUNK):
                pass

        results["upload"] = (measure(args.rounds, lambda: None, upload_before),
                             measure(args.rounds, lambda: None, upload_after))

        legacy = work / "legacy"

        def plain_copy() -> Path:
            legacy.mkdir(exist_ok=True)
            target = legacy / sha
            shutil.copyfile(source, target)
            return target

        results["seal"] = ([], measure(args.rounds, plain_copy,
                                       lambda p: at_rest.seal_in_place(p, os.urandom(32))))  # type: ignore[arg-type]
        on_disk = sealed.path(sha).stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{args.mib} MiB attachment, {args.rounds} rounds, median (min-max) ms")
    print(f"{'':10}{'plain (before)':>26}{'sealed (after)':>26}")
    for name, (before, after) in results.items():
        def cell(times: list[float]) -> str:
            if not times:
                return "-"
            return (f"{statistics.median(times) * 1000:.0f} "
                    f"({min(times) * 1000:.0f}-{max(times) * 1000:.0f})")
        print(f"{name:10}{cell(before):>26}{cell(after):>26}")
    overhead = on_disk - len(data)
    print(f"on disk: {on_disk} bytes sealed for {len(data)} plain (+{overhead}, "
          f"{overhead / len(data) * 100:.3f} %)")


if __name__ == "__main__":
    main()
