"""The public pages over loopback HTTP on the real server (SQLite and PostgreSQL): a citizen
sends a complaint, follows it with its number and secret code, answers a follow-up within the
window and rates the handling; forms are signed (CSRF), limited per address in the database
(several server processes count together), guarded by a honeypot and size limits, and a form
sent twice makes one complaint. The same flow in a real Chromium: test_public_browser.py."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import func, select

from lapor_desk.server.db import Attachment, Blob, Complaint, PublicAccess, Reporter
from lapor_desk.server.public import guard
from lapor_desk.server.services.complaints import delete_complaint
from tests.server.builder import new_id
from tests.server.client import WorldServer
from tests.support.clock import MovableClock
from tests.support.public_citizen import Citizen, Page


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _count(server: WorldServer) -> int:
    with server.live.session() as session:
        return int(session.scalar(select(func.count()).select_from(Complaint)) or 0)


def _complaint(server: WorldServer, number: int) -> Complaint:
    with server.live.session() as session:
        found = session.scalar(select(Complaint).where(Complaint.tracking_number == number))
        assert found is not None
        session.expunge(found)
        return found


def test_the_pages_are_off_until_an_agency_is_named(shared_server: WorldServer) -> None:
    assert requests.get(shared_server.live.url + "/", timeout=10).status_code == 404
    assert requests.get(shared_server.live.url + "/lacak", timeout=10).status_code == 404


def test_submit_track_answer_and_rate(serve_world: Callable[..., WorldServer],
                                      world_template: tuple[str, object]) -> None:
    kab = world_template[1].agencies["kab"]  # type: ignore[attr-defined]
    server = serve_world(public_agency="T-kab")
    citizen = Citizen(server.live.url)
    form = citizen.get("/")
    assert form.status == 200 and 'lang="id"' in form.text and "Anonim" in form.text
    sent = citizen.submit(form=form, files=[("lampu.png", _png(), "image/png")])
    assert sent.status == 200, sent.text
    number, code = sent.number, sent.code

    complaint = _complaint(server, number)
    assert (complaint.channel, complaint.status, complaint.responsible_id) == (
        "web", "unverified", kab)
    with server.live.session() as session:
        access = session.get(PublicAccess, complaint.id)
        assert access is not None and code not in access.code_hash
        attachment = session.scalar(select(Attachment).where(
            Attachment.complaint_id == complaint.id))
        assert attachment is not None and attachment.filename == "lampu.png"
        blob = session.get(Blob, attachment.sha256)
        assert blob is not None and blob.complete
    assert (server.live.settings.resolved_blob_dir()).exists()

    assert citizen.track(number, "SALAHKODE1").status == 404
    assert citizen.track(number + 1, code).status == 404
    page = citizen.track(number, code.lower())
    assert page.status == 200 and "Lampu jalan padam" in page.text
    assert "Belum diverifikasi" in page.text and "tanggapan" not in page.text

    admin = server.login("admin_kab")
    assert admin.do("forward", complaint.id, 1, to_id=server.unit("kab_health"),
                    disposition_id=new_id(), note="Catatan dalam")["outcome"] == "applied"
    liaison = server.login("lo_kab_health")
    assert liaison.do("internal_note", complaint.id, None, follow_up_id=new_id(),
                      body="Catatan internal petugas")["outcome"] == "applied"
    assert liaison.do("follow_up", complaint.id, None, follow_up_id=new_id(),
                      body="Lampu akan diganti Kamis ini.")["outcome"] == "applied"

    page = citizen.track(number, code)
    assert "Lampu akan diganti Kamis ini." in page.text
    assert "Catatan internal petugas" not in page.text and "Catatan dalam" not in page.text
    assert "Sedang ditindaklanjuti" in page.text and 'action="/lacak/tanggapi"' in page.text
    answered = citizen.answer(page, "Sudah Kamis, lampunya belum diganti.")
    assert answered.status == 200 and "Ditanggapi Pelapor" in answered.text
    assert _complaint(server, number).status == "reporter_responded"
    # the answer is read once: the same form again is refused, the status unchanged
    again = citizen.answer(page, "Sudah Kamis, lampunya belum diganti.")
    assert again.status == 400 and _complaint(server, number).version == complaint.version + 4

    assert admin.do("close", complaint.id, None, note="Lampu sudah diganti")["outcome"] == "applied"
    page = citizen.track(number, code)
    assert 'action="/lacak/nilai"' in page.text
    rated = citizen.rate(page, 4, "Cepat, terima kasih")
    assert rated.status == 200 and "4 dari 5" in rated.text
    assert citizen.rate(page, 5).status == 400
    with server.live.session() as session:
        access = session.get(PublicAccess, complaint.id)
        assert access is not None and (access.rating, access.rating_note) == (4, "Cepat, terima kasih")


def test_a_follow_up_is_answered_only_within_ten_working_days(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, object]) -> None:
    clock = MovableClock()
    server = serve_world(clock=clock,
                         public_agency="T-kab")
    citizen = Citizen(server.live.url)
    sent = citizen.submit()
    complaint = _complaint(server, sent.number)
    assert server.login("admin_kab").do("forward", complaint.id, 1, to_id=server.unit("kab_health"),
                                         disposition_id=new_id())["outcome"] == "applied"
    assert server.login("lo_kab_health").do("follow_up", complaint.id, None,
                                             follow_up_id=new_id(),
                                             body="Sudah kami periksa.")["outcome"] == "applied"
    page = citizen.track(sent.number, sent.code)
    assert 'action="/lacak/tanggapi"' in page.text
    clock.advance(days=15)  # past ten working days
    assert citizen.answer(page, "Masih rusak").status == 403  # the page's access has expired too
    late = citizen.track(sent.number, sent.code)
    assert 'action="/lacak/tanggapi"' not in late.text
    # a page opened just before the window closed, its form sent just after
    opened = Page(200, f'name="token" value="{citizen.get("/lacak").token}" name="akses" value="'
                  f'{guard.access_token(guard.signing_key(server.live.engine), complaint.id, clock())}"')
    assert citizen.answer(opened, "Masih rusak").status == 400
    assert _complaint(server, sent.number).status == "in_progress"


def test_a_form_sent_twice_makes_one_complaint(serve_world: Callable[..., WorldServer],
                                               world_template: tuple[str, object]) -> None:
    server = serve_world(public_agency="T-kab")
    citizen = Citizen(server.live.url)
    before = _count(server)
    form = citizen.get("/")
    first = citizen.submit(form=form)
    second = citizen.submit(form=form)  # the back button and "send" again, or a double tap
    assert first.status == second.status == 200
    assert first.number == second.number and 'id="kode"' not in second.text
    assert _count(server) == before + 1
    assert citizen.submit().number != first.number  # a new form is a new complaint


def test_forged_or_missing_form_tokens_change_nothing(serve_world: Callable[..., WorldServer],
                                                      world_template: tuple[str, object]) -> None:
    server = serve_world(public_agency="T-kab")
    before = _count(server)
    citizen = Citizen(server.live.url)
    form = citizen.get("/")
    other = Citizen(server.live.url)  # another site posting the citizen's token: no cookie
    assert other.submit(form=form).status == 403
    nonce, issued, _signature = form.token.split(".")
    forged = type(form)(200, f'name="token" value="{nonce}.{issued}.{"0" * 32}"')
    assert citizen.submit(form=forged).status == 403
    assert citizen.submit(form=form, situs="http://spam.example").status == 400  # the honeypot
    assert _count(server) == before


def test_bad_fields_and_files_are_refused_with_the_form_kept(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, object]) -> None:
    server = serve_world(public_agency="T-kab",
                         public_max_files=2, public_max_file_bytes=2048)
    citizen = Citizen(server.live.url)
    before = _count(server)
    page = citizen.submit(judul="", nama="")
    assert page.status == 400 and "Judul wajib diisi" in page.text and "Nama wajib diisi" in page.text
    assert "Sudah dua minggu lampu jalan" in page.text  # what was typed stays
    assert citizen.submit(files=[("a.png", _png(), "image/png")] * 3).status == 400
    assert citizen.submit(files=[("a.png", _png() + b"\0" * 4096, "image/png")]).status == 400
    program = citizen.submit(files=[("foto.png", b"MZ\x90\x00" + b"\0" * 100, "image/png")])
    assert program.status == 400 and "foto.png" in program.text and "tidak dapat dikirim" in program.text
    too_big = requests.post(server.live.url + "/", data=b"x" * (3 * 4096 + 200 * 1024),
                            headers={"Content-Type": "multipart/form-data; boundary=x"}, timeout=30)
    assert too_big.status_code == 413 and too_big.headers["content-type"].startswith("text/html")
    assert "terlalu besar" in too_big.text  # a page a person reads, not the desktop's JSON
    assert _count(server) == before


def test_an_anonymous_reporter_never_reaches_a_desktop(serve_world: Callable[..., WorldServer],
                                                       world_template: tuple[str, object]) -> None:
    kab = world_template[1].agencies["kab"]  # type: ignore[attr-defined]
    server = serve_world(public_agency=str(kab))  # the agency by its id (else its code)
    sent = Citizen(server.live.url).submit(anonim="ya", nama="Rahmat Tersembunyi",
                                           telepon="081399887766")
    assert sent.status == 200
    complaint = _complaint(server, sent.number)
    assert complaint.anonymous and complaint.responsible_id == kab
    with server.live.session() as session:  # kept on the server, for the reporter's sake
        reporter = session.get(Reporter, complaint.reporter_id)
        assert reporter is not None and reporter.name == "Rahmat Tersembunyi"
    for username in ("admin_kab", "nasional"):
        state, pages = server.login(username).pull_all()
        assert complaint.id in state["state"]["complaint"]
        text = repr(pages)
        assert "Rahmat Tersembunyi" not in text and "081399887766" not in text


def test_limits_per_address_are_shared_by_the_server_processes(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, object]) -> None:
    first = serve_world(public_agency="T-kab", public_submits_per_hour=3, public_lookups_per_hour=2)
    second = serve_world(database_url=first.live.database_url, public_agency="T-kab",
                         public_submits_per_hour=3, public_lookups_per_hour=2)
    before = _count(first)
    one, two = Citizen(first.live.url), Citizen(second.live.url)
    assert one.submit().status == 200 and two.submit().status == 200
    sent = one.submit()
    assert sent.status == 200
    refused = two.submit()
    assert refused.status == 429 and "satu jam lagi" in refused.text
    assert _count(first) == before + 3
    assert one.track(sent.number, sent.code).status == 200
    assert two.track(sent.number, "SALAHKODE1").status == 404
    assert one.track(sent.number, sent.code).status == 429  # guessing codes stops here too


def test_a_purged_complaint_leaves_no_code_or_rating(serve_world: Callable[..., WorldServer],
                                                     world_template: tuple[str, object]) -> None:
    server = serve_world(public_agency="T-kab")
    citizen = Citizen(server.live.url)
    sent = citizen.submit()
    complaint = _complaint(server, sent.number)
    with server.live.session() as session, session.begin():
        delete_complaint(session, complaint.id)
    with server.live.session() as session:
        assert session.get(PublicAccess, complaint.id) is None
    assert citizen.track(sent.number, sent.code).status == 404


def test_the_same_form_sent_at_once_from_several_taps_makes_one_complaint(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, object]) -> None:
    server = serve_world(public_agency="T-kab",
                         public_submits_per_hour=50)
    before = _count(server)
    citizen = Citizen(server.live.url)
    form = citizen.get("/")
    cookies = citizen.http.cookies

    def tap(_: int) -> Page:
        own = Citizen(server.live.url)  # a session each: requests.Session is not thread-safe
        own.http.cookies.update(cookies)
        return own.submit(form=form)

    with ThreadPoolExecutor(6) as pool:
        pages = list(pool.map(tap, range(6)))
    assert [p.status for p in pages] == [200] * 6
    assert len({p.number for p in pages}) == 1
    assert sum('id="kode"' in p.text for p in pages) == 1  # the code is shown once
    assert _count(server) == before + 1


def test_an_agency_the_directory_does_not_know_takes_no_complaint(
        serve_world: Callable[..., WorldServer]) -> None:
    server = serve_world(public_agency="T-tidak-ada")
    before = _count(server)
    page = Citizen(server.live.url).submit()
    assert page.status == 503 and "belum terkirim" in page.text
    assert _count(server) == before


def test_the_form_cookie_is_secure_behind_an_https_proxy(
        serve_world: Callable[..., WorldServer]) -> None:
    server = serve_world(public_agency="T-kab", trusted_proxies=("127.0.0.1",))
    behind = requests.get(server.live.url + "/", headers={"X-Forwarded-Proto": "https"},
                          timeout=30)
    assert "secure" in behind.headers["set-cookie"].lower()
    assert "samesite=strict" in behind.headers["set-cookie"].lower()
    assert "httponly" in behind.headers["set-cookie"].lower()
    plain = requests.get(server.live.url + "/", timeout=30)  # plain HTTP: a test, a LAN trial
    assert "secure" not in plain.headers["set-cookie"].lower()
    untrusted = serve_world(public_agency="T-kab")  # anyone can write the header
    said = requests.get(untrusted.live.url + "/", headers={"X-Forwarded-Proto": "https"},
                        timeout=30)
    assert "secure" not in said.headers["set-cookie"].lower()


def test_a_rating_is_pulled_by_every_desktop_its_note_only_by_readers(
        serve_world: Callable[..., WorldServer]) -> None:
    """The rating sends its complaint again (a fresh change number, the version kept); a
    rahasia complaint's rating note, the reporter's words, reaches only those who may read it."""
    server = serve_world(public_agency="T-kab")
    citizen = Citizen(server.live.url)
    sent = citizen.submit(rahasia="ya")
    complaint = _complaint(server, sent.number)
    admin, national = server.login("admin_kab"), server.login("nasional")
    assert admin.do("handle", complaint.id, 1, note="kami tangani",
                    disposition_id=new_id())["outcome"] == "applied"
    assert admin.do("follow_up", complaint.id, None, follow_up_id=new_id(),
                    body="Sudah kami perbaiki.")["outcome"] == "applied"
    assert admin.do("close", complaint.id, None, note="Selesai")["outcome"] == "applied"
    seen = {name: api.pull_all()[0] for name, api in (("admin", admin), ("national", national))}
    assert seen["admin"]["state"]["complaint"][complaint.id]["rating"] is None
    version = seen["admin"]["state"]["complaint"][complaint.id]["version"]
    assert citizen.rate(citizen.track(sent.number, sent.code), 4, "Cepat ditangani").status == 200
    for name, api, note in (("admin", admin, "Cepat ditangani"), ("national", national, None)):
        state, _ = api.pull_all(seen[name]["cursor"])
        row = state["state"]["complaint"][complaint.id]
        assert (row["rating"], row["rating_note"]) == (4, note)
        assert row["rated_at"] is not None and row["version"] == version
