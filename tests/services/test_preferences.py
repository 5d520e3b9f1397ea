"""The user's preferences: one typed value in ``preferences.json``, written whole, read without
ever failing (a damaged file gives the defaults), carried over once from an earlier place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lapor_desk.services.preferences import MAX_BYTES, Preferences, PreferencesFile
from tests.support.small_disk import fill, small_disk


def test_saved_preferences_are_read_back(tmp_path: Path) -> None:
    store = PreferencesFile(tmp_path / "config" / "preferences.json")
    assert not store.exists() and store.load() == Preferences(language="id")
    store.save(Preferences(language="en"))
    assert store.load() == Preferences(language="en")
    assert json.loads(store.path.read_text("utf-8")) == {"language": "en"}
    assert [p.name for p in store.path.parent.iterdir()] == ["preferences.json"]  # no temp left
    assert store.update(language="id") == Preferences(language="id") == store.load()


@pytest.mark.parametrize("content", [
    b"", b"{", b"\xff\xfe not utf-8", b"[]", b'"en"', b"null", b'{"language": 5}',
    b'{"language": "../../etc"}', b'{"language": "en\\u202e"}', b'{"language": ""}',
])
def test_a_damaged_file_gives_the_defaults(tmp_path: Path, content: bytes) -> None:
    store = PreferencesFile(tmp_path / "preferences.json")
    store.path.write_bytes(content)
    assert store.load() == Preferences()


def test_a_file_too_large_is_not_read(tmp_path: Path) -> None:
    store = PreferencesFile(tmp_path / "preferences.json")
    store.path.write_text(json.dumps({"language": "en", "pad": "x" * MAX_BYTES}), "utf-8")
    assert store.load() == Preferences()
    store.path.write_text(json.dumps({"language": "en", "later": {"a": 1}}), "utf-8")
    assert store.load() == Preferences(language="en")  # what it does not know is ignored


def test_a_folder_in_its_place_gives_the_defaults(tmp_path: Path) -> None:
    store = PreferencesFile(tmp_path / "preferences.json")
    store.path.mkdir()
    assert store.load() == Preferences()


def test_a_save_the_disk_refuses_keeps_the_previous_file(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 1024 * 1024) as disk:
        store = PreferencesFile(disk / "preferences.json")
        store.save(Preferences(language="en"))
        before = store.path.read_bytes()
        fill(disk, 0)
        with pytest.raises(OSError):
            store.save(Preferences(language="id"))
        assert store.path.read_bytes() == before and store.load().language == "en"
        assert sorted(p.name for p in disk.iterdir()) == ["ballast.bin", "preferences.json"]


def test_an_earlier_choice_is_carried_over_once(tmp_path: Path) -> None:
    store = PreferencesFile(tmp_path / "preferences.json")
    assert store.carry_over(language="en") == Preferences(language="en")
    assert store.load() == Preferences(language="en")
    store.save(Preferences(language="id"))
    assert store.carry_over(language="en") == Preferences(language="id")  # the file wins
    other = PreferencesFile(tmp_path / "other.json")
    assert other.carry_over(language="<bad>") == Preferences() and other.exists()
