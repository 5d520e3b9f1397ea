"""Registers the way an OPD keeps them, for the import tests.

A title block above the header (the register's name, the office, the period; merged cells in
the workbook), semicolons in the CSV (Excel's in Indonesia), the office's own column names ("No",
"Nama Pengadu", "Uraian Pengaduan", "Cara Penyampaian", "Perihal"...), no "Jenis", "Kategori",
"Provinsi" or "Kabupaten/Kota" column (the whole register is one office's), dates typed by hand
in several ways, and a bad row in the middle (no chronology, a date that does not exist).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

TITLE = ("REGISTER PENGADUAN MASYARAKAT", "DINAS KOMUNIKASI DAN INFORMATIKA KOTA KENDARI",
         "Periode: November 2026")
HEADER = ("No", "Tanggal", "Nama Pengadu", "Alamat", "No. HP/WA", "Perihal",
          "Uraian Pengaduan", "Cara Penyampaian", "Keterangan")
#: The register's rows; row 4 (the 4th) is bad: no chronology and 31/11/2026 does not exist.
ROWS: tuple[tuple[str, ...], ...] = (
    ("1", "3/11/2026", "Budi Santoso", "Jl. Ahmad Yani No. 5", "0812-3456-7890",
     "Lampu jalan padam", ("Lampu jalan di depan kantor lurah Kadia padam sejak dua minggu, "
     "rawan kecelakaan pada malam hari."), "Datang langsung", "diteruskan ke DPUPR"),
    ("2", "3 Nov 2026", "Siti Aminah", "Kel. Wua-Wua", "081298765432",
     "Sampah menumpuk di pasar", ("Sampah di Pasar Baruga tidak diangkut selama seminggu, "
     "baunya sampai ke rumah warga."), "Surat", ""),
    ("3", "Senin, 2 November 2026", "La Ode Hamid", "Kec. Poasia", "",
     "Jalan berlubang di Poasia", ("Jalan poros Poasia berlubang besar, sudah dua pengendara "
     "motor jatuh minggu ini."), "Telepon", ""),
    ("4", "31/11/2026", "Wa Ode Nur", "Kel. Anduonohu", "0813 1111 2222",
     "Air PDAM mati", "", "WhatsApp", "uraian belum ditulis"),
    ("5", "5-11-2026 09.30", "Andi Saputra", "Kel. Bende", "085255554444",
     "Pungutan di sekolah", ("Sekolah meminta uang seragam Rp 750.000 kepada murid baru tanpa "
     "rincian, padahal sekolah negeri."), "tatap muka", "-"),
)
BAD_ROW_INDEX = 3
#: What the file leaves out, given once for the whole register (the CLI's --default words).
DEFAULTS = {"jenis": "pengaduan", "kategori": "PEKERJAAN UMUM DAN PENATAAN RUANG",
            "provinsi": "Sulawesi Tenggara", "kabupaten": "Kota Kendari"}
FIELD_DEFAULTS = {"complaint_type": "pengaduan", "category": "PEKERJAAN UMUM DAN PENATAAN RUANG",
                  "province": "Sulawesi Tenggara", "regency": "Kota Kendari"}


def _csv_line(cells: tuple[str, ...] | list[str]) -> str:
    return ";".join(f'"{c}"' if ";" in c or '"' in c else c for c in cells)


def write_csv(path: Path, rows: tuple[tuple[str, ...], ...] = ROWS) -> Path:
    """As Excel saves "CSV (dipisahkan titik koma)" in UTF-8: the title block fills only its
    first cell, an empty line, then the header."""
    width = len(HEADER)
    lines = [_csv_line([t] + [""] * (width - 1)) for t in TITLE]
    lines += [";" * (width - 1), _csv_line(list(HEADER))]
    lines += [_csv_line(list(r)) for r in rows]
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def write_xlsx(path: Path, rows: tuple[tuple[str, ...], ...] = ROWS) -> Path:
    """The same register as a workbook: the title rows merged across the table, the header on
    row 5, the row numbers as numbers."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    for number, title in enumerate(TITLE, start=1):
        sheet.cell(row=number, column=1, value=title)
        sheet.merge_cells(start_row=number, start_column=1, end_row=number,
                          end_column=len(HEADER))
    sheet.append([])
    for column, header in enumerate(HEADER, start=1):
        sheet.cell(row=5, column=column, value=header)
    for offset, values in enumerate(rows, start=6):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=offset, column=column,
                       value=int(value) if column == 1 else (value or None))
    book.save(path)
    return path
