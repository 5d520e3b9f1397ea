"""Fixtures shared by the sync tests."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend

from lapor_desk.sync.credentials import MemoryKeyring


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    """The process's keyring is an empty in-memory one for the test, then the previous again."""
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
