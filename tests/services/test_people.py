"""People from the desktop against the real server: an agency admin lists, creates, moves,
disables and resets accounts of their subtree; the person given a one-time password must choose
a new one at the first sign-in, and the desktop signs in with it; a liaison officer manages no
one."""

from __future__ import annotations

from pathlib import Path

import pytest

from lapor_desk.services import Workstation
from lapor_desk.services.errors import ServiceError, SignInError
from lapor_desk.services.people import PeopleFilter
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)


def test_an_admin_manages_their_people_and_a_new_one_chooses_a_password(
        signed_in: Workstation, live_server: LiveServer, tmp_path: Path) -> None:
    people = signed_in.people
    assert signed_in.info is not None and signed_in.info.capabilities.people
    assert people.roles() == ("agency_admin", "liaison_officer")
    units = people.units()
    assert units and all(u.path.startswith(units[0].path.rsplit("/", 2)[0]) for u in units)
    listed = people.accounts()
    assert listed and all(a.role in ("agency_admin", "liaison_officer") for a in listed)
    assert signed_in.info.username in {a.username for a in listed}
    unit = next(u for u in units if u.id != signed_in.info.unit_id)

    made = people.create("lo.baru", "  Wa Ode   Sitti ", "liaison_officer", unit.id)
    assert made.account.display_name == "Wa Ode Sitti" and made.account.must_change_password
    assert made.account.unit_name == unit.name and len(made.one_time_password) == 14
    found = people.accounts(PeopleFilter(text="BARU"))
    assert [a.username for a in found] == ["lo.baru"]

    newcomer = Workstation(tmp_path / "newcomer", device="pytest-newcomer")
    try:
        with pytest.raises(SignInError) as refused:
            newcomer.sign_in(live_server.url, "lo.baru", made.one_time_password)
        assert refused.value.code == "password_change_required"
        assert newcomer.info is None and not any((tmp_path / "newcomer").rglob("cache*"))
        with pytest.raises(ServiceError) as same:
            newcomer.sign_in(live_server.url, "lo.baru", made.one_time_password,
                             new_password=made.one_time_password)
        assert same.value.code == "password_unchanged"
        info = newcomer.sign_in(live_server.url, "lo.baru", made.one_time_password,
                                new_password="sandi-pilihan-sendiri")
        assert (info.username, info.role, info.unit_id) == ("lo.baru", "liaison_officer",
                                                           unit.id)
        assert not info.capabilities.people
        newcomer.sync()
        with pytest.raises(SignInError) as forbidden:
            newcomer.people.accounts()
        assert forbidden.value.code == "forbidden"

        reset = people.reset_password(made.account.id)
        assert reset.one_time_password != made.one_time_password
        with pytest.raises(SignInError) as ended:
            newcomer.sync()
        assert ended.value.code == "token_revoked"
    finally:
        newcomer.close()

    other = next(u for u in units if u.id not in (unit.id,))
    moved = people.move(made.account.id, other.id)
    assert moved.unit_id == other.id
    assert people.set_disabled(made.account.id, True).disabled
    assert not people.set_disabled(made.account.id, False).disabled
    history = people.history(made.account.id)
    assert [e.action for e in history] == ["enabled", "disabled", "moved", "password_reset",
                                           "password_changed", "created"]
    assert history[-1].actor == signed_in.info.username and history[-2].actor == "lo.baru"
    with pytest.raises(SignInError) as own:
        people.set_disabled(next(a.id for a in listed
                                 if a.username == signed_in.info.username), True)
    assert own.value.code == "forbidden"
