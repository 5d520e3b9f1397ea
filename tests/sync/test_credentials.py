from __future__ import annotations

from lapor_desk.sync.credentials import (
    SERVICE,
    MemoryKeyring,
    forget_token,
    key_for,
    load_token,
    save_token,
)


def test_token_lives_in_the_keyring_under_server_and_user(memory: MemoryKeyring) -> None:
    save_token("https://lapor.example/", "sari", "secret-token")
    assert memory.get_password(SERVICE, "https://lapor.example|sari") == "secret-token"
    assert load_token("https://lapor.example", "sari") == "secret-token"
    assert load_token("https://lapor.example", "budi") is None
    forget_token("https://lapor.example", "sari")
    forget_token("https://lapor.example", "sari")  # forgetting twice is fine
    assert load_token("https://lapor.example", "sari") is None
    assert key_for("http://h/", "u") == "http://h|u"
