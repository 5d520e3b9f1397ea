"""The seed generator's second process: generates chunks of rows and pickles them to stdout.

Run by ``seed_database`` as ``python -m lapor_desk.server.seed.worker '<json args>'`` (a plain
subprocess, so it works whatever the caller's ``__main__`` is). Frames: ``("chunk", chunk)`` ...
then ``("done", (used blob hashes, next seq))``.
"""

from __future__ import annotations

import json
import pickle
import sys
from datetime import datetime


def main(argv: list[str] | None = None) -> int:
    from lapor_desk.server.seed.pipeline import new_factory, stream_chunks
    from lapor_desk.server.seed.rows import RowEncoder

    args = json.loads((argv or sys.argv[1:])[0])
    now = datetime.fromisoformat(args["now"])
    factory = new_factory(int(args["seed"]), now)[0]
    rows = RowEncoder(str(args["flavour"]), int(args["first_seq"]))
    out = sys.stdout.buffer
    for chunk in stream_chunks(factory, rows, int(args["complaints"])):
        pickle.dump(("chunk", chunk), out, protocol=pickle.HIGHEST_PROTOCOL)
    pickle.dump(("done", (sorted(factory.used_blobs), rows.seq)), out,
                protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
