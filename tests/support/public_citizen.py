"""A citizen's browser on the public pages, without a browser: a cookie jar and the forms as the
pages give them (their tokens read from the HTML). The Chromium tests drive the same pages in a
real browser (tests/server/test_public_browser.py)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

import requests

_TOKEN = re.compile(r'name="token" value="([^"]+)"')
_ACCESS = re.compile(r'name="akses" value="([^"]+)"')
_NUMBER = re.compile(r'id="nomor">(\d+)<')
_CODE = re.compile(r'id="kode">([A-Z0-9]+)<')


def form_fields(**overrides: Any) -> dict[str, str]:
    fields = {
        "jenis": "pengaduan",
        "judul": "Lampu jalan padam di depan sekolah",
        "isi": "Sudah dua minggu lampu jalan di depan SD Negeri 3 padam; anak-anak pulang gelap.",
        "tanggal": "2026-10-30",
        "provinsi": "Sulawesi Tenggara",
        "kabupaten": "Konawe",
        "kecamatan": "Unaaha",
        "desa": "Tumpas",
        "kategori": "Kesehatan",
        "nama": "Wa Ode Sitti",
        "telepon": "081234567890",
        "email": "",
        "situs": "",
    }
    fields.update({k: str(v) for k, v in overrides.items()})
    return fields


@dataclass
class Page:
    status: int
    text: str

    @property
    def token(self) -> str:
        found = _TOKEN.search(self.text)
        assert found, self.text[:2000]
        return html.unescape(found.group(1))

    @property
    def access(self) -> str:
        found = _ACCESS.search(self.text)
        assert found, self.text[:2000]
        return html.unescape(found.group(1))

    @property
    def number(self) -> int:
        found = _NUMBER.search(self.text)
        assert found, self.text[:2000]
        return int(found.group(1))

    @property
    def code(self) -> str:
        found = _CODE.search(self.text)
        assert found, self.text[:2000]
        return found.group(1)


@dataclass
class Citizen:
    base: str  # the server's root URL
    http: requests.Session = field(default_factory=requests.Session)

    def _page(self, response: requests.Response) -> Page:
        return Page(response.status_code, response.text)

    def get(self, path: str) -> Page:
        return self._page(self.http.get(self.base + path, timeout=30))

    def post(self, path: str, data: dict[str, str],
             files: list[tuple[str, tuple[str, bytes, str]]] | None = None) -> Page:
        return self._page(self.http.post(self.base + path, data=data, files=files, timeout=60))

    def submit(self, files: list[tuple[str, bytes, str]] | None = None,
               form: Page | None = None, **fields: Any) -> Page:
        form = form or self.get("/")
        parts = [("berkas", f) for f in files] if files else None
        return self.post("/", {"token": form.token, **form_fields(**fields)}, parts)

    def track(self, number: int | str, code: str) -> Page:
        form = self.get("/lacak")
        return self.post("/lacak", {"token": form.token, "nomor": str(number), "kode": code})

    def answer(self, page: Page, text: str) -> Page:
        return self.post("/lacak/tanggapi", {"token": page.token, "akses": page.access,
                                             "tanggapan": text})

    def rate(self, page: Page, rating: int, note: str = "") -> Page:
        return self.post("/lacak/nilai", {"token": page.token, "akses": page.access,
                                          "nilai": str(rating), "catatan": note})
