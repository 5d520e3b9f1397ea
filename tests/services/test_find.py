"""The search's lookups in the cache (services/queues.py, models/cache/search.py): the tracking
number typed first in every order, the reporter's name and phone, never an anonymous reporter's
even if a name were in the cache, and "all" counting every complaint."""

from __future__ import annotations

from sqlalchemy import func, select, update

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.services import Workstation
from lapor_desk.services.types import ComplaintFilter


def test_the_number_typed_comes_first_whatever_the_order(signed_in: Workstation) -> None:
    cache = signed_in.session.require_cache()
    with cache.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(Complaint)).scalar_one()
        target = connection.execute(select(Complaint.id, Complaint.tracking_number)
                                    .where(Complaint.tracking_number.is_not(None))
                                    .order_by(Complaint.tracking_number.desc())).first()
    assert target is not None
    counts = {q.key: q.count for q in signed_in.queues()}
    assert counts["all"] == total
    for order in ("", "title", "-received", "number"):
        ids = signed_in.complaint_ids("all", ComplaintFilter(search=str(target.tracking_number),
                                                             order=order))
        assert ids[0] == target.id, order
        spoken = f"nomor laporan {target.tracking_number}"
        assert signed_in.complaint_ids("all", ComplaintFilter(search=spoken,
                                                              order=order))[0] == target.id
    assert signed_in.complaint_ids("all", ComplaintFilter(search="#9999 9999")) == []


def test_a_reporter_is_found_by_name_and_phone_only_when_not_anonymous(
        signed_in: Workstation) -> None:
    cache = signed_in.session.require_cache()
    with cache.engine.connect() as connection:
        named = connection.execute(select(Complaint.id, Complaint.reporter_name,
                                          Complaint.reporter_contact)
                                   .where(Complaint.anonymous.is_(False),
                                          Complaint.reporter_contact.like("08%"))).first()
        hidden = connection.execute(select(Complaint.id).where(
            Complaint.anonymous.is_(True)).limit(1)).scalar_one()
    assert named is not None
    first_name = named.reporter_name.split()[-1].upper()
    assert named.id in signed_in.complaint_ids("all", ComplaintFilter(search=first_name))
    dashed = f"{named.reporter_contact[:4]}-{named.reporter_contact[4:8]}-" \
             f"{named.reporter_contact[8:]}"
    assert named.id in signed_in.complaint_ids("all", ComplaintFilter(search=dashed))
    # a name written into an anonymous complaint's row (a server that sent one by mistake):
    # the search still does not find the complaint by it
    with cache.engine.begin() as connection:
        connection.execute(update(Complaint).where(Complaint.id == hidden).values(
            reporter_name="Wa Ode Rahasiawati", reporter_contact="081299990000"))
    assert hidden not in signed_in.complaint_ids("all", ComplaintFilter(search="rahasiawati"))
    assert hidden not in signed_in.complaint_ids("all", ComplaintFilter(search="0812 9999 0000"))


def test_names_as_people_type_them(signed_in: Workstation) -> None:
    """"laode" for "La Ode", "ma'ruf" for "Ma'ruf", "aisyah" in "Siti-Aisyah", in any case; a
    short word only starts a word of the name ("ode" does not find "Rhode")."""
    cache = signed_in.session.require_cache()
    with cache.engine.begin() as connection:
        shown = list(connection.execute(select(Complaint.id).where(
            Complaint.anonymous.is_(False), Complaint.reporter_name.is_not(None)).limit(3))
            .scalars())
        for complaint_id, name in zip(shown, ("La Ode Muh. Ma'ruf", "Siti-Aisyah Wa Ode Rhode",
                                              "Andi Rhodes"), strict=True):
            connection.execute(update(Complaint).where(Complaint.id == complaint_id).values(
                reporter_name=name))
    def found(text: str) -> set[str]:
        return set(signed_in.complaint_ids("all", ComplaintFilter(search=text))) & set(shown)

    assert found("laode ma'ruf") == {shown[0]}
    assert found("LA ODE MA'RUF") == {shown[0]}
    assert found("siti aisyah") == {shown[1]}
    assert found("Siti-Aisyah") == {shown[1]}
    assert found("waode") == {shown[1]}
    assert found("rhode") == {shown[1], shown[2]}
    assert found("ode") == {shown[0], shown[1]}


def test_a_national_number_pasted_from_sp4n_lapor_finds_its_complaint(
        signed_in: Workstation) -> None:
    """The admin copies the number as SP4N-LAPOR! and its exports write it."""
    cache = signed_in.session.require_cache()
    with cache.engine.begin() as connection:
        target = connection.execute(select(Complaint.id).order_by(Complaint.id)).scalars().first()
        connection.execute(update(Complaint).where(Complaint.id == target)
                           .values(national_tracking_number=7301012))
    for pasted in ("7301012", "#7301012", "Tracking ID 7301012", "No. Tracking: 7301012",
                   "SP4N-LAPOR! #7301012", "tracking id: 7 301 012"):
        found = signed_in.complaint_ids("all", ComplaintFilter(search=pasted))
        assert found[:1] == [target], pasted
