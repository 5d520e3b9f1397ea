"""Drafts at rest: sealed with the drafts key derived from the profile's key, written
atomically, and an earlier version's plain ``drafts.json`` sealed with nothing lost."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lapor_desk.models.cache.at_rest import AtRestKeys, file_is_sealed
from lapor_desk.models.cache.crypto import new_key
from lapor_desk.services import Workstation
from lapor_desk.services.drafts import FILE_NAME, DraftStore

NIK = "7471010101900001"
TEXT = f"Pelapor Wa Ode Sitti (NIK {NIK}, 081234567890) sudah kami hubungi"


def clock() -> datetime:
    return datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def everything(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


def test_drafts_are_sealed_on_disk_and_read_back(tmp_path: Path) -> None:
    key = AtRestKeys.from_profile_key(new_key()).drafts
    store = DraftStore(tmp_path, clock, key)
    store.save("c1", "follow_up", TEXT, ["/home/petugas/surat.pdf"])
    store.save("c1", "internal_note", "Koordinasi dengan Bappeda")
    assert file_is_sealed(tmp_path / FILE_NAME)
    on_disk = everything(tmp_path)
    assert NIK.encode() not in on_disk and b"Wa Ode" not in on_disk
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]  # no temporary left
    again = DraftStore(tmp_path, clock, key)
    draft = again.get("c1", "follow_up")
    assert draft is not None and draft.text == TEXT
    assert draft.files == ("/home/petugas/surat.pdf",)
    again.remove("c1", "follow_up")
    assert DraftStore(tmp_path, clock, key).get("c1", "follow_up") is None


def test_an_earlier_versions_plain_drafts_are_sealed_with_nothing_lost(tmp_path: Path) -> None:
    plain = {"c1|follow_up": {"text": TEXT, "files": [], "saved_at": "2026-11-19T10:00:00"},
             "c2|internal_note": {"text": "Tanyakan anggaran", "files": [],
                                  "saved_at": "2026-11-19T11:00:00"}}
    (tmp_path / FILE_NAME).write_text(json.dumps(plain, ensure_ascii=False), "utf-8")
    (tmp_path / ".drafts-abc.tmp").write_text(TEXT, "utf-8")  # a write a crash cut off
    key = AtRestKeys.from_profile_key(new_key()).drafts
    store = DraftStore(tmp_path, clock, key)
    assert store.seal_plaintext()
    assert file_is_sealed(tmp_path / FILE_NAME) and NIK.encode() not in everything(tmp_path)
    assert not store.seal_plaintext()  # once
    fresh = DraftStore(tmp_path, clock, key)
    assert fresh.get("c1", "follow_up").text == TEXT  # type: ignore[union-attr]
    assert fresh.get("c2", "internal_note").text == "Tanyakan anggaran"  # type: ignore[union-attr]


def test_a_damaged_drafts_file_is_set_aside_sealed(tmp_path: Path) -> None:
    key = AtRestKeys.from_profile_key(new_key()).drafts
    (tmp_path / FILE_NAME).write_text('{"c1|follow_up": {"text": "' + NIK + '"', "utf-8")
    store = DraftStore(tmp_path, clock, key)
    assert store.get("c1", "follow_up") is None
    broken = tmp_path / "drafts.broken"
    assert broken.exists() and file_is_sealed(broken)
    assert NIK.encode() not in everything(tmp_path)


def test_without_a_key_drafts_stay_plain(tmp_path: Path) -> None:
    """A plain cache (the demo's synthetic data) keeps plain drafts beside it."""
    store = DraftStore(tmp_path, clock)
    store.save("c1", "follow_up", TEXT)
    assert not file_is_sealed(tmp_path / FILE_NAME) and not store.seal_plaintext()
    assert DraftStore(tmp_path, clock).get("c1", "follow_up").text == TEXT  # type: ignore[union-attr]


@pytest.mark.timeout(120)
def test_a_signed_in_profile_seals_its_drafts(signed_in: Workstation) -> None:
    info = signed_in.info
    assert info is not None
    signed_in.replies.save_draft("c-any", "follow_up", TEXT)
    profile = Path(info.profile_dir)
    assert file_is_sealed(profile / FILE_NAME)
    assert NIK.encode() not in everything(profile)
    assert signed_in.replies.draft("c-any", "follow_up").text == TEXT  # type: ignore[union-attr]
