"""Entry point of the frozen app (PyInstaller runs this file as ``__main__``).

A frozen app has no ``python -m``: the desktop's demo/training mode starts the reference server
as a child process with ``sys.executable -m lapor_desk.server.cli ...`` (services/demo.py), and
large seeds start ``-m lapor_desk.server.seed.worker``, routing help trains in
``-m lapor_desk.models.routing.trainer``. Those modules, and only those, are run here the way
``python -m`` would run them.
"""

import runpy
import sys

CHILD_MODULES = {"lapor_desk.server.cli", "lapor_desk.server.seed.worker",
                 "lapor_desk.models.routing.trainer"}


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "-m" and sys.argv[2] in CHILD_MODULES:
        module = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        sys.exit(0)
    from lapor_desk.cli import main as desk_main

    sys.exit(desk_main())


if __name__ == "__main__":
    main()
