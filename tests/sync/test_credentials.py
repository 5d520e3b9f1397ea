from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend

from lapor_desk.sync.credentials import (
    SERVICE,
    MemoryKeyring,
    forget_token,
    key_for,
    load_token,
    save_token,
)


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_token_lives_in_the_keyring_under_server_and_user(memory: MemoryKeyring) -> None:
    save_token("https://lapor.example/", "sari", "secret-token")
    assert memory.get_password(SERVICE, "https://lapor.example|sari") == "secret-token"
    assert load_token("https://lapor.example", "sari") == "secret-token"
    assert load_token("https://lapor.example", "budi") is None
    forget_token("https://lapor.example", "sari")
    forget_token("https://lapor.example", "sari")  # forgetting twice is fine
    assert load_token("https://lapor.example", "sari") is None
    assert key_for("http://h/", "u") == "http://h|u"
