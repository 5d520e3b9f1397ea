"""A keyring in a JSON file that several test processes share (``bench/ui_keyring.py``'s).

The desktop keeps each profile's token and cache key in the OS keyring; a test that runs the
desk in child processes (killed and restarted: tests/sync/test_crash.py) needs every process to
find the same secrets. Children get ``PYTHON_KEYRING_BACKEND`` set to :class:`EnvFileKeyring`
and ``LAPOR_TEST_KEYRING_FILE`` to the file; the test process itself uses :func:`file_keyring`.
Test data only: the file is plain text.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
from jaraco.classes import properties

from bench.ui_keyring import FileKeyring

ENV = "LAPOR_TEST_KEYRING_FILE"
BACKEND = "tests.support.file_keyring.EnvFileKeyring"


class EnvFileKeyring(FileKeyring):
    """The file named by ``LAPOR_TEST_KEYRING_FILE`` (what ``PYTHON_KEYRING_BACKEND`` loads)."""

    @properties.classproperty
    def priority(cls) -> float:
        # Not viable (so never chosen on its own) where the variable is not set.
        if ENV not in os.environ:
            raise RuntimeError(f"{ENV} is not set")
        return 1

    def __init__(self) -> None:
        super().__init__(os.environ[ENV])


def child_env(path: Path) -> dict[str, str]:
    """Environment entries that give a child process this keyring file."""
    return {"PYTHON_KEYRING_BACKEND": BACKEND, ENV: str(path)}


@contextmanager
def file_keyring(path: Path) -> Iterator[FileKeyring]:
    """Use the keyring file in this process too, for the ``with`` block."""
    previous = keyring.get_keyring()
    backend = FileKeyring(path)
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
