"""The token and the cache key in a real OS keyring (gnome-keyring over D-Bus), read back by
another process: no in-memory or fallback backend involved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.keyring_real import TOKEN, require_gnome_keyring, run_in_gnome_keyring

pytestmark = pytest.mark.timeout(180)


def test_token_and_cache_key_round_trip_through_gnome_keyring(tmp_path: Path) -> None:
    require_gnome_keyring()
    profile = tmp_path / "profile"
    write, read = run_in_gnome_keyring(profile)
    for step in (write, read):  # the Secret Service alone: no fallback behind it
        assert step["backends"] == ["keyring.backends.SecretService.Keyring"], step
    assert (write["step"], read["step"]) == ("write", "read")
    assert write["token"] == read["token"] == TOKEN
    assert read["secret_service_token"] == [TOKEN]  # really stored by the Secret Service
    assert len(read["cache_key"]) == 64 and read["cache_key"] == write["cache_key"]
    assert read["secret_service_key"] == [read["cache_key"]]
    # The second process opened the encrypted cache with the key it found in the keyring.
    assert write["file_state"] == read["file_state"] == "encrypted"
    assert read["client_id"] == write["client_id"]
    on_disk = b"".join(p.read_bytes() for p in profile.rglob("*") if p.is_file())
    assert bytes.fromhex(read["cache_key"]) not in on_disk
    assert read["cache_key"].encode() not in on_disk and TOKEN.encode() not in on_disk
