"""Signing out deletes this computer's copy of the profile, after asking when work is unsynced."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
import requests
from sqlalchemy import select, update

from lapor_desk.models.cache.schema import Complaint, OutboxEntry
from lapor_desk.services import Workstation
from lapor_desk.services.profile_copy import UnsyncedWork, UnsyncedWorkError
from lapor_desk.sync import credentials
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(120)


def _cache_keys() -> list[str]:
    store = keyring.get_keyring()._store  # type: ignore[attr-defined]  # MemoryKeyring
    return [service for service, _user in store if service.startswith("lapor-desk-cache/")]


def _some_complaint(station: Workstation) -> str:
    with station.session.require_cache().engine.connect() as c:
        return str(c.execute(select(Complaint.id).order_by(Complaint.id).limit(1)).scalar_one())


def test_sign_out_with_unsynced_work_asks_first_then_wipes_everything(
        signed_in: Workstation, live_server: LiveServer) -> None:
    info = signed_in.info
    assert info is not None
    profile = Path(info.profile_dir)
    token = credentials.load_token(live_server.url, "admin.kendari")
    assert token and _cache_keys()
    complaint_id = _some_complaint(signed_in)
    signed_in.replies.save_draft(complaint_id, "follow_up", "Draf balasan untuk pelapor", ())
    assert signed_in.session.outbox is not None
    signed_in.session.outbox.internal_note(complaint_id, "Catatan yang belum terkirim")
    assert signed_in.session.unsynced_work() == UnsyncedWork(pending=1, rejected=0, conflicts=0)

    with pytest.raises(UnsyncedWorkError) as refused:
        signed_in.session.sign_out()
    assert refused.value.code == "unsynced_work" and refused.value.work.pending == 1
    # Nothing was touched: still signed in, cache, drafts, key and token in place.
    assert signed_in.info is not None and (profile / "cache.sqlite3").exists()
    assert (profile / "drafts.json").exists() and _cache_keys()
    assert credentials.load_token(live_server.url, "admin.kendari") == token

    cache = signed_in.session.require_cache()
    with cache.writer.begin() as c:  # the server refused it: still unsynced, still asked about
        c.execute(update(OutboxEntry).values(state="rejected", reason="out_of_scope"))
    assert signed_in.session.unsynced_work() == UnsyncedWork(pending=0, rejected=1, conflicts=0)
    with pytest.raises(UnsyncedWorkError):
        signed_in.sign_out()  # the UI's plain sign-out path refuses the same way

    signed_in.session.sign_out(discard_unsynced=True)  # the person confirmed
    assert signed_in.info is None and not profile.exists()
    assert credentials.load_token(live_server.url, "admin.kendari") is None
    assert _cache_keys() == []
    assert signed_in.known_profiles() == []
    me = requests.get(live_server.url + "/api/v1/me", timeout=10,
                      headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401 and me.json()["error"]["code"] == "token_revoked"


def test_sign_out_with_everything_synced_needs_no_confirmation_even_offline(
        signed_in: Workstation, live_server: LiveServer) -> None:
    info = signed_in.info
    assert info is not None
    assert not signed_in.session.unsynced_work().any
    live_server.stop()  # the server cannot be told; the local copy goes all the same
    signed_in.sign_out()
    assert not Path(info.profile_dir).exists()
    assert credentials.load_token(live_server.url, "admin.kendari") is None
    assert _cache_keys() == []


def test_forget_profile_removes_a_profile_whose_key_is_lost(
        signed_in: Workstation, live_server: LiveServer, password: str) -> None:
    from lapor_desk.services.profile_copy import ProfileLocked

    info = signed_in.info
    assert info is not None
    [profile] = signed_in.known_profiles()
    signed_in.close()
    credentials.forget_cache_key(Path(info.profile_dir))
    with pytest.raises(ProfileLocked) as locked:
        signed_in.resume(profile)
    assert locked.value.code == "cache_key_missing"
    assert Path(info.profile_dir).exists()  # never discarded without the person's say
    signed_in.session.forget_profile(profile)
    assert not Path(info.profile_dir).exists()
    assert signed_in.sign_in(live_server.url, "admin.kendari", password).username


def test_demo_sessions_keep_a_plain_cache_and_desktop_sessions_an_encrypted_one(
        tmp_path: Path, live_server: LiveServer, password: str) -> None:
    from lapor_desk.models.cache.crypto import file_state
    from lapor_desk.services.profiles import ProfileStore
    from lapor_desk.services.session import Session

    states = []
    for encrypt in (False, True):
        session = Session(ProfileStore(tmp_path / f"e{encrypt}"), encrypt_cache=encrypt)
        info = session.sign_in(live_server.url, "admin.kendari", password)
        session.close()
        states.append(file_state(Path(info.profile_dir) / "cache.sqlite3"))
    assert states == ["plaintext", "encrypted"]


def test_a_draft_is_unsynced_work_that_signing_out_asks_about(signed_in: Workstation) -> None:
    """A reply typed but not sent is lost with the profile like a pending action: counted, and
    signing out refuses until the person confirms."""
    info = signed_in.info
    assert info is not None
    complaint_id = signed_in.complaint_ids("not_followed_up")[0]
    signed_in.replies.save_draft(complaint_id, "follow_up", "Tim sudah ke lokasi; besok")
    assert signed_in.unsynced_work() == UnsyncedWork(0, 0, 0, drafts=1)
    with pytest.raises(UnsyncedWorkError) as refused:
        signed_in.sign_out()
    assert refused.value.work.drafts == 1
    assert Path(info.profile_dir).exists()
    signed_in.sign_out(discard_unsynced=True)
    assert not Path(info.profile_dir).exists()
