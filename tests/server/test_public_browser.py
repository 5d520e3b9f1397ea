"""The public pages in a real Chromium (Playwright, Debian's /usr/bin/chromium), end to end with
the desktop's real sync engine (Workstation) on both sides of the handling: a citizen sends a
complaint with a photo -> the agency admin's desktop syncs and sees it -> forwards it -> the
liaison officer's desktop replies -> the citizen reads the reply and answers -> the admin's
desktop shows the complaint Ditanggapi Pelapor. axe-core checks every page (no serious or
critical violation), and each page's weight is measured (what a cheap phone downloads)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import keyring
import pytest
from axe_playwright_python.sync_playwright import Axe
from keyring.backend import KeyringBackend
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from sqlalchemy import select

from lapor_desk.server.db import Complaint, ReplyContact
from lapor_desk.services import Workstation
from lapor_desk.sync.credentials import MemoryKeyring
from tests.server.builder import PASSWORD, new_id
from tests.server.client import WorldServer

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
#: What one page may weigh (HTML and everything it loads): a slow link on a cheap phone.
PAGE_BUDGET = 20 * 1024


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh)")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS,
                                          headless=True)
        yield launched
        launched.close()


class Weights:
    """The bytes of every response a page loads, per page (its URL when it was loaded)."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self._current = ""

    def watch(self, page: Any) -> None:
        page.on("response", self._seen)

    def _seen(self, response: Any) -> None:
        if response.request.resource_type == "document":
            self._current = f"{response.request.method} {urlsplit(response.url).path}"
        try:
            size = len(response.body())
        except PlaywrightError:  # a redirect has no body
            size = 0
        key = self._current or response.url
        self.pages[key] = self.pages.get(key, 0) + size


def _accessible(page: Any) -> None:
    results = Axe().run(page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], (page.url, bad)


def _desk(tmp_path: Path, name: str, server: WorldServer, username: str) -> Workstation:
    desk = Workstation(tmp_path / name, device="pytest")
    desk.sign_in(server.live.url, username, PASSWORD)
    desk.sync()
    return desk


def test_citizen_to_desktop_and_back(serve_world: Callable[..., WorldServer],
                                     world_template: tuple[str, Any], browser: Any,
                                     memory: MemoryKeyring, tmp_path: Path) -> None:
    server = serve_world(public_agency="T-kab")
    url = server.live.url
    weights = Weights()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    weights.watch(page)

    page.goto(url + "/")
    _accessible(page)
    page.select_option("#jenis", "pengaduan")
    page.fill("#judul", "Puskesmas tutup di jam layanan")
    page.fill("#isi", "Hari Senin pukul 10.00 Puskesmas Unaaha tutup, tidak ada petugas jaga.")
    page.fill("#tanggal", "2026-11-30")
    page.fill("#provinsi", "Sulawesi Tenggara")
    page.fill("#kabupaten", "Konawe")
    page.select_option("#kategori", "KESEHATAN")
    photo = tmp_path / "pintu.png"
    photo.write_bytes(_png())
    page.set_input_files("#berkas", str(photo))
    page.fill("#nama", "La Ode Hamid")
    page.fill("#telepon", "082345678901")
    page.click("button[type=submit]")
    page.wait_for_selector("#kode")
    _accessible(page)
    number, code = int(page.inner_text("#nomor")), page.inner_text("#kode")

    with server.live.session() as session:
        complaint_id = session.scalar(select(Complaint.id).where(
            Complaint.tracking_number == number))
    assert complaint_id is not None

    admin = _desk(tmp_path, "admin", server, "admin_kab")
    seen = admin.detail(complaint_id)
    assert (seen.row.tracking_number, seen.row.title) == (number, "Puskesmas tutup di jam layanan")
    assert seen.reporter_name == "La Ode Hamid" and seen.row.status == "unverified"
    admin.actions.forward(complaint_id, server.unit("kab_health"), "Mohon ditindaklanjuti")
    admin.sync()

    liaison = _desk(tmp_path, "liaison", server, "lo_kab_health")
    liaison.actions.follow_up(complaint_id, "Petugas jaga sudah ditegur; jadwal kami pasang di pintu.")
    liaison.sync()

    page.goto(url + "/lacak")
    _accessible(page)
    page.fill("#nomor", str(number))
    page.fill("#kode", code)
    page.click("button[type=submit]")
    page.wait_for_selector(".tindak")
    assert "jadwal kami pasang di pintu" in page.inner_text("main")
    _accessible(page)
    page.fill("#tanggapan", "Terima kasih, tetapi Selasa pagi masih tutup.")
    page.click("form[action='/lacak/tanggapi'] button")
    page.wait_for_selector("[role=status]")
    assert page.inner_text("#status") == "Ditanggapi Pelapor"
    _accessible(page)

    admin.sync()
    after = admin.detail(complaint_id)
    assert after.row.status == "reporter_responded"
    assert any("Selasa pagi masih tutup" in str(entry) for entry in after.timeline)
    admin.close()
    liaison.close()
    context.close()

    heaviest = max(weights.pages.values())
    report = ", ".join(f"{name}: {size} B" for name, size in weights.pages.items())
    print(f"public page weights: {report}")
    assert heaviest <= PAGE_BUDGET, report


