from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from lapor_desk.models.cache import Cache, Complaint, OutboxEntry, open_cache
from lapor_desk.sync import importer, register_read
from lapor_desk.sync.errors import ImportFailed, RowError
from lapor_desk.sync.importer import import_register
from lapor_desk.sync.outbox import Outbox
from tests.sync.fakes import sign_in

ID_HEADER = ("jenis;judul;isi laporan;provinsi;kabupaten/kota;kategori;kanal;anonim;"
             "nama pelapor;no hp;tanggal kejadian")
ID_ROWS = [
    (
        "Pengaduan;Jalan rusak parah;Jalan di depan pasar berlubang besar sejak Januari.;"
        "Sulawesi Tenggara;Konawe;Pekerjaan Umum dan Penataan Ruang;Tatap Muka;tidak;Budi;"
        "0812-3456-7890;01/02/2026"
    ),
    (
        "Aspirasi;Usul taman kota;Mohon dibangun taman bermain untuk anak-anak.;"
        "Sulawesi Tenggara;Konawe;Pekerjaan Umum dan Penataan Ruang;surat;ya;;;"
    ),
]
EN_HEADER = "complaint_type,title,body,province,regency,category,channel,reporter_name"


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    c = open_cache(tmp_path / "profile")
    sign_in(c)
    yield c
    c.close()


def counts(cache: Cache) -> tuple[int, int]:
    with cache.engine.connect() as c:
        return (c.execute(select(func.count()).select_from(Complaint)).scalar_one(),
                c.execute(select(func.count()).select_from(OutboxEntry)).scalar_one())


def write(tmp_path: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def test_bahasa_csv_imports_all_rows(cache: Cache, tmp_path: Path) -> None:
    result = import_register(Outbox(cache), write(tmp_path, "r.csv", [ID_HEADER, *ID_ROWS, ""]))
    assert result.count == 2 and counts(cache) == (2, 2)
    with cache.engine.connect() as c:
        channels = set(c.execute(select(Complaint.channel)).scalars())
    assert channels == {"walk_in", "letter"}


def test_english_xlsx_imports(cache: Cache, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(EN_HEADER.split(",") + ["extra"])
    sheet.append(["aspirasi", "Lampu jalan mati", "Lampu jalan mati sejak seminggu.",
                  "Jawa Timur", "Surabaya", "Pekerjaan Umum dan Penataan Ruang", "phone", "Sari", "x"])
    path = tmp_path / "r.xlsx"
    book.save(path)
    result = import_register(Outbox(cache), path)
    assert result.count == 1 and result.ignored_columns == ("extra",)


def test_one_bad_row_imports_nothing_and_names_every_error(cache: Cache, tmp_path: Path) -> None:
    bad = ID_ROWS[0].replace("Tatap Muka", "merpati").replace("Jalan rusak parah", "Rus")
    lines = [ID_HEADER, ID_ROWS[0], bad, ID_ROWS[1].replace("Pekerjaan Umum dan Penataan Ruang", "Tidak Ada")]
    with pytest.raises(ImportFailed) as info:
        import_register(Outbox(cache), write(tmp_path, "r.csv", lines))
    assert set(info.value.errors) == {
        RowError(3, "title", "too_short"), RowError(3, "channel", "invalid"),
        RowError(4, "category", "unknown")}
    assert counts(cache) == (0, 0)


@pytest.mark.parametrize("name,content,code", [
    ("r.csv", b"", "empty"),
    ("r.csv", b"judul;isi\n", "empty"),
    ("r.csv", b"foo,bar\n1,2\n", "no_known_columns"),
    ("r.csv", "judul;isi\nJalan rusak;Caf\xe9 ".encode("latin-1") + b"\xff\xfe", "bad_encoding"),
    ("r.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not_tabular"),
    ("r.xlsx", b"judul;isi\n", "not_tabular"),
    ("r.xlsx", b"PK\x03\x04garbage", "not_tabular"),
    ("r.pdf", b"%PDF-1.4", "unsupported_type"),
])
def test_malformed_files_leave_the_cache_untouched(cache: Cache, tmp_path: Path, name: str,
                                                   content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as info:
        import_register(Outbox(cache), path)
    assert info.value.code == code
    assert counts(cache) == (0, 0)


def test_huge_files_are_refused(cache: Cache, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(register_read, "MAX_FILE_BYTES", 100)
    with pytest.raises(ImportFailed) as info:
        import_register(Outbox(cache), write(tmp_path, "r.csv", [ID_HEADER, *ID_ROWS]))
    assert info.value.code == "too_large"
    monkeypatch.setattr(register_read, "MAX_FILE_BYTES", 10**7)
    monkeypatch.setattr(importer, "MAX_ROWS", 1)
    with pytest.raises(ImportFailed) as info:
        import_register(Outbox(cache), write(tmp_path, "r.csv", [ID_HEADER, *ID_ROWS]))
    assert info.value.code == "too_large"
    assert counts(cache) == (0, 0)


def test_a_stray_nul_is_cleaned_and_its_row_reported(cache: Cache, tmp_path: Path) -> None:
    """A NUL copied into a register (here inside the first 8 KB, where the file used to be
    refused whole as not a CSV) is removed like the server removes it; the row is named."""
    rows = [ID_ROWS[0], ID_ROWS[1].replace("Usul taman", "Usul\x00 taman\u202e")]
    result = import_register(Outbox(cache), write(tmp_path, "r.csv", [ID_HEADER, *rows]))
    assert result.count == 2 and result.cleaned_rows == (3,)
    with cache.engine.connect() as c:
        titles = set(c.execute(select(Complaint.title)).scalars())
    assert titles == {"Jalan rusak parah", "Usul taman kota"}


def test_utf16_and_binary_files_are_still_not_registers(cache: Cache, tmp_path: Path) -> None:
    for name, data in (("r.csv", "\n".join([ID_HEADER, *ID_ROWS]).encode("utf-16-le")),
                       ("r.csv", bytes(range(256)) * 8)):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ImportFailed) as info:
            import_register(Outbox(cache), path)
        assert info.value.code in ("not_tabular", "bad_encoding")
    assert counts(cache) == (0, 0)


def test_excel_escapes_are_read_back(tmp_path: Path) -> None:
    assert register_read.unescape_cell("baris_x000D_\nbaru") == "baris\r\nbaru"
    assert register_read.unescape_cell("a_x0000_b") == "a\x00b"
    assert register_read.unescape_cell("_x005F_x0000_") == "_x0000_"  # an escaped underscore
    assert register_read.unescape_cell("nama_file_x.jpg") == "nama_file_x.jpg"
