"""Training in a child process: ``python -m lapor_desk.models.routing.trainer``.

The desktop's process keeps its interpreter lock for its window while a child prepares the
texts (Sastrawi's stemmer is pure Python) and fits the model. The parent sends the history on
the child's standard input, one JSON object a line (a header ``{"history_size": N, "kind": K}``
first, then one :class:`.history.Labelled` a line); the child answers with the model's bytes
(:func:`.storage.to_bytes`, never sealed: the parent seals them with the profile's key, which the
child never sees) on its standard output, and ``progress DONE TOTAL`` lines on its standard
error. Nothing is written to disk by the child.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import BinaryIO, TextIO

from lapor_desk.models.routing.history import Labelled

MODULE = "lapor_desk.models.routing.trainer"


def encode(history: Iterable[Labelled], history_size: int, kind: str) -> Iterator[bytes]:
    """What the parent writes to the child's standard input."""
    yield json.dumps({"history_size": history_size, "kind": kind}).encode() + b"\n"
    for item in history:
        yield json.dumps(asdict(item), ensure_ascii=False).encode() + b"\n"


def decode(lines: Iterable[bytes]) -> tuple[list[Labelled], int, str]:
    it = iter(lines)
    header = json.loads(next(it))
    history = [Labelled(**json.loads(line)) for line in it if line.strip()]
    return history, int(header["history_size"]), str(header["kind"])


def run(source: BinaryIO, sink: BinaryIO, errors: TextIO) -> int:
    from lapor_desk.models.routing.model import train
    from lapor_desk.models.routing.storage import to_bytes

    history, history_size, kind = decode(source)

    def progress(done: int, total: int) -> None:
        errors.write(f"progress {done} {total}\n")
        errors.flush()

    model = train(history, history_size=history_size, progress=progress, kind=kind)
    sink.write(to_bytes(model))
    sink.flush()
    return 0


if __name__ == "__main__":
    if hasattr(os, "nice"):
        os.nice(10)  # the window's process comes first
    sys.exit(run(sys.stdin.buffer, sys.stdout.buffer, sys.stderr))