def test_error_pages_and_the_rating_form_are_accessible(
        serve_world: Callable[..., WorldServer], world_template: tuple[str, Any],
        browser: Any) -> None:
    server = serve_world(public_agency="T-kab")
    url = server.live.url
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()

    page.goto(url + "/")
    page.fill("#isi", "pendek")
    page.fill("#provinsi", "Sulawesi Tenggara")
    page.fill("#kabupaten", "Konawe")
    page.select_option("#kategori", "KESEHATAN")
    page.evaluate("document.querySelector('form').noValidate = true")  # the server's own checks
    page.click("button[type=submit]")
    page.wait_for_selector(".salah")
    assert page.get_attribute("#judul", "aria-invalid") == "true"
    assert page.inner_text("#judul-salah").startswith("Judul wajib diisi")
    _accessible(page)

    page.goto(url + "/lacak")
    page.fill("#nomor", "1234567")
    page.fill("#kode", "SALAHKODE1")
    page.click("button[type=submit]")
    page.wait_for_selector("[role=alert]")
    _accessible(page)

    page.goto(url + "/")
    page.fill("#judul", "Sampah menumpuk di pasar")
    page.fill("#isi", "Sampah di Pasar Unaaha tidak diangkut sejak seminggu.")
    page.fill("#provinsi", "Sulawesi Tenggara")
    page.fill("#kabupaten", "Konawe")
    page.select_option("#kategori", "KESEHATAN")
    page.check("input[name=anonim]")
    page.click("button[type=submit]")
    page.wait_for_selector("#kode")
    number, code = int(page.inner_text("#nomor")), page.inner_text("#kode")
    with server.live.session() as session:
        complaint_id = session.scalar(select(Complaint.id).where(
            Complaint.tracking_number == number))
    admin = server.login("admin_kab")
    assert admin.do("forward", complaint_id, 1, to_id=server.unit("kab_health"),
                    disposition_id=new_id())["outcome"] == "applied"
    assert server.login("lo_kab_health").do(
        "follow_up", complaint_id, None, follow_up_id=new_id(),
        body="Sampah sudah diangkut.")["outcome"] == "applied"
    assert admin.do("close", complaint_id, None, note="Sudah diangkut")["outcome"] == "applied"

    page.goto(url + "/lacak")
    page.fill("#nomor", str(number))
    page.fill("#kode", code)
    page.click("button[type=submit]")
    page.wait_for_selector("form[action='/lacak/nilai']")
    _accessible(page)
    page.check("input[name=nilai][value='5']")
    page.click("form[action='/lacak/nilai'] button")
    page.wait_for_selector("[role=status]")
    assert "5 dari 5" in page.inner_text("main")
    _accessible(page)
    context.close()


def test_the_contact_for_news_is_asked_plainly_and_checked(
        serve_world: Callable[..., WorldServer], browser: Any) -> None:
    """A server that can answer by email, WhatsApp and SMS asks for a contact for news; a bad one
    is refused beside its field (accessible), a good one is kept for the anonim reporter."""
    server = serve_world(public_agency="T-kab", smtp_host="127.0.0.1", email_from="lapor@kab.id",
                         whatsapp_phone_number_id="1065", whatsapp_access_token="t",
                         sms_url="http://127.0.0.1:9/message")
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    weights = Weights()
    weights.watch(page)
    page.goto(server.live.url + "/")
    assert "tidak diteruskan ke petugas" in page.inner_text("#kabar-bantu")
    assert page.is_checked("input[name=kabar_lewat][value=whatsapp]")
    _accessible(page)
    page.fill("#judul", "Jalan berlubang di depan pasar")
    page.fill("#isi", "Lubang besar di Jalan Pasar Unaaha membuat motor jatuh.")
    page.fill("#provinsi", "Sulawesi Tenggara")
    page.fill("#kabupaten", "Konawe")
    page.select_option("#kategori", "KESEHATAN")
    page.check("input[name=anonim]")
    page.fill("#kabar", "bukan kontak")
    page.click("button[type=submit]")
    page.wait_for_selector("#kabar-salah")
    assert page.get_attribute("#kabar", "aria-invalid") == "true"
    _accessible(page)
    page.fill("#kabar", "0813 9988 7766")
    page.check("input[name=kabar_lewat][value=sms]")
    page.click("button[type=submit]")
    page.wait_for_selector("#kode")
    number = int(page.inner_text("#nomor"))
    with server.live.session() as session:
        contact = session.execute(select(ReplyContact.channel, ReplyContact.address).join(
            Complaint, Complaint.id == ReplyContact.complaint_id).where(
            Complaint.tracking_number == number)).one()
    assert tuple(contact) == ("sms", "6281399887766")
    assert max(weights.pages.values()) <= PAGE_BUDGET, weights.pages
    context.close()
